//! Turning YAML errors into located diagnostics an editor can act on: typing mistakes (tabs,
//! full-width colons and spaces) named at their line and column, a value outside a fixed list
//! answered with the list, and anything else explained with the parser's own words quoted.

use crate::diagnostic::Diagnostic;
use crate::t;
use std::path::Path;

/// A diagnostic for a YAML error in `file`, whose YAML text starts at line `first_line`. Prefer
/// [`yaml_diagnostic_in`] when the text is at hand: it can name tabs and full-width marks.
pub fn yaml_diagnostic(file: &Path, first_line: usize, err: &serde_yaml_ng::Error) -> Diagnostic {
    let line = err.location().map(|l| l.line() + first_line - 1);
    let msg = err.to_string();
    // serde_yaml appends " at line N column M"; the location is already in the prefix.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    // A field error is prefixed with its path (`kind: unknown variant …`).
    let (field, detail) = match msg.split_once(": ") {
        Some((f, d)) if !f.contains(' ') => (Some(f), d),
        _ => (None, msg.as_str()),
    };
    let field = field.unwrap_or_default();
    if let Some((value, allowed)) = one_of(detail, "unknown variant `") {
        return Diagnostic::error(file, "yaml", t!("parse-yaml-unknown-value", field = field, value = value))
            .at_opt(line)
            .help(t!("parse-yaml-unknown-value-help", field = field, allowed = allowed));
    }
    if let Some((key, allowed)) = one_of(detail, "unknown field `") {
        return Diagnostic::error(file, "yaml", t!("parse-yaml-unknown-field", key = key))
            .at_opt(line)
            .help(t!("parse-yaml-unknown-field-help", allowed = allowed));
    }
    if let Some(key) = detail.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        return Diagnostic::error(file, "yaml", t!("parse-yaml-missing-field", key = key))
            .at_opt(line)
            .help(t!("parse-yaml-missing-field-help", key = key));
    }
    let column = err.location().map_or(0, |l| l.column() as i64);
    Diagnostic::error(file, "yaml", t!("parse-yaml-invalid", column = column, detail = msg))
        .at_opt(line)
        .help(t!("parse-yaml-invalid-help"))
}

/// [`yaml_diagnostic`] for the YAML `text` that failed: a typing mistake in it (a tab in the
/// indentation, a full-width colon or space, see [`crate::text::typing_mistakes`]) is reported
/// instead of the parser's error, at its own line and column.
pub fn yaml_diagnostic_in(file: &Path, first_line: usize, text: &str, err: &serde_yaml_ng::Error) -> Diagnostic {
    crate::text::typing_mistakes(file, first_line, text, "yaml")
        .into_iter()
        .next()
        .unwrap_or_else(|| yaml_diagnostic(file, first_line, err))
}

/// For `unknown variant `x`, expected one of `a`, `b``: the value and the allowed values.
fn one_of<'a>(detail: &'a str, prefix: &str) -> Option<(&'a str, String)> {
    let rest = detail.strip_prefix(prefix)?;
    let (value, rest) = rest.split_once('`')?;
    let allowed = rest
        .split_once("expected ")
        .map(|(_, a)| a.trim_start_matches("one of ").trim_start_matches("any of ").replace("` or `", "`, `"))
        .unwrap_or_default();
    Some((value, allowed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, text_in};

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Site {
        name: String,
        kind: Kind,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Portal,
        Department,
        Township,
    }

    fn diag(yaml: &str) -> Diagnostic {
        let err = serde_yaml_ng::from_str::<Site>(yaml).unwrap_err();
        yaml_diagnostic_in(Path::new("sites/a.yaml"), 1, yaml, &err)
    }

    #[test]
    fn a_value_outside_a_fixed_list_names_the_list() {
        let d = diag("name: 示例镇\nkind: 乡镇\n");
        assert_eq!(d.line, Some(2));
        let help = d.help.unwrap();
        assert!(help.contains("`portal`, `department`, `township`"), "{help}");
        assert!(d.message.contains("乡镇") && d.message.contains("kind"), "{}", d.message);
        assert_eq!(
            text_in(Lang::En, "parse-yaml-unknown-value", &[("field", "kind".into()), ("value", "乡镇".into())]),
            "`kind: 乡镇` is not one of the allowed values"
        );
    }

    #[test]
    fn tabs_and_full_width_colons_are_named_in_yaml_files() {
        let d = diag("name: 示例镇\n\tkind: township\n");
        assert_eq!((d.line, d.rule), (Some(2), "yaml"));
        assert!(d.message.contains("制表符"), "{}", d.message);
        let d = diag("name：示例镇\nkind: township\n");
        assert_eq!(d.line, Some(1));
        assert!(d.message.contains("全角") && d.help.unwrap().contains("`name: 示例镇`"), "{}", d.message);
    }

    #[test]
    fn unknown_and_missing_fields_are_named() {
        let d = diag("name: a\nkind: portal\nnmae: b\n");
        assert!(d.message.contains("`nmae`") && d.help.as_deref().unwrap().contains("`name`"), "{d:?}");
        let d = diag("kind: portal\n");
        assert!(d.message.contains("`name`"), "{d:?}");
    }
}
