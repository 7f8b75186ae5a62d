//! Theme scripts as served: comment lines, comment blocks and indentation removed, so that a
//! visitor does not download the theme's documentation (a third of `search.js`, which every
//! search fetches before anything else).
//!
//! Deliberately not a minifier: only whole lines are dropped and only leading and trailing
//! whitespace is cut, which cannot change what a script means as long as no string spans
//! lines. A script with a template literal (a backtick outside comments), a line continued
//! with `\`, or a comment block that does not end its line is served as written.

use std::borrow::Cow;

/// `source` without comment lines, comment blocks and indentation; unchanged when it cannot
/// be stripped safely (see the module documentation) or is not UTF-8.
pub(super) fn strip_js(source: &[u8]) -> Cow<'_, [u8]> {
    let Ok(text) = std::str::from_utf8(source) else { return Cow::Borrowed(source) };
    match strip(text) {
        Some(out) => Cow::Owned(out.into_bytes()),
        None => Cow::Borrowed(source),
    }
}

fn strip(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut in_block = false;
    for line in text.lines() {
        let t = line.trim();
        if in_block {
            if let Some(end) = t.find("*/") {
                if end + 2 != t.len() {
                    return None;
                }
                in_block = false;
            }
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("/*") {
            match rest.find("*/") {
                Some(end) if end + 2 == rest.len() => {}
                Some(_) => return None,
                None => in_block = true,
            }
            continue;
        }
        if t.contains('`') || t.ends_with('\\') {
            return None;
        }
        out.push_str(t);
        out.push('\n');
    }
    (!in_block).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(js: &str) -> String {
        String::from_utf8(strip_js(js.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn comments_and_indentation_go_code_stays() {
        let js = "/**\n * Doc.\n */\nfunction f(a) {\n  // why\n  var u = \"http://x\"; // kept\n\n  /* one line */\n  return a / 2;\n}\n";
        assert_eq!(s(js), "function f(a) {\nvar u = \"http://x\"; // kept\nreturn a / 2;\n}\n");
    }

    #[test]
    fn scripts_that_cannot_be_stripped_safely_are_served_as_written() {
        for js in [
            "var t = `a\n  // b`;\n",
            "var s = 'a\\\n  // b';\n",
            "/* a */ var x = 1;\n",
            "/* open\n x */ var y;\n",
            "/* never closed\n",
        ] {
            assert_eq!(s(js), js, "{js:?}");
        }
        assert_eq!(&*strip_js(b"\xff// x"), b"\xff// x");
    }

    /// The default theme's scripts are stripped, and what is left still parses and runs
    /// (checked in node by the browser tests, which load the served files).
    #[test]
    fn the_default_theme_scripts_are_stripped() {
        for name in ["search.js", "site.js"] {
            let path = format!("{}/themes/default/static/js/{name}", env!("CARGO_MANIFEST_DIR"));
            let src = std::fs::read(&path).unwrap();
            let out = strip_js(&src);
            assert!(out.len() * 10 < src.len() * 9, "{name}: {} of {} bytes", out.len(), src.len());
        }
    }
}
