//! `build --precompress`: a gzip copy beside every text file, for servers that send a
//! precompressed file as it is (nginx `gzip_static`) instead of compressing on every request.
//!
//! Only files a browser reads whole are compressed: pages, styles, scripts, JSON, XML, SVG and
//! feeds. The search index's binary shards are not: the search reads their tails by HTTP range,
//! and a server cannot answer a range of a `.gz` it sends as it is. The copies are
//! deterministic (no name, no time stamp in the gzip header), so the output stays byte-identical
//! from build to build, and each is listed in the manifest like any other file.

use super::{FileEntry, Staging};
use flate2::{Compression, GzBuilder};
use rayon::prelude::*;
use std::io::Write;

/// Extensions of the files that get a `.gz` copy.
const TEXT_EXTENSIONS: [&str; 7] = ["html", "css", "js", "json", "xml", "svg", "txt"];

/// Whether the file at `path` gets a `.gz` copy.
pub fn compresses(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| TEXT_EXTENSIONS.contains(&ext))
}

/// The gzip bytes of `data`, the same for the same input on any machine.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzBuilder::new().mtime(0).write(Vec::with_capacity(data.len() / 3 + 64), Compression::best());
    enc.write_all(data).expect("write to memory");
    enc.finish().expect("finish a gzip stream in memory")
}

/// Writes `<path>.gz` beside every staged text file in `entries`; returns the new entries.
pub fn precompress(staging: &Staging, entries: &[FileEntry]) -> std::io::Result<Vec<FileEntry>> {
    entries
        .par_iter()
        .filter(|e| compresses(&e.path))
        .map(|e| {
            let data = std::fs::read(staging.dir().join(&e.path))?;
            staging.write(&format!("{}.gz", e.path), &gzip(&data))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_deterministic_and_decompress_to_the_original() {
        let text = "<!doctype html><title>示例县</title>".repeat(50);
        let a = gzip(text.as_bytes());
        assert_eq!(a, gzip(text.as_bytes()));
        assert!(a.len() < text.len() / 4);
        let mut back = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(a.as_slice()), &mut back).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn only_text_a_browser_reads_whole_is_compressed() {
        assert!(compresses("index.html") && compresses("static/css/style.css") && compresses("feed.xml"));
        assert!(!compresses("search/v-1/x/0.bin") && !compresses("jyj/a.pdf") && !compresses("index.html.gz"));
    }
}
