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
    if let Some((value, expected)) = wrong_type(detail) {
        return Diagnostic::error(file, "yaml", t!("parse-yaml-wrong-type", field = field, value = value))
            .at_opt(line)
            .help(t!("parse-yaml-wrong-type-help", field = field, expected = expected));
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

/// The most of a settings file that can be read when it has mistakes, for `zhanqun check`,
/// which inspects whatever it can (the mistakes themselves are reported as findings): keys the
/// type does not know, and keys whose value has the wrong type, are dropped one by one until
/// the rest reads. `None` when the text is not YAML at all or a required key is missing.
pub(crate) fn read_leniently<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    let mut value: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).ok()?;
    // Each round drops one key; a file has far fewer mistakes than this.
    for _ in 0..64 {
        // From text, not from the value: only the text reader names the path of a mistake.
        let err = match serde_yaml_ng::to_string(&value).map(|t| serde_yaml_ng::from_str::<T>(&t)) {
            Ok(Ok(t)) => return Some(t),
            Ok(Err(e)) => e.to_string(),
            Err(_) => return None,
        };
        let msg = err.split(" at line ").next().unwrap_or(&err);
        // `contact.phone: invalid type …` names its path; an unknown key names itself.
        let (mut path, detail) = match msg.split_once(": ") {
            Some((f, d)) if !f.contains(' ') => (f.split('.').map(str::to_owned).collect::<Vec<_>>(), d),
            _ => (Vec::new(), msg),
        };
        if let Some(key) = detail.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
            path.push(key.to_owned());
        }
        if path.is_empty() || !remove_path(&mut value, &path) {
            return None;
        }
    }
    None
}

/// Removes the key at `path` (mapping keys; a list index steps into the list) from `value`.
fn remove_path(value: &mut serde_yaml_ng::Value, path: &[String]) -> bool {
    let Some((last, parents)) = path.split_last() else { return false };
    let mut at = value;
    for step in parents {
        let next = match at {
            serde_yaml_ng::Value::Mapping(m) => m.get_mut(step.as_str()),
            serde_yaml_ng::Value::Sequence(s) => {
                step.trim_start_matches('[').trim_end_matches(']').parse::<usize>().ok().and_then(|i| s.get_mut(i))
            }
            _ => None,
        };
        let Some(next) = next else { return false };
        at = next;
    }
    match at {
        serde_yaml_ng::Value::Mapping(m) => m.remove(last.as_str()).is_some(),
        _ => false,
    }
}

/// For `invalid type: string "十四", expected u32`: the value as written and what the key
/// takes, in the editor's words (整数, 列表 …).
fn wrong_type(detail: &str) -> Option<(String, String)> {
    let rest = detail.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    let value = match found.split_once(' ') {
        // `string "十四"`, `integer `3``, `boolean `true``: the value itself.
        Some((_, v)) => v.trim_matches(['"', '`']).to_owned(),
        None => kind_name(found),
    };
    Some((value, kind_name(expected)))
}

/// What a serde type name means to an editor.
fn kind_name(serde: &str) -> String {
    let serde = serde.trim();
    match serde {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "integer" => {
            t!("parse-yaml-kind-integer")
        }
        "f32" | "f64" | "floating point" => t!("parse-yaml-kind-number"),
        "a boolean" | "boolean" => t!("parse-yaml-kind-boolean"),
        "a string" | "string" | "a character" | "char" => t!("parse-yaml-kind-text"),
        "a sequence" | "sequence" => t!("parse-yaml-kind-list"),
        "a map" | "map" => t!("parse-yaml-kind-map"),
        _ if serde.starts_with("struct ") || serde.starts_with("enum ") => t!("parse-yaml-kind-map"),
        "unit value" | "null" => t!("parse-yaml-kind-empty"),
        _ => serde.to_owned(),
    }
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

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Contact {
        #[serde(default)]
        phone: Option<String>,
        #[serde(default)]
        rank: Option<u32>,
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Lenient {
        name: String,
        #[serde(default)]
        order: Option<u32>,
        #[serde(default)]
        contact: Option<Contact>,
    }

    #[test]
    fn a_file_with_mistakes_is_read_without_them() {
        let read = |y: &str| read_leniently::<Lenient>(y);
        let got = read("name: 示例镇\nnmae: x\norder: 十四\ncontact:\n  phone: '1'\n  rank: 高\n  fax: '2'\n").unwrap();
        assert_eq!(
            got,
            Lenient {
                name: "示例镇".into(),
                order: None,
                contact: Some(Contact { phone: Some("1".into()), rank: None })
            }
        );
        assert_eq!(read("order: 3\n"), None, "a required key cannot be dropped");
        assert_eq!(read("name: [\n"), None, "not YAML");
        assert_eq!(read("name: a\n").unwrap().name, "a");
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_named_in_the_editors_words() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Col {
            order: u32,
            tags: Vec<String>,
        }
        let yaml = "order: 十四\ntags: []\n";
        let err = serde_yaml_ng::from_str::<Col>(yaml).unwrap_err();
        let d = yaml_diagnostic_in(Path::new("columns.yaml"), 1, yaml, &err);
        assert_eq!(d.line, Some(1));
        assert!(d.message.contains("order") && d.message.contains("十四") && !d.message.contains("expected"), "{d:?}");
        assert!(d.help.as_deref().unwrap().contains("整数"), "{d:?}");
        let err = serde_yaml_ng::from_str::<Col>("order: 3\ntags: 教育\n").unwrap_err();
        let d = yaml_diagnostic(Path::new("columns.yaml"), 1, &err);
        assert!(d.message.contains("教育") && d.help.as_deref().unwrap().contains("列表"), "{d:?}");
    }

    #[test]
    fn unknown_and_missing_fields_are_named() {
        let d = diag("name: a\nkind: portal\nnmae: b\n");
        assert!(d.message.contains("`nmae`") && d.help.as_deref().unwrap().contains("`name`"), "{d:?}");
        let d = diag("kind: portal\n");
        assert!(d.message.contains("`name`"), "{d:?}");
    }
}
