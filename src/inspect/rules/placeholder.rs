//! Rule `placeholder-page` (空白栏目): a page whose body is empty, or holds essentially nothing
//! but placeholder text (建设中, 暂无内容, lorem ipsum…), counts as blank content.
//!
//! The decision is by the body's *meaningful length*: the number of letters, digits and CJK
//! characters left after dropping whitespace, punctuation, Markdown syntax, HTML tags and
//! comments, entities, link targets and heading attributes.
//! - **Empty**: meaningful length 0, no link, image or embedded object, and no `attachments:`
//!   in the front matter. Reported at the first non-blank character of the body, or at the line
//!   closing the front matter when the body is blank.
//! - **Placeholder**: the body contains a placeholder from [`PLACEHOLDERS`] and fewer than
//!   [`MIN_MEANINGFUL`] meaningful characters besides the placeholders. Reported at the first
//!   placeholder. A normal page that mentions 暂无信息 in a sentence has more than that.
//!
//! One finding per page. Bodies with at least [`CAP`] meaningful characters are dismissed after
//! reading that many characters, so the rule costs little on real pages.

use super::super::Finding;
use crate::t;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

pub(super) use super::super::data::placeholders::PLACEHOLDERS;

/// Meaningful characters besides the placeholders below which a page is a placeholder page.
pub(super) const MIN_MEANINGFUL: usize = 20;

/// Meaningful characters after which a body is certainly not a placeholder page.
const CAP: usize = 200;

fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(PLACEHOLDERS)
            .expect("the placeholder list builds")
    })
}

/// Reports `text` (body from byte `body_offset`) when its body is empty or a placeholder;
/// `attachments` is true when the front matter lists attachments (the page's content).
pub(super) fn check(
    text: &str,
    body_offset: usize,
    attachments: bool,
    emit: &dyn Fn(&'static str, String, usize) -> Finding,
    out: &mut Vec<Finding>,
) {
    let body_offset = body_offset.min(text.len());
    let body = &text[body_offset..];
    let scan = meaningful(body, CAP);
    if scan.count >= CAP {
        return;
    }
    if scan.count == 0 {
        if scan.media || attachments {
            return;
        }
        let at = match body.find(|c: char| !c.is_whitespace()) {
            Some(i) => body_offset + i,
            // The line closing the front matter.
            None => text[..body_offset].trim_end_matches(['\n', '\r']).rfind('\n').map_or(0, |i| i + 1),
        };
        out.push(emit("placeholder-page", t!("inspect-page-empty"), at).suggest(t!("inspect-page-empty-help")));
        return;
    }
    let mut first = None;
    let mut placeholder_chars = 0;
    for m in automaton().find_iter(body) {
        first.get_or_insert(m.start());
        placeholder_chars += meaningful(&body[m.range()], CAP).count;
    }
    let Some(first) = first else { return };
    let rest = scan.count - placeholder_chars.min(scan.count);
    if rest < MIN_MEANINGFUL {
        let found = &body[first..];
        let word: String = PLACEHOLDERS
            .iter()
            .filter(|p| found.get(..p.len()).is_some_and(|f| f.eq_ignore_ascii_case(p)))
            .max_by_key(|p| p.len())
            .map_or_else(String::new, |p| found[..p.len()].to_owned());
        out.push(
            emit("placeholder-page", t!("inspect-page-placeholder", text = word, rest = rest), body_offset + first)
                .suggest(t!("inspect-page-placeholder-help")),
        );
    }
}

/// What [`meaningful`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scan {
    /// Meaningful characters, up to the cap.
    count: usize,
    /// A link, image or embedded object was seen.
    media: bool,
}

/// Counts the meaningful characters of Markdown `s` (letters, digits, CJK), skipping HTML tags
/// and comments, entities, link targets `](…)` and attributes `{#…}`; stops at `cap`.
fn meaningful(s: &str, cap: usize) -> Scan {
    let b = s.as_bytes();
    let mut scan = Scan { count: 0, media: false };
    let mut i = 0;
    while i < b.len() && scan.count < cap {
        let c = b[i];
        let skip_to = |from: usize, end: &str| s[from..].find(end).map(|j| from + j + end.len());
        let next = match c {
            b'<' if s[i..].starts_with("<!--") => skip_to(i, "-->"),
            b'<' if b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/') => {
                let end = skip_to(i, ">");
                if end.is_some() {
                    let name: String = s[i + 1..]
                        .bytes()
                        .take_while(u8::is_ascii_alphanumeric)
                        .map(|x| x.to_ascii_lowercase() as char)
                        .collect();
                    scan.media |= matches!(
                        name.as_str(),
                        "a" | "img" | "video" | "audio" | "iframe" | "embed" | "object" | "source" | "http" | "https"
                    );
                }
                end
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                scan.media = true;
                skip_to(i, ")")
            }
            b'{' if matches!(b.get(i + 1), Some(b'#' | b'.')) => skip_to(i, "}"),
            b'&' => {
                let n = b[i + 1..].iter().take(10).take_while(|x| x.is_ascii_alphanumeric() || **x == b'#').count();
                (n > 0 && b.get(i + 1 + n) == Some(&b';')).then_some(i + n + 2)
            }
            _ => None,
        };
        if let Some(n) = next {
            i = n;
            continue;
        }
        let ch = s[i..].chars().next().expect("i is on a character boundary");
        if is_meaningful(ch) {
            scan.count += 1;
        }
        i += ch.len_utf8();
    }
    scan
}

/// Letters, digits and CJK characters; the common ranges without a table lookup.
fn is_meaningful(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{4e00}'..='\u{9fff}' => true,
        '\u{3000}'..='\u{3006}' | '\u{3008}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::locate;
    use super::*;

    const HEAD: &str = "---\ntitle: 通知公告\ndate: 2026-03-01\n---\n";

    fn run_with(body: &str, attachments: bool) -> Vec<(usize, usize, String)> {
        let text = format!("{HEAD}{body}");
        let emit = |rule, msg, at| {
            let (l, c) = locate(&text, at);
            Finding::new("t", rule, msg).at(l, Some(c))
        };
        let mut out = Vec::new();
        check(&text, HEAD.len(), attachments, &emit, &mut out);
        out.into_iter().map(|f| (f.line.unwrap(), f.col.unwrap(), f.message)).collect()
    }

    fn run(body: &str) -> Vec<(usize, usize)> {
        run_with(body, false).into_iter().map(|f| (f.0, f.1)).collect()
    }

    #[test]
    fn empty_bodies_fire_at_the_closing_line_or_first_character() {
        assert_eq!(run(""), [(4, 1)]);
        assert_eq!(run("\n\n  \n"), [(4, 1)]);
        assert_eq!(run("\n<p>&nbsp;</p>\n"), [(6, 1)]);
        assert!(run_with("", false)[0].2.contains("正文是空的"));
    }

    #[test]
    fn attachment_image_or_link_only_pages_are_not_empty() {
        assert_eq!(run_with("", true), []);
        assert_eq!(run("\n![](/img/org-chart.png)\n"), []);
        assert_eq!(run("\n<img src=\"a.png\">\n"), []);
    }

    #[test]
    fn placeholder_pages_fire_at_the_placeholder() {
        assert_eq!(run("\n本栏目正在建设中，敬请期待！\n"), [(6, 4)]);
        assert_eq!(run("\n## 说明\n\n暂无内容\n"), [(8, 1)]);
        assert_eq!(run("\nLorem ipsum dolor sit amet.\n"), [(6, 1)]);
        assert_eq!(run("\n> 测试内容\n"), [(6, 3)]);
        let msg = &run_with("\n本栏目正在建设中，敬请期待！\n", false)[0].2;
        assert!(msg.contains("「正在建设中」"), "{msg}");
    }

    #[test]
    fn normal_pages_mentioning_a_placeholder_word_do_not_fire() {
        assert_eq!(run("\n经核查，本季度暂无信息公开申请被行政复议或提起行政诉讼的情况，特此说明。\n"), []);
        assert_eq!(
            run("\n新建的便民服务中心正在建设，预计年底前投入使用，届时将提供社保、医保、不动产登记等服务。\n"),
            []
        );
        assert_eq!(run("\n详见附件。\n"), []);
    }

    #[test]
    fn meaningful_length_skips_markup() {
        let s =
            "## 标题 {#t}\n\n**加粗** [链接](https://example.com/a) <span class=\"x\">文字</span><!-- 注释 --> &nbsp;";
        assert_eq!(meaningful(s, 100), Scan { count: 8, media: true });
        assert_eq!(meaningful("一二三四五", 3).count, 3);
        assert_eq!(meaningful("〇Ｘ１é，。、：；！？（）【】《》“”…—", 100).count, 4);
    }
}
