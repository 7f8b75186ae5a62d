//! The searchable text of a page, gathered by the rewrite stage from the regions its template
//! marks: `data-search="body"` (the article body, attachments) and `data-search="meta"` (the
//! disclosure block: 索引号, 文号, 发布机构 …). Navigation, header, footer and the
//! previous/next links are never marked, so they never reach the index.

/// Which marked region a text chunk came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// `data-search="meta"`: the disclosure metadata, weighted like the title.
    Meta,
    /// `data-search="body"`: the article itself.
    Body,
}

impl Region {
    /// The region named by a `data-search` attribute value.
    pub fn from_attr(value: &str) -> Option<Region> {
        match value {
            "meta" => Some(Region::Meta),
            "body" => Some(Region::Body),
            _ => None,
        }
    }
}

/// Marks the start of a block element inside a region while raw text is gathered; turned into
/// a line break by [`clean`].
pub const BLOCK_BREAK: char = '\u{1F}';

/// Raw text of the marked regions of one page, as it comes out of the HTML rewriter.
#[derive(Debug, Default, Clone)]
pub struct RawText {
    /// HTML text of the meta region (entities still encoded).
    pub meta: String,
    /// HTML text of the body region (entities still encoded).
    pub body: String,
}

impl RawText {
    /// Appends a chunk of HTML text from `region`.
    pub fn push(&mut self, region: Region, chunk: &str) {
        match region {
            Region::Meta => self.meta.push_str(chunk),
            Region::Body => self.body.push_str(chunk),
        }
    }

    /// Notes that a block element starts in `region`.
    pub fn block(&mut self, region: Region) {
        self.push(region, "\u{1F}");
    }

    /// True when no region was found.
    pub fn is_empty(&self) -> bool {
        self.meta.is_empty() && self.body.is_empty()
    }

    /// The decoded, cleaned text.
    pub fn finish(&self) -> PageText {
        PageText { meta: clean(&decode_entities(&self.meta)), body: clean(&decode_entities(&self.body)) }
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
pub fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
    )
}

/// Decodes the character references HTML text can hold: the named ones our Markdown renderer
/// and sanitizer write, and every numeric one. Unknown names are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
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

/// Collapses whitespace: a block break becomes one line break; a soft line break between two
/// ideographs disappears (Markdown wraps Chinese lines where readers see no space); any other
/// run of whitespace becomes one space. Leading and trailing whitespace is dropped.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending: Option<(bool, bool)> = None; // (has block break, has a space or tab)
    for c in s.chars() {
        if c == BLOCK_BREAK || c.is_whitespace() {
            let p = pending.get_or_insert((false, false));
            p.0 |= c == BLOCK_BREAK;
            p.1 |= c != BLOCK_BREAK && c != '\n' && c != '\r';
            continue;
        }
        if let Some((block, spaced)) = pending.take()
            && !out.is_empty()
        {
            let prev_cjk = out.chars().next_back().is_some_and(super::segment::is_cjk);
            if block {
                out.push('\n');
            } else if spaced || !(prev_cjk && super::segment::is_cjk(c)) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
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

    #[test]
    fn whitespace_is_collapsed_and_soft_breaks_in_chinese_vanish() {
        assert_eq!(clean("\u{1F}营商\n环境\u{1F}  下一步 工作 \n\n"), "营商环境\n下一步 工作");
        assert_eq!(clean("a\nb"), "a b");
        assert_eq!(clean("\u{1F}\u{1F}主题分类\u{1F}综合政务"), "主题分类\n综合政务");
    }
}
