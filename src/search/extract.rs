//! The searchable text of a page, read from its HTML (the rewrite stage never changes text) in
//! the regions its template marks: `data-search="body"` (the article body, attachments) and
//! `data-search="meta"` (the disclosure block: 索引号, 文号, 发布机构 …). Navigation, header,
//! footer and the previous/next links are never marked, so they never reach the index.
//!
//! A small scanner reads the marked regions, not a full HTML parser: the regions hold the
//! sanitized Markdown and the theme's own markup, and reading them this way costs a few
//! microseconds a page, a fraction of an HTML rewriter pass. Text is decoded and cleaned as it
//! is read: a block element starts a new line; a soft line break between two ideographs
//! disappears (Markdown wraps Chinese lines where readers see no space); any other run of
//! whitespace becomes one space.

use super::segment::is_cjk;
use memchr::memmem;

/// Which marked region a text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// `data-search="meta"`: the disclosure metadata, weighted like the title.
    Meta,
    /// `data-search="body"`: the article itself.
    Body,
}

impl Region {
    /// The region named by a `data-search` attribute value.
    pub fn from_attr(value: &[u8]) -> Option<Region> {
        match value {
            b"meta" => Some(Region::Meta),
            b"body" => Some(Region::Body),
            _ => None,
        }
    }
}

/// The searchable text of one page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageText {
    /// Disclosure metadata, one cell per line.
    pub meta: String,
    /// The article, one block per line.
    pub body: String,
}

/// Inline elements: their start does not break a run of text (`营商<b>环境</b>` is one word).
pub fn is_inline(tag: &[u8]) -> bool {
    matches!(
        tag,
        b"a" | b"abbr"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"cite"
            | b"code"
            | b"data"
            | b"del"
            | b"dfn"
            | b"em"
            | b"i"
            | b"ins"
            | b"kbd"
            | b"mark"
            | b"q"
            | b"s"
            | b"samp"
            | b"small"
            | b"span"
            | b"strong"
            | b"sub"
            | b"sup"
            | b"time"
            | b"u"
            | b"var"
    )
}

/// Builds cleaned text: whitespace runs are held back until the next character decides what
/// they become.
#[derive(Debug, Default)]
struct Cleaner {
    out: String,
    /// Whitespace seen since the last character: (a block break among it, a space or tab).
    pending: Option<(bool, bool)>,
}

impl Cleaner {
    fn space(&mut self, block: bool, spaced: bool) {
        let p = self.pending.get_or_insert((false, false));
        p.0 |= block;
        p.1 |= spaced;
    }

    /// Appends text holding no whitespace and no character reference.
    fn run(&mut self, t: &str) {
        let Some(first) = t.chars().next() else { return };
        if let Some((block, spaced)) = self.pending.take()
            && !self.out.is_empty()
        {
            if block {
                self.out.push('\n');
            } else if spaced || !(self.out.chars().next_back().is_some_and(is_cjk) && is_cjk(first)) {
                self.out.push(' ');
            }
        }
        self.out.push_str(t);
    }

    fn char(&mut self, c: char) {
        if c.is_whitespace() {
            self.space(false, c != '\n' && c != '\r');
        } else {
            self.run(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Appends HTML text (character references decoded), in runs between whitespace and
    /// references. Steps from character to character by their lead bytes: only ASCII
    /// controls, spaces, `&` and the lead bytes of the few non-ASCII spaces need a closer
    /// look, and an ideograph (three bytes) is passed over in one step.
    fn html(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !(b <= b' ' || b == b'&' || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)) {
                i += utf8_len(b);
                continue;
            }
            // `i` is a character boundary: every byte tested is ASCII or a lead byte.
            let c = s[i..].chars().next().unwrap_or(' ');
            if c != '&' && !is_space(c) {
                i += c.len_utf8();
                continue;
            }
            self.run(&s[start..i]);
            if c != '&' {
                self.char(c);
                i += c.len_utf8();
            } else {
                let rest = &s[i..];
                match rest.find(';').filter(|&e| e <= 12).and_then(|e| entity(&rest[1..e]).map(|ch| (e, ch))) {
                    Some((e, ch)) => {
                        self.char(ch);
                        i += e + 1;
                    }
                    None => {
                        self.run("&");
                        i += 1;
                    }
                }
            }
            start = i;
        }
        self.run(&s[start..]);
    }
}

/// The length of the UTF-8 character whose lead byte is `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0x80..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Whitespace, decided without Unicode tables for ASCII and ideographs.
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace() || c == '\x0B'
    } else {
        matches!(
            c,
            '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
        )
    }
}

/// The searchable text of the final HTML of a page read back as bytes (`zhanqun merge`), or
/// `None` when its template marks no region.
pub fn from_html(html: &[u8]) -> Option<PageText> {
    match std::str::from_utf8(html) {
        Ok(page) => from_page(page),
        Err(_) => from_page(&String::from_utf8_lossy(html)),
    }
}

/// The searchable text of a page's HTML, or `None` when its template marks no region. The
/// build reads it from the rendered page before the rewrite stage, which changes attribute
/// values (link targets, `rel`, `title` of external links) and never text, so the text is
/// that of the final HTML without validating the page's bytes again.
pub fn from_page(page: &str) -> Option<PageText> {
    // Every cut below is at an ASCII byte, so its pieces are valid `str`s.
    let html = page.as_bytes();
    let attr = memmem::Finder::new(b"data-search=\"");
    let (mut meta, mut body) = (Cleaner::default(), Cleaner::default());
    let mut found = false;
    let mut pos = 0;
    while let Some(at) = attr.find(&html[pos..]).map(|a| a + pos) {
        let value_at = at + b"data-search=\"".len();
        let value_end = memchr::memchr(b'"', &html[value_at..]).map_or(html.len(), |e| value_at + e);
        let region = Region::from_attr(&html[value_at..value_end]);
        let tag_start = memchr::memrchr(b'<', &html[..at]);
        let (Some(region), Some(tag_start)) = (region, tag_start) else {
            pos = value_at;
            continue;
        };
        let name = tag_name(&html[tag_start + 1..]);
        let Some(open_end) = tag_end(html, tag_start) else { break };
        found = true;
        let out = match region {
            Region::Meta => &mut meta,
            Region::Body => &mut body,
        };
        out.space(true, false);
        pos = read_region(page, open_end, name, out);
    }
    found.then_some(PageText { meta: meta.out, body: body.out })
}

/// The name of the tag starting at `s` (just after `<` or `</`), as written.
fn tag_name(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
    &s[..n]
}

/// The index just after the `>` closing the tag that starts at `start` (quotes respected).
fn tag_end(html: &[u8], start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in html[start..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

/// Appends `page[from..to]` (cut at ASCII bytes, so at character boundaries) as text.
fn text(out: &mut Cleaner, page: &str, from: usize, to: usize) {
    if let Some(s) = page.get(from..to).filter(|s| !s.is_empty()) {
        out.html(s);
    }
}

/// Longest tag name compared in lower case; longer ones are no inline, script or style tag.
const TAG_MAX: usize = 16;

/// Reads the content of a `name` element from `start` up to its matching end tag; returns the
/// index after that end tag (or the end of the page).
fn read_region(page: &str, start: usize, name: &[u8], out: &mut Cleaner) -> usize {
    let html = page.as_bytes();
    let mut lower = [0u8; TAG_MAX];
    let mut depth = 1usize;
    let mut i = start;
    while let Some(lt) = memchr::memchr(b'<', &html[i..]).map(|l| l + i) {
        text(out, page, i, lt);
        if html[lt..].starts_with(b"<!--") {
            i = memmem::find(&html[lt..], b"-->").map_or(html.len(), |e| lt + e + 3);
            continue;
        }
        let closing = html.get(lt + 1) == Some(&b'/');
        let tag = tag_name(&html[lt + if closing { 2 } else { 1 }..]);
        if tag.is_empty() {
            out.char('<');
            i = lt + 1;
            continue;
        }
        let Some(end) = tag_end(html, lt) else { return html.len() };
        i = end;
        let tag = if tag.len() <= TAG_MAX {
            let l = &mut lower[..tag.len()];
            l.copy_from_slice(tag);
            l.make_ascii_lowercase();
            &*l
        } else {
            tag
        };
        if tag.eq_ignore_ascii_case(name) {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return end;
                }
            } else if !html[..end].ends_with(b"/>") {
                depth += 1;
            }
        }
        if !closing && matches!(tag, b"script" | b"style" | b"template") {
            let close = [b"</".as_slice(), tag].concat();
            i = memmem::find(&html[i..], &close).map_or(html.len(), |c| i + c);
            continue;
        }
        if !is_inline(tag) {
            out.space(true, false);
        }
    }
    text(out, page, i, html.len());
    html.len()
}

/// Decodes the character references HTML text can hold: the named ones our Markdown renderer
/// and sanitizer write, and every numeric one. Unknown names are kept as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest.find(';').filter(|&e| e <= 12).and_then(|e| entity(&rest[1..e]).map(|ch| (e, ch))) {
            Some((e, ch)) => {
                out.push(ch);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "middot" => '·',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "copy" => '©',
        "reg" => '®',
        "yen" => '¥',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#20013;&#x6587; &quot;x&quot; &nbsp;"),
            "a & b <c> 中文 \"x\" \u{A0}"
        );
        assert_eq!(decode_entities("AT&T &unknown; & end&"), "AT&T &unknown; & end&");
    }

    fn clean(s: &str) -> String {
        let mut c = Cleaner::default();
        for part in s.split('\u{1F}') {
            c.html(part);
            c.space(true, false);
        }
        c.out
    }

    #[test]
    fn whitespace_is_collapsed_and_soft_breaks_in_chinese_vanish() {
        assert_eq!(clean("\u{1F}营商\n环境\u{1F}  下一步 工作 \n\n"), "营商环境\n下一步 工作");
        assert_eq!(clean("a\nb"), "a b");
        assert_eq!(clean("&lt;营商&amp;环境&gt; &#x4E2D;\u{3000}文 &bogus; x&y"), "<营商&环境> 中 文 &bogus; x&y");
        assert_eq!(clean("\u{1F}\u{1F}主题分类\u{1F}综合政务"), "主题分类\n综合政务");
    }

    #[test]
    fn every_kind_of_space_is_found_between_characters_of_every_length() {
        // One-, two-, three- and four-byte characters beside each non-ASCII space (two- and
        // three-byte ones), a character reference and look-alikes that are no spaces (U+00A1,
        // U+1681, U+2010, U+3001 share their lead bytes with spaces).
        let text = "a\u{A0}é\u{1680}中\u{2003}𠀀\u{202F}b\u{205F}c\u{3000}营&amp;商\u{A1}\u{1681}\u{2010}、𠀁x";
        assert_eq!(clean(text), "a é 中 𠀀 b c 营&商\u{A1}\u{1681}\u{2010}、𠀁x");
        // What the scan finds is what a char-by-char reading finds.
        let slow: String = {
            let mut c = Cleaner::default();
            for ch in decode_entities(text).chars() {
                if is_space(ch) { c.char(' ') } else { c.char(ch) }
            }
            c.out
        };
        assert_eq!(clean(text), slow);
    }

    #[test]
    fn marked_regions_give_search_text_and_navigation_does_not() {
        let html = "<nav><a href=\"/jyj/jgzn/\">机构职能</a></nav><article><h1>标题</h1>\
            <table class=\"m\" data-search=\"meta\"><tr><th>文号</th><td>示教发〔2024〕3号</td></tr></table>\
            <div class=\"article-body\" data-search=\"body\"><p>营商<strong>环境</strong>&amp;优化</p>\
            <div><p title=\"a>b\">一</p><!-- <p>注释</p> --></div><ul><li>二<br>三</li></ul><script>var x = '<div>';</script></div>\
            <nav class=\"prev-next\"><a href=\"/jyj/jgzn/\">上一篇</a></nav></article>";
        let text = from_html(html.as_bytes()).expect("search text");
        assert_eq!(text.body, "营商环境&优化\n一\n二\n三");
        assert_eq!(text.meta, "文号\n示教发〔2024〕3号");
        assert!(from_html(b"<p>x</p>").is_none());
        assert!(from_html(b"<p data-search=\"other\">x</p>").is_none());
        let unclosed = from_html("<DIV data-search=\"body\"><p>半截".as_bytes()).expect("text");
        assert_eq!(unclosed.body, "半截");
    }
}
