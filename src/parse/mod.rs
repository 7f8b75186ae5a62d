//! Stage 3, parse: front matter into [`Page`] metadata (all pages, in parallel), and Markdown
//! bodies into sanitized HTML (at render time, so bodies never all sit in memory at once).

mod aliases;
mod date;
mod dialogue;
mod encoding;
mod fences;
mod front_matter;
mod letter;
mod markdown;
mod page;
mod sanitize;
mod typing;

pub use date::{DateError, PubDate, parse_day};
pub use dialogue::mark_turns;
pub use encoding::decode_utf8;
pub use fences::Fences;
pub use front_matter::{Attachment, FrontMatter};
pub use letter::{letter_start, reply_heading};
pub use markdown::{Body, anchor, file_links, links_and_ids, render as markdown_render};
pub use page::{Page, parse_pages, parse_pages_with_text, parse_text, read_body};
pub use sanitize::url_allowed;
pub use typing::typing_mistakes;

/// The front matter of the page text `text` (named `rel` in messages), when it parses: for
/// readers of old revisions that need a field or two, not a whole page.
pub fn front_matter_of(rel: &std::path::Path, text: &str) -> Option<FrontMatter> {
    let split = front_matter::split(rel, text).ok()?;
    front_matter::parse(rel, &split).0
}

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
    aliases::KEYS.iter().any(|(k, aliases)| matches!(*k, "title" | "date") && (*k == key || aliases.contains(&key)))
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
