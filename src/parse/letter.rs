//! The two body sections of a published letter (interaction columns): the letter as written
//! to the mailbox, then, after a heading such as `## 回复` or `## 答复意见`, the reply.

/// Heading texts that open the reply section (the first heading starting with one of them).
const REPLY_HEADINGS: &[&str] = &["回复", "答复", "办理结果", "办理情况"];
/// Heading texts that may open the letter section; the theme prints its own, so they are
/// dropped when the letter is rendered.
const LETTER_HEADINGS: &[&str] = &["来信", "信件内容", "留言内容"];

/// Byte range (absolute in `text`) of the heading line that opens the reply section, searched
/// from `body_offset`. Headings inside fenced code blocks do not count.
pub fn reply_heading(text: &str, body_offset: usize) -> Option<(usize, usize)> {
    heading_line(text, body_offset, REPLY_HEADINGS)
}

/// Where the letter's own text starts: after a leading `## 来信内容` heading, if there is one.
pub fn letter_start(text: &str, body_offset: usize) -> usize {
    match heading_line(text, body_offset, LETTER_HEADINGS) {
        Some((start, end)) if text[body_offset..start].trim().is_empty() => end,
        _ => body_offset,
    }
}

fn heading_line(text: &str, from: usize, words: &[&str]) -> Option<(usize, usize)> {
    let mut offset = from;
    let mut fences = super::Fences::default();
    for line in text.get(from..)?.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_start();
        if !fences.is_prose(t) {
            continue;
        }
        let Some(rest) = t.strip_prefix('#') else { continue };
        let rest = rest.trim_start_matches('#');
        if !rest.starts_with([' ', '\t']) {
            continue;
        }
        let title = rest.trim().trim_end_matches('#').trim();
        if words.iter().any(|w| title.starts_with(w)) {
            return Some((start, offset));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_reply_heading_outside_code() {
        let text =
            "---\ntitle: a\n---\n## 来信内容\n\n请问……\n\n```\n## 回复 (in code)\n```\n\n## 回复内容\n\n您好……\n";
        let body = text.find("## 来信").unwrap();
        let (s, e) = reply_heading(text, body).unwrap();
        assert_eq!(&text[s..e], "## 回复内容\n");
        assert_eq!(&text[letter_start(text, body)..s].trim()[..9], "请问…");
        assert_eq!(reply_heading("---\n---\n请问\n# 回复\n", 8).map(|r| r.0), Some(15));
        assert_eq!(reply_heading("---\n---\n请问\n#回复\n", 8), None);
    }

    #[test]
    fn a_letter_heading_after_text_is_kept() {
        let text = "前言\n## 来信\n";
        assert_eq!(letter_start(text, 0), 0);
    }
}
