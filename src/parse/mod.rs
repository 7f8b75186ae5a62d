//! Stage 3, parse: front matter into [`Page`] metadata (all pages, in parallel), and Markdown
//! bodies into sanitized HTML (at render time, so bodies never all sit in memory at once).

mod dialogue;
mod fences;
mod front_matter;
mod gongwen;
mod letter;
mod markdown;
mod office;
mod page;
mod review;
mod sanitize;
mod words;

/// The publish date of a page, read by [`crate::text`].
pub use crate::text::{DateError, PubDate};
pub use dialogue::mark_turns;
pub use fences::Fences;
pub use front_matter::{Attachment, FrontMatter, RareKeys};
pub use letter::{letter_start, reply_heading};
#[cfg(test)]
pub(crate) use markdown::markdown_files;
pub use markdown::{Body, anchor, file_links, links_and_ids, render as markdown_render};
pub use page::{OnRead, Page, parse_pages, parse_pages_known, parse_pages_with_text, parse_text, read_body};
pub use review::review_due;
pub use sanitize::url_allowed;

/// The front matter of the page text `text` (named `rel` in messages), when it parses: for
/// readers of old revisions that need a field or two, not a whole page.
pub fn front_matter_of(rel: &std::path::Path, text: &str) -> Option<FrontMatter> {
    let split = front_matter::split(rel, text).ok()?;
    front_matter::parse(rel, &split).0
}
