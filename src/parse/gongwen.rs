//! The parts of a 公文 (official document) that GB/T 9704 lays out apart from the body text —
//! 主送机关, 附件说明, 落款 (issuing body and date, right-aligned) and 抄送 — written in
//! Markdown as fenced parts, without any style attribute:
//!
//! ```text
//! ::: 落款
//! 示例县人民政府办公室
//! 2026年3月1日
//! :::
//! ```
//!
//! A fence line is `:::` (or `：：：`, typed with a Chinese input method) followed by the part's
//! name ([`words::PART_NAMES`]); a bare `:::` closes it. The part renders as
//! `<div class="gw-…">` around its paragraphs, each line of the part on a line of its own; the
//! theme lays the classes out. Pasted Word/WPS HTML is turned into the same markup
//! ([`super::office`]).

use super::words;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// A part of a 公文 laid out apart from its body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// 主送机关: flush left, no first-line indent.
    Recipients,
    /// 附件说明: indented two characters, further lines aligned after 附件：.
    Attachments,
    /// 落款: issuing body and 成文日期, right-aligned, the body centred over the date.
    Signature,
    /// 抄送: between two rules at the end of the document.
    CopyTo,
}

impl Part {
    /// The class the theme styles the part by.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Part::Recipients => "gw-zhusong",
            Part::Attachments => "gw-fujian",
            Part::Signature => "gw-luokuan",
            Part::CopyTo => "gw-chaosong",
        }
    }

    /// The opening tag of the part's block.
    pub(crate) fn open(self) -> String {
        format!("<div class=\"{}\">", self.class())
    }

    /// How the part is called in messages to the editor.
    pub(crate) fn describe(self) -> String {
        match self {
            Part::Recipients => crate::t!("parse-gongwen-part-recipients"),
            Part::Attachments => crate::t!("parse-gongwen-part-attachments"),
            Part::Signature => crate::t!("parse-gongwen-part-signature"),
            Part::CopyTo => crate::t!("parse-gongwen-part-copy-to"),
        }
    }
}

/// What a line of text is as a fence.
#[derive(Debug, PartialEq, Eq)]
enum Fence<'a> {
    /// `::: 落款`: opens a part.
    Open(Part),
    /// `:::`: closes the innermost open part.
    Close,
    /// `::: 别的`: a fence with a name that is no part (left as text, and reported).
    Unknown(&'a str),
}

fn fence(line: &str) -> Option<Fence<'_>> {
    let line = line.trim();
    let rest = line.strip_prefix(":::").or_else(|| line.strip_prefix(words::FULL_WIDTH_FENCE))?;
    let name = rest.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
    if name.is_empty() {
        return Some(Fence::Close);
    }
    match words::PART_NAMES.iter().find(|(n, _)| *n == name) {
        Some((_, part)) => Some(Fence::Open(*part)),
        None => Some(Fence::Unknown(name)),
    }
}

/// A fence line whose name is no part: its byte offset (as the parser gave it) and the name.
pub(crate) type UnknownFence = (usize, String);

/// Turns the fence lines of a parsed body into the parts' blocks. `events` and `at` (each
/// event's byte offset in the body) are parallel. A fence line may stand in a paragraph of its
/// own or open and close the lines of one (`::: 落款⏎机关⏎日期⏎:::`); inside a part every line
/// break is kept as a line break. Parts left open are closed at the end.
pub(crate) fn apply<'a>(events: Vec<Event<'a>>, at: &[usize]) -> (Vec<Event<'a>>, Vec<UnknownFence>) {
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut unknown = Vec::new();
    let mut depth = 0usize;
    let mut in_paragraph = false;
    // A paragraph start held back until the paragraph has content (a fence line is none).
    let mut paragraph_open = false;
    let mut line_start = false;
    // A line break held back until more content follows it on the same paragraph.
    let mut pending_break: Option<Event<'a>> = None;
    let mut skip_break = false;
    let mut iter = events.into_iter().enumerate().peekable();
    while let Some((i, ev)) = iter.next() {
        match ev {
            Event::Start(Tag::Paragraph) => {
                in_paragraph = true;
                paragraph_open = false;
                line_start = true;
                pending_break = None;
                skip_break = false;
            }
            Event::End(TagEnd::Paragraph) => {
                if paragraph_open {
                    out.push(Event::End(TagEnd::Paragraph));
                }
                in_paragraph = false;
                paragraph_open = false;
                pending_break = None;
                skip_break = false;
            }
            Event::Text(ref t)
                if in_paragraph
                    && line_start
                    && matches!(
                        iter.peek(),
                        Some((_, Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)))
                    ) =>
            {
                match fence(t) {
                    Some(Fence::Open(part)) => {
                        close_paragraph(&mut out, &mut paragraph_open);
                        out.push(Event::Html(CowStr::from(part.open())));
                        depth += 1;
                        pending_break = None;
                        skip_break = true;
                    }
                    Some(Fence::Close) if depth > 0 => {
                        close_paragraph(&mut out, &mut paragraph_open);
                        out.push(Event::Html(CowStr::Borrowed("</div>")));
                        depth -= 1;
                        pending_break = None;
                        skip_break = true;
                    }
                    other => {
                        if let Some(Fence::Unknown(name)) = other {
                            unknown.push((at[i], name.to_owned()));
                        }
                        content(&mut out, &mut paragraph_open, &mut pending_break, ev);
                        line_start = false;
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak if in_paragraph => {
                line_start = true;
                if std::mem::take(&mut skip_break) {
                    continue;
                }
                // Inside a part each line is a line: the body and date of a 落款, one
                // attachment a line.
                pending_break = Some(if depth > 0 { Event::HardBreak } else { ev });
            }
            ev if in_paragraph => {
                skip_break = false;
                line_start = false;
                content(&mut out, &mut paragraph_open, &mut pending_break, ev);
            }
            ev => out.push(ev),
        }
    }
    for _ in 0..depth {
        out.push(Event::Html(CowStr::Borrowed("</div>")));
    }
    (out, unknown)
}

fn close_paragraph(out: &mut Vec<Event<'_>>, paragraph_open: &mut bool) {
    if std::mem::take(paragraph_open) {
        out.push(Event::End(TagEnd::Paragraph));
    }
}

fn content<'a>(
    out: &mut Vec<Event<'a>>,
    paragraph_open: &mut bool,
    pending_break: &mut Option<Event<'a>>,
    ev: Event<'a>,
) {
    if !*paragraph_open {
        out.push(Event::Start(Tag::Paragraph));
        *paragraph_open = true;
        *pending_break = None;
    }
    if let Some(b) = pending_break.take() {
        out.push(b);
    }
    out.push(ev);
}

/// One block for one 落款 (or other part) written as several: a Word paste gives the issuing
/// body and the date a right-aligned paragraph each, and an editor may close and reopen a part.
pub(crate) fn merge_adjacent(html: &str) -> String {
    let mut out = html.to_owned();
    for part in [Part::Recipients, Part::Attachments, Part::Signature, Part::CopyTo] {
        let open = part.open();
        if !out.contains(&open) {
            continue;
        }
        let mut merged = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(k) = rest.find("</div>") {
            let after = &rest[k + "</div>".len()..];
            let gap = after.len() - after.trim_start().len();
            // Only a part's own closing tag directly followed by the same part's opening tag;
            // which block a `</div>` closes matters not, since both sides are the same part.
            if after.trim_start().starts_with(&open) && closes(&rest[..k], &open) {
                merged.push_str(&rest[..k]);
                merged.push('\n');
                rest = &after[gap + open.len()..];
            } else {
                merged.push_str(&rest[..k + "</div>".len()]);
                rest = after;
            }
        }
        merged.push_str(rest);
        out = merged;
    }
    out
}

/// True when the last unclosed `<div` before the end of `before` is `open`.
fn closes(before: &str, open: &str) -> bool {
    let mut depth = 0i32;
    let mut rest = before;
    while let Some(k) = rest.rfind("<div").max(rest.rfind("</div>")) {
        if rest[k..].starts_with("</div>") {
            depth += 1;
        } else if depth == 0 {
            return rest[k..].starts_with(open);
        } else {
            depth -= 1;
        }
        rest = &rest[..k];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        crate::parse::markdown_render(std::path::Path::new("a.md"), md, 0).html
    }

    #[test]
    fn fence_lines() {
        assert_eq!(fence("::: 落款"), Some(Fence::Open(Part::Signature)));
        assert_eq!(fence("：：：抄送"), Some(Fence::Open(Part::CopyTo)));
        assert_eq!(fence(":::主送机关："), Some(Fence::Open(Part::Recipients)));
        assert_eq!(fence(":::"), Some(Fence::Close));
        assert_eq!(fence("::: 备注"), Some(Fence::Unknown("备注")));
        assert_eq!(fence("落款"), None);
    }

    #[test]
    fn a_signature_written_tight_or_with_blank_lines_renders_alike() {
        let tight = html("正文。\n\n::: 落款\n示例县人民政府办公室\n2026年3月1日\n:::\n");
        let loose = html("正文。\n\n::: 落款\n\n示例县人民政府办公室  \n2026年3月1日\n\n:::\n");
        let want = "<div class=\"gw-luokuan\">\n<p>示例县人民政府办公室<br>\n2026年3月1日</p>\n</div>";
        assert!(tight.contains(want), "{tight}");
        assert!(loose.contains(want), "{loose}");
        assert!(tight.starts_with("<p>正文。</p>"), "{tight}");
    }

    #[test]
    fn every_part_gets_its_class_and_text_around_stays() {
        let md = "::: 主送\n各乡镇人民政府，县直各单位：\n:::\n\n现将有关事项通知如下。\n\n::: 附件\n附件：1．实施方案\n2．任务分工表\n:::\n\n\
                  ::: 落款\n示例县人民政府\n2026年3月1日\n:::\n\n（此件公开发布）\n\n::: 抄送\n抄送：县委办公室。\n:::\n";
        let h = html(md);
        for class in ["gw-zhusong", "gw-fujian", "gw-luokuan", "gw-chaosong"] {
            assert_eq!(h.matches(&format!("<div class=\"{class}\">")).count(), 1, "{class}: {h}");
        }
        assert!(h.contains("附件：1．实施方案<br>\n2．任务分工表"), "{h}");
        assert!(h.contains("<p>（此件公开发布）</p>"), "{h}");
        assert!(!h.contains(":::"), "{h}");
        assert_eq!(h.matches("<div").count(), h.matches("</div>").count(), "{h}");
    }

    #[test]
    fn unknown_names_and_fences_in_code_stay_text() {
        let b = crate::parse::markdown_render(
            std::path::Path::new("a.md"),
            "第一段\n\n::: 备注\n内容\n\n```\n::: 落款\n```\n\n文中 ::: 落款 不是围栏\n",
            0,
        );
        assert!(!b.html.contains("gw-"), "{}", b.html);
        assert!(b.html.contains("::: 备注"), "{}", b.html);
        let w: Vec<_> = b.warnings.iter().map(|w| (w.rule, w.line)).collect();
        assert_eq!(w, vec![("gongwen-part", Some(3))]);
    }

    #[test]
    fn an_unclosed_part_is_closed_and_a_stray_close_is_text() {
        let h = html("::: 落款\n示例县人民政府\n");
        assert!(h.ends_with("</div>"), "{h}");
        let h = html("正文\n\n:::\n");
        assert!(h.contains("<p>:::</p>"), "{h}");
    }

    #[test]
    fn adjacent_blocks_of_one_part_merge() {
        let h = "<div class=\"gw-luokuan\"><p>示例县人民政府</p></div>\n<div class=\"gw-luokuan\"><p>2026年3月1日</p></div><div class=\"gw-chaosong\"><p>x</p></div>";
        assert_eq!(
            merge_adjacent(h),
            "<div class=\"gw-luokuan\"><p>示例县人民政府</p>\n<p>2026年3月1日</p></div><div class=\"gw-chaosong\"><p>x</p></div>"
        );
        let nested = "<div class=\"gw-luokuan\"><div class=\"x\">a</div>\n<div class=\"gw-luokuan\">b</div></div>";
        assert_eq!(merge_adjacent(nested), nested, "an inner div's end is not the part's");
    }
}
