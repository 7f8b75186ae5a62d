//! What a result shows, stored apart from the postings: *metadata chunks* (gzipped JSON, a
//! fixed number of consecutive pages each) hold title, URL, date, site, column, genre, 文号 and
//! where the page's text lies; *text files* hold each page's searchable text back to back, read
//! with HTTP range requests for the results on screen only, to cut excerpts around the terms.

use super::codec::gzip;
use serde::Serialize;

/// Most bytes of a page's text kept for excerpts (cut at a character boundary).
pub(crate) const TEXT_CAP: usize = 6000;

/// One page as its result shows it.
#[derive(Debug, Clone)]
pub(crate) struct Record<'a> {
    /// Cluster-relative URL.
    pub url: &'a str,
    /// Title.
    pub title: &'a str,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Index into the site table.
    pub site: usize,
    /// Index into the column table.
    pub column: usize,
    /// Index into the genre table.
    pub genre: Option<usize>,
    /// 文号.
    pub doc_number: Option<&'a str>,
}

/// Where a page's text lies: (text file, byte offset, byte length).
pub(crate) type Location = (usize, usize, usize);

#[derive(Serialize)]
struct Row<'a>(&'a str, &'a str, &'a str, usize, usize, i64, &'a str, usize, usize, usize);

/// Appends the searchable text of a page as stored — `title`, `meta`, `body` on their own
/// lines, cut to [`TEXT_CAP`] bytes at a character boundary — to `out`.
pub(crate) fn append_text(out: &mut Vec<u8>, title: &str, meta: &str, body: &str) {
    let start = out.len();
    for part in [title, meta, body] {
        if part.is_empty() {
            continue;
        }
        if out.len() > start {
            out.push(b'\n');
        }
        let room = TEXT_CAP.saturating_sub(out.len() - start);
        let mut cut = part.len().min(room);
        while !part.is_char_boundary(cut) {
            cut -= 1;
        }
        out.extend_from_slice(&part.as_bytes()[..cut]);
        if cut < part.len() {
            break;
        }
    }
}

/// Text files of about `file_bytes` each, filled page by page (in page-id order) by `fill`,
/// and where each page's text lies.
pub(crate) fn write_texts(pages: usize, file_bytes: usize, mut fill: impl FnMut(usize, &mut Vec<u8>)) -> (Vec<Vec<u8>>, Vec<Location>) {
    let mut files: Vec<Vec<u8>> = vec![Vec::new()];
    let mut locations = Vec::with_capacity(pages);
    for id in 0..pages {
        if files.last().is_some_and(|f| f.len() >= file_bytes) {
            files.push(Vec::new());
        }
        let file = files.len() - 1;
        let f = &mut files[file];
        let start = f.len();
        fill(id, f);
        locations.push((file, start, f.len() - start));
    }
    if files.last().is_some_and(Vec::is_empty) {
        files.pop();
    }
    (files, locations)
}

/// Gzipped JSON metadata chunks of `chunk` pages each.
pub(crate) fn write_chunks(records: &[Record<'_>], locations: &[Location], chunk: usize) -> std::io::Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    records
        .par_chunks(chunk.max(1))
        .zip(locations.par_chunks(chunk.max(1)))
        .map(|(rs, ls)| {
            let rows: Vec<Row<'_>> = rs
                .iter()
                .zip(ls)
                .map(|(r, &(file, off, len))| {
                    Row(
                        r.url,
                        r.title,
                        &r.date,
                        r.site,
                        r.column,
                        r.genre.map_or(-1, |g| g as i64),
                        r.doc_number.unwrap_or(""),
                        file,
                        off,
                        len,
                    )
                })
                .collect();
            let json = serde_json::to_vec(&rows).map_err(std::io::Error::other)?;
            gzip(&json)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn rec(n: usize) -> Record<'static> {
        Record {
            url: "/jyj/a/",
            title: "标题",
            date: "2024-01-02".into(),
            site: 1,
            column: 2,
            genre: (n % 2 == 0).then_some(0),
            doc_number: None,
        }
    }

    #[test]
    fn chunks_locate_each_text() {
        let records: Vec<Record> = (0..5).map(rec).collect();
        let (texts, locations) = write_texts(5, 20, |id, out| append_text(out, "标题", "", &format!("正文{id}")));
        assert!(texts.len() > 1, "text files are cut at the size limit");
        let chunks = write_chunks(&records, &locations, 2).unwrap();
        assert_eq!(chunks.len(), 3);
        let mut json = String::new();
        flate2::read::GzDecoder::new(&chunks[1][..]).read_to_string(&mut json).unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][5], 0);
        assert_eq!(rows[1][5], -1);
        let (f, off, len) = (rows[1][7].as_u64().unwrap() as usize, rows[1][8].as_u64().unwrap() as usize, rows[1][9].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&texts[f][off..off + len]).unwrap(), "标题\n正文3");
    }

    #[test]
    fn stored_text_is_cut_at_a_character_boundary() {
        let mut out = Vec::new();
        append_text(&mut out, "标题", "", &"营".repeat(TEXT_CAP));
        let s = String::from_utf8(out).unwrap();
        assert!(s.len() <= TEXT_CAP && s.len() > TEXT_CAP - 3 && s.starts_with("标题\n营"));
    }
}
