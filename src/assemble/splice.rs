//! Taking one page out of an assembled [`SiteGraph`] or putting one in, without assembling the
//! cluster again: what `zhanqun serve` does when an editor adds, deletes or re-dates a news
//! page. Every page index the graph holds is shifted, the page's lists and its column's
//! previous/next are redone, and the URLs it and its lists' pages are written at are added or
//! removed — the same graph [`super::assemble`] builds from the pages afterwards.
//!
//! Only a page that nothing else is drawn from can be spliced ([`SiteGraph::can_splice`]): one of a
//! news, guide or interview list, outside the disclosure catalog, the letters and the special
//! topics, linking no file beside the pages. Any other change is assembled again.

use super::{SiteGraph, list_page_url, newest_first};
use crate::load::ColumnKind;
use crate::parse::Page;

impl SiteGraph<'_> {
    /// True when page `p` can be taken out or put in by [`SiteGraph::remove_page`] and
    /// [`SiteGraph::insert_page`]: the lists of its column and their ancestors are all it
    /// appears in.
    pub(crate) fn can_splice(&self, p: &Page) -> bool {
        let kind = self.cluster.sites[p.site].columns.list[p.column].kind;
        matches!(kind, ColumnKind::News | ColumnKind::Guide | ColumnKind::Interview)
            && p.meta.index_no.is_none()
            && p.meta.topics.is_empty()
            && p.meta.interprets.is_empty()
            && p.files.is_empty()
    }

    /// Takes page `i` out (it must satisfy [`SiteGraph::can_splice`]); the pages after it move
    /// up one index.
    pub(crate) fn remove_page(&mut self, i: usize) -> Page {
        let (s, c) = (self.pages[i].site, self.pages[i].column);
        let ancestry = self.cluster.sites[s].columns.ancestry(c);
        let counts: Vec<usize> = ancestry.iter().map(|&a| self.page_count(s, a)).collect();
        for &a in &ancestry {
            self.lists[s][a].retain(|&j| j != i);
        }
        let page = self.pages.remove(i);
        self.neighbours.remove(i);
        self.shift(|j| if j > i { j - 1 } else { j });
        self.relink(s, c);
        self.urls.remove(&page.url);
        self.by_src.remove(&page.src);
        for (&a, &before) in ancestry.iter().zip(&counts) {
            let base = self.column_url(s, a);
            for n in self.page_count(s, a) + 1..=before {
                self.urls.remove(&list_page_url(&base, n));
            }
        }
        page
    }

    /// Puts `page` in at its place in the page order (it must satisfy
    /// [`SiteGraph::can_splice`], and its URL must be free); returns its index.
    pub(crate) fn insert_page(&mut self, page: Page) -> usize {
        let (s, c) = (page.site, page.column);
        let q = self.pages.partition_point(|x| {
            (x.site, x.column).cmp(&(s, c)).then_with(|| newest_first(x, &page)) == std::cmp::Ordering::Less
        });
        let ancestry = self.cluster.sites[s].columns.ancestry(c);
        let counts: Vec<usize> = ancestry.iter().map(|&a| self.page_count(s, a)).collect();
        self.shift(|j| if j >= q { j + 1 } else { j });
        self.urls.insert(page.url.clone());
        self.by_src.insert(page.src.clone(), page.url.clone());
        self.pages.insert(q, page);
        self.neighbours.insert(q, (None, None));
        for &a in &ancestry {
            let pages = &self.pages;
            let list = &mut self.lists[s][a];
            let at = list.partition_point(|&j| newest_first(&pages[j], &pages[q]) == std::cmp::Ordering::Less);
            list.insert(at, q);
        }
        self.relink(s, c);
        for (&a, &before) in ancestry.iter().zip(&counts) {
            let base = self.column_url(s, a);
            for n in before + 1..=self.page_count(s, a) {
                self.urls.insert(list_page_url(&base, n));
            }
        }
        q
    }

    /// Applies `f` to every page index the graph holds.
    fn shift(&mut self, f: impl Fn(usize) -> usize) {
        for list in self.lists.iter_mut().flatten() {
            for j in list.iter_mut() {
                *j = f(*j);
            }
        }
        for (newer, older) in &mut self.neighbours {
            *newer = newer.map(&f);
            *older = older.map(&f);
        }
        for single in &mut self.single {
            for j in single.values_mut() {
                *j = f(*j);
            }
        }
        for list in self.topics.lists.iter_mut().flatten() {
            for j in list.iter_mut() {
                *j = f(*j);
            }
        }
        for letter in &mut self.letters.letters {
            letter.page = f(letter.page);
        }
    }

    /// Sets previous/next of the pages of column `c` of site `s`, as [`super::assemble`] does.
    fn relink(&mut self, s: usize, c: usize) {
        let own: Vec<usize> = self.lists[s][c].iter().copied().filter(|&i| self.pages[i].column == c).collect();
        for (k, &i) in own.iter().enumerate() {
            self.neighbours[i] = (k.checked_sub(1).map(|j| own[j]), own.get(k + 1).copied());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the splice keeps in step, in a comparable form.
    fn shape(g: &SiteGraph<'_>) -> String {
        let mut urls: Vec<&String> = g.urls.iter().collect();
        urls.sort();
        let mut by_src: Vec<_> = g.by_src.iter().collect();
        by_src.sort();
        let pages: Vec<&str> = g.pages.iter().map(|p| p.url.as_str()).collect();
        let letters: Vec<usize> = g.letters.letters.iter().map(|l| l.page).collect();
        format!(
            "{pages:?}\n{:?}\n{:?}\n{:?}\n{urls:?}\n{by_src:?}\n{:?}\n{letters:?}",
            g.lists, g.neighbours, g.single, g.topics.lists
        )
    }

    /// Taking any page that can be spliced out of the `basic` fixture's graph, re-dated or not,
    /// and putting it back gives the graph assembled from the pages at each step.
    #[test]
    fn splicing_a_page_equals_assembling_again() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let cluster = crate::load::load(&root, None).unwrap();
        let mut diags = crate::diagnostic::Diagnostics::default();
        let sources = crate::scan::scan(&cluster, &mut diags);
        let pages = crate::parse::parse_pages(&cluster, &sources, &mut diags);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let assemble = |pages: Vec<Page>| super::super::assemble_published(&cluster, pages, &sources, today, true).0;
        let whole = assemble(pages.clone());
        let spliceable: Vec<usize> = (0..whole.pages.len()).filter(|&i| whole.can_splice(&whole.pages[i])).collect();
        assert!(spliceable.len() >= 5, "{spliceable:?}");
        for &i in &spliceable {
            let mut g = whole.clone();
            let mut page = g.remove_page(i);
            let rest: Vec<Page> = whole.pages.iter().filter(|p| p.url != page.url).cloned().collect();
            assert_eq!(shape(&g), shape(&assemble(rest.clone())), "without {}", page.url);
            // Back at another date: first, then last in its column.
            for day in ["2026-11-24", "2001-01-01"] {
                page.meta.date.day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
                let at = g.insert_page(page.clone());
                assert_eq!(g.pages[at].url, page.url);
                let mut all = rest.clone();
                all.push(page.clone());
                assert_eq!(shape(&g), shape(&assemble(all)), "{} dated {day}", page.url);
                page = g.remove_page(at);
            }
        }
    }
}
