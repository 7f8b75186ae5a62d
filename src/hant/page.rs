//! One simplified page → its Traditional page, in one lol_html pass.

use super::{HantError, PREFIX, to_hant};
use lol_html::html_content::{ContentType, Element};
use lol_html::{HtmlRewriter, Settings, doc_text, element, text};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// Attributes whose value is text a reader sees or hears.
const TEXT_ATTRS: &[&str] = &["title", "alt", "aria-label", "placeholder"];
/// Elements whose text is code or preformatted data, never converted.
const VERBATIM: &str = "script,style,code,pre";
/// The search page under the base path: a page (moved into the view); everything else
/// under `search/` is the index's data files (not moved).
const SEARCH_DIR: &str = "search/";

/// Returns the Traditional page of one final simplified page `html` of a cluster served under
/// `base_path` (`/` or `/sub/`); see the module documentation of [`crate::hant`] for what
/// changes. Exists so the pipeline can write the 繁體 view from the pages it already built.
pub fn hant_page(html: &[u8], base_path: &str) -> Result<Vec<u8>, HantError> {
    rewrite_page(html, base_path, html.len())
}

/// [`hant_page`] with the input written to lol_html `piece` bytes at a time (tests use small
/// pieces to make lol_html split text nodes into many chunks).
fn rewrite_page(html: &[u8], base_path: &str, piece: usize) -> Result<Vec<u8>, HantError> {
    let base: Cow<'_, str> =
        if base_path.ends_with('/') { Cow::Borrowed(base_path) } else { Cow::Owned(format!("{base_path}/")) };
    let base = base.as_ref();
    // Set for each text chunk inside a verbatim element by its selector-bound handler, which
    // lol_html runs before the document text handler that reads and clears it
    // (`code_is_left_alone` fails if that order ever changes).
    let verbatim = Cell::new(false);
    // The text node so far: lol_html splits a text node into chunks wherever its input
    // buffer ends, and a phrase split across two chunks would convert character by character.
    let pending = RefCell::new(String::new());
    let mut out = Vec::with_capacity(html.len() + html.len() / 16);
    {
        // Specific selectors rather than one `*` handler: lol_html then builds an `Element`
        // only for the few elements that need it (measured 1.5 → 1.15 ms on a 30 KB page).
        let settings = Settings::new()
            .append_element_content_handler(element!("html", |el| {
                el.set_attribute("lang", "zh-Hant")?;
                Ok(())
            }))
            .append_element_content_handler(element!("[title], [alt], [aria-label], [placeholder]", |el| {
                for attr in TEXT_ATTRS {
                    convert_attribute(el, attr)?;
                }
                Ok(())
            }))
            .append_element_content_handler(element!("meta[content]", |el| {
                if (el.has_attribute("name") || el.has_attribute("property")) && !el.has_attribute("http-equiv") {
                    convert_attribute(el, "content")?;
                }
                Ok(())
            }))
            .append_element_content_handler(element!("a[href]:not([data-script-switch]), area[href]", |el| {
                move_page_link(el, "href", base)?;
                Ok(())
            }))
            .append_element_content_handler(element!("form[action]", |el| {
                move_page_link(el, "action", base)?;
                Ok(())
            }))
            .append_element_content_handler(element!("a[data-script-switch]", |el| script_switch(el, base)))
            .append_element_content_handler(text!(VERBATIM, |_| {
                verbatim.set(true);
                Ok(())
            }))
            .append_document_content_handler(doc_text!(|chunk| {
                if verbatim.replace(false) {
                    return Ok(());
                }
                let mut pending = pending.borrow_mut();
                if !chunk.last_in_text_node() {
                    pending.push_str(chunk.as_str());
                    chunk.set_str(String::new());
                    return Ok(());
                }
                // The raw text (entities and all) is converted and written back as markup:
                // OpenCC maps CJK only, so `&amp;` and friends pass through untouched.
                if pending.is_empty() {
                    let text = chunk.as_str();
                    if !text.is_ascii() {
                        let converted = to_hant(text);
                        chunk.set_str(converted);
                    }
                } else {
                    pending.push_str(chunk.as_str());
                    chunk.set_str(to_hant(&pending));
                    pending.clear();
                }
                Ok(())
            }));
        let mut rewriter = HtmlRewriter::new(settings, |c: &[u8]| out.extend_from_slice(c));
        for piece in html.chunks(piece.max(1)) {
            rewriter.write(piece)?;
        }
        rewriter.end()?;
    }
    Ok(out)
}

/// The header's script switch, which on the simplified page leads here, turned into the
/// link back to the simplified page.
fn script_switch(el: &mut Element<'_, '_>, base: &str) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if let Some(href) = el.get_attribute("href")
        && let Some(simplified) = simplified_href(&href, base)
    {
        el.set_attribute("href", &simplified)?;
    }
    el.set_attribute("lang", "zh-Hans")?;
    el.set_attribute("hreflang", "zh-Hans")?;
    el.remove_attribute("title");
    el.remove_attribute("aria-label");
    el.set_inner_content(crate::labels::SIMPLIFIED, ContentType::Text);
    Ok(())
}

fn convert_attribute(el: &mut Element<'_, '_>, attr: &str) -> Result<(), lol_html::errors::AttributeNameError> {
    if let Some(value) = el.get_attribute(attr)
        && !value.is_ascii()
    {
        let converted = to_hant(&value);
        if converted != value {
            el.set_attribute(attr, &converted)?;
        }
    }
    Ok(())
}

fn move_page_link(
    el: &mut Element<'_, '_>,
    attr: &str,
    base: &str,
) -> Result<(), lol_html::errors::AttributeNameError> {
    if let Some(value) = el.get_attribute(attr)
        && let Some(moved) = hant_href(&value, base)
    {
        el.set_attribute(attr, &moved)?;
    }
    Ok(())
}

/// The view's URL for `href` if it is an internal link to a page that is not already in the
/// view; `None` for anything that stays as it is.
fn hant_href(href: &str, base: &str) -> Option<String> {
    let rest = href.strip_prefix(base)?;
    // With base `/`, `//host/…` is another site.
    if rest.starts_with('/') {
        return None;
    }
    let path = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let in_view = path.starts_with(PREFIX) || path == PREFIX.trim_end_matches('/');
    let search_data = path.starts_with(SEARCH_DIR) && path != SEARCH_DIR;
    let page = path.is_empty() || path.ends_with('/') || path.ends_with(".html");
    (page && !in_view && !search_data).then(|| format!("{base}{PREFIX}{rest}"))
}

/// The simplified URL of a URL in the view; `None` if `href` is not in the view.
fn simplified_href(href: &str, base: &str) -> Option<String> {
    let rest = href.strip_prefix(base)?;
    let rest = rest.strip_prefix(PREFIX).or_else(|| rest.strip_prefix(PREFIX.trim_end_matches('/')))?;
    Some(format!("{base}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str, base: &str) -> String {
        String::from_utf8(hant_page(html.as_bytes(), base).unwrap()).unwrap()
    }

    #[test]
    fn page_links_move_into_the_view() {
        let cases = [
            ("/", "/jyj/zwdt/", Some("/zh-hant/jyj/zwdt/")),
            ("/", "/", Some("/zh-hant/")),
            ("/", "/jyj/a.html#p2", Some("/zh-hant/jyj/a.html#p2")),
            ("/", "/search/", Some("/zh-hant/search/")),
            ("/", "/search/?q=%E5%8F%91", Some("/zh-hant/search/?q=%E5%8F%91")),
            ("/gov/", "/gov/jyj/zwdt/", Some("/gov/zh-hant/jyj/zwdt/")),
            ("/gov/", "/gov/", Some("/gov/zh-hant/")),
            ("/gov/", "/gov/jyj/?page=2#list", Some("/gov/zh-hant/jyj/?page=2#list")),
            // Files stay with the simplified site.
            ("/", "/static/css/style.css", None),
            ("/", "/files/2024/notice.pdf", None),
            ("/", "/sitemap.xml", None),
            ("/", "/search/index.json", None),
            ("/", "/search/v-3f2a/tables.bin", None),
            ("/", "/search/v-3f2a/", None),
            ("/gov/", "/gov/static/img/a.png", None),
            ("/gov/", "/gov/search/index.json", None),
            // Already in the view: never twice.
            ("/", "/zh-hant/jyj/", None),
            ("/", "/zh-hant", None),
            ("/gov/", "/gov/zh-hant/jyj/", None),
            // Not internal.
            ("/gov/", "/jyj/", None),
            ("/", "//www.gov.cn/", None),
            ("/", "https://www.gov.cn/", None),
            ("/", "#main", None),
            ("/", "mailto:a@b.cn", None),
        ];
        for (base, href, want) in cases {
            assert_eq!(hant_href(href, base).as_deref(), want, "{base} {href}");
        }
    }

    #[test]
    fn links_in_a_page() {
        let html = r#"<html lang="zh-CN"><head><link rel="stylesheet" href="/gov/static/css/style.css"><link rel="icon" href="/gov/"><script src="/gov/static/js/site.js"></script></head><body>
<a href="/gov/jyj/zwdt/">动态</a><a href="/gov/files/a.pdf">附件</a><a href="/gov/sitemap.xml">xml</a><a href="/gov/search/index.json">data</a><a href="/gov/zh-hant/jyj/">已在</a>
<img src="/gov/jyj/"><form action="/gov/search/" method="get"><input name="q" placeholder="请输入关键词"></form></body></html>"#;
        let out = page(html, "/gov/");
        assert!(out.contains(r#"<a href="/gov/zh-hant/jyj/zwdt/">動態</a>"#), "{out}");
        assert!(out.contains(r#"href="/gov/files/a.pdf""#), "{out}");
        assert!(out.contains(r#"href="/gov/sitemap.xml""#), "{out}");
        assert!(out.contains(r#"href="/gov/search/index.json""#), "{out}");
        assert!(out.contains(r#"href="/gov/zh-hant/jyj/""#) && !out.contains("zh-hant/zh-hant"), "{out}");
        assert!(out.contains(r#"href="/gov/static/css/style.css""#), "{out}");
        assert!(out.contains(r#"<link rel="icon" href="/gov/">"#), "{out}");
        assert!(out.contains(r#"src="/gov/static/js/site.js""#) && out.contains(r#"<img src="/gov/jyj/">"#), "{out}");
        assert!(out.contains(r#"action="/gov/zh-hant/search/""#), "{out}");
        assert!(out.contains(r#"placeholder="請輸入關鍵詞""#), "{out}");
    }

    #[test]
    fn lang_is_traditional() {
        assert!(
            page(r#"<!DOCTYPE html><html lang="zh-CN"><body>发展</body></html>"#, "/")
                .contains(r#"<html lang="zh-Hant">"#)
        );
        assert!(page("<html><body>x</body></html>", "/").contains(r#"<html lang="zh-Hant">"#));
    }

    #[test]
    fn code_is_left_alone() {
        let html = "<p>头发</p><script>var s = \"头发\";</script><style>.a::after{content:\"头发\"}</style>\
            <p>发展<code>头发</code>干部</p><pre>面条\n<b>一只</b></pre><p>干净</p>";
        let out = page(html, "/");
        assert_eq!(
            out,
            "<p>頭髮</p><script>var s = \"头发\";</script><style>.a::after{content:\"头发\"}</style>\
            <p>發展<code>头发</code>幹部</p><pre>面条\n<b>一只</b></pre><p>乾淨</p>"
        );
    }

    #[test]
    fn entities_survive() {
        let out = page("<p>发展&amp;头发 &lt;干部&gt; &#x53D1;</p>", "/");
        assert_eq!(out, "<p>發展&amp;頭髮 &lt;幹部&gt; &#x53D1;</p>");
    }

    #[test]
    fn text_attributes_and_meta() {
        let html = r#"<head><meta charset="utf-8"><meta name="description" content="县教育局发展规划"><meta property="og:title" content="头发"><meta http-equiv="X-UA-Compatible" content="发展"><title>干部任免</title></head><body><img src="/a.png" alt="面条"><a href="/x/" title="后来" aria-label="里面">x</a><div data-x="发展">干净</div></body>"#;
        let out = page(html, "/");
        assert!(out.contains(r#"<meta charset="utf-8">"#), "{out}");
        assert!(out.contains(r#"content="縣教育局發展規劃""#), "{out}");
        assert!(out.contains(r#"content="頭髮""#), "{out}");
        assert!(out.contains(r#"http-equiv="X-UA-Compatible" content="发展""#), "{out}");
        assert!(out.contains("<title>幹部任免</title>"), "{out}");
        assert!(out.contains(r#"alt="麪條""#), "{out}");
        assert!(out.contains(r#"title="後來" aria-label="裏面""#), "{out}");
        assert!(out.contains(r#"data-x="发展">乾淨</div>"#), "{out}");
    }

    #[test]
    fn script_switch_leads_back() {
        for base in ["/", "/gov/"] {
            let html = format!(
                r#"<header><a class="script-switch" data-script-switch href="{base}zh-hant/jyj/zwdt/?p=2" lang="zh-Hant" title="繁体版" aria-label="繁體">繁體</a></header>"#
            );
            let out = page(&html, base);
            assert_eq!(
                out,
                format!(
                    r#"<header><a class="script-switch" data-script-switch href="{base}jyj/zwdt/?p=2" lang="zh-Hans" hreflang="zh-Hans">简体</a></header>"#
                ),
                "{base}"
            );
        }
        // The switch on the site's home page.
        let out = page(r#"<a data-script-switch href="/gov/zh-hant/">繁體</a>"#, "/gov/");
        assert!(out.contains(r#"href="/gov/""#) && out.ends_with(">简体</a>"), "{out}");
    }

    /// How many text chunks lol_html makes of `html` written in `piece`-byte writes.
    fn text_chunks(html: &[u8], piece: usize) -> usize {
        let chunks = Cell::new(0);
        let mut r = HtmlRewriter::new(
            Settings::new().append_document_content_handler(doc_text!(|_| {
                chunks.set(chunks.get() + 1);
                Ok(())
            })),
            |_: &[u8]| {},
        );
        for p in html.chunks(piece) {
            r.write(p).unwrap();
        }
        r.end().unwrap();
        chunks.get()
    }

    /// lol_html hands a text node over in several chunks when the input arrives in several
    /// writes (one write of a whole page gives one chunk per text node, plus an empty last
    /// one, in lol_html 3.0.3); a phrase straddling a chunk boundary must still convert as a
    /// phrase, not as 头 + 发 → 頭發.
    #[test]
    fn long_text_converts_across_chunks() {
        // A 9-byte period: the write boundaries fall at every offset inside 头发.
        let text = "头发，".repeat(4000);
        assert!(text.len() > 10 * 1024);
        let html = format!("<html><body><p>{text}</p><p>干部{text}面条</p></body></html>");
        let want = to_hant(&text);
        assert_eq!(want.matches("頭髮").count(), 4000);
        let expected = format!("<html lang=\"zh-Hant\"><body><p>{want}</p><p>幹部{want}麪條</p></body></html>");
        for piece in [html.len(), 4096, 1000, 7] {
            let n = text_chunks(html.as_bytes(), piece);
            if piece < html.len() {
                assert!(n > 8, "{piece}-byte writes made only {n} text chunks");
            }
            let out = String::from_utf8(rewrite_page(html.as_bytes(), "/", piece).unwrap()).unwrap();
            assert!(out == expected, "{piece}-byte writes ({n} chunks): {}", out.chars().take(100).collect::<String>());
        }
    }
}
