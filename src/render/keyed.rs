//! What a template receives, built once for whatever the renderer makes of it: the Tera context
//! to render, the digest the build cache keys a generated page by, or both.

use super::Output;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::Context;

/// A template's context as a [`super::Renderer`] builds it: a Tera context to render
/// ([`Output::Html`]), a running SHA-256 of everything put in it to key the page by
/// ([`Output::Key`]), or both ([`Output::HtmlAndKey`]). Keying serializes each value straight
/// into the hash, in the order the renderer puts it in, so that no tree of JSON values is
/// made and freed per page: that tree was most of the cost of keying the ~16,000 generated
/// pages of a 100,000-page cluster on every cached build. A renderer puts the same values in
/// the same order whatever it makes, so the keys of a keying renderer and of a rendering one
/// agree, and two contexts built the same way give the same page.
pub(super) struct PageContext {
    /// The context the template renders from (none when only keying).
    ctx: Option<Context>,
    /// The hash of what was put in (none when only rendering).
    hash: Option<Hashing>,
}

/// A SHA-256 fed through a small buffer: serde_json writes in fragments of a few bytes (a
/// quote, a key, a comma), which the hash takes best in blocks.
struct Hashing {
    sha: Sha256,
    buf: Vec<u8>,
}

/// Bytes [`Hashing`] gathers before hashing them.
const HASH_BLOCK: usize = 4096;

impl Hashing {
    fn new() -> Hashing {
        Hashing { sha: Sha256::new(), buf: Vec::with_capacity(HASH_BLOCK) }
    }

    /// Puts `value` as JSON in the hash.
    fn json<T: Serialize + ?Sized>(&mut self, value: &T) {
        // Writing into a buffer cannot fail; nor can the renderer's values fail to serialize
        // (plain structs, strings and numbers, maps with string keys).
        let _ = serde_json::to_writer(&mut *self, value);
    }

    fn finish(mut self) -> String {
        self.sha.update(&self.buf);
        hex::encode(self.sha.finalize())
    }
}

impl std::io::Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + bytes.len() > HASH_BLOCK {
            self.sha.update(&self.buf);
            self.buf.clear();
        }
        if bytes.len() >= HASH_BLOCK {
            self.sha.update(bytes);
        } else {
            self.buf.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl PageContext {
    /// A context whose top-level keys are the fields of `common` (see [`Context::from_serialize`]),
    /// keyed by `keyed` in its place: what every page shares, with the shared parts given by
    /// their digests.
    pub(super) fn new<C: Serialize, K: Serialize>(
        output: Output,
        common: &C,
        keyed: &K,
    ) -> Result<PageContext, tera::Error> {
        let ctx = match output {
            Output::Key => None,
            Output::Html | Output::HtmlAndKey => Some(Context::from_serialize(common)?),
        };
        let hash = (output != Output::Html).then(|| {
            let mut h = Hashing::new();
            h.json(keyed);
            h
        });
        Ok(PageContext { ctx, hash })
    }

    /// Puts `value` in the context as `key`.
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if let Some(ctx) = &mut self.ctx {
            ctx.insert(key, value);
        }
        self.key_part(key, |h| h.json(value));
    }

    /// Puts what `value` makes in the context as `key` (made only when rendering), and only
    /// `digests` in the key in its place: list items by their digests ([`super::Item`]s as
    /// JSON), which cover them at a fraction of the cost.
    pub(super) fn insert_digested<T: Serialize>(
        &mut self,
        key: &str,
        value: impl FnOnce() -> T,
        digests: impl Iterator<Item = [u8; 32]>,
    ) {
        if let Some(ctx) = &mut self.ctx {
            ctx.insert(key, &value());
        }
        self.key_digests(key, digests);
    }

    /// Puts only in the key `key` and `digests`: what the page has besides its template's
    /// context and is covered by their digests (the catalog rows spliced in).
    pub(super) fn key_digests(&mut self, key: &str, digests: impl Iterator<Item = [u8; 32]>) {
        self.key_part(key, |h| {
            for d in digests {
                let _ = std::io::Write::write(h, &d);
            }
        });
    }

    /// Puts in the key, when keying, `key` and what `part` writes, each closed so that no two
    /// sequences of parts write the same bytes.
    fn key_part(&mut self, key: &str, part: impl FnOnce(&mut Hashing)) {
        if let Some(h) = &mut self.hash {
            let _ = std::io::Write::write(h, key.as_bytes());
            let _ = std::io::Write::write(h, &[0]);
            part(h);
            // A value's JSON never holds a raw 0x01 (strings escape control characters); the
            // digests are of fixed length.
            let _ = std::io::Write::write(h, &[1]);
        }
    }

    /// The Tera context (when rendering) and the digest of the template's name and of
    /// everything put in (when keying).
    pub(super) fn finish(self, template: &str) -> (Option<Context>, Option<String>) {
        let digest = self.hash.map(|mut h| {
            let _ = std::io::Write::write(&mut h, template.as_bytes());
            h.finish()
        });
        (self.ctx, digest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Shared<'a> {
        title: &'a str,
        header: &'a str,
    }

    /// Builds one context of a list page with `output`.
    fn list(output: Output, title: &str, items: &[&str], digests: &[[u8; 32]]) -> (Option<Context>, Option<String>) {
        let common = Shared { title, header: "<header>很长的页头</header>" };
        let keyed = Shared { title, header: "页头的摘要" };
        let mut ctx = PageContext::new(output, &common, &keyed).unwrap();
        ctx.insert("pager", &[1, 2, 3]);
        ctx.insert_digested("items", || items.to_vec(), digests.iter().copied());
        ctx.finish("list.html")
    }

    #[test]
    fn keying_and_rendering_renderers_give_the_same_key_and_only_a_renderer_a_context() {
        let d = [[7u8; 32], [9u8; 32]];
        let (none, key) = list(Output::Key, "工作动态", &["甲", "乙"], &d);
        let (ctx, both) = list(Output::HtmlAndKey, "工作动态", &["甲", "乙"], &d);
        let (html_ctx, no_key) = list(Output::Html, "工作动态", &["甲", "乙"], &d);
        assert!(none.is_none() && no_key.is_none());
        assert_eq!(key, both);
        assert_eq!(key.as_deref().map(str::len), Some(64));
        let ctx = ctx.unwrap().into_json();
        assert_eq!(ctx, html_ctx.unwrap().into_json());
        // The template sees the whole shared part and the items themselves.
        assert_eq!(ctx["header"], "<header>很长的页头</header>");
        assert_eq!(ctx["items"][1], "乙");
        assert_eq!(ctx["pager"][2], 3);
    }

    #[test]
    fn the_key_changes_with_each_value_its_digests_and_the_template() {
        let d = [[7u8; 32], [9u8; 32]];
        let (_, key) = list(Output::Key, "工作动态", &[], &d);
        assert_ne!(key, list(Output::Key, "通知公告", &[], &d).1);
        assert_ne!(key, list(Output::Key, "工作动态", &[], &[[7u8; 32], [8u8; 32]]).1);
        assert_ne!(key, list(Output::Key, "工作动态", &[], &d[..1]).1);
        let mut other = PageContext::new(Output::Key, &0, &Shared { title: "工作动态", header: "页头的摘要" }).unwrap();
        other.insert("pager", &[1, 2, 3]);
        other.insert_digested("items", Vec::<u8>::new, d.iter().copied());
        assert_eq!(other.finish("list.html").1, key);
        let mut other = PageContext::new(Output::Key, &0, &Shared { title: "工作动态", header: "页头的摘要" }).unwrap();
        other.insert("pager", &[1, 2, 3]);
        other.insert_digested("items", Vec::<u8>::new, d.iter().copied());
        assert_ne!(other.finish("home.html").1, key);
    }

    #[test]
    fn values_split_differently_between_keys_key_differently() {
        let key = |parts: &[(&str, &str)]| {
            let mut ctx = PageContext::new(Output::Key, &0, &0).unwrap();
            for (k, v) in parts {
                ctx.insert(k, v);
            }
            ctx.finish("t.html").1
        };
        assert_ne!(key(&[("a", "b"), ("c", "d")]), key(&[("a", "b\"c"), ("", "d")]));
        assert_ne!(key(&[("ab", "c")]), key(&[("a", "bc")]));
        assert_eq!(key(&[("ab", "c")]), key(&[("ab", "c")]));
    }

    #[test]
    fn long_values_hash_as_short_ones_do() {
        let long = "政".repeat(3 * HASH_BLOCK);
        let key = |chunks: &[&str]| {
            let mut h = Hashing::new();
            for c in chunks {
                let _ = std::io::Write::write(&mut h, c.as_bytes());
            }
            h.finish()
        };
        let (a, b) = long.split_at(3 * 1000);
        assert_eq!(key(&[&long]), key(&[a, b]));
        assert_eq!(key(&[&long]), hex::encode(Sha256::digest(long.as_bytes())));
    }
}
