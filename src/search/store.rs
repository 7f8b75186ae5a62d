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
    /// Text for excerpts: title, metadata and body, one block per line.
    pub text: String,
}

/// Metadata chunks and text files.
#[derive(Debug, Default)]
pub(crate) struct StoreFiles {
    /// Gzipped JSON chunks, `chunk` pages each.
    pub chunks: Vec<Vec<u8>>,
    /// Text files.
    pub texts: Vec<Vec<u8>>,
}

#[derive(Serialize)]
struct Row<'a>(
    &'a str,
    &'a str,
    &'a str,
    usize,
    usize,
    i64,
    &'a str,
    usize,
    usize,
    usize,
);

/// The searchable text of a page as stored: `title`, `meta`, `body` on their own lines, cut
/// to [`TEXT_CAP`] bytes.
pub(crate) fn stored_text(title: &str, meta: &str, body: &str) -> String {
    let mut s = String::with_capacity((title.len() + meta.len() + body.len() + 2).min(TEXT_CAP + 4));
    for part in [title, meta, body] {
        if part.is_empty() {
            continue;
        }
        if !s.is_empty() {
            s.push('\n');
        }
        s.push_str(part);
        if s.len() >= TEXT_CAP {
            break;
        }
    }
    if s.len() > TEXT_CAP {
        let mut cut = TEXT_CAP;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// Writes `records` (in page-id order) as chunks of `chunk` pages and text files of about
/// `text_file_bytes` each.
pub(crate) fn write(records: &[Record<'_>], chunk: usize, text_file_bytes: usize) -> std::io::Result<StoreFiles> {
    let mut texts: Vec<Vec<u8>> = Vec::new();
    let mut locations = Vec::with_capacity(records.len());
    for r in records {
        if texts.last().is_none_or(|f| !f.is_empty() && f.len() + r.text.len() > text_file_bytes) {
            texts.push(Vec::new());
        }
        let file = texts.len() - 1;
        let f = &mut texts[file];
        locations.push((file, f.len(), r.text.len()));
        f.extend_from_slice(r.text.as_bytes());
    }
    use rayon::prelude::*;
    let chunks = records
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
        .collect::<std::io::Result<Vec<_>>>()?;
    Ok(StoreFiles { chunks, texts })
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
            text: format!("标题\n正文{n}"),
        }
    }

    #[test]
    fn chunks_locate_each_text() {
        let records: Vec<Record> = (0..5).map(rec).collect();
        let files = write(&records, 2, 30).unwrap();
        assert_eq!(files.chunks.len(), 3);
        let mut json = String::new();
        flate2::read::GzDecoder::new(&files.chunks[1][..]).read_to_string(&mut json).unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][5], 0);
        assert_eq!(rows[1][5], -1);
        let (f, off, len) = (rows[1][7].as_u64().unwrap() as usize, rows[1][8].as_u64().unwrap() as usize, rows[1][9].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&files.texts[f][off..off + len]).unwrap(), "标题\n正文3");
        assert!(files.texts.len() > 1);
    }

    #[test]
    fn stored_text_is_cut_at_a_character_boundary() {
        let long = "营".repeat(TEXT_CAP);
        let s = stored_text("标题", "", &long);
        assert!(s.len() <= TEXT_CAP && s.starts_with("标题\n营"));
    }
}
