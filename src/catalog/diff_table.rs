//! The human-readable form of a [`DiffReport`]: aligned tables with labels in the chosen
//! language, for a terminal or a CI log. Columns are aligned by display width (a Chinese
//! character takes two cells), and the title, whose length varies most, always comes last.

use super::diff::{BackdateReason, ChangeKind, DiffReport, FieldChange, InputKind, SideInfo};
use super::width::display_width;
use crate::t;
use std::fmt::Write;

/// Renders `report` as text: a header naming both sides, a summary line, then one section per
/// kind of difference that occurs (removed, renumbered, backdated, changed, added).
pub fn render_table(report: &DiffReport) -> String {
    let d = &report.diff;
    let mut out = String::new();
    let _ = writeln!(out, "{}", t!("catalog-diff-title"));
    let _ = writeln!(out, "  {}", t!("catalog-diff-old", side = side_line(&report.old)));
    let _ = writeln!(out, "  {}", t!("catalog-diff-new", side = side_line(&report.new)));
    let mut counts: Vec<String> =
        ChangeKind::ALL.iter().map(|&k| t!("catalog-diff-count", kind = k.label(), count = d.count(k))).collect();
    counts.push(t!("catalog-diff-count", kind = t!("catalog-diff-unchanged"), count = d.summary.unchanged));
    let _ = writeln!(out, "  {}", counts.join("  "));
    if let Some(day) = &d.old_newest_date {
        let _ = writeln!(out, "  {}", t!("catalog-diff-old-newest", date = day.as_str()));
    }
    if d.is_empty() && d.duplicates.is_empty() {
        let _ = writeln!(out, "\n{}", t!("catalog-diff-no-differences"));
        scheduled(&mut out, report);
        return out;
    }
    let (h_no, h_date, h_site, h_title) =
        (t!("catalog-col-index-no"), t!("catalog-col-date"), t!("catalog-col-site"), t!("catalog-col-title"));

    if !d.removed.is_empty() {
        section(&mut out, ChangeKind::Removed, d.removed.len());
        let rows = d.removed.iter().map(|e| vec![e.index_no.clone(), e.date.clone(), e.site.clone(), e.title.clone()]);
        table(&mut out, &[&h_no, &h_date, &h_site, &h_title], rows);
    }
    if !d.renumbered.is_empty() {
        section(&mut out, ChangeKind::Renumbered, d.renumbered.len());
        let rows = d.renumbered.iter().map(|r| {
            vec![
                r.old_index_no.clone(),
                "→".into(),
                r.new_index_no.clone(),
                r.doc_number.clone().unwrap_or_else(|| "—".into()),
                r.title.clone(),
            ]
        });
        let (old_no, new_no, doc) =
            (t!("catalog-col-old-index-no"), t!("catalog-col-new-index-no"), t!("catalog-col-doc-number"));
        table(&mut out, &[&old_no, "", &new_no, &doc, &h_title], rows);
        let also: Vec<(&str, &[FieldChange], &str)> = d
            .renumbered
            .iter()
            .filter(|r| !r.changes.is_empty())
            .map(|r| (r.new_index_no.as_str(), r.changes.as_slice(), ""))
            .collect();
        if !also.is_empty() {
            let _ = writeln!(out, "  {}", t!("catalog-diff-also-changed"));
            let mut t = String::new();
            changes(&mut t, &new_no, &also);
            for line in t.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    if !d.backdated.is_empty() {
        section(&mut out, ChangeKind::Backdated, d.backdated.len());
        let newest = d.old_newest_date.as_deref().unwrap_or("—");
        let rows = d.backdated.iter().map(|b| {
            let (was, why) = match b.reason {
                BackdateReason::DateMovedEarlier => {
                    (b.old_date.clone().unwrap_or_default(), t!("catalog-diff-date-moved-earlier"))
                }
                BackdateReason::AddedBeforeOldNewest => {
                    (t!("catalog-diff-newly-added"), t!("catalog-diff-added-before-old-newest", date = newest))
                }
            };
            vec![b.index_no.clone(), was, "→".into(), b.new_date.clone(), why, b.title.clone()]
        });
        let (old_date, new_date, note) =
            (t!("catalog-col-old-date"), t!("catalog-col-new-date"), t!("catalog-col-note"));
        table(&mut out, &[&h_no, &old_date, "", &new_date, &note, &h_title], rows);
    }
    if !d.changed.is_empty() {
        section(&mut out, ChangeKind::Changed, d.changed.len());
        let docs: Vec<(&str, &[FieldChange], &str)> =
            d.changed.iter().map(|c| (c.index_no.as_str(), c.changes.as_slice(), c.title.as_str())).collect();
        changes(&mut out, &h_no, &docs);
    }
    if !d.added.is_empty() {
        section(&mut out, ChangeKind::Added, d.added.len());
        let rows = d.added.iter().map(|e| vec![e.index_no.clone(), e.date.clone(), e.site.clone(), e.title.clone()]);
        table(&mut out, &[&h_no, &h_date, &h_site, &h_title], rows);
    }
    if !d.duplicates.is_empty() {
        let _ = writeln!(out, "\n{}", t!("catalog-diff-duplicates", count = d.duplicates.len()));
        let rows = d.duplicates.iter().map(|x| {
            let side = match x.side {
                super::diff::Side::Old => t!("catalog-diff-side-old"),
                super::diff::Side::New => t!("catalog-diff-side-new"),
            };
            vec![side, x.index_no.clone(), x.sources.join(", ")]
        });
        let (catalog, sources) = (t!("catalog-col-catalog"), t!("catalog-col-sources"));
        table(&mut out, &[&catalog, &h_no, &sources], rows);
    }
    scheduled(&mut out, report);
    out
}

/// Documents dated after the diff's day: not published yet, so not compared.
fn scheduled(out: &mut String, report: &DiffReport) {
    let d = &report.diff;
    if d.scheduled.is_empty() {
        return;
    }
    let today = d.today.clone().unwrap_or_default();
    let _ = writeln!(out, "\n{}", t!("calendar-diff-scheduled", count = d.scheduled.len(), today = today));
    let rows = d.scheduled.iter().map(|s| {
        let side = match s.side {
            super::diff::Side::Old => t!("calendar-diff-side-old"),
            super::diff::Side::New => t!("calendar-diff-side-new"),
        };
        vec![side, s.index_no.clone(), s.date.clone(), s.site.clone(), s.title.clone()]
    });
    let header = [
        t!("calendar-diff-col-side"),
        t!("catalog-col-index-no"),
        t!("catalog-col-date"),
        t!("catalog-col-site"),
        t!("catalog-col-title"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table(out, &header, rows);
}

fn side_line(s: &SideInfo) -> String {
    let path = s.file.as_deref().unwrap_or(&s.source);
    let count = s.documents;
    match s.kind {
        InputKind::File => t!("catalog-diff-side-file", path = path, count = count),
        InputKind::Dir => t!("catalog-diff-side-dir", path = path, count = count),
        InputKind::Git => {
            let commit = s.commit.as_deref().map_or(String::new(), |c| c[..c.len().min(12)].to_string());
            t!("catalog-diff-side-git", rev = s.source.as_str(), commit = commit, count = count)
        }
    }
}

fn section(out: &mut String, kind: ChangeKind, n: usize) {
    let _ = writeln!(out, "\n{}", t!("catalog-diff-section", kind = kind.label(), count = n));
}

/// One row per changed field; the document's 索引号 and title on its first row only.
fn changes(out: &mut String, key: &str, docs: &[(&str, &[FieldChange], &str)]) {
    let none = || "—".to_string();
    let rows = docs.iter().flat_map(|(no, list, title)| {
        list.iter().enumerate().map(move |(i, c)| {
            let first = |s: &str| if i == 0 { s.to_string() } else { String::new() };
            vec![
                first(no),
                field_label(c.field),
                c.old.clone().unwrap_or_else(none),
                "→".into(),
                c.new.clone().unwrap_or_else(none),
                first(title),
            ]
        })
    });
    let (field, old, new, title) =
        (t!("catalog-col-field"), t!("catalog-col-old-value"), t!("catalog-col-new-value"), t!("catalog-col-title"));
    table(out, &[key, &field, &old, "", &new, &title], rows);
}

/// The name of a `catalog.json` field in the chosen language.
fn field_label(field: &str) -> String {
    match field {
        "title" => t!("catalog-field-title"),
        "doc_number" => t!("catalog-field-doc-number"),
        "publisher" => t!("catalog-field-publisher"),
        "site" => t!("catalog-field-site"),
        "site_name" => t!("catalog-field-site-name"),
        "column" => t!("catalog-field-column"),
        "column_name" => t!("catalog-field-column-name"),
        "topic" => t!("catalog-field-topic"),
        "genre" => t!("catalog-field-genre"),
        "written" => t!("catalog-field-written"),
        "date" => t!("catalog-field-date"),
        "valid" => t!("catalog-field-valid"),
        "url" => t!("catalog-field-url"),
        "source" => t!("catalog-field-source"),
        other => other.to_string(),
    }
}

/// Writes `rows` under `header`, indented by two spaces, columns padded to their widest cell.
fn table(out: &mut String, header: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let rows: Vec<Vec<String>> = rows.collect();
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::from("  ");
        let cells: Vec<&str> = cells.collect();
        for (i, cell) in cells.iter().enumerate() {
            s.push_str(cell);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i] - display_width(cell) + 2));
            }
        }
        s.truncate(s.trim_end().len());
        s
    };
    let _ = writeln!(out, "{}", line(&mut header.iter().copied()));
    for r in &rows {
        let _ = writeln!(out, "{}", line(&mut r.iter().map(String::as_str)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::CatalogEntry;

    #[test]
    fn table_columns_line_up_by_display_width() {
        let mut out = String::new();
        table(
            &mut out,
            &["索引号", "标题"],
            vec![vec!["A/1".to_string(), "甲".to_string()], vec!["B/22222".to_string(), "乙".to_string()]].into_iter(),
        );
        let lines: Vec<&str> = out.lines().collect();
        let col = |l: &str, needle: &str| display_width(&l[..l.find(needle).unwrap()]);
        assert_eq!(col(lines[0], "标题"), col(lines[1], "甲"));
        assert_eq!(col(lines[1], "甲"), col(lines[2], "乙"));
    }

    #[test]
    fn report_names_each_kind() {
        let e = |no: &str, title: &str, date: &str| CatalogEntry {
            index_no: no.into(),
            title: title.into(),
            doc_number: None,
            publisher: "p".into(),
            site: "s".into(),
            site_name: "站".into(),
            absolute_url: None,
            column: "xxgk/zcwj".into(),
            column_name: "政策文件".into(),
            topic: None,
            genre: None,
            written: None,
            date: date.into(),
            valid: None,
            url: format!("/{no}/"),
            source: format!("{no}.md"),
        };
        let side = |s: &str, n| SideInfo {
            kind: InputKind::File,
            source: s.into(),
            file: Some(s.into()),
            commit: None,
            cluster: None,
            documents: n,
        };
        let old = vec![e("X/1", "甲", "2026-05-01"), e("X/2", "乙", "2026-05-02")];
        let new = vec![e("X/1", "甲改", "2026-05-01"), e("X/3", "丙", "2026-04-01")];
        let text = render_table(&DiffReport::new(side("a.json", 2), &old, side("b.json", 2), &new, None));
        for needle in ["删除（1）", "新增（1）", "变更（1）", "发布日期倒签（1）", "甲改", "X/3", "字段  旧值"]
        {
            assert!(text.contains(needle), "{needle} missing in\n{text}");
        }
        assert!(!text.contains("removed") && !text.contains("added"), "one language only:\n{text}");
        let same = render_table(&DiffReport::new(side("a.json", 2), &old, side("a.json", 2), &old, None));
        assert!(same.contains("两个目录一致"), "{same}");
    }
}
