//! The leaders a site lists on its own 领导信息 (or 负责人) page, so that their names count
//! as listed without being copied into `sites/<id>.yaml`.
//!
//! The convention has no column role for such a page, so a column holds leaders when its name
//! contains 领导 or 负责人 (领导信息, 领导之窗, 单位负责人) or its id is one of the usual ones
//! (`ldxx`, `ldzc`, `fzr` …). On its pages a leader is read from
//!
//! - a labelled line: `姓名：杨晓峰`, with `职务：常务副县长` on a following line;
//! - a title and a name: `常务副县长：杨晓峰`, `## 杨晓峰 常务副县长`, `| 杨晓峰 | 常务副县长 |`;
//! - a table whose header has a 姓名 column (and a 职务 column);
//! - a heading or page title that is a name alone, when a `职务：` line follows it.
//!
//! Anything else on the page (biographies, 分工 lists) is not taken for a name.

use super::words;

/// True for a column that lists a site's leaders (by its id or name, see the module).
pub fn is_leadership_column(id: &str, name: &str) -> bool {
    words::LEADERSHIP_COLUMN_IDS.contains(&id) || words::LEADERSHIP_COLUMN_NAMES.iter().any(|w| name.contains(w))
}

/// The (name, title) of every leader a leadership page lists; `title` is the page's title,
/// `body` its Markdown.
pub fn leaders_on_page(title: &str, body: &str) -> Vec<(String, Option<String>)> {
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    // A name waiting for its 职务 line (a heading or the page title that is a name alone).
    let mut pending: Option<String> = looks_like_name(title.trim()).then(|| title.trim().to_string());
    // The entry a following 职务 line completes (one read from a 姓名 line).
    let mut untitled: Option<usize> = None;
    // The column of 姓名 and of 职务 in the table being read.
    let mut table: Option<(Option<usize>, Option<usize>)> = None;
    for raw in body.lines() {
        let line = raw.trim();
        if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<String> = row.trim_end_matches('|').split('|').map(clean).collect();
            if cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
                continue;
            }
            match table {
                None => {
                    let col = |labels: &[&str]| cells.iter().position(|c| labels.contains(&c.as_str()));
                    table = Some((col(words::NAME_LABELS), col(words::TITLE_LABELS)));
                    if table == Some((None, None)) {
                        pair_of(&cells, &mut found);
                    }
                }
                Some((Some(n), t)) => {
                    if let Some(name) = cells.get(n).filter(|c| looks_like_name(c)) {
                        let title = t.and_then(|t| cells.get(t)).filter(|c| !c.is_empty()).cloned();
                        found.push((name.clone(), title));
                    }
                }
                Some((None, _)) => pair_of(&cells, &mut found),
            }
            continue;
        }
        table = None;
        let heading = line.starts_with('#');
        let text = clean(line.trim_start_matches(['#', '-', '*', '+', '>', ' ']));
        if heading {
            pending = None;
            untitled = None;
        }
        if let Some((key, value)) = text.split_once(['：', ':']) {
            let (key, value) = (key.trim(), value.trim());
            if words::NAME_LABELS.contains(&key) {
                if looks_like_name(value) {
                    untitled = Some(found.len());
                    found.push((value.to_string(), None));
                }
                continue;
            }
            if words::TITLE_LABELS.contains(&key) && !value.is_empty() {
                if let Some(i) = untitled.take() {
                    found[i].1 = Some(value.to_string());
                } else if let Some(name) = pending.take() {
                    found.push((name, Some(value.to_string())));
                }
                continue;
            }
            if is_title(key) {
                let names: Vec<&str> = value.split(['、', '，', ',', ' ', '　']).filter(|n| !n.is_empty()).collect();
                if !names.is_empty() && names.iter().all(|n| looks_like_name(n)) {
                    found.extend(names.into_iter().map(|n| (n.to_string(), Some(key.to_string()))));
                }
                continue;
            }
        }
        let tokens: Vec<String> = text.split([' ', '　', '\t']).filter(|t| !t.is_empty()).map(str::to_string).collect();
        if tokens.len() == 2 {
            pair_of(&tokens, &mut found);
        } else if heading && tokens.len() == 1 && looks_like_name(&tokens[0]) {
            pending = Some(tokens[0].clone());
        }
    }
    found
}

/// Two cells or words that are a name and a title, in either order.
fn pair_of(cells: &[String], found: &mut Vec<(String, Option<String>)>) {
    if let [a, b] = cells {
        if looks_like_name(a) && is_title(b) {
            found.push((a.clone(), Some(b.clone())));
        } else if is_title(a) && looks_like_name(b) {
            found.push((b.clone(), Some(a.clone())));
        }
    }
}

/// A cell or line without Markdown emphasis and surrounding blanks.
fn clean(s: &str) -> String {
    s.replace("**", "").replace("__", "").trim().trim_matches('　').trim().to_string()
}

/// A title: ends with a title word (常务副县长, 县委副书记、县长).
fn is_title(s: &str) -> bool {
    s.chars().count() <= 20 && words::TITLES.iter().any(|t| s.ends_with(t))
}

/// Two to four Chinese characters that are not a title (a personal name, as far as a page can
/// tell), or a name of Chinese characters around a middle dot (阿不都·热合曼).
fn looks_like_name(s: &str) -> bool {
    let n = s.chars().count();
    let han = |p: &str| !p.is_empty() && p.chars().all(super::is_han);
    let plain = (2..=4).contains(&n) && han(s);
    let dotted = n <= 12 && s.contains('·') && s.split('·').all(han);
    (plain || dotted) && !is_title(s) && !words::NAME_LABELS.contains(&s) && !words::TITLE_LABELS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(title: &str, body: &str) -> Vec<(String, Option<String>)> {
        leaders_on_page(title, body)
    }

    fn l(name: &str, title: &str) -> (String, Option<String>) {
        (name.into(), Some(title.into()))
    }

    #[test]
    fn leadership_columns_are_known_by_name_or_id() {
        assert!(is_leadership_column("ldxx", "领导信息"));
        assert!(is_leadership_column("x1", "单位负责人"));
        assert!(is_leadership_column("ldzc", "Leaders"));
        assert!(!is_leadership_column("jgzn", "机构职能"));
    }

    #[test]
    fn labelled_lines_headings_and_tables_give_names_and_titles() {
        let body = "## 杨晓峰\n\n职务：县委常委、常务副县长\n\n负责政府常务工作。\n\n\
                    ## 王敏 副县长\n\n**姓名**：李建国\n**职务**：县政府党组成员\n\n\
                    县长：张伟、刘洋\n\n| 姓名 | 职务 | 分工 |\n|---|---|---|\n| 赵红梅 | 副县长 | 分管教育 |\n";
        assert_eq!(
            read("县政府领导", body),
            [
                l("杨晓峰", "县委常委、常务副县长"),
                l("王敏", "副县长"),
                l("李建国", "县政府党组成员"),
                l("张伟", "县长"),
                l("刘洋", "县长"),
                l("赵红梅", "副县长"),
            ]
        );
    }

    #[test]
    fn a_page_per_leader_names_its_leader_in_the_title() {
        assert_eq!(read("杨晓峰", "职务：常务副县长\n\n简历：……\n"), [l("杨晓峰", "常务副县长")]);
    }

    #[test]
    fn biographies_and_duties_are_not_names() {
        let body = "## 工作分工\n\n负责财政、审计工作。\n\n## 个人简历\n\n1975年生，汉族。\n\n分管：教育局、财政局\n";
        assert!(read("领导信息", body).is_empty());
    }
}
