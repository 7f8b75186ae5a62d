//! Typing mistakes in YAML text (front matter and the cluster's `.yaml` files) that a Chinese
//! input method, Word, WPS or Notepad make, found before the YAML parser gives its own, less
//! helpful error: a full-width colon `：` after a key, a full-width space `　` (U+3000) where
//! YAML needs a space, a tab in the indentation, full-width punctuation in a key.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The typing mistakes in `yaml` (whose first line is line `first_line` of `file`), one
/// diagnostic per line at most, located by line and (in the message) column. `rule` is the
/// rule code of the caller (`yaml`).
pub fn typing_mistakes(file: &Path, first_line: usize, yaml: &str, rule: &'static str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut block_indent: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let line_no = first_line + i;
        let indent = line.len() - line.trim_start_matches(' ').len();
        // Lines of a `|` or `>` block are text, whatever they hold.
        if let Some(b) = block_indent {
            if line.trim().is_empty() || indent > b {
                continue;
            }
            block_indent = None;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(d) = mistake_in(line, indent) {
            out.push(d.diagnostic(file, line_no, rule));
            continue;
        }
        let content = line.trim_end();
        if content.ends_with(['|', '>']) || content.ends_with("|-") || content.ends_with(">-") {
            block_indent = Some(indent);
        }
    }
    out
}

/// One mistake on one line: what it is and its 1-based column.
#[derive(Debug, PartialEq, Eq)]
enum Mistake {
    /// A tab in the indentation.
    Tab(usize),
    /// A full-width space in the indentation, between a key and its colon, or after the colon.
    FullWidthSpace(usize),
    /// `key：value`: the fix is `key: value`.
    FullWidthColon(usize, String),
    /// Full-width punctuation inside a key.
    FullWidthInKey(usize, char, String),
}

impl Mistake {
    fn diagnostic(self, file: &Path, line: usize, rule: &'static str) -> Diagnostic {
        let l = line as i64;
        let (message, help) = match self {
            Mistake::Tab(c) => {
                (crate::t!("parse-tab-indent", line = l, column = c as i64), crate::t!("parse-tab-indent-help"))
            }
            Mistake::FullWidthSpace(c) => (
                crate::t!("parse-full-width-space", line = l, column = c as i64),
                crate::t!("parse-full-width-space-help"),
            ),
            Mistake::FullWidthColon(c, fixed) => (
                crate::t!("parse-full-width-colon", line = l, column = c as i64),
                crate::t!("parse-full-width-colon-help", example = fixed),
            ),
            Mistake::FullWidthInKey(c, ch, key) => (
                crate::t!("parse-full-width-in-key", line = l, column = c as i64, mark = ch.to_string(), key = key),
                crate::t!("parse-full-width-in-key-help"),
            ),
        };
        Diagnostic::error(file, rule, message).at(line).help(help)
    }
}

/// True for full-width punctuation (and the ideographic space) that has no place in YAML
/// structure: the CJK symbols block and the full-width forms, except letters and digits.
fn full_width_mark(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}' | '\u{ff5b}'..='\u{ff65}')
}

/// 1-based character column of byte offset `at` in `line`.
fn column(line: &str, at: usize) -> usize {
    line[..at].chars().count() + 1
}

fn mistake_in(line: &str, indent: usize) -> Option<Mistake> {
    let lead_len = line.len() - line.trim_start_matches([' ', '\t', '\u{3000}']).len();
    let lead = &line[..lead_len];
    if let Some(at) = lead.find('\t') {
        return Some(Mistake::Tab(column(line, at)));
    }
    if let Some(at) = lead.find('\u{3000}') {
        return Some(Mistake::FullWidthSpace(column(line, at)));
    }
    let body = &line[indent..];
    let item = body.strip_prefix("- ").map_or(0, |_| 2);
    let entry = &body[item..];
    if entry.starts_with(['"', '\'', '[', '{', '-', '|', '>', '&', '*', '!']) {
        return None;
    }
    let start = indent + item;
    // The key ends at the first `: ` (or a `:` ending the line); a `：` before it, or no
    // half-width colon at all with a `：` after a plausible key, is the IME's colon.
    let ascii = entry
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| entry[i + 1..].is_empty() || entry[i + 1..].starts_with([' ', '\t']));
    let wide = entry.find('：');
    // A nested line or a list item may be text holding a `：` (`- 附件一：申请表.pdf`); only
    // an English key there (`  title：申请表`) is surely a key.
    let nested = start > 0;
    let key_like = |k: &str| plausible_key(k) && (!nested || ascii_key(k));
    match (ascii, wide) {
        (a, Some(w)) if a.is_none_or(|a| w < a) && key_like(&entry[..w]) => {
            let key = entry[..w].trim_end_matches([' ', '\u{3000}']);
            let value = entry[w + '：'.len_utf8()..].trim_start_matches([' ', '\u{3000}']);
            let fixed = if value.is_empty() { format!("{key}:") } else { format!("{key}: {value}") };
            return Some(Mistake::FullWidthColon(column(line, start + w), fixed));
        }
        (Some(a), _) => {
            let key = &entry[..a];
            if let Some(at) = key.find('\u{3000}') {
                return Some(Mistake::FullWidthSpace(column(line, start + at)));
            }
            if let Some((at, ch)) = key.char_indices().find(|(_, c)| full_width_mark(*c)) {
                return Some(Mistake::FullWidthInKey(column(line, start + at), ch, key.trim().to_string()));
            }
        }
        (None, _) => {
            // `key:　value`: the colon is followed by a full-width space, which YAML does not
            // take for a space.
            if let Some(a) =
                entry.find([':']).filter(|&a| entry[a + 1..].starts_with('\u{3000}')).filter(|&a| key_like(&entry[..a]))
            {
                return Some(Mistake::FullWidthSpace(column(line, start + a + 1)));
            }
        }
    }
    None
}

/// An English key (`title`, `index_no`), possibly followed by spaces.
fn ascii_key(key: &str) -> bool {
    let key = key.trim_end_matches([' ', '\u{3000}']);
    key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A key as editors write them: short, one word, no sentence punctuation.
fn plausible_key(key: &str) -> bool {
    let key = key.trim_end_matches([' ', '\u{3000}']);
    !key.is_empty()
        && key.chars().count() <= 20
        && !key.chars().any(|c| matches!(c, ' ' | ':' | '，' | '。' | '；' | '！' | '？' | '、'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(line: &str) -> Option<Mistake> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        mistake_in(line, indent)
    }

    #[test]
    fn full_width_colon_is_found_with_its_column_and_the_fixed_line() {
        assert_eq!(
            find("title：关于印发方案的通知"),
            Some(Mistake::FullWidthColon(6, "title: 关于印发方案的通知".into()))
        );
        assert_eq!(find("发布日期：2026-03-05"), Some(Mistake::FullWidthColon(5, "发布日期: 2026-03-05".into())));
        assert_eq!(find("title： 示例: 副标题"), Some(Mistake::FullWidthColon(6, "title: 示例: 副标题".into())));
        assert_eq!(find("  - title：申请表"), Some(Mistake::FullWidthColon(10, "title: 申请表".into())));
    }

    #[test]
    fn full_width_spaces_and_tabs_are_found() {
        assert_eq!(find("\ttitle: a"), Some(Mistake::Tab(1)));
        assert_eq!(find("  \t- a"), Some(Mistake::Tab(3)));
        assert_eq!(find("\u{3000}title: a"), Some(Mistake::FullWidthSpace(1)));
        assert_eq!(find("title\u{3000}: a"), Some(Mistake::FullWidthSpace(6)));
        assert_eq!(find("date:\u{3000}2026-03-05"), Some(Mistake::FullWidthSpace(6)));
        assert_eq!(find("【标题】: a"), Some(Mistake::FullWidthInKey(1, '【', "【标题】".into())));
    }

    #[test]
    fn correct_lines_and_text_values_pass() {
        for ok in [
            "title: 关于印发《方案》的通知：第二批",
            "description: 主持人：您好",
            "keywords: [教育，招生]",
            "- 附件一：申请表.pdf",
            "url: https://www.gov.cn/",
            "\"title：x\": y",
            "  摘要：内容",
        ] {
            assert_eq!(find(ok), None, "{ok}");
        }
        let d =
            typing_mistakes(Path::new("a.md"), 2, "description: |\n  摘要：\t内容\n  第二行：x\ntitle: a\n", "yaml");
        assert!(d.is_empty(), "{d:?}");
    }
}
