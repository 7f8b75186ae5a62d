//! Source text decoding: UTF-8 only, with GBK/GB18030 files detected and explained.

use crate::diagnostic::{Diagnostic, line_of};
use std::path::Path;

/// Decodes `bytes` as UTF-8 (dropping a BOM, normalising CRLF). A file in another encoding gets
/// an error naming the first bad line and, when it decodes as GB18030, saying so.
pub fn decode_utf8(rel: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) if s.contains('\r') => Ok(s.replace("\r\n", "\n")),
        Ok(s) => Ok(s),
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = line_of(&String::from_utf8_lossy(&bytes[..bad]), bad);
            let (decoded, _, had_errors) = encoding_rs::GB18030.decode(&bytes);
            let looks_gbk = !had_errors && decoded.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            let what =
                if looks_gbk { "the file is encoded in GBK/GB18030, not UTF-8" } else { "the file is not valid UTF-8" };
            Err(Diagnostic::error(rel, "encoding", what)
                .at(line)
                .help(format!("save it as UTF-8 (in the editor: 另存为 UTF-8), or run `iconv -f GB18030 -t UTF-8 {0} -o {0}.utf8 && mv {0}.utf8 {0}`", rel.display())))
        }
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
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let s = decode_utf8(Path::new("a.md"), b"\xEF\xBB\xBFa\r\nb".to_vec()).unwrap();
        assert_eq!(s, "a\nb");
    }
}
