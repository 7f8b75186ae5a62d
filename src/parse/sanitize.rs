//! Raw HTML in Markdown: an allowlist sanitizer (ammonia) for the output, and a detector that
//! tells the editor, by line, what was removed.

use ammonia::Builder;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Elements editors must not embed; removed with their content where they carry code.
const FORBIDDEN_TAGS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta", "base", "form",
    "input", "button", "textarea", "select",
];

/// URL schemes a link or image may use.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tags([
        "del",
        "s",
        "sup",
        "sub",
        "section",
        "figure",
        "figcaption",
        "abbr",
        "mark",
        "details",
        "summary",
        "caption",
    ])
    .add_generic_attributes(["id", "class"])
    .add_tag_attributes("img", ["width", "height", "loading"])
    .url_schemes(SCHEMES.iter().copied().collect::<HashSet<_>>())
    .link_rel(None)
    .strip_comments(true);
    b
});

/// Sanitizes rendered body HTML: only allowlisted tags, attributes and URL schemes remain.
pub(crate) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// What in a raw-HTML fragment the sanitizer will remove, described for the editor.
pub(crate) fn removals(fragment: &str) -> Vec<String> {
    let mut found = Vec::new();
    let settings = lol_html::Settings::new().append_element_content_handler(lol_html::element!("*", |el| {
        let tag = el.tag_name();
        if FORBIDDEN_TAGS.contains(&tag.as_str()) {
            found.push(crate::t!("parse-removal-element", tag = tag.as_str()));
        }
        for attr in el.attributes() {
            let name = attr.name();
            let value = attr.value();
            if name.starts_with("on") {
                found.push(crate::t!("parse-removal-event", name = name, tag = tag.as_str()));
            } else if name == "style" {
                found.push(crate::t!("parse-removal-style", tag = tag.as_str()));
            } else if matches!(name.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href")
                && !url_allowed(&value)
            {
                found.push(crate::t!("parse-removal-url", name = name, url = truncate(&value), tag = tag.as_str()));
            }
        }
        Ok(())
    }));
    // A fragment that lol_html cannot parse is still sanitized; it just gets no detail.
    let _ = lol_html::rewrite_str(fragment, settings);
    found
}

/// What a raw-HTML fragment links to and what it lacks.
#[derive(Debug, Default)]
pub(crate) struct RawHtml {
    /// Targets of `href` and `src` that the sanitizer keeps, in document order.
    pub links: Vec<String>,
    /// The `src` of every `<img>` without an `alt` attribute.
    pub images_without_alt: Vec<String>,
}

/// The links of a raw-HTML fragment (for link checking, by line) and its images without a
/// text alternative (`alt`), which screen readers cannot describe.
pub(crate) fn raw_html(fragment: &str) -> RawHtml {
    let mut out = RawHtml::default();
    let settings = lol_html::Settings::new().append_element_content_handler(lol_html::element!("*", |el| {
        let tag = el.tag_name();
        if FORBIDDEN_TAGS.contains(&tag.as_str()) {
            return Ok(());
        }
        for attr in ["href", "src"] {
            if let Some(v) = el.get_attribute(attr).filter(|v| !v.trim().is_empty() && url_allowed(v)) {
                out.links.push(v);
            }
        }
        if tag == "img" && el.get_attribute("alt").is_none() {
            out.images_without_alt.push(el.get_attribute("src").unwrap_or_default());
        }
        Ok(())
    }));
    // A fragment that lol_html cannot parse is still sanitized; it just gets no detail.
    let _ = lol_html::rewrite_str(fragment, settings);
    out
}

/// True when a link target uses an allowed scheme or none (relative).
pub fn url_allowed(url: &str) -> bool {
    let compact: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    match compact.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            SCHEMES.contains(&scheme.to_ascii_lowercase().as_str())
        }
        _ => true,
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 40 { s.chars().take(40).collect::<String>() + "…" } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_markup_is_removed_and_reported() {
        let html = r#"<p onclick="x()">a<script>alert(1)</script><iframe src="https://e.com"></iframe><a href="javascript:alert(1)">b</a></p>"#;
        let out = clean(html);
        assert!(
            !out.contains("script")
                && !out.contains("iframe")
                && !out.contains("onclick")
                && !out.contains("javascript"),
            "{out}"
        );
        assert!(out.contains(">b</a>"));
        let r = removals(html);
        assert_eq!(r.len(), 4, "{r:?}");
    }

    #[test]
    fn obfuscated_javascript_urls_are_caught() {
        assert!(!url_allowed(" JaVaScRiPt:alert(1)"));
        assert!(!url_allowed("java\tscript:alert(1)"));
        assert!(url_allowed("/jyj/zwdt/"));
        assert!(url_allowed("a.md#x:y"));
        assert!(url_allowed("https://www.gov.cn/"));
    }

    #[test]
    fn markdown_output_survives() {
        let html = "<h2 id=\"a\">x</h2><table><tr><td class=\"align-center\" style=\"color: red\">1</td></tr></table><sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup><del>x</del>";
        let out = clean(html);
        assert!(
            out.contains("id=\"a\"")
                && out.contains("align-center")
                && !out.contains("style")
                && out.contains("footnote-reference")
                && out.contains("<del>"),
            "{out}"
        );
    }
}
