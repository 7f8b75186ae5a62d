//! Rules `guide-elements`, `guide-elements-recommended` and `guide-placeholder` (办事服务不实用,
//! NORMS.md §3): a service guide (办事指南, a page in a column of kind `guide`) must state each
//! required and recommended element of `check.guide`, and must not carry placeholder text left
//! by an unfinished synchronisation (未传入内容编号).
//!
//! An element counts as present when it, or one of its synonyms, is used as a label:
//! - a heading (`## 设定依据`, `## 二、设定依据`, `## 办理材料（附表格下载） {#cl}`);
//! - a bold label at the start of a line (`**申请条件：**`, `- **办理时间**：工作日`);
//! - a cell of a Markdown table (`| 事项名称 | 临时救助 |`) or the text of an HTML element
//!   (`<th>事项名称</th>`, `<td><strong>办理地点</strong></td>`);
//! - `label：` or `label:` at the start of a line or of an HTML element's text (`咨询电话：0851…`);
//! - a line holding only the label.
//!
//! Leading numbering (`一、`, `（二）`, `3.`) and trailing colons are ignored; a label may be
//! followed by a bracketed note (`办理材料（2份）`). The word inside running text does not count.

use super::super::Finding;
use super::super::data::guide_terms::NUMERALS;
use crate::load::GuideSettings;
use crate::t;

/// Reports the elements `text` (a guide page whose body starts at byte `body_offset`) lacks, and
/// every placeholder in it. Missing elements are located at the title line `title_line`.
pub(super) fn check(
    cfg: &GuideSettings,
    text: &str,
    body_offset: usize,
    title_line: usize,
    emit: &dyn Fn(&'static str, String, usize) -> Finding,
    out: &mut Vec<Finding>,
) {
    let labels = labels(&text[body_offset.min(text.len())..]);
    for (rule, elements) in [("guide-elements", &cfg.required), ("guide-elements-recommended", &cfg.recommended)] {
        for element in elements {
            let synonyms = cfg.synonyms.get(element).map(Vec::as_slice).unwrap_or_default();
            let present = std::iter::once(element).chain(synonyms).any(|t| labels.iter().any(|l| is_label_for(l, t)));
            if present {
                continue;
            }
            let element = element.as_str();
            let message = match (rule, synonyms.join(&t!("inspect-list-sep"))) {
                ("guide-elements", s) if s.is_empty() => t!("inspect-guide-missing-required", element = element),
                ("guide-elements", s) => t!("inspect-guide-missing-required-or", element = element, synonyms = s),
                (_, s) if s.is_empty() => t!("inspect-guide-missing-recommended", element = element),
                (_, s) => t!("inspect-guide-missing-recommended-or", element = element, synonyms = s),
            };
            out.push(
                emit(rule, message, 0)
                    .at(title_line, None)
                    .suggest(t!("inspect-guide-missing-help", element = element)),
            );
        }
    }
    for p in cfg.placeholders.iter().filter(|p| !p.is_empty()) {
        for (at, _) in text.match_indices(p.as_str()) {
            out.push(
                emit("guide-placeholder", t!("inspect-guide-placeholder", text = p.as_str()), at)
                    .suggest(t!("inspect-guide-placeholder-help")),
            );
        }
    }
}

/// True when label `l` (normalised) names term `t`: equal, or `t` followed by a bracketed note.
fn is_label_for(l: &str, t: &str) -> bool {
    l.strip_prefix(t).is_some_and(|rest| rest.is_empty() || rest.starts_with(['（', '(', '【', '[', '〔']))
}

/// Every text of the body used as a label, normalised.
fn labels(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut fences = crate::parse::Fences::default();
    for line in body.lines() {
        let t = line.trim_matches(is_space);
        if !fences.is_prose(t) {
            continue;
        }
        if t.is_empty() {
            continue;
        }
        if t.starts_with('#') {
            let h = t.trim_start_matches('#');
            if h.is_empty() || h.starts_with(is_space) {
                out.push(normalise(h.trim_end_matches(is_space).trim_end_matches('#')));
            }
            continue;
        }
        let t = strip_block_markers(t);
        if t.contains('<') {
            html_texts(t, &mut out);
        }
        if t.starts_with('|') {
            out.extend(t.split('|').map(normalise).filter(|c| !c.is_empty()));
            continue;
        }
        for bold in ["**", "__"] {
            if let Some(inner) = t.strip_prefix(bold).and_then(|r| r.split(bold).next()) {
                out.push(normalise(inner));
            }
        }
        if let Some(l) = colon_label(t) {
            out.push(l);
        }
        if t.chars().count() <= 16 {
            out.push(normalise(t));
        }
    }
    out
}

/// The text before a `：` or `:` near the start of `t`, normalised.
fn colon_label(t: &str) -> Option<&str> {
    let (i, _) = t.char_indices().take(20).find(|&(_, c)| c == '：' || c == ':')?;
    Some(normalise(&t[..i])).filter(|l| !l.is_empty())
}

/// The texts between the tags of an HTML line, each as a label and with its `label：` prefix.
fn html_texts<'a>(t: &'a str, out: &mut Vec<&'a str>) {
    for seg in t.split('>').skip(1) {
        let text = seg.split('<').next().unwrap_or("");
        let n = normalise(text);
        if !n.is_empty() {
            out.extend(colon_label(text));
            out.push(n);
        }
    }
}

/// The line without blockquote markers and a list marker (`- `, `* `, `+ `, `1. `, `1) `).
fn strip_block_markers(mut t: &str) -> &str {
    while let Some(r) = t.strip_prefix('>') {
        t = r.trim_start_matches(is_space);
    }
    for m in ["- ", "* ", "+ "] {
        if let Some(r) = t.strip_prefix(m) {
            return r.trim_start_matches(is_space);
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(r) = t[digits..].strip_prefix(". ").or_else(|| t[digits..].strip_prefix(") "))
    {
        return r.trim_start_matches(is_space);
    }
    t
}

/// A label without surrounding spaces, emphasis, heading attributes (`{#id}`), trailing colons
/// and leading numbering (`一、`, `（二）`, `3.`, `(4)`, `①`).
fn normalise(s: &str) -> &str {
    let mut t = s.trim_matches(is_space);
    if t.ends_with('}')
        && let Some(i) = t.rfind('{')
    {
        t = t[..i].trim_end_matches(is_space);
    }
    let trim = |c: char| is_space(c) || matches!(c, '*' | '_' | '`' | '：' | ':');
    t = t.trim_matches(trim);
    strip_numbering(t).trim_matches(trim)
}

/// `t` without a leading `一、`, `（二）`, `(3)`, `4.`, `5、`, `第六、` or circled number.
fn strip_numbering(t: &str) -> &str {
    let numeral = |c: char| c.is_ascii_digit() || NUMERALS.contains(c);
    if let Some(c) = t.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        return &t[c.len_utf8()..];
    }
    let (open, rest) = match t.strip_prefix(['（', '(', '【', '[']) {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('第').unwrap_or(t)),
    };
    let n: usize = rest.chars().take_while(|&c| numeral(c)).map(char::len_utf8).sum();
    if n == 0 {
        return t;
    }
    let after = &rest[n..];
    let seps: &[char] = if open { &['）', ')', '】', ']'] } else { &['、', '.', '．', ')', '）'] };
    match after.strip_prefix(seps) {
        Some(r) => r.strip_prefix(['、', '.', '．']).unwrap_or(r),
        None => t,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

#[cfg(test)]
mod tests {
    use super::super::locate;
    use super::*;

    const HEAD: &str = "---\ntitle: 临时救助申请办事指南\ndate: 2026-02-16\n---\n\n";

    /// (rule, line, col, message) of every finding for a guide whose body is `body`.
    fn run(body: &str) -> Vec<(&'static str, usize, Option<usize>, String)> {
        let text = format!("{HEAD}{body}");
        let emit = |rule, msg, at| {
            let (l, c) = locate(&text, at);
            Finding::new("t", rule, msg).at(l, Some(c))
        };
        let mut out = Vec::new();
        check(&GuideSettings::default(), &text, HEAD.len(), 2, &emit, &mut out);
        out.into_iter().map(|f| (f.rule, f.line.unwrap(), f.col, f.message)).collect()
    }

    fn missing(body: &str) -> Vec<String> {
        run(body)
            .into_iter()
            .filter(|f| f.0 != "guide-placeholder")
            .map(|f| f.3.split('「').nth(1).unwrap().split('」').next().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn complete_guide_in_headings_has_no_finding() {
        let body = "## 事项名称\n\n临时救助\n\n## 一、设定依据\n\n《社会救助暂行办法》\n\n## （三）申请条件\n\n困难家庭\n\n\
                    ## 办理材料（附表格下载） {#cl}\n\n身份证\n\n## 办理地点\n\n便民服务中心\n\n## 办理时间\n\n工作日\n\n\
                    ## 咨询电话\n\n0851-25750032\n\n## 办理流程 {#blc}\n\n1. **申请受理：** 提出申请\n";
        assert_eq!(run(body), vec![]);
    }

    #[test]
    fn labels_bold_tables_html_and_synonyms_count() {
        let body = "| 事项名称 | 临时救助 |\n|---|---|\n| **法律依据** | 《社会救助暂行办法》 |\n\n\
                    - **受理条件**：困难家庭\n\n所需材料：身份证\n\n\
                    <table><tr><th>办理地址</th><td>便民服务中心</td></tr><tr><td>受理时间：工作日</td></tr></table>\n\n\
                    联系电话: 0851-25750032\n\n办事流程\n\n申请、审核、发放。\n";
        assert_eq!(missing(body), Vec::<String>::new());
    }

    #[test]
    fn each_missing_element_is_one_finding_at_the_title_line_naming_synonyms() {
        let body = "## 事项名称\n\n临时救助\n\n## 申请条件\n\n本事项的设定依据见政策文件，办理材料详见附件。\n";
        let found = run(body);
        assert_eq!(
            found.iter().map(|f| (f.0, f.1, f.2)).collect::<Vec<_>>(),
            vec![("guide-elements", 2, None), ("guide-elements", 2, None)]
                .into_iter()
                .chain(std::iter::repeat_n(("guide-elements-recommended", 2, None), 4))
                .collect::<Vec<_>>()
        );
        assert_eq!(missing(body), ["设定依据", "办理材料", "办理地点", "办理时间", "咨询电话", "办理流程"]);
        assert!(found[0].3.contains("办理依据、法律依据、政策依据、实施依据"), "{}", found[0].3);
    }

    #[test]
    fn words_in_running_text_or_longer_labels_do_not_count() {
        let body = "## 事项说明\n\n申请条件和办理材料以窗口告知为准，设定依据另行公布，事项名称待定。\n";
        assert_eq!(missing(body)[..4], ["事项名称", "设定依据", "申请条件", "办理材料"]);
    }

    #[test]
    fn placeholders_are_reported_where_they_are() {
        let body = "## 事项名称\n\n未传入内容编号\n\n## 设定依据\n\n暂无数据\n";
        let found: Vec<_> = run(body).into_iter().filter(|f| f.0 == "guide-placeholder").collect();
        assert_eq!(found.iter().map(|f| (f.1, f.2)).collect::<Vec<_>>(), vec![(8, Some(1)), (12, Some(1))]);
    }

    #[test]
    fn numbering_and_markers_are_stripped() {
        assert_eq!(normalise(" **二、设定依据：** "), "设定依据");
        assert_eq!(normalise("（四）办理材料"), "办理材料");
        assert_eq!(normalise("3. 办理流程 {#lc}"), "办理流程");
        assert_eq!(normalise("①咨询电话"), "咨询电话");
        assert_eq!(normalise("十一、办理时间"), "办理时间");
        assert_eq!(normalise("一次性告知"), "一次性告知");
        assert_eq!(strip_block_markers("> - 办理地点：大厅"), "办理地点：大厅");
        assert!(is_label_for("办理材料（2份）", "办理材料") && !is_label_for("办理材料清单", "办理材料"));
    }
}
