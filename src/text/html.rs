//! Escaping text for HTML: one escaper for templates, catalogs, feeds, site maps and reports.

/// Escapes text for HTML content and attribute values. The five characters it replaces are
/// ASCII, which never occurs inside a multi-byte character: the text is scanned as bytes and
/// copied between them in runs (a page of Chinese text is almost all one run).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(replacement);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    /// The escaper as a char-by-char replacement, to compare against.
    fn by_chars(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '&' => "&amp;".to_owned(),
                '<' => "&lt;".to_owned(),
                '>' => "&gt;".to_owned(),
                '"' => "&quot;".to_owned(),
                '\'' => "&#39;".to_owned(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn escapes_the_five_characters_and_keeps_every_other_one() {
        for s in [
            "",
            "&",
            "<<>>",
            "县政府办公室关于印发《“十四五”规划》的通知",
            "a&b<c>d\"e'f",
            "“引号”&‘单引号’<标签>末尾&",
            "&lt;已转义&gt; 再转义",
            "emoji 🇨🇳 & 表情",
        ] {
            assert_eq!(escape_html(s), by_chars(s), "{s}");
        }
        assert_eq!(
            escape_html("<a href=\"x?a=1&b=2\">链接</a>"),
            "&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;链接&lt;/a&gt;"
        );
    }
}
