//! What editors write, as every stage reads it: file encodings, dates, the front-matter keys
//! and their Chinese names, page file names, YAML typing slips, and HTML escaping. A leaf: it
//! depends on no stage, so `load`, `scan` and `parse` share it without depending on each other.

mod date;
mod encoding;
mod html;
pub(crate) mod keys;
mod typing;

pub use date::{DateError, PubDate, parse_day};
pub use encoding::{decode_utf8, utf8_string};
pub use html::escape_html;
pub use typing::typing_mistakes;

/// True when the file name (or path) `name` is a Markdown page: it ends in `.md` or
/// `.markdown`, in any case (`通知.MD` is a page).
pub fn is_page_name(name: &str) -> bool {
    page_stem(name).is_some()
}

/// `name` without its Markdown extension (`.md` or `.markdown`, any case), when it has one.
pub fn page_stem(name: &str) -> Option<&str> {
    [".md", ".markdown"].iter().find_map(|ext| {
        let cut = name.len().checked_sub(ext.len())?;
        (name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(ext)).then(|| &name[..cut])
    })
}

/// True when `key` is `title` or `date` or one of their Chinese aliases: the keys that make a
/// front matter a page's.
pub fn is_title_or_date_key(key: &str) -> bool {
    keys::KEYS.iter().any(|(k, aliases)| matches!(*k, "title" | "date") && (*k == key || aliases.contains(&key)))
}

/// True when `key` is `index_no` or one of its Chinese aliases (`索引号`): the key `zhanqun
/// assign` adds.
pub fn is_index_no_key(key: &str) -> bool {
    keys::KEYS.iter().any(|(k, aliases)| *k == "index_no" && (*k == key || aliases.contains(&key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_in_any_case() {
        assert_eq!(page_stem("通知.MD"), Some("通知"));
        assert_eq!(page_stem("a.markdown"), Some("a"));
        assert_eq!(page_stem("a.Md"), Some("a"));
        assert_eq!(page_stem("a.txt"), None);
        assert_eq!(page_stem("amd"), None);
        assert_eq!(page_stem("通"), None);
        assert!(is_title_or_date_key("标题") && is_title_or_date_key("date") && !is_title_or_date_key("rows"));
    }
}
