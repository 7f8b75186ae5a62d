//! The theme's static files as the build writes them: scripts stripped ([`super::script::strip_js`]),
//! and style sheets and scripts under content-hashed names (`css/style.3f2a1b9c0d.css`), so a
//! server or CDN may cache them for a year — a changed file gets a new name, and the pages (which
//! are revalidated) link the new one. Templates keep writing `/static/css/style.css`: the rewrite
//! stage sends those links to the hashed name ([`crate::assemble::UrlSet::alias`]). Images keep
//! their names (a style sheet may refer to them by name) and a short cache.

use sha2::{Digest, Sha256};
use std::borrow::Cow;

/// Hex digits of the content hash in a file name.
pub const HASH_LEN: usize = 10;

/// The extensions that get content-hashed names.
const HASHED: &[&str] = &["css", "js"];

/// One theme file as written: its path under `static/` and its bytes.
pub fn theme_file<'a>(path: &str, bytes: &'a [u8]) -> (String, Cow<'a, [u8]>) {
    let bytes = if path.ends_with(".js") { super::script::strip_js(bytes) } else { Cow::Borrowed(bytes) };
    let (stem, ext) = match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') && !stem.is_empty() && HASHED.contains(&ext) => (stem, ext),
        _ => return (path.to_owned(), bytes),
    };
    let hash = hex::encode(Sha256::digest(&bytes));
    (format!("{stem}.{}.{ext}", &hash[..HASH_LEN]), bytes)
}

/// The content-hashed files among the theme's, as output paths (`static/css/style.….css`).
pub fn hashed_paths(static_files: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut out: Vec<String> = static_files
        .iter()
        .map(|(p, b)| (p, theme_file(p, b).0))
        .filter(|(p, out)| *p != out)
        .map(|(_, out)| format!("static/{out}"))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_and_scripts_are_named_by_their_content_images_are_not() {
        let (css, _) = theme_file("css/style.css", b"body{color:#000}");
        assert!(
            css.starts_with("css/style.") && css.ends_with(".css") && css.len() == "css/style..css".len() + HASH_LEN
        );
        assert_ne!(theme_file("css/style.css", b"body{color:#111}").0, css, "another content, another name");
        assert_eq!(theme_file("css/style.css", b"body{color:#000}").0, css, "the same content, the same name");
        assert_eq!(theme_file("img/emblem.svg", b"<svg/>").0, "img/emblem.svg");
        assert_eq!(theme_file("css/.css", b"x").0, "css/.css");
        assert_eq!(theme_file("LICENSE", b"x").0, "LICENSE");
    }

    #[test]
    fn a_script_is_named_by_what_is_written() {
        let source = b"// a comment\nvar a = 1;\n";
        let (name, bytes) = theme_file("js/site.js", source);
        assert_ne!(&bytes[..], source, "stripped");
        let hash = hex::encode(Sha256::digest(&bytes));
        assert_eq!(name, format!("js/site.{}.js", &hash[..HASH_LEN]));
    }
}
