//! `columns.yaml`: the shared column convention (栏目规范), and each site's column tree.

use super::sites::SiteKind;
use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// Path segment, under the portal's interaction column, of the monthly reports of letters
/// (来信办理情况通报); no letter may take it as its slug.
pub const REPORT_SEGMENT: &str = "tb";

/// What a column holds, which decides how it is listed and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    /// A dated list of articles.
    News,
    /// A dated list whose items enter the disclosure catalog (政府信息公开目录).
    Disclosure,
    /// A list of service guides (办事指南).
    Guide,
    /// One page (`index.md`) served at the column's own URL.
    Page,
    /// Published letters and their replies (县长信箱, 咨询投诉), reported monthly by department.
    Interaction,
    /// Online interviews (在线访谈): guests, time and a question-and-answer transcript.
    Interview,
}

impl ColumnKind {
    /// True for the kinds that hold a dated list of pages.
    pub fn is_list(self) -> bool {
        self != ColumnKind::Page
    }

    /// The `ColumnType` meta value (网页设计规范).
    pub fn meta_type(self) -> &'static str {
        super::words::column_meta_type(self)
    }
}

/// Which obligation a column holds, for the inspection rules that look for it (`role:` in
/// `columns.yaml` or a site's local columns): the yearly reports, the policy documents and their
/// interpretations, the entry for requests. Written as a stable English code or a Chinese alias
/// (`role: annual-report` or `role: 年报`, see [`super::words::COLUMN_ROLE_WORDS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnRole {
    /// 政府信息公开工作年度报告 (年报), 条例第四十九条.
    AnnualReport,
    /// 政府网站工作年度报表, 国办发〔2017〕47号.
    WebsiteReport,
    /// 政策文件: documents that should be interpreted (政策解读).
    Policy,
    /// 政策解读: interpretations of policy documents.
    Interpretation,
    /// 依申请公开: how to request information that is not proactively disclosed.
    OnRequest,
}

impl ColumnRole {
    /// Every role, in the order messages list them.
    pub const ALL: [ColumnRole; 5] = [
        ColumnRole::AnnualReport,
        ColumnRole::WebsiteReport,
        ColumnRole::Policy,
        ColumnRole::Interpretation,
        ColumnRole::OnRequest,
    ];

    /// The stable English code written in `columns.yaml`.
    pub fn code(self) -> &'static str {
        super::words::column_role_code(self)
    }

    /// The role written as `value`: its English code (in any case) or a Chinese alias.
    pub fn parse(value: &str) -> Option<ColumnRole> {
        let v = value.trim();
        let lower = v.to_ascii_lowercase().replace('_', "-");
        ColumnRole::ALL.into_iter().find(|r| r.code() == lower).or_else(|| {
            super::words::COLUMN_ROLE_WORDS.iter().find(|(w, _)| *w == v).and_then(|(_, code)| ColumnRole::parse(code))
        })
    }

    /// The role a column named `name` probably holds (a column that has no `role:` yet).
    pub fn guess(name: &str) -> Option<ColumnRole> {
        ColumnRole::parse(name)
    }
}

/// One column as written in `columns.yaml` or a site's local `columns:`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    /// Path segment, ASCII (`gzdt`).
    pub id: String,
    /// Display name (工作动态).
    pub name: String,
    /// What the column holds.
    pub kind: ColumnKind,
    /// Site kinds that must carry it; local columns ignore this.
    #[serde(default = "all_kinds")]
    pub sites: Vec<SiteKind>,
    /// Update period the inspection indicators impose, in days.
    #[serde(default)]
    pub max_stale_days: Option<u32>,
    /// Sub-columns.
    #[serde(default)]
    pub children: Vec<ColumnDef>,
    /// Shown under the column title and in the `ColumnDescription` meta tag.
    #[serde(default)]
    pub description: Option<String>,
    /// For a site's local column: the path of the convention column it extends (`zwdt`).
    #[serde(default)]
    pub parent: Option<String>,
    /// Which obligation the column holds (`annual-report`, `年报`…), as written; validated by
    /// [`validate_tree`], read with [`ColumnRole::parse`].
    #[serde(default)]
    pub role: Option<String>,
}

fn all_kinds() -> Vec<SiteKind> {
    vec![SiteKind::Portal, SiteKind::Department, SiteKind::Township]
}

/// A column of one site, flattened: the tree is a pre-order list with parent/child indices.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Path under the site (`xxgk/zcwj`).
    pub path: String,
    /// Last path segment.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it holds.
    pub kind: ColumnKind,
    /// Update period in days.
    pub max_stale_days: Option<u32>,
    /// Description, if any.
    pub description: Option<String>,
    /// Index of the parent column in the site's list.
    pub parent: Option<usize>,
    /// Indices of the children.
    pub children: Vec<usize>,
    /// Nesting depth, 0 for menu columns.
    pub depth: usize,
    /// True for a site-local column that extends the convention.
    pub local: bool,
    /// Which obligation it holds, when `columns.yaml` says so.
    pub role: Option<ColumnRole>,
}

/// The flattened column tree of one site.
#[derive(Debug, Clone, Default)]
pub struct SiteColumns {
    /// Columns in menu order (pre-order).
    pub list: Vec<Column>,
}

impl SiteColumns {
    /// Index of the column at `path`.
    pub fn find(&self, path: &str) -> Option<usize> {
        self.list.iter().position(|c| c.path == path)
    }

    /// The chain of column indices from the menu column down to `idx`.
    pub fn ancestry(&self, idx: usize) -> Vec<usize> {
        let mut chain = vec![idx];
        let mut cur = idx;
        while let Some(p) = self.list[cur].parent {
            chain.push(p);
            cur = p;
        }
        chain.reverse();
        chain
    }

    /// `idx` and every column below it.
    pub fn subtree(&self, idx: usize) -> Vec<usize> {
        let mut out = vec![idx];
        let mut i = 0;
        while i < out.len() {
            out.extend(self.list[out[i]].children.iter().copied());
            i += 1;
        }
        out
    }

    /// The columns holding `role`, in menu order.
    pub fn with_role(&self, role: ColumnRole) -> impl Iterator<Item = usize> + '_ {
        self.list.iter().enumerate().filter(move |(_, c)| c.role == Some(role)).map(|(i, _)| i)
    }

    /// Menu (depth 0) columns.
    pub fn top(&self) -> impl Iterator<Item = usize> + '_ {
        self.list.iter().enumerate().filter(|(_, c)| c.depth == 0).map(|(i, _)| i)
    }

    /// Appends `def` (and its children) below `parent`, returning the new index.
    pub(super) fn push(
        &mut self,
        def: &ColumnDef,
        parent: Option<usize>,
        kind: Option<SiteKind>,
        local: bool,
    ) -> usize {
        let path = match parent {
            Some(p) => format!("{}/{}", self.list[p].path, def.id),
            None => def.id.clone(),
        };
        let depth = parent.map_or(0, |p| self.list[p].depth + 1);
        let idx = self.list.len();
        self.list.push(Column {
            path,
            id: def.id.clone(),
            name: def.name.clone(),
            kind: def.kind,
            max_stale_days: def.max_stale_days,
            description: def.description.clone(),
            parent,
            children: Vec::new(),
            depth,
            local,
            role: def.role.as_deref().and_then(ColumnRole::parse),
        });
        if let Some(p) = parent {
            self.list[p].children.push(idx);
        }
        for child in &def.children {
            if kind.is_none_or(|k| child.sites.contains(&k)) {
                self.push(child, Some(idx), kind, local);
            }
        }
        idx
    }

    /// The convention's columns that a site of `kind` must carry.
    pub(super) fn for_kind(convention: &[ColumnDef], kind: SiteKind) -> Self {
        let mut cols = SiteColumns::default();
        for def in convention.iter().filter(|d| d.sites.contains(&kind)) {
            cols.push(def, None, Some(kind), false);
        }
        cols
    }
}

/// Reads and validates `columns.yaml`.
pub(super) fn read(root: &Path, diags: &mut Diagnostics) -> Option<Vec<ColumnDef>> {
    let rel = Path::new("columns.yaml");
    let text = match super::read_text(root, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if super::fixed::check(rel, &text, super::fixed::SettingsFile::Columns, diags) {
        return None;
    }
    let defs: Vec<ColumnDef> = match serde_yaml_ng::from_str(&text) {
        Ok(d) => d,
        Err(e) => {
            diags.push(super::yaml_diagnostic_in(rel, 1, &text, &e));
            return None;
        }
    };
    validate_tree(rel, &text, &defs, diags);
    Some(defs)
}

/// The built-in convention (the `columns.yaml` that `zhanqun init` writes), for inspecting a
/// cluster whose own `columns.yaml` does not load.
pub(super) fn embedded() -> Vec<ColumnDef> {
    serde_yaml_ng::from_str(super::EMBEDDED_COLUMNS).expect("the built-in columns.yaml parses")
}

/// Checks ids (unique per level, URL-safe) and shapes (page columns have no children).
pub(super) fn validate_tree(file: &Path, text: &str, defs: &[ColumnDef], diags: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for d in defs {
        let line = line_of_value(text, "id", &d.id);
        if !is_segment(&d.id) {
            diags.push(
                Diagnostic::error(file, "columns", crate::t!("load-column-id-segment", id = d.id.as_str()))
                    .at_opt(line)
                    .help(crate::t!("load-column-id-segment-help")),
            );
        }
        if !seen.insert(d.id.as_str()) {
            diags.push(
                Diagnostic::error(file, "columns", crate::t!("load-column-id-twice", id = d.id.as_str()))
                    .at_opt(line)
                    .help(crate::t!("load-column-id-twice-help")),
            );
        }
        if d.kind == ColumnKind::Page && !d.children.is_empty() {
            diags.push(
                Diagnostic::error(file, "columns", crate::t!("load-page-column-children", id = d.id.as_str()))
                    .at_opt(line)
                    .help(crate::t!("load-page-column-children-help")),
            );
        }
        if let Some(role) = &d.role
            && ColumnRole::parse(role).is_none()
        {
            diags.push(bad_role(file, line_of_value(text, "role", role).or(line), &d.id, role));
        }
        validate_tree(file, text, &d.children, diags);
    }
}

/// An unknown `role:` value: the allowed codes with their meaning, and the nearest one.
fn bad_role(file: &Path, line: Option<usize>, id: &str, role: &str) -> Diagnostic {
    let codes = ColumnRole::ALL.map(ColumnRole::code);
    let words = super::words::COLUMN_ROLE_WORDS.iter().map(|(w, _)| *w);
    let lower = role.trim().to_ascii_lowercase();
    let near = crate::diagnostic::nearest(&lower, codes.iter().copied())
        .or_else(|| crate::diagnostic::nearest(role.trim(), words))
        .and_then(ColumnRole::parse)
        .map(|r| crate::t!("load-column-role-near", right = r.code()))
        .unwrap_or_default();
    Diagnostic::error(
        file,
        "columns",
        crate::t!("load-column-role-wrong", id = id, value = role, codes = codes.join(", "), near = near),
    )
    .at_opt(line)
    .help(crate::t!("load-column-role-help"))
}

/// A path segment editors can type and URLs carry unchanged.
pub(crate) fn is_segment(s: &str) -> bool {
    !s.is_empty()
        && s != "page"
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Line of the first `key: value` in `text`, for locating findings in YAML files.
pub(crate) fn line_of_value(text: &str, key: &str, value: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ");
            l.strip_prefix(key)
                .and_then(|r| r.trim_start().strip_prefix(':'))
                .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == value)
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "- id: zwdt\n  name: 政务动态\n  kind: news\n  children:\n    - id: gzdt\n      name: 工作动态\n      kind: news\n    - id: ghjh\n      name: 规划计划\n      kind: disclosure\n      sites: [portal]\n- id: jgzn\n  name: 机构职能\n  kind: page\n";

    #[test]
    fn the_built_in_convention_is_valid() {
        let defs = embedded();
        assert!(!defs.is_empty());
        let mut diags = Diagnostics::default();
        validate_tree(Path::new("columns.yaml"), super::super::EMBEDDED_COLUMNS, &defs, &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.as_slice());
    }

    #[test]
    fn site_tree_keeps_order_and_filters_by_kind() {
        let defs: Vec<ColumnDef> = serde_yaml_ng::from_str(YAML).unwrap();
        let town = SiteColumns::for_kind(&defs, SiteKind::Township);
        let paths: Vec<_> = town.list.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["zwdt", "zwdt/gzdt", "jgzn"]);
        let portal = SiteColumns::for_kind(&defs, SiteKind::Portal);
        assert_eq!(portal.find("zwdt/ghjh"), Some(2));
        assert_eq!(portal.ancestry(2), vec![0, 2]);
        assert_eq!(portal.subtree(0), vec![0, 1, 2]);
    }

    #[test]
    fn roles_are_read_in_english_or_chinese_and_unknown_ones_are_errors() {
        assert_eq!(ColumnRole::parse("annual-report"), Some(ColumnRole::AnnualReport));
        assert_eq!(ColumnRole::parse("Annual_Report"), Some(ColumnRole::AnnualReport));
        assert_eq!(ColumnRole::parse("年报"), Some(ColumnRole::AnnualReport));
        assert_eq!(ColumnRole::parse("政府网站工作年度报表"), Some(ColumnRole::WebsiteReport));
        assert_eq!(ColumnRole::parse("解读"), Some(ColumnRole::Interpretation));
        assert_eq!(ColumnRole::parse("依申请公开"), Some(ColumnRole::OnRequest));
        for r in ColumnRole::ALL {
            assert_eq!(ColumnRole::parse(r.code()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.code());
        }
        let text = "- id: ndbg\n  name: 年报\n  kind: disclosure\n  role: anual-report\n- id: zcwj\n  name: 政策文件\n  kind: disclosure\n  role: 政策文件\n";
        let defs: Vec<ColumnDef> = serde_yaml_ng::from_str(text).unwrap();
        let mut d = Diagnostics::default();
        validate_tree(Path::new("columns.yaml"), text, &defs, &mut d);
        assert_eq!(d.error_count(), 1, "{d:?}");
        let e = &d.as_slice()[0];
        assert_eq!(e.line, Some(4));
        assert!(
            e.message.contains("anual-report") && e.message.contains("annual-report, website-report"),
            "{}",
            e.message
        );
        assert!(e.message.contains("是不是想写 `annual-report`"), "{}", e.message);
        let cols = SiteColumns::for_kind(&defs, SiteKind::Portal);
        assert_eq!(cols.list[1].role, Some(ColumnRole::Policy));
        assert_eq!(cols.with_role(ColumnRole::Policy).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn duplicate_ids_and_bad_segments_are_errors() {
        let defs: Vec<ColumnDef> = serde_yaml_ng::from_str(
            "- {id: a, name: A, kind: news}\n- {id: a, name: B, kind: news}\n- {id: 'X y', name: C, kind: page}\n",
        )
        .unwrap();
        let mut d = Diagnostics::default();
        validate_tree(Path::new("columns.yaml"), "", &defs, &mut d);
        assert_eq!(d.error_count(), 2);
    }
}
