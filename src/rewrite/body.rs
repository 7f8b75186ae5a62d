//! Pages and Markdown bodies rewritten without lol_html. Our templates and pulldown-cmark
//! write plain markup: text without a raw `<`, end tags, start tags with double-quoted
//! attributes, a doctype, comments (the shared parts' placeholders among them) and a few
//! elements whose content is text (`<script>`, `<style>`, `<title>`, `<textarea>`). Such a
//! page is read here in one pass: each start tag goes to the same [`check_links`] as
//! lol_html's elements, and a tag it changes is written again as lol_html writes a modified
//! tag. A page with anything else (an SVG chart, an unquoted attribute…) goes through
//! lol_html; in it, the HTML of a body whose Markdown is inert (no raw HTML, only allowed link
//! schemes), which the render stage puts between [`BODY_OPEN`] and [`BODY_CLOSE`], is still
//! read here and spliced in, like the shared header.

use super::chrome::{self, Chrome};
use super::{Context, Findings, LinkTag, check_links};
use crate::render::{BODY_CLOSE, BODY_OPEN};
use std::borrow::Cow;
use std::sync::Arc;

/// The comment the page keeps where a rewritten body goes, for the rewriter to replace.
pub(super) const PLACEHOLDER: &str = "zhanqun:body-rewritten";

/// A body rewritten on its own, to splice into its page.
#[derive(Debug)]
pub(super) struct Fragment {
    /// The final HTML.
    pub(super) html: String,
    /// Its ids, links and anchors, in document order.
    pub(super) found: Findings,
}

/// `html` with each marked body rewritten and replaced by a placeholder comment, and those
/// bodies in order; a body this module does not read stays in place, without its markers.
pub(super) fn split<'h>(html: &'h str, ctx: &Context<'_>) -> (Cow<'h, str>, Vec<Fragment>) {
    super::cut_out(html, (BODY_OPEN, BODY_CLOSE), PLACEHOLDER, |body| rewrite(body, ctx))
}

/// Elements whose content the HTML tokenizer reads as text, or as foreign (SVG, MathML)
/// content: never in a Markdown body's regular output, and not read here.
const NOT_PLAIN: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
    "svg",
    "math",
];

/// The attributes lol_html's link handler is called for (`[href], [src], [action], [poster]`).
const LINK_ATTRS: &[&str] = &["href", "src", "action", "poster"];

/// Rewrites the body `html` as lol_html would inside its page, or `None` when it holds markup
/// other than plain start and end tags.
pub(super) fn rewrite(html: &str, ctx: &Context<'_>) -> Option<Fragment> {
    read(html, ctx, None)
}

/// Rewrites the whole page `html`, its shared parts cut out for `chromes` by
/// [`chrome::split`](super::chrome::split), as lol_html would, or `None` when it holds markup
/// beyond plain tags, comments, a doctype and `<script>`, `<style>`, `<title>` or
/// `<textarea>` elements.
pub(super) fn rewrite_page(html: &str, ctx: &Context<'_>, chromes: &[Arc<Chrome>]) -> Option<Fragment> {
    read(html, ctx, Some(chromes))
}

/// Elements whose content is text up to their end tag; read on a whole page.
const TEXT_ONLY: &[&str] = &["script", "style", "title", "textarea"];

/// Rewrites `html`: a body, or with `page` a whole page and the shared parts to splice in.
fn read(html: &str, ctx: &Context<'_>, page: Option<&[Arc<Chrome>]>) -> Option<Fragment> {
    let whole = page.is_some();
    let mut chromes = page.unwrap_or_default().iter();
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut found = Findings::default();
    let mut attrs: Vec<Attr<'_>> = Vec::new();
    let (mut copied, mut i) = (0, 0);
    while let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|n| n + i) {
        match b.get(lt + 1) {
            Some(b'/') => {
                let name = b[lt + 2..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                if name == 0 || b.get(lt + 2 + name) != Some(&b'>') {
                    return None;
                }
                i = lt + 3 + name;
                continue;
            }
            Some(b'!') if whole && b[lt..].starts_with(b"<!--") => {
                let start = lt + 4;
                let text = &html[start..start + memchr::memmem::find(&b[start..], b"-->")?];
                if text.starts_with('>') || text.starts_with("->") || text.contains("--!>") {
                    return None;
                }
                i = start + text.len() + 3;
                let marker = |m: &str| m.strip_prefix("<!--").and_then(|m| m.strip_suffix("-->")) == Some(text);
                if text == chrome::PLACEHOLDER
                    && let Some(part) = chromes.next()
                {
                    out.push_str(&html[copied..lt]);
                    out.push_str(&part.html(ctx));
                    found.out.ids.extend(part.ids.iter().cloned());
                    found.out.chromes.push(part.links.clone());
                    found.same_page.extend(part.same_page.iter().cloned());
                    copied = i;
                } else if marker(BODY_OPEN) || marker(BODY_CLOSE) {
                    out.push_str(&html[copied..lt]);
                    copied = i;
                }
                continue;
            }
            Some(b'!') if whole && b.get(lt + 2..lt + 9).is_some_and(|d| d.eq_ignore_ascii_case(b"doctype")) => {
                let end = lt + memchr::memchr(b'>', &b[lt..])?;
                if html[lt + 1..end].contains(['"', '\'', '<']) {
                    return None;
                }
                i = end + 1;
                continue;
            }
            Some(c) if c.is_ascii_alphabetic() => {}
            _ => return None,
        }
        let mut tag = Tag::read(html, lt, &mut attrs)?;
        i = tag.end;
        let text_only = whole && TEXT_ONLY.iter().any(|n| tag.is(n));
        let switch = tag.has("data-script-switch");
        if (!text_only && NOT_PLAIN.iter().any(|n| tag.is(n))) || (switch && !whole) {
            return None;
        }
        if let Some(id) = tag.attribute("id") {
            found.out.ids.push(id);
        }
        if LINK_ATTRS.iter().any(|a| tag.has(a)) {
            check_links(&mut tag, ctx, false, &mut found).ok()?;
        }
        // The header's 繁體 link points at this very page in the Traditional view.
        if switch && tag.is("a") {
            tag.set("href", &super::script_switch_target(ctx)).ok()?;
        }
        if tag.modified {
            out.push_str(&html[copied..lt]);
            tag.write(&mut out);
            copied = i;
        }
        if text_only {
            // The content is text up to `</name` and a space, `/` or `>`.
            let name = tag.name.len();
            let mut at = i;
            loop {
                at += memchr::memmem::find(&b[at..], b"</")?;
                let after = b.get(at + 2 + name);
                if b[at + 2..].get(..name).is_some_and(|n| n.eq_ignore_ascii_case(tag.name.as_bytes()))
                    && after.is_some_and(|&c| is_space(c) || matches!(c, b'/' | b'>'))
                {
                    break;
                }
                at += 2;
            }
            if tag.is("script") && html[i..at].contains("<!--") {
                return None;
            }
            i = at;
        }
    }
    out.push_str(&html[copied..]);
    Some(Fragment { html: out, found })
}

/// One attribute of a start tag.
#[derive(Debug)]
struct Attr<'h> {
    name: Cow<'h, str>,
    /// The value, entities as written.
    value: Cow<'h, str>,
    /// `name="value"` as written; `None` once set.
    raw: Option<&'h str>,
}

/// A start tag read from a body.
struct Tag<'h, 'a> {
    name: &'h str,
    attrs: &'a mut Vec<Attr<'h>>,
    self_closing: bool,
    /// The index just after its `>`.
    end: usize,
    /// An attribute was set.
    modified: bool,
}

/// The HTML tokenizer's whitespace between attributes (a carriage return is left to lol_html).
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0C')
}

impl<'h, 'a> Tag<'h, 'a> {
    /// The start tag at `at` (its `<`, a letter next) in `html`, its attributes in `attrs`; `None`
    /// unless its name is letters and digits and every attribute is `name` or `name="value"`,
    /// once each.
    fn read(html: &'h str, at: usize, attrs: &'a mut Vec<Attr<'h>>) -> Option<Tag<'h, 'a>> {
        let b = html.as_bytes();
        attrs.clear();
        let mut i = at + 1;
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        let name = &html[at + 1..i];
        loop {
            let c = *b.get(i)?;
            if is_space(c) {
                i += 1;
                continue;
            }
            // An attribute follows a space, or the tag ends.
            let after_space = is_space(b[i - 1]);
            match c {
                b'>' => return Some(Tag { name, attrs, self_closing: false, end: i + 1, modified: false }),
                b'/' if b.get(i + 1) == Some(&b'>') => {
                    return Some(Tag { name, attrs, self_closing: true, end: i + 2, modified: false });
                }
                _ if !after_space => return None,
                _ => {}
            }
            let start = i;
            while b.get(i).is_some_and(|&c| !is_space(c) && !matches!(c, b'/' | b'>' | b'=')) {
                i += 1;
            }
            let attr_name = &html[start..i];
            if attr_name.is_empty() || attr_name.contains(['"', '\'', '<', '\r']) {
                return None;
            }
            let value = if b.get(i) == Some(&b'=') {
                if b.get(i + 1) != Some(&b'"') {
                    return None;
                }
                let close = i + 2 + memchr::memchr(b'"', &b[i + 2..])?;
                let value = &html[i + 2..close];
                i = close + 1;
                if !b.get(i).is_some_and(|&c| is_space(c) || matches!(c, b'/' | b'>')) {
                    return None;
                }
                value
            } else {
                // `name =value` would give the value to this attribute.
                let next = b[i..].iter().position(|&c| !is_space(c))?;
                if b[i + next] == b'=' {
                    return None;
                }
                ""
            };
            if attrs.iter().any(|a| a.name.eq_ignore_ascii_case(attr_name)) {
                return None;
            }
            attrs.push(Attr {
                name: Cow::Borrowed(attr_name),
                value: Cow::Borrowed(value),
                raw: Some(&html[start..i]),
            });
        }
    }

    fn has(&self, name: &str) -> bool {
        self.attrs.iter().any(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// The tag as lol_html writes one it modified: every attribute after one space, as
    /// written unless set, a set value with its `"` escaped.
    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.name);
        for a in self.attrs.iter() {
            out.push(' ');
            match a.raw {
                Some(raw) => out.push_str(raw),
                None => {
                    out.push_str(&a.name);
                    out.push_str("=\"");
                    out.push_str(&a.value.replace('"', "&quot;"));
                    out.push('"');
                }
            }
        }
        if self.self_closing {
            out.push_str(if self.attrs.is_empty() { "/>" } else { " />" });
        } else {
            out.push('>');
        }
    }
}

impl LinkTag for Tag<'_, '_> {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    fn attribute(&self, name: &str) -> Option<String> {
        self.attrs.iter().find(|a| a.name.eq_ignore_ascii_case(name)).map(|a| a.value.clone().into_owned())
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), lol_html::errors::AttributeNameError> {
        self.modified = true;
        match self.attrs.iter_mut().find(|a| a.name.eq_ignore_ascii_case(name)) {
            Some(a) => {
                a.value = Cow::Owned(value.to_owned());
                a.raw = None;
            }
            None => self.attrs.push(Attr {
                name: Cow::Owned(name.to_owned()),
                value: Cow::Owned(value.to_owned()),
                raw: None,
            }),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::UrlSet;
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};

    /// Markdown whose links exercise every way a link resolves, with characters the HTML of a
    /// link escapes.
    const HOSTILE: &[&str] = &[
        "[与](/jyj/jgzn/?a=1&b=2 \"t&\\\"q\\\"\") [空格](<b c.md>) [小于](/a%3Cb/) [引号](/jyj/jgzn/\"x) [单引号](/jyj/jgzn/'x)",
        "![图 \"一\"](tu.png \"说明\") ![样式](/static/css/style.css) ![无](/nope.png)\n\n<https://www.gov.cn/a?b=c&d=e>\n\n<mailto:a@b.cn> <tel:12345>",
        "[引用][r]、[又][r2]、[外][x]\n\n[r]: b.md#节 \"标题\"\n[r2]: ../gzdt/b.md\n[x]: https://www.gov.cn/ 'it''s'",
        "[有标题](https://www.gov.cn/ \"已有标题\") [无标题](//cdn.example/x) [大写](HTTP://X.CN) [站内](/jyj/zwdt/gzdt/b/)",
        "[上级](../b.md) [两级](../../jgzn/index.md) [越界](../../../../../x.md) [本页](#一目标) [无此](#nope) [编码](#%E4%B8%80%E7%9B%AE%E6%A0%87)",
        "[跨页](/jyj/jgzn/#ldxx) [自己](/jyj/zwdt/gzdt/a/#s) [附件](fangan.pdf) [查询](/files/a.pdf?v=1#p2) [坏](/nope/) [空]() [问](?p=2) [井](#)",
        "## 一、目标\n\n正文[^1]和[^注]。\n\n## 一、目标\n\n## 二 {#cuoshi .lead}\n\n[^1]: 注释 [链接](b.md)\n\n[^注]: 另一条",
        "| 名 | 链接 |\n|:--|--:|\n| a&b | [表内](b.md) |\n\n**主持人**：你好[问](#cuoshi)。\n\n**张三**：[答](/jyj/jgzn/)\n\n---\n\n行  \n换",
    ];

    /// The links of a page in `content/jyj/zwdt/gzdt`, and the pages and files they may lead to.
    fn site(files: &[PathBuf]) -> (UrlSet, HashMap<PathBuf, String>) {
        let mut by_src: HashMap<PathBuf, String> = HashMap::from([
            (PathBuf::from("content/jyj/zwdt/gzdt/b.md"), "/jyj/zwdt/gzdt/b/".to_string()),
            (PathBuf::from("content/jyj/zwdt/gzdt/b c.md"), "/jyj/zwdt/gzdt/b-c/".to_string()),
            (PathBuf::from("content/jyj/jgzn/index.md"), "/jyj/jgzn/".to_string()),
        ]);
        for f in files {
            let url = format!("/{}/", f.with_extension("").display());
            by_src.insert(f.clone(), url);
        }
        let mut urls: Vec<&'static str> = vec![
            "/jyj/zwdt/gzdt/a/",
            "/jyj/zwdt/gzdt/fangan.pdf",
            "/files/a.pdf",
            "/static/css/style.css",
            "/jyj/zwdt/gzdt/tu.png",
        ];
        urls.extend(by_src.values().map(|u| &*u.clone().leak()));
        (UrlSet::from_iter(urls), by_src)
    }

    /// A page as the theme's templates write one, with shared parts, around the body `body`.
    fn page_around(body: &str) -> String {
        use crate::render::{CHROME_CLOSE, CHROME_OPEN};
        format!(
            r##"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>标题 &lt;x&gt; &amp; </title>
<meta name="Description" content="a &quot;b&quot; &amp; c 'd'">
<link rel="stylesheet" href="/static/css/style.css">
<link rel="alternate" type="application/atom+xml" title="t" href="/jyj/feed.xml">
<script src="/static/js/site.js" defer></script>
<style>p > a {{ color: red }}</style>
</head>
<body>
<a class="skip-link" href="#main">跳</a>
{CHROME_OPEN}<header id="top"><a href="/jyj/jgzn/" aria-current="true">机构</a><a data-script-switch href="/jyj/">繁體</a><a href="https://www.gov.cn/">国</a><a href="#main">主</a></header>{CHROME_CLOSE}
<!-- 注释 -->
<main id="main" tabindex="-1"><h1 id="s">页</h1><a href="#一目标">上</a><textarea id="q"><a href="x"></textarea>
<div class="article-body" data-search="body">
{body}
</div>
<a href="../b/">相对</a><a href="https://www.gov.cn/" title="已有">外</a><img src="/nope.png" alt=""/><a data-script-switch href="/jyj/">繁體</a></main>
{CHROME_OPEN}<footer><a href="b/">相对</a></footer>{CHROME_CLOSE}
</body>
</html>
"##
        )
    }

    /// A body marked for the fast path, and a whole page read without lol_html, give what
    /// lol_html gives for the same page with the body unmarked: the same bytes, ids, broken
    /// links and anchors; for every inert Markdown file of the example cluster, the
    /// fixtures and the fuzz corpus, and for hostile links, with and without a base path.
    #[test]
    fn an_inert_body_rewritten_on_its_own_equals_rewriting_it_in_the_page() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let files: Vec<PathBuf> =
            crate::parse::markdown_files().iter().map(|f| f.strip_prefix(root).unwrap().to_path_buf()).collect();
        let (urls, by_src) = site(&files);
        let texts = HOSTILE
            .iter()
            .map(|s| (PathBuf::from("content/jyj/zwdt/gzdt/a.md"), s.to_string()))
            .chain(files.iter().filter_map(|f| Some((f.clone(), std::fs::read_to_string(root.join(f)).ok()?))));
        let (mut fast, mut broken, mut cross, mut external) = (0, 0, 0, 0);
        for (src, md) in texts {
            let body = crate::parse::markdown_render(&src, &md, 0);
            if !body.inert {
                continue;
            }
            let turns = crate::parse::mark_turns(&body.html, &["张三".to_string()]);
            for html in [&body.html, &turns] {
                for (base, page_url) in [("/", "/jyj/zwdt/gzdt/a/"), ("/sub/", "/jyj/zwdt/gzdt/b/")] {
                    let ctx = Context {
                        base_path: base,
                        page_url,
                        link_base: "/jyj/zwdt/gzdt/",
                        source_dir: src.parent().map(Path::to_path_buf),
                        urls: &urls,
                        by_src: &by_src,
                    };
                    let around = |b: &str| page_around(b);
                    let (plain, marked) = (around(html), around(&format!("{BODY_OPEN}{html}{BODY_CLOSE}")));
                    let in_lol_html = |page: &str| {
                        let (page, chromes) = chrome::split(page, &ctx);
                        super::super::in_lol_html(&page, &ctx, &chromes)
                    };
                    let (page, _) = chrome::split(&marked, &ctx);
                    assert_eq!(split(&page, &ctx).1.len(), 1, "the fast path refused {src:?}:\n{html}");
                    let want = in_lol_html(&plain);
                    assert!(want.broken.iter().any(|b| b.href == "/jyj/feed.xml"), "{:?}", want.broken);
                    let (chromes, whole) = chrome::split(&marked, &ctx);
                    assert!(rewrite_page(&chromes, &ctx, &whole).is_some(), "the page was refused");
                    for got in [in_lol_html(&marked), super::super::rewrite(&marked, &ctx)] {
                        assert_eq!(String::from_utf8_lossy(&got.html), String::from_utf8_lossy(&want.html), "{src:?}");
                        assert_eq!(got.ids, want.ids, "{src:?}");
                        assert_eq!(got.broken, want.broken, "{src:?}");
                        assert_eq!(got.cross_anchors, want.cross_anchors, "{src:?}");
                    }
                    let got = want;
                    fast += 1;
                    broken += got.broken.len();
                    cross += got.cross_anchors.len();
                    external += String::from_utf8_lossy(&got.html).matches("data-external").count();
                }
            }
        }
        assert!(fast >= 200, "only {fast} bodies compared");
        assert!(broken > 20 && cross > 4 && external > 20, "{broken} broken, {cross} cross-page, {external} external");
    }

    /// What the fast path does not read is left to lol_html: comments, unquoted or
    /// single-quoted attributes, raw-text and foreign elements, a `<` that opens no tag.
    #[test]
    fn markup_beyond_plain_tags_is_refused() {
        let (urls, by_src) = site(&[]);
        let ctx = Context {
            base_path: "/",
            page_url: "/jyj/zwdt/gzdt/a/",
            link_base: "/jyj/zwdt/gzdt/",
            source_dir: None,
            urls: &urls,
            by_src: &by_src,
        };
        for html in [
            "<p>a<!-- x --></p>",
            "<a href=x>y</a>",
            "<a href='x'>y</a>",
            "<a href =\"x\">y</a>",
            "<a href=\"x\"title=\"t\">y</a>",
            "<a href=\"x\" href=\"y\">z</a>",
            "<script src=\"/a.js\"></script>",
            "<svg><a href=\"x\">y</a></svg>",
            "<p>a < b</p>",
            "<a data-script-switch href=\"/\">繁</a>",
            "<p>a</p ><br",
        ] {
            assert!(rewrite(html, &ctx).is_none(), "{html}");
        }
        for page in [
            "<!DOCTYPE html><body><svg><title>x</title></svg></body>",
            "<p>a<!-- x --!> b --></p>",
            "<!-->",
            "<![CDATA[x]]>",
            "<noscript><a href=\"x\">y</a></noscript>",
            "<script><!--<script></script>--></script>",
            "<title>x</title",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD\">",
        ] {
            assert!(rewrite_page(page, &ctx, &[]).is_none(), "{page}");
        }
        let ok = rewrite(
            "<p class=\"x\">a &amp; b<br/><img src=\"tu.png\" alt=\"\"/><a href=\"/jyj/zwdt/gzdt/a/\" hidden>x</a></p>",
            &ctx,
        );
        assert!(ok.is_some_and(|f| f.found.out.broken.is_empty()));
    }
}
