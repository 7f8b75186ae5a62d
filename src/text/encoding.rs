//! Source text decoding: UTF-8 only (a UTF-8 BOM is dropped silently), with the encodings
//! Windows editors save in — GBK/GB18030, and UTF-16 (Notepad's "Unicode") — detected, named
//! and explained with the command that converts them.

use crate::diagnostic::{Diagnostic, line_of};
use crate::t;
use std::path::Path;

/// Which UTF-16 a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    /// Little-endian: Notepad's "Unicode".
    Le,
    /// Big-endian: Notepad's "Unicode big endian".
    Be,
}

/// Decodes `bytes` as UTF-8 (dropping a BOM, normalising CRLF). A file in another encoding gets
/// an error naming the encoding found (UTF-16 LE/BE, GBK/GB18030) and the first bad line.
pub fn decode_utf8(rel: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(which) = utf16(&bytes) {
        let (name, from) = match which {
            Utf16::Le => ("UTF-16 LE", "UTF-16LE"),
            Utf16::Be => ("UTF-16 BE", "UTF-16BE"),
        };
        let path = rel.display().to_string();
        return Err(Diagnostic::error(rel, "encoding", t!("parse-encoding-utf16", encoding = name)).at(1).help(t!(
            "parse-encoding-utf16-help",
            from = from,
            path = path
        )));
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match utf8_string(bytes).map_err(String::from_utf8) {
        Ok(s) if s.contains('\r') => Ok(s.replace("\r\n", "\n")),
        Ok(s) => Ok(s),
        // Checked again by the standard library, for where the first bad byte is.
        Err(Ok(s)) => Ok(s),
        Err(Err(e)) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = line_of(&String::from_utf8_lossy(&bytes[..bad]), bad);
            let (decoded, _, had_errors) = encoding_rs::GB18030.decode(&bytes);
            let looks_gbk = !had_errors && decoded.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            let path = rel.display().to_string();
            let (what, help) = if looks_gbk {
                (t!("parse-encoding-gbk"), t!("parse-encoding-gbk-help", path = path))
            } else {
                (t!("parse-encoding-not-utf8"), t!("parse-encoding-not-utf8-help"))
            };
            Err(Diagnostic::error(rel, "encoding", what).at(line).help(help))
        }
    }
}

/// `bytes` as a `String` when they are UTF-8, else the bytes back. Checked with SIMD: Chinese
/// text is almost all multi-byte characters, where the standard library's check is slowest,
/// and every page's source and rendered HTML goes through this check.
pub fn utf8_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: `bytes` was just checked to be valid UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// UTF-16 by its byte-order mark, or (without one) by the zero bytes every ASCII character
/// (`---`, the keys, line ends) has in one half of its code unit.
fn utf16(bytes: &[u8]) -> Option<Utf16> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(Utf16::Le),
        [0xFE, 0xFF, ..] => return Some(Utf16::Be),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 8 {
        return None;
    }
    // Text in UTF-8 or GBK has no zero byte at all; a few, mostly on one side, is UTF-16.
    let zero_odd = head.chunks(2).filter(|u| u[1] == 0 && u[0] != 0).count();
    let zero_even = head.chunks(2).filter(|u| u[0] == 0 && u[1] != 0).count();
    if zero_odd + zero_even < 4 {
        None
    } else if zero_odd > zero_even {
        Some(Utf16::Le)
    } else {
        Some(Utf16::Be)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_detected_with_line() {
        let (gbk, _, _) = encoding_rs::GBK.encode("---\ntitle: 示例县\n---\n");
        let err = decode_utf8(Path::new("a.md"), gbk.into_owned()).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("GBK"), "{}", err.message);
        assert!(err.help.unwrap().contains("iconv -f GB18030 -t UTF-8"));
    }

    #[test]
    fn utf16_is_named_with_and_without_a_bom() {
        let text = "---\ntitle: 示例\ndate: 2026-03-05\n---\n正文\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name, from) in [
            ([&[0xFF, 0xFE][..], &le].concat(), "UTF-16 LE", "-f UTF-16LE"),
            (le, "UTF-16 LE", "-f UTF-16LE"),
            ([&[0xFE, 0xFF][..], &be].concat(), "UTF-16 BE", "-f UTF-16BE"),
            (be, "UTF-16 BE", "-f UTF-16BE"),
        ] {
            let err = decode_utf8(Path::new("a.md"), bytes).unwrap_err();
            assert!(err.message.contains(name) && !err.message.contains("GBK"), "{}", err.message);
            assert!(err.help.unwrap().contains(from));
        }
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let s = decode_utf8(Path::new("a.md"), b"\xEF\xBB\xBFa\r\nb".to_vec()).unwrap();
        assert_eq!(s, "a\nb");
    }
}
