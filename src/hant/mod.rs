//! The optional 繁體 (Traditional Chinese) view of the built site, made from the final HTML of
//! the simplified pages; nothing upstream of the rewrite stage knows it exists.
//!
//! Conversion is [OpenCC](https://github.com/BYVoid/OpenCC)'s `s2t` (via the pure-Rust
//! `ferrous-opencc`, dictionaries built in), which works on phrases, not characters: 头发 →
//! 頭髮 but 发展 → 發展, 干部 → 幹部 but 干净 → 乾淨. [`to_hant`] and [`to_hans`] are the two
//! directions; each shares one converter for the whole process (safe from rayon threads).
//!
//! # The view
//!
//! The Traditional page of the simplified page at `<base_path>X` lives at
//! `<base_path>zh-hant/X` ([`PREFIX`]). [`hant_page`] turns one final simplified page (after the
//! rewrite stage, so internal links are root-relative and start with `base_path`) into its
//! Traditional page:
//!
//! - text is converted, except inside `<script>`, `<style>`, `<code>` and `<pre>`; so are the
//!   attributes `title`, `alt`, `aria-label` and `placeholder`, and the `content` of
//!   `<meta name=…>` / `<meta property=…>` (never `<meta charset>` or `http-equiv`);
//! - `<html lang>` becomes `zh-Hant`;
//! - links to *pages* (an `<a>`/`<area>` `href` or a `<form>` `action` under `base_path`
//!   whose path ends in `/` or `.html`) move into the view; links to files (styles, scripts,
//!   images, PDFs, `.xml`, `.json`, the search data under `<base_path>search/`) and every
//!   `src` and `<link href>` keep pointing at the simplified site's single copy.
//!
//! # Contract with the templates: the script switch
//!
//! The header of every simplified page carries one link `<a data-script-switch href=…>` whose
//! `href` is the URL of the Traditional version of that same page (`<base_path>zh-hant/X`) and
//! whose text offers 繁體; producing it is the templates' job, not this module's. On the
//! Traditional page [`hant_page`] turns that link into the way back: its `href` loses the
//! [`PREFIX`] (→ `<base_path>X`), its content becomes the text `简体` (written in Simplified
//! on purpose, so a reader of Simplified recognises it), it gets `lang="zh-Hans"` and
//! `hreflang="zh-Hans"`, and any `title`/`aria-label` is removed so that the accessible name
//! is that text. Whatever was inside the link (text, an icon) is replaced.
//!
//! # Search
//!
//! A query typed in Traditional script must be turned into Simplified before the browser
//! segments it, since the index holds the simplified text. [`t2s_table_chunks`] writes the
//! character table for that, sharded so a query fetches only the shards of its characters
//! ([`t2s_chunk_name`]); the format is documented there.

mod convert;
mod page;
mod t2s;
mod view;

pub use convert::{to_hans, to_hant};
pub use page::hant_page;
pub use t2s::{t2s_chunk_name, t2s_table_chunks};
pub use view::write_view;

pub use crate::assemble::HANT_PREFIX as PREFIX;

/// Why a page could not be turned into its Traditional version.
#[derive(Debug, thiserror::Error)]
pub enum HantError {
    /// lol_html failed on the page: the simplified page is our own output, so this is a bug
    /// (or a page over lol_html's memory limit), and the page is reported rather than written
    /// half-converted.
    #[error("{}", crate::t!("hant-rewrite-failed", error = .0.to_string()))]
    Rewrite(#[from] lol_html::errors::RewritingError),
    /// A page could not be read from, or its Traditional version written to, the staging tree.
    #[error("{path}{}{}", crate::t!("cli-error-cause-separator"), crate::messages::io_reason(.source))]
    Io {
        /// The page's path relative to the output root.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}
