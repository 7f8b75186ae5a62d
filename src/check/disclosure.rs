//! Disclosure metadata (政府信息公开目录 fields) in the forms NORMS.md §4 requires.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Cluster, ColumnKind};
use crate::parse::Page;

/// Splits a 索引号 `<org>/<YYYY[MM]>-<serial>` into (org, year, serial), when it has that form.
pub fn index_no_parts(no: &str) -> Option<(&str, u32, u32)> {
    let (org, rest) = no.rsplit_once('/')?;
    let (period, serial) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let org_ok = !org.is_empty() && org.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !org_ok
        || !digits(period)
        || !(period.len() == 4 || period.len() == 6)
        || !digits(serial)
        || !(3..=6).contains(&serial.len())
    {
        return None;
    }
    Some((org, period[..4].parse().ok()?, serial.parse().ok()?))
}

/// The corrected 文号 when it uses brackets other than 〔〕 around its year.
pub fn doc_number_fix(doc: &str) -> Option<String> {
    const PAIRS: &[(char, char)] = &[
        ('[', ']'),
        ('(', ')'),
        ('（', '）'),
        ('【', '】'),
        ('［', '］'),
        ('{', '}'),
        ('〈', '〉'),
        ('﹝', '﹞'),
        ('〖', '〗'),
    ];
    let chars: Vec<char> = doc.chars().collect();
    for i in 0..chars.len().saturating_sub(5) {
        let (open, close) = (chars[i], chars[i + 5]);
        let year = &chars[i + 1..i + 5];
        if year.iter().all(|c| c.is_ascii_digit()) && PAIRS.contains(&(open, close)) {
            let mut fixed = chars.clone();
            fixed[i] = '〔';
            fixed[i + 5] = '〕';
            return Some(fixed.into_iter().collect());
        }
    }
    None
}

/// Required fields and their forms on every page of a disclosure column.
pub(super) fn fields(cluster: &Cluster, pages: &[Page], diags: &mut Diagnostics) {
    for p in pages {
        let site = &cluster.sites[p.site];
        if site.columns.list[p.column].kind != ColumnKind::Disclosure {
            if let Some(doc) = &p.meta.doc_number {
                check_doc_number(p, doc, diags);
            }
            continue;
        }
        let m = &p.meta;
        match &m.index_no {
            None => diags.push(
                Diagnostic::error(&p.src, "index-no", "a disclosed document needs a 索引号 (`index_no`)").at(1).help(
                    format!(
                        "add `index_no: {}/{}-NNNNN` (`zhanqun new` assigns the next free number)",
                        site.org_code,
                        m.date.day.format("%Y")
                    ),
                ),
            ),
            Some(no) => match index_no_parts(no) {
                None => diags.push(
                    Diagnostic::error(
                        &p.src,
                        "index-no",
                        format!("索引号 `{no}` is not in the form <机构代码>/<年份>-<序号>"),
                    )
                    .at_opt(m.line("index_no"))
                    .help(format!(
                        "write it like `{}/{}-00001`",
                        site.org_code,
                        m.date.day.format("%Y")
                    )),
                ),
                Some((org, _, _)) if org != site.org_code => diags.push(
                    Diagnostic::warning(
                        &p.src,
                        "index-no",
                        format!(
                            "索引号 `{no}` carries organisation code `{org}`, not {}'s `{}`",
                            site.id, site.org_code
                        ),
                    )
                    .at_opt(m.line("index_no"))
                    .help("a 索引号 starts with the code of the organisation that discloses the document"),
                ),
                Some(_) => {}
            },
        }
        for (key, label, value) in [("topic", "主题分类", &m.topic), ("genre", "体裁分类", &m.genre)] {
            if value.is_none() {
                diags.push(
                    Diagnostic::warning(
                        &p.src,
                        "disclosure",
                        format!("a disclosed document should have a {label} (`{key}`)"),
                    )
                    .at(1)
                    .help(format!("add `{key}:` to the front matter")),
                );
            }
        }
        if let Some(doc) = &m.doc_number {
            check_doc_number(p, doc, diags);
        }
    }
}

fn check_doc_number(p: &Page, doc: &str, diags: &mut Diagnostics) {
    if let Some(fixed) = doc_number_fix(doc) {
        diags.push(
            Diagnostic::error(&p.src, "doc-number", format!("文号 `{doc}` must put the year in 〔〕"))
                .at_opt(p.meta.line("doc_number"))
                .help(format!("write `{fixed}`")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_numbers() {
        assert_eq!(index_no_parts("000014349/2017-00110"), Some(("000014349", 2017, 110)));
        assert_eq!(index_no_parts("11520330MB1730478Y/2024-00001"), Some(("11520330MB1730478Y", 2024, 1)));
        assert_eq!(index_no_parts("11520330MB1730478Y/202403-00001").map(|p| p.1), Some(2024));
        assert!(index_no_parts("2024-00001").is_none());
        assert!(index_no_parts("abc/24-00001").is_none());
        assert!(index_no_parts("abc/2024-0x001").is_none());
    }

    #[test]
    fn doc_number_brackets() {
        assert_eq!(doc_number_fix("示府发[2024]3号").as_deref(), Some("示府发〔2024〕3号"));
        assert_eq!(doc_number_fix("示府发（2024）3号").as_deref(), Some("示府发〔2024〕3号"));
        assert_eq!(doc_number_fix("示府发【2024】3号").as_deref(), Some("示府发〔2024〕3号"));
        assert_eq!(doc_number_fix("示府发〔2024〕3号"), None);
    }
}
