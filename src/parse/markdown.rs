//! Markdown bodies: CommonMark with tables, footnotes, strikethrough and heading anchors,
//! rendered to sanitized HTML with every link located by line.

use super::{gongwen, office, sanitize, words};
use crate::diagnostic::{Diagnostic, line_of};
use crate::t;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::Path;
use std::rc::Rc;

/// A rendered body and what the build learned while rendering it.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Sanitized HTML.
    pub html: String,
    /// Plain-text opening of the body, for the `Description` meta tag.
    pub summary: String,
    /// Every link and image target as written, with its 1-based line in the file.
    pub links: Vec<(String, usize)>,
    /// Warnings (removed raw HTML) with file and line.
    pub warnings: Vec<Diagnostic>,
    /// The Markdown held nothing the sanitizer would remove (`is_inert`): `html` is
    /// pulldown-cmark's own output with this module's markup, not sanitized HTML.
    pub inert: bool,
}

const SUMMARY_CHARS: usize = 120;

/// Renders the Markdown `body`, which starts at byte `offset` of `text` (the whole file).
pub fn render(rel: &Path, text: &str, offset: usize) -> Body {
    let body = &text[offset..];
    let line = |range_start: usize| line_of(text, offset + range_start);
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event<'_>> = Vec::new();
    // Each event's byte offset in the body (for the 公文 fences' messages).
    let mut starts: Vec<usize> = Vec::new();
    let mut out = Body::default();
    let mut in_heading = false;
    // The lines of the raw HTML block being read, with their offsets: a block pasted from
    // Word or WPS is converted as a whole.
    let mut html_block: Option<Vec<(CowStr<'_>, usize)>> = None;
    let mut office: Option<(usize, Vec<gongwen::Part>)> = None;
    // Whether the editor wrote anything the sanitizer may have to remove (see [`is_inert`]).
    let mut inert = true;
    for (ev, range) in Parser::new_ext(body, opts).into_offset_iter() {
        inert &= is_inert(&ev);
        match &ev {
            Event::Start(Tag::HtmlBlock) => html_block = Some(Vec::new()),
            Event::Html(h) if html_block.is_some() => {
                html_block.get_or_insert_default().push((h.clone(), range.start));
                continue;
            }
            Event::End(TagEnd::HtmlBlock) => {
                let lines = html_block.take().unwrap_or_default();
                let joined: String = lines.iter().map(|(h, _)| h.as_ref()).collect();
                if office::is_office_paste(&joined) {
                    let first = lines.first().map_or(range.start, |(_, at)| *at);
                    let converted = office::convert(&joined);
                    raw_html_findings(rel, &converted.html, line(first), &mut out);
                    let (_, parts) = office.get_or_insert_with(|| (line(first), Vec::new()));
                    parts.extend(converted.parts.into_iter().filter(|p| !parts.contains(p)).collect::<Vec<_>>());
                    events.push(Event::Html(CowStr::from(converted.html)));
                    starts.push(first);
                } else {
                    for (h, at) in lines {
                        raw_html_findings(rel, &h, line(at), &mut out);
                        events.push(Event::Html(h));
                        starts.push(at);
                    }
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => raw_html_findings(rel, h, line(range.start), &mut out),
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                if !sanitize::url_allowed(dest_url) {
                    out.warnings.push(
                        Diagnostic::warning(rel, "raw-html", t!("parse-removed-link", url = dest_url.to_string()))
                            .at(line(range.start))
                            .help(t!("parse-removed-link-help")),
                    );
                } else if !dest_url.is_empty() {
                    out.links.push((dest_url.to_string(), line(range.start)));
                }
            }
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if !in_heading && out.summary.chars().count() < SUMMARY_CHARS => {
                out.summary.push_str(t);
            }
            _ => {}
        }
        events.push(ev);
        starts.push(range.start);
    }
    if let Some((at, parts)) = office {
        let what = if parts.is_empty() {
            t!("parse-office-paste-no-parts")
        } else {
            let names: Vec<String> = parts.iter().map(|p| p.describe()).collect();
            t!("parse-office-paste-parts", parts = names.join(words::LIST_SEPARATOR))
        };
        out.warnings.push(
            Diagnostic::warning(rel, "office-paste", t!("parse-office-paste", what = what))
                .at(at)
                .help(t!("parse-office-paste-help")),
        );
    }
    let (mut events, unknown) = gongwen::apply(events, &starts);
    for (at, name) in unknown {
        out.warnings.push(
            Diagnostic::warning(rel, "gongwen-part", t!("parse-gongwen-unknown-part", name = name))
                .at(line(at))
                .help(t!("parse-gongwen-unknown-part-help")),
        );
    }
    add_heading_ids(&mut events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let html = gongwen::merge_adjacent(&alignment_classes(&html));
    let html = if inert { void_tags_unclosed(&html) } else { sanitize::clean(&html) };
    out.html = if inert { scrollable_tables_inert(&html) } else { scrollable_tables(&html) };
    out.inert = inert;
    out.summary = out.summary.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(SUMMARY_CHARS).collect();
    out
}

/// True when pulldown-cmark's HTML for `ev` holds nothing the sanitizer would remove: no raw
/// HTML, no link or image with a scheme outside [`sanitize::url_allowed`], no heading
/// attribute other than its id and classes. A body made only of such events is rendered
/// without running the sanitizer (a tenth of a build's time): what pulldown-cmark writes for
/// it, with the 公文 fences' and table alignment's own markup, uses only allowlisted tags
/// and attributes, and escapes all text.
fn is_inert(ev: &Event<'_>) -> bool {
    match ev {
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => false,
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            sanitize::url_allowed(dest_url)
        }
        Event::Start(Tag::Heading { attrs, .. }) => attrs.is_empty(),
        _ => true,
    }
}

/// `<br>`, `<hr>` and `<img …>` as the sanitizer writes them, without pulldown-cmark's XHTML
/// ` />`: the same bytes whether or not a body went through it. Text and attribute values
/// never hold a raw `>` in pulldown-cmark's output, so every ` />` ends a void tag.
fn void_tags_unclosed(html: &str) -> String {
    html.replace(" />", ">")
}

/// What the sanitizer will remove from a piece of raw HTML (warnings at its line), its images
/// without a text alternative, and its links.
fn raw_html_findings(rel: &Path, h: &str, at: usize, out: &mut Body) {
    for what in sanitize::removals(h) {
        out.warnings.push(
            Diagnostic::warning(rel, "raw-html", t!("parse-removed-html", what = what))
                .at(at)
                .help(t!("parse-removed-html-help")),
        );
    }
    let raw = sanitize::raw_html(h);
    for src in raw.images_without_alt {
        out.warnings.push(
            Diagnostic::warning(rel, "img-alt", t!("parse-img-no-alt", src = src))
                .at(at)
                .help(t!("parse-img-no-alt-help")),
        );
    }
    out.links.extend(raw.links.into_iter().map(|l| (l, at)));
}

/// Every table of a body in a region of its own that scrolls sideways when the table is
/// wider than the screen (phones, long Chinese headers), never the page: the region takes
/// keyboard focus (WCAG 2.1.1: a scrollable region must) and is named after the table's
/// caption, else its column headings, else its number on the page — the same
/// `role="region"` wrapper the theme puts around the catalog. Runs after sanitizing, which
/// would drop the attributes from the editor's own HTML.
fn scrollable_tables(html: &str) -> String {
    if !html.contains("<table") {
        return html.to_owned();
    }
    #[derive(Default)]
    struct Names {
        caption: String,
        headings: Vec<String>,
        in_first_row: bool,
    }
    let names: Rc<RefCell<Vec<Names>>> = Rc::default();
    let (n1, n2, n3, n4, n5) = (names.clone(), names.clone(), names.clone(), names.clone(), names.clone());
    let collect = lol_html::Settings::new()
        .append_element_content_handler(lol_html::element!("table", move |_| {
            n1.borrow_mut().push(Names { in_first_row: true, ..Names::default() });
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("tr", move |el| {
            let n = n2.clone();
            el.on_end_tag(lol_html::end_tag!(move |_| {
                if let Some(last) = n.borrow_mut().last_mut() {
                    last.in_first_row = false;
                }
                Ok(())
            }))?;
            Ok(())
        }))
        .append_element_content_handler(lol_html::text!("caption", move |t| {
            if let Some(last) = n3.borrow_mut().last_mut() {
                last.caption.push_str(t.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("th", move |_| {
            if let Some(last) = n4.borrow_mut().last_mut().filter(|l| l.in_first_row) {
                last.headings.push(String::new());
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::text!("th", move |t| {
            if let Some(h) = n5.borrow_mut().last_mut().filter(|l| l.in_first_row).and_then(|l| l.headings.last_mut()) {
                h.push_str(t.as_str());
            }
            Ok(())
        }));
    let _ = lol_html::rewrite_str(html, collect);
    let names: Vec<String> =
        names.take().into_iter().enumerate().map(|(k, n)| region_name(k, &n.caption, &n.headings)).collect();
    let mut k = 0;
    let wrap = lol_html::Settings::new().append_element_content_handler(lol_html::element!("table", |el| {
        let name = names.get(k).cloned().unwrap_or_default();
        k += 1;
        el.before(&region_open(&name), lol_html::html_content::ContentType::Html);
        el.after(REGION_CLOSE, lol_html::html_content::ContentType::Html);
        Ok(())
    }));
    lol_html::rewrite_str(html, wrap).unwrap_or_else(|_| html.to_owned())
}

/// The accessible name of the `k`-th table (from 0) of a body, from its caption's text, else
/// its first row's headings' texts (as they stand in the HTML, entities and all).
fn region_name(k: usize, caption: &str, headings: &[String]) -> String {
    let caption = caption.split_whitespace().collect::<Vec<_>>().join(" ");
    let headings: Vec<String> =
        headings.iter().map(|h| h.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|h| !h.is_empty()).collect();
    let name = if !caption.is_empty() {
        caption
    } else if !headings.is_empty() {
        format!("{}{}{}", words::TABLE, words::TABLE_COLON, headings.join(words::LIST_SEPARATOR))
    } else {
        format!("{}{}", words::TABLE, k + 1)
    };
    name.replace('"', "&quot;")
}

/// The scrolling region's start tag, named `name` (already escaped).
fn region_open(name: &str) -> String {
    format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{name}\">")
}

/// The scrolling region's end tag.
const REGION_CLOSE: &str = "</div>";

/// [`scrollable_tables`] for an inert body (see [`is_inert`]), without parsing it as HTML:
/// its tables are pulldown-cmark's, written `<table>` … `</table>`, never nested, with no
/// caption and the headings in `<thead>`'s one row; its text holds no raw `<`. Gives the
/// same bytes (tested on every body of the corpora against the HTML parser's result).
fn scrollable_tables_inert(html: &str) -> String {
    const OPEN: &str = "<table>";
    const CLOSE: &str = "</table>";
    if !html.contains(OPEN) {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    let mut k = 0;
    while let Some(at) = rest.find(OPEN) {
        let Some(len) = rest[at..].find(CLOSE).map(|end| end + CLOSE.len()) else { break };
        let table = &rest[at..at + len];
        let head = table.find("</thead>").map_or("", |end| &table[..end]);
        out.push_str(&rest[..at]);
        out.push_str(&region_open(&region_name(k, "", &heading_texts(head))));
        out.push_str(table);
        out.push_str(REGION_CLOSE);
        rest = &rest[at + len..];
        k += 1;
    }
    out.push_str(rest);
    out
}

/// The text of each `<th>` cell of `head` (pulldown-cmark's table head), inner tags removed.
fn heading_texts(head: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut rest = head;
    while let Some(at) = rest.find("<th") {
        let after = &rest[at + 3..];
        // `<th>` or `<th class=…>`, not `<thead>`.
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(open_end) = after.find('>') else { break };
        let cell = &after[open_end + 1..];
        let end = cell.find("</th>").unwrap_or(cell.len());
        let mut text = String::new();
        let mut inside_tag = false;
        for c in cell[..end].chars() {
            match c {
                '<' => inside_tag = true,
                '>' if inside_tag => inside_tag = false,
                c if !inside_tag => text.push(c),
                _ => {}
            }
        }
        texts.push(text);
        rest = &cell[end..];
    }
    texts
}

/// Table column alignment as classes (`align-right`, styled by the theme) instead of the
/// `style` attributes pulldown-cmark writes: pages carry no inline style, so a strict
/// Content-Security-Policy (`style-src 'self'`) keeps them intact, and `style` is not allowed
/// in content at all.
fn alignment_classes(html: &str) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html.to_owned();
    }
    html.replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}

/// The links (with 1-based lines) and element ids of the Markdown body starting at byte
/// `offset` of `text`, without producing HTML: what link checking needs, at a fraction of
/// [`render`]'s cost. Ids are those `render` gives: headings (explicit or from their text),
/// footnote definitions, and `id` attributes in raw HTML.
pub fn links_and_ids(text: &str, offset: usize) -> (Vec<(String, usize)>, Vec<String>) {
    let body = &text[offset..];
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let (mut links, mut ids, mut events) = (Vec::new(), Vec::new(), Vec::new());
    for (ev, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match &ev {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })
                if !dest_url.is_empty() && sanitize::url_allowed(dest_url) =>
            {
                links.push((dest_url.to_string(), line_of(text, offset + range.start)));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => ids.push(label.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => {
                for part in h.split(" id=\"").skip(1) {
                    ids.extend(part.split('"').next().map(str::to_owned));
                }
                let at = line_of(text, offset + range.start);
                links.extend(sanitize::raw_html(h).links.into_iter().map(|l| (l, at)));
            }
            _ => {}
        }
        if matches!(
            ev,
            Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_)) | Event::Text(_) | Event::Code(_)
        ) {
            events.push(ev);
        }
    }
    add_heading_ids(&mut events);
    ids.extend(events.iter().filter_map(|e| match e {
        Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
        _ => None,
    }));
    (links, ids)
}

/// The link and image targets of the Markdown body starting at byte `offset` of `text`
/// (raw HTML `href` and `src` included) that may name a file beside the pages: not another
/// site, not a fragment of this page, not a page (`…/`, `….md`). Which page links which
/// attachment decides when the attachment is published. A body without any link syntax is
/// not parsed at all.
pub fn file_links(text: &str, offset: usize) -> Vec<String> {
    let body = &text[offset.min(text.len())..];
    if !may_link_a_file(body) {
        return Vec::new();
    }
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut links = Vec::new();
    for ev in Parser::new_ext(body, opts) {
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })
                if may_name_file(&dest_url) && sanitize::url_allowed(&dest_url) =>
            {
                links.push(dest_url.to_string());
            }
            Event::Html(h) | Event::InlineHtml(h) if h.contains('=') => {
                links.extend(sanitize::raw_html(&h).links.into_iter().filter(|l| may_name_file(l)));
            }
            _ => {}
        }
    }
    links.sort();
    links.dedup();
    links
}

/// False when `body` surely links to no file: it has no raw HTML or autolink (`<`), and after
/// each `](` or `]:` no `.` within that line or the next (a link's target may start on the
/// next line). Most bodies link to no file, or only to pages (`/jyj/zwdt/gzdt/slug/`), and
/// are not parsed again.
fn may_link_a_file(body: &str) -> bool {
    let b = body.as_bytes();
    if memchr::memchr(b'<', b).is_some() {
        return true;
    }
    ["](", "]:"].iter().any(|needle| {
        memchr::memmem::find_iter(b, needle.as_bytes()).any(|at| {
            let rest = &b[at + 2..];
            let first = memchr::memchr(b'\n', rest).map_or(rest.len(), |n| n + 1);
            let second = memchr::memchr(b'\n', &rest[first..]).map_or(rest.len(), |n| first + n);
            memchr::memchr(b'.', &rest[..second]).is_some()
        })
    })
}

/// True when the link target `href` may name a file of this cluster: a relative or
/// root-relative path, not ending in `/` and not naming a Markdown page.
pub(crate) fn may_name_file(href: &str) -> bool {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("//") {
        return false;
    }
    let path = &href[..href.find(['?', '#']).unwrap_or(href.len())];
    if let Some((scheme, _)) = path.split_once(':')
        && !scheme.contains('/')
    {
        return false;
    }
    !path.is_empty() && !path.ends_with('/') && !crate::text::is_page_name(path)
}

/// Gives every heading without an explicit `{#id}` an id from its text, unique in the page.
fn add_heading_ids(events: &mut [Event<'_>]) {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { id: None, .. }) = &events[i] else { continue };
        let mut text = String::new();
        for e in &events[i + 1..] {
            match e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
        }
        let base = anchor(&text);
        let mut id = base.clone();
        let mut n = 1;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
            *slot = Some(CowStr::from(id));
        }
    }
}

/// An anchor from heading text: letters and digits of any script kept, spaces to `-`,
/// punctuation dropped (一、主要措施 → 一主要措施).
pub fn anchor(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "section".into() } else { out }
}

/// Markdown files of this repository: the example cluster, the test fixtures, the fuzz corpus.
#[cfg(test)]
pub(crate) fn markdown_files() -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["content", "tests/fixtures", "fuzz"] {
        walk(&root.join(dir), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tables as editors write them: headings with code, emphasis, links, images, entities
    /// and quotes, empty headings, several tables, tables in lists and quotes, alignment, a
    /// `<table>` written as text.
    const TABLES: &[&str] = &[
        "| 项目 | 金额（万元） |\n|---|--:|\n| 道路 | 120 |\n",
        "| `代码` | **加粗** *斜体* | [链接](/a/) | ![图](/t.png) |\n|:-|:-:|-:|-|\n| 1 | 2 | 3 | 4 |\n",
        "| A & B | \"引号\" 'x' | <不是标签> | a &amp; b |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n",
        "|  |   |\n|---|---|\n| 空 | 表头 |\n\n| 第二 | 表 |\n|---|---|\n| x | y |\n",
        "- 列表\n\n  | 甲 | 乙 |\n  |---|---|\n  | 1 | 2 |\n\n> | 引 | 用 |\n> |---|---|\n> | 3 | 4 |\n",
        "正文里写 `<table>` 和 \\<table\\> 不是表格。\n\n| 多  空格   表头 | 二 |\n|---|---|\n",
        "| 只有表头 |\n|---|\n",
        "| 脚注[^1] | 删除~~线~~ |\n|---|---|\n| 1 | 2 |\n\n[^1]: 注释。\n",
    ];

    /// For every inert body of the corpora and [`TABLES`], the tables wrapped without parsing
    /// HTML are byte for byte those the HTML parser wraps.
    #[test]
    fn inert_tables_are_wrapped_as_the_html_parser_wraps_them() {
        let files = markdown_files();
        let texts =
            TABLES.iter().map(|s| s.to_string()).chain(files.iter().filter_map(|f| std::fs::read_to_string(f).ok()));
        let mut tables = 0;
        for md in texts {
            let b = body(&md);
            if !b.inert {
                continue;
            }
            // The body before wrapping: the regions removed again.
            let mut plain = String::new();
            let mut rest = b.html.as_str();
            while let Some(at) = rest.find("<div class=\"table-scroll\"") {
                plain.push_str(&rest[..at]);
                rest = &rest[at + rest[at..].find('>').unwrap() + 1..];
                tables += 1;
            }
            plain.push_str(rest);
            let plain = plain.replace("</table></div>", "</table>");
            assert_eq!(scrollable_tables_inert(&plain), scrollable_tables(&plain), "{md}");
            assert_eq!(scrollable_tables_inert(&plain), b.html);
        }
        assert!(tables >= 12, "only {tables} tables were compared");
    }

    fn body(md: &str) -> Body {
        render(Path::new("a.md"), md, 0)
    }

    /// Every element of `html` with its attribute names, in document order; without the
    /// scrolling tables' region attributes, added after sanitizing.
    fn elements(html: &str) -> Vec<String> {
        let mut found = Vec::new();
        let settings = lol_html::Settings::new().append_element_content_handler(lol_html::element!("*", |el| {
            let mut names: Vec<String> = el
                .attributes()
                .iter()
                .map(|a| a.name())
                .filter(|n| !matches!(n.as_str(), "role" | "tabindex" | "aria-label"))
                .collect();
            names.sort();
            found.push(format!("{} {}", el.tag_name(), names.join(" ")));
            Ok(())
        }));
        lol_html::rewrite_str(html, settings).unwrap();
        found
    }

    /// A body without raw HTML skips the sanitizer: every element and attribute it gets is one
    /// sanitizing would have kept, and its void tags are written as the sanitizer writes them.
    #[test]
    fn an_inert_body_needs_no_sanitizer() {
        let samples = [
            "# 标题 {#top .lead}\n\n正文“引号”&amp; <>\u{a0}空格 & 'x' \"y\"\n\n---\n\n第二段  \n换行",
            "| 左 | 中 | 右 |\n|:--|:-:|--:|\n| a&b | \"c\" | <d> |\n\n表格后[^1]。\n\n[^1]: 注释 [链接](https://www.gov.cn/?a=1&b='2' \"标题 \\\"x\\\"\")",
            "![图 \"一\"](tu.png \"说明\")\n\n<https://www.gov.cn/a?b=c&d=e>\n\n<mailto:a@b.cn>\n\n~~删除~~ `代码 <x>`\n\n```rust\nfn main() { let a = \"<>\"; }\n```",
            "> 引用\n> - 一\n>   1. 二 [x](a.md#锚 'it''s')\n\n::: 落款\n示例县教育局\n2024年3月1日\n:::\n\n[x](../b.md \"a > b\")",
        ];
        let mut inert = 0;
        let files = markdown_files();
        assert!(files.len() > 50, "{files:?}");
        let texts: Vec<String> = samples
            .iter()
            .map(|s| s.to_string())
            .chain(files.iter().filter_map(|f| std::fs::read_to_string(f).ok()))
            .collect();
        for md in &texts {
            let fast = body(md).html;
            if !Parser::new_ext(md, Options::all()).all(|ev| is_inert(&ev)) {
                continue;
            }
            inert += 1;
            let sanitized = sanitize::clean(&fast);
            assert_eq!(elements(&fast), elements(&sanitized), "{md}\n{fast}");
            assert!(!fast.contains(" />"), "{fast}");
        }
        assert!(inert >= 50, "only {inert} inert bodies");
    }

    /// Raw HTML, a `javascript:` link or a heading attribute beyond id and class still goes
    /// through the sanitizer.
    #[test]
    fn a_body_with_anything_to_remove_is_sanitized() {
        for md in [
            "## 标题 {onclick=alert(1)}",
            "[x](javascript:alert(1))",
            "[x](java&#115;cript:alert(1))",
            "![x](JaVaScRiPt:alert(1))",
            "a <span onclick=\"x()\">b</span>",
        ] {
            let html = body(md).html;
            assert!(!html.contains("onclick") && !html.to_ascii_lowercase().contains("javascript"), "{md}: {html}");
        }
    }

    #[test]
    fn file_links_are_the_targets_that_may_name_a_file() {
        let md = "---\nt: 1\n---\n见[方案](fangan.pdf)、![图](tu.png \"t\")、[下文](#x)、[页](../zcwj/a.md)、[大写](b.MD)、\
                  [栏目](/jyj/zwdt/)、[外站](https://www.gov.cn/a.pdf)、[信](mailto:a@b.cn)、[查询](/x/c.csv?v=2#top)\n\n\
                  <a href=\"raw.docx\">原文</a>\n\n```\n[代码](not-a-link.pdf)\n```\n\n[引用][r]\n\n[r]: ref.xls\n";
        let offset = md.find("见").unwrap();
        assert_eq!(file_links(md, offset), ["/x/c.csv?v=2#top", "fangan.pdf", "raw.docx", "ref.xls", "tu.png"]);
        assert!(file_links("---\nt: 1\n---\n正文没有链接。\n", 12).is_empty());
        assert_eq!(file_links("[方案](\nfangan.pdf)\n", 0), ["fangan.pdf"], "a target on the next line");
        assert!(!may_link_a_file("见[通知](/jyj/zwdt/tzgg/2026-03-01-tongzhi/)。\n\n第二段。\n"));
        assert!(may_link_a_file("见[通知](/jyj/zwdt/tzgg/2026.03.01/)。\n"), "a dot: parsed to be sure");
    }

    #[test]
    fn links_and_ids_agree_with_render() {
        let md = "---\nt: 1\n---\n## 一、目标\n\n见[下文](#二措施)和[附件](a.pdf)。\n\n## 二、措施 {#cuoshi}\n\n## 一、目标\n\n文[^n]。\n\n[^n]: 注。\n\n<p id=\"raw\">x</p>\n";
        let offset = md.find("## ").unwrap();
        let full = render(Path::new("a.md"), md, offset);
        let (links, mut ids) = links_and_ids(md, offset);
        assert_eq!(links, full.links);
        ids.sort();
        for id in &ids {
            assert!(full.html.contains(&format!("id=\"{id}\"")), "{id} not in {}", full.html);
        }
        assert_eq!(ids, ["cuoshi", "n", "raw", "一目标", "一目标-1"]);
    }

    #[test]
    fn headings_get_unique_anchors_and_explicit_ids_win() {
        let b = body("## 一、主要措施\n\n## 一、主要措施\n\n## 办理流程 {#blc}\n");
        assert!(b.html.contains("<h2 id=\"一主要措施\">"), "{}", b.html);
        assert!(b.html.contains("<h2 id=\"一主要措施-1\">"));
        assert!(b.html.contains("<h2 id=\"blc\">办理流程</h2>"));
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let b = body("| a | b |\n|---|---|\n| 1 | 2 |\n\n文字[^1]和~~删除~~\n\n[^1]: 注释\n");
        assert!(
            b.html.contains(
                "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表格：a、b\"><table>"
            ),
            "a table scrolls in a named region that takes focus: {}",
            b.html
        );
        assert!(b.html.contains("<del>删除</del>"));
        assert!(b.html.contains("footnote-definition"));
    }

    #[test]
    fn raw_html_is_sanitized_with_line_warnings() {
        let b = body("第一段\n\n<script>alert(1)</script>\n\n<p onclick=\"x()\">段</p>\n\n[x](javascript:alert(1))\n");
        assert!(!b.html.contains("alert") && !b.html.contains("onclick"), "{}", b.html);
        let lines: Vec<_> = b.warnings.iter().map(|w| w.line.unwrap()).collect();
        assert_eq!(lines, vec![3, 5, 7], "{:?}", b.warnings);
    }

    #[test]
    fn raw_images_are_located_and_an_image_without_alt_is_a_warning() {
        let b = body("段落\n\n<img src=\"tu.png\">\n\n<p><img src=\"b.png\" alt=\"示意图\"></p>\n");
        assert_eq!(b.links, vec![("tu.png".to_string(), 3), ("b.png".to_string(), 5)]);
        let w: Vec<_> = b.warnings.iter().map(|w| (w.rule, w.line)).collect();
        assert_eq!(w, vec![("img-alt", Some(3))]);
        assert!(b.warnings[0].message.contains("无障碍"), "{}", b.warnings[0].message);
    }

    #[test]
    fn links_are_located_and_summary_skips_headings() {
        let md = "---\ntitle: t\n---\n## 标题\n\n正文[链接](/a/b/)。\n";
        let b = render(Path::new("a.md"), md, 16);
        assert_eq!(b.links, vec![("/a/b/".to_string(), 6)]);
        assert_eq!(b.summary, "正文链接。");
    }
}
