//! What is the cluster's own: its organisations and places, which decide whether a document is
//! its own writing or another body's document reproduced verbatim (转载), and the list of names
//! its own text must spell right (rule `name-misspelt`).
//!
//! The cluster's organisations are its sites' names, 主办单位 and 承办单位 and the
//! `organisations:` of zhanqun.yaml; its places are the place its sites' names share (示例县 for
//! 示例县人民政府, 示例县教育局 …) and each township site's own place (城关街道, 青山镇).

use super::{KnownName, NameChecker, NameKind, leaders, words};
use crate::load::{Cluster, SiteKind};
use crate::parse::{FrontMatter, Page};

/// Why a page is judged as a reproduced document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reproduced<'a> {
    /// The page says so (`reproduced: true`, 转载: 是).
    Flagged,
    /// Its 发布机构 is none of the cluster's organisations.
    Publisher(&'a str),
}

/// The cluster's own organisations and places.
#[derive(Debug, Clone, Default)]
pub struct Own {
    /// Site names, 主办单位, 承办单位 and `organisations:`.
    organisations: Vec<String>,
    /// The shared place of the sites and each township's place.
    places: Vec<String>,
}

impl Own {
    /// The organisations and places of `cluster`.
    pub fn of(cluster: &Cluster) -> Own {
        let mut organisations: Vec<String> = Vec::new();
        let mut add = |name: &str| {
            let name = name.trim();
            if !name.is_empty() && !organisations.iter().any(|o| o == name) {
                organisations.push(name.to_string());
            }
        };
        for site in &cluster.sites {
            add(&site.name);
            add(&site.sponsor);
            if let Some(o) = &site.organizer {
                add(o);
            }
        }
        for o in &cluster.config.organisations {
            add(o);
        }
        let mut places = Vec::new();
        let names: Vec<&str> = cluster.sites.iter().map(|s| s.name.as_str()).collect();
        let shared = shared_place(&names);
        for site in cluster.sites.iter().filter(|s| s.kind == SiteKind::Township) {
            let rest = shared.as_deref().and_then(|p| site.name.strip_prefix(p)).unwrap_or(&site.name);
            if let Some(place) = township_place(rest)
                && !places.contains(&place)
            {
                places.push(place);
            }
        }
        places.extend(shared);
        Own { organisations, places }
    }

    /// Why `meta`'s page is a reproduced document, or `None` for the cluster's own text: the
    /// page's own flag decides; without one, a 发布机构 none of whose parts (示例县财政局、
    /// 示例县教育局) is the cluster's.
    pub fn reproduced<'a>(&self, meta: &'a FrontMatter) -> Option<Reproduced<'a>> {
        match meta.reproduced {
            Some(true) => Some(Reproduced::Flagged),
            Some(false) => None,
            None => {
                let publisher = meta.publisher.as_deref()?;
                (!self.is_own_publisher(publisher)).then_some(Reproduced::Publisher(publisher))
            }
        }
    }

    /// True when some part of `publisher` is one of the cluster's organisations, names one of its
    /// places (中共示例县委), or is the end of an organisation's name (县教育局).
    pub fn is_own_publisher(&self, publisher: &str) -> bool {
        publisher.split(['、', '，', ',', '；', ';', '/', ' ', '　']).map(str::trim).filter(|p| !p.is_empty()).any(
            |part| {
                self.places.iter().any(|p| part.contains(p.as_str()))
                    || self.organisations.iter().any(|o| {
                        o == part
                            || (part.chars().count() >= 3
                                && o.ends_with(part)
                                && !words::GENERIC_BODIES.contains(&part))
                    })
            },
        )
    }

    /// The names the cluster's text must spell right: the leaders of `leaders:` in
    /// zhanqun.yaml and the sites' files and of the sites' leadership pages (`pages` with their
    /// source `texts`), the organisations and places, and the `places:` of zhanqun.yaml.
    pub fn checker(&self, cluster: &Cluster, pages: &[Page], texts: &[String]) -> NameChecker {
        let mut names = Vec::new();
        let person = |name: &str, title: Option<&str>| KnownName {
            name: name.trim().to_string(),
            kind: NameKind::Person,
            title: title.map(str::to_string),
        };
        let listed = cluster.config.leaders.iter().chain(cluster.sites.iter().flat_map(|s| s.leaders.iter()));
        names.extend(listed.map(|l| person(&l.name, l.title.as_deref())));
        let settled: Vec<Vec<char>> = names.iter().map(|n: &KnownName| n.name.chars().collect()).collect();
        for (page, text) in pages.iter().zip(texts) {
            let column = &cluster.sites[page.site].columns.list[page.column];
            if !leaders::is_leadership_column(&column.id, &column.name) {
                continue;
            }
            for (name, title) in leaders::leaders_on_page(&page.meta.title, text.get(page.body_offset..).unwrap_or(""))
            {
                // The settings are the reference: a page's near miss of a listed name is the
                // page's mistake, left to be found, not a second leader.
                let chars: Vec<char> = name.chars().collect();
                if !settled.iter().any(|s| *s != chars && one_edit(s, &chars)) {
                    names.push(person(&name, title.as_deref()));
                }
            }
        }
        let place = |name: &str| KnownName { name: name.trim().to_string(), kind: NameKind::Place, title: None };
        names.extend(self.organisations.iter().map(|o| place(o)));
        names.extend(self.places.iter().map(|p| place(p)));
        names.extend(cluster.config.places.iter().map(|p| place(p)));
        NameChecker::new(names)
    }
}

/// `a` and `b` differ in one character, or one lacks one character of the other.
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => a.iter().zip(b).filter(|(x, y)| x != y).count() == 1,
        1 => (0..long.len()).any(|i| long[..i] == short[..i] && long[i + 1..] == short[i..]),
        _ => false,
    }
}

/// The place all `names` start with, up to its last administrative level (示例县 for 示例县人民
/// 政府 and 示例县教育局); `None` when they share none.
fn shared_place(names: &[&str]) -> Option<String> {
    let first: Vec<char> = names.first()?.chars().collect();
    let shared = names
        .iter()
        .fold(first.len(), |n, other| first.iter().zip(other.chars()).take(n).take_while(|(a, b)| **a == *b).count());
    let end = first[..shared].iter().rposition(|c| words::PLACE_LEVELS.contains(c))?;
    (end >= 1).then(|| first[..=end].iter().collect())
}

/// A township's own place at the start of `name` (青山镇 in 青山镇人民政府, 城关街道 in 城关街道
/// 办事处).
fn township_place(name: &str) -> Option<String> {
    words::TOWNSHIP_LEVELS
        .iter()
        .filter_map(|level| name.find(level).map(|i| i + level.len()))
        .filter(|&end| name[..end].chars().count() >= 3)
        .min()
        .map(|end| name[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_place_ends_at_its_last_level() {
        assert_eq!(
            shared_place(&["示例县人民政府", "示例县教育局", "示例县城关街道办事处"]).as_deref(),
            Some("示例县")
        );
        assert_eq!(shared_place(&["梅州市梅县区人民政府", "梅州市梅县区教育局"]).as_deref(), Some("梅州市梅县区"));
        assert_eq!(shared_place(&["示例县人民政府"]).as_deref(), Some("示例县"));
        assert_eq!(shared_place(&["某某网站", "另一个网站"]), None);
    }

    #[test]
    fn township_places() {
        assert_eq!(township_place("青山镇人民政府").as_deref(), Some("青山镇"));
        assert_eq!(township_place("城关街道办事处").as_deref(), Some("城关街道"));
        assert_eq!(township_place("人民政府"), None);
    }

    #[test]
    fn publishers_of_the_cluster_and_of_others() {
        let own = Own {
            organisations: vec!["示例县人民政府".into(), "示例县教育局".into(), "中共示例县委员会".into()],
            places: vec!["示例县".into(), "青山镇".into()],
        };
        for p in ["示例县人民政府", "中共示例县委办公室", "县教育局", "青山镇人民政府", "国务院、示例县教育局"]
        {
            assert!(own.is_own_publisher(p), "{p}");
        }
        for p in ["国务院", "全国人民代表大会常务委员会", "贵州省人民政府", "人民政府"] {
            assert!(!own.is_own_publisher(p), "{p}");
        }
    }

    #[test]
    fn one_edit_apart() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(one_edit(&c("杨晓峰"), &c("杨晓锋")));
        assert!(one_edit(&c("杨晓峰"), &c("杨峰")));
        assert!(!one_edit(&c("杨晓峰"), &c("王晓锋")));
    }
}
