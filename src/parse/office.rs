//! HTML pasted from Word or WPS (`<p class="MsoNormal" style="text-align:right">`, `<o:p>`,
//! `<span style="font-family:仿宋">`, runs of `&nbsp;`) turned, at build time, into the
//! markup of the Markdown 公文 convention ([`super::gongwen`]): a right-aligned paragraph (or
//! one pushed right with spaces) becomes the 落款, a paragraph opening with 附件： the 附件说明,
//! one opening with 抄送： the 抄送 line, the first paragraph ending in a colon the 主送机关,
//! a centred one keeps its centring as a class; fonts, sizes, indents and spacing go, so the
//! sanitizer has no style attribute left to warn about. The source file is not touched.

use super::gongwen::Part;
use super::words;
use lol_html::html_content::ContentType;
use std::cell::RefCell;
use std::rc::Rc;

/// Leading spaces (`&nbsp;` counts one, a full-width space two) from which a paragraph counts
/// as pushed to the right edge: a first-line indent is four, a 落款 typed into place dozens.
const PUSHED_RIGHT: usize = 10;
/// The 主送机关 line is short: longer lines ending in a colon are body text.
const RECIPIENTS_MAX_CHARS: usize = 80;

/// Where the paragraph placeholders start and end (private-use characters, removed from the
/// input first so an editor's text can never look like one).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E002}';
const END: char = '\u{E001}';

/// True when a raw HTML block carries the marks of a Word or WPS paste: Office classes or
/// namespaced elements, `mso-` styles, or an alignment given as a style or `align` attribute.
pub(crate) fn is_office_paste(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    ["msonormal", "<o:p", "mso-", "text-align", " align="].iter().any(|m| lower.contains(m))
}

/// A converted paste: the HTML and the 公文 parts found in it, in order of first appearance.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    pub html: String,
    pub parts: Vec<Part>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Align {
    #[default]
    Start,
    Center,
    Right,
}

/// The alignment an element's `style` (`text-align`) or old `align` attribute gives it.
fn align_of(style: Option<String>, align: Option<String>) -> Option<Align> {
    let from = |v: &str| match v.trim().to_ascii_lowercase().as_str() {
        "right" | "end" => Some(Align::Right),
        "center" => Some(Align::Center),
        "left" | "start" | "justify" => Some(Align::Start),
        _ => None,
    };
    if let Some(style) = style {
        for decl in style.split(';') {
            if let Some((k, v)) = decl.split_once(':')
                && k.trim().eq_ignore_ascii_case("text-align")
            {
                return from(v);
            }
        }
    }
    align.and_then(|v| from(&v))
}

#[derive(Debug, Default)]
struct Paragraph {
    align: Align,
    leading_spaces: usize,
    text: String,
}

#[derive(Debug, Default)]
struct State {
    paragraphs: Vec<Paragraph>,
    /// Open tracked paragraphs (`p`, `h1`–`h6`), innermost last.
    open: Vec<usize>,
    /// Alignment of enclosing `div`s, innermost last.
    div_align: Vec<Option<Align>>,
}

/// Converts a pasted Word/WPS HTML block (see the module documentation).
pub(crate) fn convert(html: &str) -> Converted {
    let input: String = html.chars().filter(|c| !matches!(*c, OPEN | CLOSE | END)).collect();
    let state = Rc::new(RefCell::new(State::default()));
    let (s_el, s_text) = (state.clone(), state.clone());
    let settings = lol_html::Settings::new()
        .append_element_content_handler(lol_html::element!("*", move |el| {
            let tag = el.tag_name();
            if tag.contains(':') {
                // <o:p>, <w:sdt>, <v:shape>…: Office's own elements carry no content worth keeping.
                el.remove();
                return Ok(());
            }
            let align = align_of(el.get_attribute("style"), el.get_attribute("align"));
            // Office's classes (MsoNormal, WordSection1…) mean nothing to the theme.
            for name in ["style", "lang", "align", "xml:lang", "class"] {
                el.remove_attribute(name);
            }
            match tag.as_str() {
                "span" | "font" => el.remove_and_keep_content(),
                "div" => {
                    s_el.borrow_mut().div_align.push(align);
                    let s = s_el.clone();
                    el.on_end_tag(lol_html::end_tag!(move |_| {
                        s.borrow_mut().div_align.pop();
                        Ok(())
                    }))?;
                }
                "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    let mut st = s_el.borrow_mut();
                    let inherited = st.div_align.iter().rev().flatten().next().copied();
                    let align = align.or(inherited).unwrap_or_default();
                    let k = st.paragraphs.len();
                    st.paragraphs.push(Paragraph { align, ..Paragraph::default() });
                    st.open.push(k);
                    drop(st);
                    if align == Align::Center {
                        el.set_attribute("class", "align-center")?;
                    }
                    el.before(&format!("{OPEN}{k}{END}"), ContentType::Html);
                    let s = s_el.clone();
                    el.on_end_tag(lol_html::end_tag!(move |end| {
                        end.after(&format!("{CLOSE}{k}{END}"), ContentType::Html);
                        s.borrow_mut().open.pop();
                        Ok(())
                    }))?;
                }
                _ => {}
            }
            Ok(())
        }))
        .append_document_content_handler(lol_html::doc_comments!(|c| {
            c.remove();
            Ok(())
        }))
        .append_document_content_handler(lol_html::doc_text!(move |t| {
            let mut st = s_text.borrow_mut();
            let Some(&k) = st.open.last() else { return Ok(()) };
            let p = &mut st.paragraphs[k];
            let text = spaces(t.as_str(), p);
            t.replace(&text, ContentType::Html);
            Ok(())
        }));
    let rewritten = lol_html::rewrite_str(&input, settings).unwrap_or(input);
    let paragraphs = std::mem::take(&mut state.borrow_mut().paragraphs);
    let roles = roles(&paragraphs);
    let mut parts = Vec::new();
    for part in roles.iter().flatten().flatten() {
        if !parts.contains(part) {
            parts.push(*part);
        }
    }
    Converted { html: place(&rewritten, &roles), parts }
}

/// Each paragraph's fate: `None` dropped (empty: Word's blank-line paragraphs), `Some(None)`
/// kept as it is, `Some(Some(part))` wrapped as that 公文 part.
fn roles(paragraphs: &[Paragraph]) -> Vec<Option<Option<Part>>> {
    let mut roles = Vec::with_capacity(paragraphs.len());
    let mut seen_body = false;
    let mut previous: Option<Part> = None;
    for p in paragraphs {
        let text = p.text.trim();
        if text.is_empty() {
            roles.push(None);
            continue;
        }
        let part = if p.align == Align::Right || p.leading_spaces >= PUSHED_RIGHT {
            Some(Part::Signature)
        } else if text.starts_with(words::ATTACHMENTS_LEAD)
            || (previous == Some(Part::Attachments) && starts_with_number(text))
        {
            Some(Part::Attachments)
        } else if text.starts_with(words::COPY_TO_LEAD) {
            Some(Part::CopyTo)
        } else if !seen_body
            && p.align == Align::Start
            && text.ends_with(words::RECIPIENTS_END)
            && text.chars().count() <= RECIPIENTS_MAX_CHARS
        {
            Some(Part::Recipients)
        } else {
            None
        };
        if p.align == Align::Start {
            seen_body = true;
        }
        previous = part;
        roles.push(Some(part));
    }
    roles
}

/// `2．`, `3.`, `10、`: the next attachment of a 附件说明.
fn starts_with_number(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(['．', '.', '、'])
}

/// The paragraph placeholders replaced by the parts' blocks; dropped paragraphs removed.
fn place(html: &str, roles: &[Option<Option<Part>>]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(k) = rest.find([OPEN, CLOSE]) {
        out.push_str(&rest[..k]);
        let marker = rest[k..].chars().next().unwrap_or(OPEN);
        let after = &rest[k + marker.len_utf8()..];
        let end = after.find(END).unwrap_or(after.len());
        let idx: usize = after[..end].parse().unwrap_or(usize::MAX);
        rest = after.get(end + END.len_utf8()..).unwrap_or("");
        match (marker, roles.get(idx).copied().flatten()) {
            (OPEN, None) => {
                // Skip the empty paragraph up to and including its closing placeholder.
                let close = format!("{CLOSE}{idx}{END}");
                rest = rest.find(&close).map_or(rest, |c| &rest[c + close.len()..]);
            }
            (OPEN, Some(Some(part))) => out.push_str(&part.open()),
            (_, Some(Some(_))) => out.push_str("</div>"),
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// A text chunk of a paragraph with Office spacing undone: leading spaces (a typed indent, or
/// a 落款 pushed right) dropped and counted, every inner run of spaces one space.
fn spaces(raw: &str, p: &mut Paragraph) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut run = 0usize;
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let (width, len) = if ["&nbsp;", "&#160;", "&#xa0;", "&#xA0;"].iter().any(|e| rest.starts_with(e)) {
            (1, 6)
        } else if c == '\u{3000}' {
            (2, c.len_utf8())
        } else if c == '\u{a0}' || c.is_ascii_whitespace() {
            (1, c.len_utf8())
        } else {
            (0, c.len_utf8())
        };
        if width > 0 {
            run += width;
        } else {
            if p.text.is_empty() {
                p.leading_spaces += run;
            } else if run > 0 {
                out.push(' ');
                p.text.push(' ');
            }
            run = 0;
            out.push_str(&rest[..len]);
            p.text.push_str(&rest[..len]);
        }
        rest = &rest[len..];
    }
    if run > 0 {
        if p.text.is_empty() {
            p.leading_spaces += run;
        } else {
            // A run that ends this chunk: kept as one space (the next chunk may go on).
            out.push(' ');
            p.text.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORD: &str = r#"<div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>示例县人民政府办公室关于做好冬季防火工作的通知<o:p></o:p></span></b></p>
<p class=MsoNormal><span style='font-family:仿宋_GB2312'>各乡镇人民政府，县直各单位：<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>&nbsp;&nbsp;&nbsp;&nbsp;现将有关事项通知如下。<o:p></o:p></span></p>
<p class=MsoNormal><span>&nbsp;<o:p></o:p></span></p>
<p class=MsoNormal style='margin-left:48pt'><span>附件：1．冬季防火工作方案<o:p></o:p></span></p>
<p class=MsoNormal><span>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;2．责任分工表<o:p></o:p></span></p>
<p class=MsoNormal style='text-align:right'><span>示例县人民政府办公室<o:p></o:p></span></p>
<p class=MsoNormal style="text-align: right;"><span>2026年3月1日<o:p></o:p></span></p>
<p class=MsoNormal><span>抄送：县委办公室，县人大常委会办公室。<o:p></o:p></span></p>
</div>"#;

    #[test]
    fn word_paste_becomes_the_gongwen_convention() {
        assert!(is_office_paste(WORD));
        let c = convert(WORD);
        let h = super::super::gongwen::merge_adjacent(&c.html);
        for gone in ["style", "Mso", "o:p", "&nbsp;", "<span", "lang"] {
            assert!(!h.contains(gone), "{gone} left in {h}");
        }
        assert!(
            h.contains("<p class=\"align-center\"><b>示例县人民政府办公室关于做好冬季防火工作的通知</b></p>"),
            "{h}"
        );
        assert!(h.contains("<div class=\"gw-zhusong\"><p>各乡镇人民政府，县直各单位：</p></div>"), "{h}");
        assert!(h.contains("<p>现将有关事项通知如下。</p>"), "{h}");
        assert!(
            h.contains("<div class=\"gw-fujian\"><p>附件：1．冬季防火工作方案</p>\n<p>2．责任分工表</p></div>"),
            "{h}"
        );
        assert!(h.contains("<div class=\"gw-luokuan\"><p>示例县人民政府办公室</p>\n<p>2026年3月1日</p></div>"), "{h}");
        assert!(h.contains("<div class=\"gw-chaosong\"><p>抄送：县委办公室，县人大常委会办公室。</p></div>"), "{h}");
        assert_eq!(h.matches("<p").count(), 8, "the blank-line paragraph is dropped: {h}");
        assert_eq!(c.parts, [Part::Recipients, Part::Attachments, Part::Signature, Part::CopyTo]);
        assert!(super::super::sanitize::removals(&c.html).is_empty(), "nothing left to warn about: {}", c.html);
    }

    #[test]
    fn a_signature_pushed_right_with_spaces_is_a_signature_and_an_indent_is_not() {
        let wps = "<p>正文第一段。</p>\n<p>&nbsp;&nbsp;&nbsp;&nbsp;第二段　　内容。</p>\n\
                   <p>　　　　　　　　　　　　　　示例县教育局</p>\n<p>\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}2026年3月1日</p>";
        let c = convert(wps);
        let h = super::super::gongwen::merge_adjacent(&c.html);
        assert!(h.contains("<p>第二段 内容。</p>"), "{h}");
        assert!(h.contains("<div class=\"gw-luokuan\"><p>示例县教育局</p>\n<p>2026年3月1日</p></div>"), "{h}");
        assert_eq!(c.parts, [Part::Signature]);
    }

    #[test]
    fn plain_html_is_no_office_paste_and_a_colon_in_the_body_is_no_recipient() {
        assert!(!is_office_paste("<table><tr><td>1</td></tr></table>"));
        assert!(is_office_paste("<p style=\"TEXT-ALIGN: right\">x</p>"));
        let c = convert("<p style='text-align:justify'>正文。</p><p style='text-align:justify'>具体如下：</p>");
        assert!(c.parts.is_empty(), "{:?}", c.parts);
        assert_eq!(c.html, "<p>正文。</p><p>具体如下：</p>");
    }

    #[test]
    fn attachment_numbers() {
        assert!(starts_with_number("2．表"));
        assert!(starts_with_number("10.表"));
        assert!(!starts_with_number("2026年"));
    }
}
