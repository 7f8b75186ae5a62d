//! Interview transcripts (在线访谈) as a dialogue: a paragraph that opens with a speaker's
//! name and a full-width colon (`主持人：…`, `**杨晓峰**：…`) becomes one turn, marked so the
//! theme can set the speaker apart. Only known speakers count — the host, netizens (网友…)
//! and the guests named in the front matter — so an ordinary sentence with a colon stays a
//! paragraph.

/// Speakers every interview has besides its guests.
const HOSTS: &[&str] = &["主持人", "主持"];

/// Marks the turns of `html` (a rendered, sanitized body). `guests` are the front matter's
/// guest entries; a guest's name is the last word of an entry (`常务副县长 杨晓峰`) or the
/// whole entry.
pub fn mark_turns(html: &str, guests: &[String]) -> String {
    let names: Vec<&str> = guests
        .iter()
        .flat_map(|g| [g.as_str(), g.rsplit([' ', '　']).next().unwrap_or(g)])
        .filter(|n| !n.is_empty())
        .collect();
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(at) = rest.find("<p>") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        match speaker(after, &names) {
            Some((name, consumed)) => {
                let class = if HOSTS.contains(&name) { "turn turn-host" } else { "turn" };
                out.push_str(&format!("<p class=\"{class}\"><strong class=\"speaker\">{name}</strong>："));
                rest = &after[consumed..];
            }
            None => {
                out.push_str("<p>");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The speaker at the start of a paragraph's HTML and the bytes its label takes (through the
/// colon), when the paragraph opens a turn.
fn speaker<'a>(p: &'a str, names: &[&str]) -> Option<(&'a str, usize)> {
    let (label, consumed) = if let Some(inner) = p.strip_prefix("<strong>") {
        let end = inner.find("</strong>")?;
        let label = inner[..end].trim_end_matches(['：', ':']);
        let after = &inner[end + "</strong>".len()..];
        let colon = if inner[..end].ends_with(['：', ':']) {
            0
        } else if after.starts_with('：') {
            '：'.len_utf8()
        } else if after.starts_with(':') {
            1
        } else {
            return None;
        };
        (label, "<strong>".len() + end + "</strong>".len() + colon)
    } else {
        let end = p.find('：')?;
        (&p[..end], end + '：'.len_utf8())
    };
    let label = label.trim();
    let known = HOSTS.contains(&label) || label.starts_with("网友") || names.contains(&label);
    (known && label.chars().count() <= 24 && !label.contains('<')).then_some((label, consumed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_are_marked_for_known_speakers_only() {
        let guests = vec!["常务副县长 杨晓峰".to_string(), "龙海涛".to_string()];
        let html = "<p><strong>主持人</strong>：大家好</p>\n<p>杨晓峰：谢谢。</p>\n<p><strong>龙海涛：</strong>第二条</p>\n<p>注意：这不是发言</p>\n<p>网友“茶乡”：请问</p>";
        let out = mark_turns(html, &guests);
        assert!(
            out.contains("<p class=\"turn turn-host\"><strong class=\"speaker\">主持人</strong>：大家好</p>"),
            "{out}"
        );
        assert!(out.contains("<p class=\"turn\"><strong class=\"speaker\">杨晓峰</strong>：谢谢。</p>"), "{out}");
        assert!(out.contains("<strong class=\"speaker\">龙海涛</strong>：第二条</p>"), "{out}");
        assert!(out.contains("<p>注意：这不是发言</p>"), "{out}");
        assert!(out.contains("<strong class=\"speaker\">网友“茶乡”</strong>：请问"), "{out}");
        assert_eq!(out.matches("class=\"turn").count(), 4);
    }
}
