//! The inspection rules: each rule id, the indicator it enforces and its default weight, and
//! the rules themselves, one file per family.
//!
//! Structural rules look at the cluster and the parsed pages (columns, dates, furniture, links);
//! text rules look at each page's source text (wording, service-guide elements, placeholders,
//! personal data) and are run once per page, in parallel.

mod guides;
mod names;
mod placeholder;
mod privacy;
mod wording;

pub use wording::{Entry as WordingEntry, Wording};

use super::{Finding, Indicator, Inspection, Level};
use crate::load::ColumnKind;
use crate::parse::Page;

/// Every rule: (id, the indicator it enforces, default level). The id is the key of the rule's
/// settings in `zhanqun.yaml` (`check.rules.<id>`) and the public code of its findings.
pub const RULES: &[(&str, Indicator, Level)] = &[
    // A column not updated within its max_stale_days.
    ("stale-column", Indicator::NotUpdated, Level::Scored),
    // A site with too many stale columns (default 5).
    ("stale-columns-veto", Indicator::NotUpdated, Level::Veto),
    // Nothing new on a site's home page for 2 weeks.
    ("home-stale", Indicator::HomeNotUpdated, Level::Veto),
    // A column that never had content.
    ("blank-column", Indicator::BlankColumn, Level::Scored),
    // A site with too many blank columns (default 5).
    ("blank-columns-veto", Indicator::BlankColumn, Level::Veto),
    // 网站标识码, 主办单位, 联系方式, ICP备案号, 公安机关备案号 missing or malformed.
    ("furniture", Indicator::SiteIdentity, Level::Scored),
    // An internal link or anchor that does not resolve.
    ("broken-link", Indicator::BrokenLink, Level::Scored),
    // An external link, listed for review.
    ("external-link", Indicator::ExternalLink, Level::Advice),
    // Disclosure metadata missing or malformed.
    ("disclosure", Indicator::Disclosure, Level::Scored),
    // Disclosure metadata the build publishes with a warning: a 主题分类/体裁分类/有效性 outside
    // the cluster's lists, a missing 主题分类 or 体裁分类, a replacement named by a document in force.
    ("disclosure-field", Indicator::Disclosure, Level::Scored),
    // A service guide missing 事项名称, 设定依据, 申请条件 or 办理材料.
    ("guide-elements", Indicator::Services, Level::Veto),
    // A service guide missing 办理地点, 办理时间, 咨询电话 or 办理流程.
    ("guide-elements-recommended", Indicator::Services, Level::Scored),
    // A service guide with placeholder text (未传入内容编号).
    ("guide-placeholder", Indicator::Services, Level::Veto),
    // A wrong expression from the wording dictionary.
    ("wording", Indicator::Wording, Level::Veto),
    // A listed leader's, organisation's or place name written wrong (杜家豪 for 杜家毫).
    ("name-misspelt", Indicator::Wording, Level::Veto),
    // An empty or placeholder page (建设中, 暂无内容, 请在此填写…, 正文。, lorem ipsum), or a
    // placeholder title (标题).
    ("placeholder-page", Indicator::BlankColumn, Level::Scored),
    // An example address, all-zero registration number or fill-in prompt in a written page.
    ("placeholder-text", Indicator::Maintenance, Level::Scored),
    // An example value left in the footer settings (网站标识码 0000000001, 京ICP备00000000号,
    // 请填写地址, example.gov.cn).
    ("furniture-placeholder", Indicator::SiteIdentity, Level::Scored),
    // An unredacted ID-card or mobile number.
    ("privacy", Indicator::Privacy, Level::Scored),
    // A static page past its review date.
    ("review-due", Indicator::Maintenance, Level::Advice),
    // A page template that does not show the publish date.
    ("no-date", Indicator::NotUpdated, Level::Scored),
    // A published letter unanswered past its reply limit (working days).
    ("letter-overdue", Indicator::Interaction, Level::Scored),
    // A consultation (咨询) left unanswered longer than interaction.veto_months (3) in the past year.
    ("letter-veto", Indicator::Interaction, Level::Veto),
    // A publish date beyond the scheduled-publishing window.
    ("future-date", Indicator::FalseDate, Level::Scored),
    // A page the build refuses (front matter that does not parse, bad encoding, a broken
    // attachment…): it is not published until fixed.
    ("page-error", Indicator::Maintenance, Level::Scored),
    // A settings file (sites/*.yaml, columns.yaml, topics, theme) with an error the build refuses.
    ("settings-error", Indicator::Other, Level::Scored),
    // No 政府信息公开工作年度报告 for the previous year by 31 January (the county government's,
    // on the portal, by 31 March), 条例第四十九条; published after the deadline: advice.
    ("annual-report", Indicator::Disclosure, Level::Scored),
    // No 政府网站工作年度报表 for the previous year by 31 January (国办发〔2017〕47号).
    ("website-report", Indicator::Other, Level::Scored),
    // A policy document of the cluster's own without an interpretation linked to it within
    // check.interpretation_days working days; an interpretation naming no document: advice.
    ("policy-interpretation", Indicator::Interpretation, Level::Scored),
    // A site without any 依申请公开 entry (a column with role on-request).
    ("on-request-entry", Indicator::Disclosure, Level::Scored),
    // A column role the rules above need that no column has: the rule cannot check.
    ("column-roles", Indicator::Other, Level::Advice),
];

/// The indicator and default level of rule `id`.
pub(super) fn describe(id: &str) -> (Indicator, Level) {
    RULES.iter().find(|r| r.0 == id).map(|r| (r.1, r.2)).unwrap_or((Indicator::Other, Level::Advice))
}

/// Runs every text rule on one page. `text` is the whole source file; the Markdown body starts
/// at `page.body_offset`.
pub(super) fn page_text(ctx: &Inspection<'_>, page: &Page, text: &str, out: &mut Vec<Finding>) {
    let site = &ctx.cluster.sites[page.site];
    let column = &site.columns.list[page.column];
    let emit = |rule: &'static str, message: String, offset: usize| {
        let (line, col) = locate(text, offset);
        Finding::new(&site.id, rule, message).in_file(super::path_of(page)).at(line, Some(col)).in_column(&column.path)
    };
    let on = |rule: &str| ctx.config.enabled(rule);
    if on("wording") {
        let written = page.meta.written.unwrap_or(page.meta.date.day);
        wording::check(ctx.wording, text, written, ctx.own.reproduced(&page.meta), &emit, out);
    }
    if on("name-misspelt") {
        names::check(ctx.names, text, &emit, out);
    }
    if column.kind == ColumnKind::Guide {
        let title_line = page.meta.line("title").unwrap_or(1);
        guides::check(&ctx.config.guide, text, page.body_offset, title_line, &emit, out);
    }
    if on("placeholder-page") || on("placeholder-text") {
        placeholder::check(page, text, (on("placeholder-page"), on("placeholder-text")), &emit, out);
    }
    if on("privacy") {
        privacy::check(text, ctx.today, &emit, out);
    }
}

/// 1-based (line, column in characters) of byte `offset` in `text`.
pub fn locate(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters() {
        let t = "---\ntitle: 中华人民共合国\n---\n";
        let at = t.find("共合").unwrap();
        assert_eq!(locate(t, at), (2, 12));
        assert_eq!(locate(t, 0), (1, 1));
    }

    #[test]
    fn every_rule_is_described_once() {
        for (id, ..) in RULES {
            assert_eq!(RULES.iter().filter(|r| r.0 == *id).count(), 1, "{id}");
        }
    }
}
