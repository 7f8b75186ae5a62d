//! Disclosure metadata (政府信息公开目录 fields) in the forms NORMS.md §4 requires.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Cluster, ColumnKind};
use crate::parse::Page;
use crate::t;

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
        let year = m.date.day.format("%Y").to_string();
        let org = site.org_code.as_str();
        match m.index_no.as_deref() {
            None => diags.push(Diagnostic::error(&p.src, "index-no", t!("check-index-no-missing")).at(1).help(t!(
                "check-index-no-missing-help",
                org = org,
                year = year.as_str()
            ))),
            Some(no) => match index_no_parts(no) {
                None => diags.push(
                    Diagnostic::error(&p.src, "index-no", t!("check-index-no-form", no = no))
                        .at_opt(m.line("index_no"))
                        .help(t!("check-index-no-form-help", org = org, year = year.as_str())),
                ),
                Some((code, _, _)) if code != site.org_code => diags.push(
                    Diagnostic::warning(
                        &p.src,
                        "index-no",
                        t!("check-index-no-other-org", no = no, code = code, site = site.id.as_str(), org = org),
                    )
                    .at_opt(m.line("index_no"))
                    .help(t!("check-index-no-other-org-help")),
                ),
                Some(_) => {}
            },
        }
        if m.topic.is_none() {
            diags.push(
                Diagnostic::warning(&p.src, "disclosure", t!("check-disclosure-no-topic"))
                    .at(1)
                    .help(t!("check-disclosure-no-topic-help")),
            );
        }
        if m.genre.is_none() {
            diags.push(
                Diagnostic::warning(&p.src, "disclosure", t!("check-disclosure-no-genre"))
                    .at(1)
                    .help(t!("check-disclosure-no-genre-help")),
            );
        }
        if let Some(doc) = &m.doc_number {
            check_doc_number(p, doc, diags);
        }
    }
}

fn check_doc_number(p: &Page, doc: &str, diags: &mut Diagnostics) {
    if let Some(fixed) = doc_number_fix(doc) {
        diags.push(
            Diagnostic::error(&p.src, "doc-number", t!("check-doc-number-brackets", doc = doc))
                .at_opt(p.meta.line("doc_number"))
                .help(t!("check-doc-number-brackets-help", fixed = fixed)),
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
