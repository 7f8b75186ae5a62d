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
pub use markdown::{Body, anchor, links_and_ids, render as markdown_render};
pub use page::{Page, parse_pages, parse_pages_with_text, parse_text, read_body};
pub use sanitize::url_allowed;
pub use typing::typing_mistakes;
