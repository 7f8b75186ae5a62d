//! Fixed values in settings files: a site's `kind:`, a column's `kind:` and a column's
//! `sites:` take one of a few English words. A Chinese word or a typo there gets a message at
//! its line naming the allowed values and what they mean, instead of the YAML reader's
//! "unknown variant".

use super::words::{COLUMN_KIND_WORDS, COLUMN_KINDS, SITE_KIND_WORDS, SITE_KINDS};
use crate::diagnostic::{Diagnostic, Diagnostics};
use std::path::Path;

/// Which file is read: it decides what a `kind:` line means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SettingsFile {
    /// `sites/<id>.yaml`: the top-level `kind:` is the site's, nested ones are local columns'.
    Site,
    /// `columns.yaml`: every `kind:` is a column's, `sites:` lists site kinds.
    Columns,
}

/// Reports every wrong fixed value of `text` (read from `file`); true when there was one, in
/// which case the file should not be given to the YAML reader as well.
pub(super) fn check(file: &Path, text: &str, which: SettingsFile, diags: &mut Diagnostics) -> bool {
    let before = diags.error_count();
    let mut in_sites_block: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = strip_comment(raw);
        let indent = content.len() - content.trim_start().len();
        let body = content.trim_start();
        if let Some(block_indent) = in_sites_block {
            if let Some(item) = body.strip_prefix("- ").or_else(|| (body == "-").then_some(""))
                && indent >= block_indent
            {
                report_site_kind(file, line, unquote(item), "sites", diags);
                continue;
            }
            if !body.is_empty() {
                in_sites_block = None;
            }
        }
        for (key, value) in pairs(body) {
            match key {
                "kind" => {
                    let site_kind = which == SettingsFile::Site && indent == 0 && !body.starts_with('-');
                    if site_kind {
                        report_site_kind(file, line, value, "kind", diags);
                    } else {
                        report_column_kind(file, line, value, diags);
                    }
                }
                "sites" if which == SettingsFile::Columns => {
                    if value.is_empty() {
                        in_sites_block = Some(indent);
                    } else if let Some(list) = value.strip_prefix('[') {
                        for item in list.trim_end_matches(']').split([',', '，', '、']) {
                            report_site_kind(file, line, unquote(item), "sites", diags);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    diags.error_count() > before
}

fn report_site_kind(file: &Path, line: usize, value: &str, key: &str, diags: &mut Diagnostics) {
    if SITE_KINDS.contains(&value) {
        return;
    }
    let (message, rule) = if key == "kind" {
        (crate::t!("load-site-kind-wrong", value = value, hint = hint(value, SITE_KINDS, SITE_KIND_WORDS)), "site")
    } else {
        (
            crate::t!("load-column-sites-wrong", value = value, hint = hint(value, SITE_KINDS, SITE_KIND_WORDS)),
            "columns",
        )
    };
    diags.push(Diagnostic::error(file, rule, message).at(line).help(crate::t!("load-site-kind-help")));
}

fn report_column_kind(file: &Path, line: usize, value: &str, diags: &mut Diagnostics) {
    if COLUMN_KINDS.contains(&value) {
        return;
    }
    let hint = hint(value, COLUMN_KINDS, COLUMN_KIND_WORDS);
    diags.push(
        Diagnostic::error(file, "columns", crate::t!("load-column-kind-wrong", value = value, hint = hint))
            .at(line)
            .help(crate::t!("load-column-kind-help")),
    );
}

/// "（乡镇 请写 township）" when the value is a known word or a differently written value.
fn hint(value: &str, allowed: &[&str], words: &[(&str, &str)]) -> String {
    let lower = value.to_lowercase();
    let meant = words
        .iter()
        .find(|(w, _)| *w == value)
        .map(|(_, v)| *v)
        .or_else(|| allowed.iter().copied().find(|a| *a == lower))
        .or_else(|| crate::diagnostic::nearest(&lower, allowed.iter().copied()));
    match meant {
        Some(right) if !value.is_empty() => crate::t!("load-fixed-hint", value = value, right = right),
        _ => String::new(),
    }
}

/// The `key: value` pairs of one line, block style (`kind: news`, `- kind: news`) or flow
/// style (`- {id: a, kind: news}`). Values are unquoted; a flow list value keeps its `[`.
fn pairs(body: &str) -> Vec<(&str, &str)> {
    let body = body.trim_start_matches(['-', ' ']);
    let mut out = Vec::new();
    if let Some(flow) = body.strip_prefix('{') {
        let flow = flow.trim_end().trim_end_matches('}');
        let mut rest = flow;
        while !rest.is_empty() {
            // A list value may hold commas: keep `[…]` together.
            let end = match rest.find(':') {
                Some(c) if rest[c + 1..].trim_start().starts_with('[') => {
                    rest.find(']').map_or(rest.len(), |e| (e + 1).min(rest.len()))
                }
                _ => rest.find(',').unwrap_or(rest.len()),
            };
            if let Some(pair) = one_pair(&rest[..end]) {
                out.push(pair);
            }
            rest = rest[end..].trim_start_matches([',', ' ']);
        }
    } else if let Some(pair) = one_pair(body) {
        out.push(pair);
    }
    out
}

fn one_pair(text: &str) -> Option<(&str, &str)> {
    let (key, value) = text.split_once(':')?;
    let key = key.trim();
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let value = value.trim();
    Some((key, if value.starts_with('[') { value } else { unquote(value) }))
}

fn unquote(v: &str) -> &str {
    v.trim().trim_matches(['"', '\'']).trim()
}

fn strip_comment(line: &str) -> &str {
    match line.find(" #") {
        Some(i) => &line[..i],
        None if line.trim_start().starts_with('#') => "",
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, text_in};

    fn found(text: &str, which: SettingsFile) -> Vec<(Option<usize>, String, Option<String>)> {
        let mut d = Diagnostics::default();
        check(Path::new("f.yaml"), text, which, &mut d);
        d.iter().map(|d| (d.line, d.message.clone(), d.help.clone())).collect()
    }

    #[test]
    fn a_chinese_site_kind_is_named_with_the_value_meant() {
        let f = found("id: zhen\nname: 某镇\nkind: 乡镇\norg_code: x\n", SettingsFile::Site);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, Some(3));
        assert!(f[0].1.contains("乡镇") && f[0].1.contains("township"), "{}", f[0].1);
        assert!(f[0].2.as_deref().unwrap_or("").contains("department"));
    }

    #[test]
    fn column_kinds_nested_flow_and_site_lists_are_checked() {
        let f = found(
            "- id: a\n  name: A\n  kind: news\n  children:\n    - id: b\n      name: B\n      kind: 信息公开\n      sites: [portal, 部门]\n- {id: c, name: C, kind: Page}\n- id: d\n  name: D\n  kind: page\n  sites:\n    - portal\n    - 乡镇\n",
            SettingsFile::Columns,
        );
        let lines: Vec<_> = f.iter().map(|x| x.0).collect();
        assert_eq!(lines, [Some(7), Some(8), Some(9), Some(15)], "{f:?}");
    }

    #[test]
    fn right_values_and_local_columns_of_a_site_pass() {
        let text = "id: jyj\nkind: department\ncolumns:\n  - id: x\n    name: X\n    kind: news\n    parent: zwdt\n";
        assert!(found(text, SettingsFile::Site).is_empty());
        assert_eq!(found("kind: department\ncolumns:\n  - id: x\n    kind: 新闻\n", SettingsFile::Site)[0].0, Some(4));
    }

    #[test]
    fn the_english_message_names_the_allowed_values() {
        let en = text_in(
            Lang::En,
            "load-site-kind-wrong",
            &[
                ("value", "乡镇".into()),
                (
                    "hint",
                    text_in(Lang::En, "load-fixed-hint", &[("value", "乡镇".into()), ("right", "township".into())])
                        .into(),
                ),
            ],
        );
        assert!(en.contains("portal, department or township") && en.contains("write township"), "{en}");
    }
}
