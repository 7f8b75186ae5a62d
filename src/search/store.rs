//! What a result shows, stored apart from the postings.
//!
//! *Metadata chunks* (gzipped JSON, a fixed number of consecutive pages each) hold, column by
//! column so that gzip finds the repetition, each page's URL (its slug when the URL is the
//! usual site path + column path + slug), title, date, site, column, genre, 文号 and the
//! length of its text. *Text files* hold each page's searchable text back to back — title,
//! metadata and body on their own lines — and are read with HTTP range requests for the
//! results on screen only, to cut excerpts around the query words. A chunk's pages are always
//! in one text file: the chunk names the file and the offset of its first page, and the
//! lengths give the rest.

use super::codec::gzip;
use serde::Serialize;

/// Most bytes of a page's text kept for excerpts (cut at a character boundary).
pub(crate) const TEXT_CAP: usize = 6000;

/// One page as its result shows it.
#[derive(Debug, Clone)]
pub(crate) struct Record<'a> {
    /// The URL when it is not `site path + column path + slug/`, else the slug (empty for
    /// the page of a `page` column).
    pub url: &'a str,
    /// Title.
    pub title: &'a str,
    /// Days since 1970-01-01.
    pub day: i64,
    /// Index into the site table.
    pub site: usize,
    /// Index into the column table.
    pub column: usize,
    /// Index into the genre table.
    pub genre: Option<usize>,
    /// 文号.
    pub doc_number: Option<&'a str>,
}

/// Appends the searchable text of a page as stored — `title`, `meta`, `body` on their own
/// lines, cut to [`TEXT_CAP`] bytes at a character boundary — to `out`; returns its length.
pub(crate) fn append_text(out: &mut Vec<u8>, title: &str, meta: &str, body: &str) -> u32 {
    let start = out.len();
    for (i, part) in [title, meta, body].into_iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        let room = TEXT_CAP.saturating_sub(out.len() - start);
        let mut cut = part.len().min(room);
        while !part.is_char_boundary(cut) {
            cut -= 1;
        }
        // The title and metadata lines must stay one line each.
        let kept = &part[..cut];
        if i < 2 && kept.contains('\n') {
            out.extend_from_slice(kept.replace('\n', " ").as_bytes());
        } else {
            out.extend_from_slice(kept.as_bytes());
        }
        if cut < part.len() {
            break;
        }
    }
    (out.len() - start) as u32
}

/// Where a metadata chunk starts: (its first page id, its text file, the byte offset of that
/// page's text in it).
pub(crate) type ChunkStart = (u32, usize, usize);

/// Where each metadata chunk starts when the groups of pages (one text file each) start at
/// `groups` and `lens` gives each page's text length: every `chunk` pages within a group,
/// and at each group's start (a chunk never spans two text files).
pub(crate) fn chunk_starts(lens: &[u32], chunk: usize, groups: &[u32]) -> Vec<ChunkStart> {
    let mut starts = Vec::with_capacity(lens.len().div_ceil(chunk.max(1)) + groups.len());
    for k in 0..groups.len() {
        let mut off = 0usize;
        let range = super::groups::range(groups, k, lens.len());
        for (at, id) in range.clone().enumerate() {
            if at.is_multiple_of(chunk.max(1)) {
                starts.push((id as u32, k, off));
            }
            off += lens[id] as usize;
        }
    }
    starts
}

/// One chunk as stored, one array per field.
#[derive(Serialize)]
struct Columns<'a> {
    /// Text file index and the offset of the chunk's first page in it.
    x: (usize, usize),
    u: Vec<&'a str>,
    t: Vec<&'a str>,
    /// Days since 1970-01-01 of the first page, then differences.
    d: Vec<i64>,
    s: Vec<usize>,
    c: Vec<usize>,
    g: Vec<i64>,
    n: Vec<&'a str>,
    l: &'a [u32],
}

/// The metadata chunks an index was written with, for the next index of the same pages to
/// reuse those whose JSON did not change instead of compressing them again: each chunk's
/// JSON hash and gzipped bytes.
pub(crate) type KeptChunks = Vec<(u64, Vec<u8>)>;

/// Gzipped JSON metadata chunks, each of the pages from its start in `starts` to the next;
/// those whose JSON `kept` holds are taken from it, and `kept` is left holding these.
pub(crate) fn write_chunks(
    records: &[Record<'_>],
    lens: &[u32],
    starts: &[ChunkStart],
    kept: &mut KeptChunks,
) -> std::io::Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    use std::hash::{Hash, Hasher};
    let old = std::mem::take(kept);
    let fresh: Vec<(u64, Vec<u8>)> = starts
        .par_iter()
        .enumerate()
        .map(|(n, &(first, file, off))| {
            let end = starts.get(n + 1).map_or(records.len(), |s| s.0 as usize);
            let (rs, ls) = (&records[first as usize..end], &lens[first as usize..end]);
            let x = (file, off);
            let mut last = 0;
            let cols = Columns {
                x,
                u: rs.iter().map(|r| r.url).collect(),
                t: rs.iter().map(|r| r.title).collect(),
                d: rs
                    .iter()
                    .map(|r| {
                        let d = r.day - last;
                        last = r.day;
                        d
                    })
                    .collect(),
                s: rs.iter().map(|r| r.site).collect(),
                c: rs.iter().map(|r| r.column).collect(),
                g: rs.iter().map(|r| r.genre.map_or(-1, |g| g as i64)).collect(),
                n: rs.iter().map(|r| r.doc_number.unwrap_or("")).collect(),
                l: ls,
            };
            let json = serde_json::to_vec(&cols).map_err(std::io::Error::other)?;
            let mut h = std::collections::hash_map::DefaultHasher::new();
            json.hash(&mut h);
            let hash = h.finish();
            match old.get(n) {
                Some((was, bytes)) if *was == hash => Ok((hash, bytes.clone())),
                _ => Ok((hash, gzip(&json)?)),
            }
        })
        .collect::<std::io::Result<_>>()?;
    let files = fresh.iter().map(|f| f.1.clone()).collect();
    *kept = fresh;
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn rec(n: usize) -> Record<'static> {
        Record {
            url: "a",
            title: "标题",
            day: 19_000 + n as i64,
            site: 1,
            column: 2,
            genre: n.is_multiple_of(2).then_some(0),
            doc_number: None,
        }
    }

    #[test]
    fn chunks_locate_each_text() {
        let records: Vec<Record> = (0..5).map(rec).collect();
        let mut files = [Vec::new(), Vec::new()];
        let mut lens = Vec::new();
        for id in 0..5 {
            lens.push(append_text(&mut files[id / 4], "标题", "", &format!("正文{id}")));
        }
        // Groups of pages 0..4 and 4..5: the first cut in chunks of two.
        let starts = chunk_starts(&lens, 2, &[0, 4]);
        assert_eq!(starts, vec![(0, 0, 0), (2, 0, lens[0] as usize + lens[1] as usize), (4, 1, 0)]);
        let mut kept = KeptChunks::new();
        let chunks = write_chunks(&records, &lens, &starts, &mut kept).unwrap();
        assert_eq!(chunks.len(), 3);
        // Written again with one title changed: the other chunks are taken as they were.
        let mut edited = records.clone();
        edited[4].title = "新标题";
        let again = write_chunks(&edited, &lens, &starts, &mut kept).unwrap();
        assert_eq!((&again[..2], kept.len()), (&chunks[..2], 3));
        assert_ne!(again[2], chunks[2]);
        assert_eq!(again, write_chunks(&edited, &lens, &starts, &mut KeptChunks::new()).unwrap());
        // A group of three pages: chunks of two, then one, then the next group's.
        assert_eq!(
            chunk_starts(&lens, 2, &[0, 3]).iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(),
            [(0, 0), (2, 0), (3, 1)]
        );
        let mut json = String::new();
        flate2::read::GzDecoder::new(&chunks[1][..]).read_to_string(&mut json).unwrap();
        let c: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(c["g"], serde_json::json!([0, -1]));
        assert_eq!(c["d"], serde_json::json!([19_002, 1]));
        let (file, mut off) = (c["x"][0].as_u64().unwrap() as usize, c["x"][1].as_u64().unwrap() as usize);
        off += c["l"][0].as_u64().unwrap() as usize;
        let len = c["l"][1].as_u64().unwrap() as usize;
        assert_eq!(std::str::from_utf8(&files[file][off..off + len]).unwrap(), "标题\n\n正文3");
    }

    #[test]
    fn stored_text_is_cut_at_a_character_boundary_and_keeps_its_lines() {
        let mut out = Vec::new();
        let n = append_text(&mut out, "标\n题", "", &"营".repeat(TEXT_CAP));
        let s = String::from_utf8(out).unwrap();
        assert_eq!(n as usize, s.len());
        assert!(s.len() <= TEXT_CAP && s.len() > TEXT_CAP - 3 && s.starts_with("标 题\n\n营"));
    }
}
