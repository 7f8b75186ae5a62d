//! `catalog diff --format csv`: the differences as one table auditors open in Excel.
//!
//! UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF line ends (as `catalog.csv`). One row per
//! finding: a removed, added or scheduled document; each changed field of a changed or
//! renumbered document; each back-dated document. The header and the kind labels are fixed
//! Chinese, like `catalog.csv`'s, whatever `--lang` says: the file is a record, not a message;
//! the `代码` column carries the stable code (`removed`, `added`…) for machines.

use super::diff::{BackdateReason, DiffReport, Side};
use super::{CatalogEntry, ChangeKind};

const HEADER: [&str; 11] =
    ["类别", "代码", "索引号", "原索引号", "标题", "站点", "字段", "原值", "新值", "发布日期", "说明"];

fn label(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "新增",
        ChangeKind::Removed => "删除",
        ChangeKind::Changed => "变更",
        ChangeKind::Renumbered => "重新编号",
        ChangeKind::Backdated => "发布日期倒签",
    }
}

fn reason(r: BackdateReason) -> &'static str {
    match r {
        BackdateReason::DateMovedEarlier => "date_moved_earlier",
        BackdateReason::AddedBeforeOldNewest => "added_before_old_newest",
    }
}

/// The report as CSV bytes.
pub fn diff_to_csv(report: &DiffReport) -> Vec<u8> {
    let d = &report.diff;
    let mut rows: Vec<[String; 11]> = Vec::new();
    let whole = |kind: ChangeKind, e: &CatalogEntry| {
        [
            label(kind).into(),
            kind.name().into(),
            e.index_no.clone(),
            String::new(),
            e.title.clone(),
            e.site.clone(),
            String::new(),
            String::new(),
            String::new(),
            e.date.clone(),
            String::new(),
        ]
    };
    rows.extend(d.removed.iter().map(|e| whole(ChangeKind::Removed, e)));
    for r in &d.renumbered {
        let kind = ChangeKind::Renumbered;
        rows.push([
            label(kind).into(),
            kind.name().into(),
            r.new_index_no.clone(),
            r.old_index_no.clone(),
            r.title.clone(),
            r.site.clone(),
            "索引号".into(),
            r.old_index_no.clone(),
            r.new_index_no.clone(),
            String::new(),
            String::new(),
        ]);
    }
    for b in &d.backdated {
        let kind = ChangeKind::Backdated;
        rows.push([
            label(kind).into(),
            kind.name().into(),
            b.index_no.clone(),
            b.old_index_no.clone().unwrap_or_default(),
            b.title.clone(),
            b.site.clone(),
            "发布日期".into(),
            b.old_date.clone().or_else(|| d.old_newest_date.clone()).unwrap_or_default(),
            b.new_date.clone(),
            b.new_date.clone(),
            reason(b.reason).into(),
        ]);
    }
    for c in &d.changed {
        let kind = ChangeKind::Changed;
        for f in &c.changes {
            rows.push([
                label(kind).into(),
                kind.name().into(),
                c.index_no.clone(),
                String::new(),
                c.title.clone(),
                c.site.clone(),
                f.label.into(),
                f.old.clone().unwrap_or_default(),
                f.new.clone().unwrap_or_default(),
                String::new(),
                f.field.into(),
            ]);
        }
    }
    rows.extend(d.added.iter().map(|e| whole(ChangeKind::Added, e)));
    for s in &d.scheduled {
        let side = match s.side {
            Side::Old => "old",
            Side::New => "new",
        };
        rows.push([
            "定时发布".into(),
            "scheduled".into(),
            s.index_no.clone(),
            String::new(),
            s.title.clone(),
            s.site.clone(),
            String::new(),
            String::new(),
            String::new(),
            s.date.clone(),
            side.into(),
        ]);
    }
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(HEADER).expect("write to memory");
        for r in &rows {
            w.write_record(r).expect("write to memory");
        }
        w.flush().expect("write to memory");
    }
    out
}
