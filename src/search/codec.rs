//! Byte-level encodings of the search files: LEB128 varints, the 32-bit FNV-1a hash that
//! assigns terms to shards (the browser computes the same), and deterministic gzip.

use std::io::Write as _;

/// Writes `v` as an unsigned LEB128 varint at the start of `out` (at least
/// [`varint_len`]`(v)` bytes long); returns the bytes written.
pub(crate) fn write_varint(out: &mut [u8], mut v: u64) -> usize {
    let mut n = 0;
    while v >= 0x80 {
        out[n] = (v as u8) | 0x80;
        v >>= 7;
        n += 1;
    }
    out[n] = v as u8;
    n + 1
}

/// Bytes of `v` as a varint.
pub(crate) fn varint_len(v: u64) -> usize {
    (64 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

/// Appends `v` as an unsigned LEB128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, v: u64) {
    let mut bytes = [0u8; 10];
    let n = write_varint(&mut bytes, v);
    out.extend_from_slice(&bytes[..n]);
}

/// Reads a varint at `*pos`, advancing it; `None` past the end or on overflow.
pub(crate) fn get_varint(buf: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *buf.get(*pos)?;
        *pos += 1;
        if shift > 63 {
            return None;
        }
        v |= u64::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

/// 32-bit FNV-1a of `bytes`.
pub(crate) fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// 64-bit FNV-1a of `bytes`.
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// The shard of `term` among `shards`.
pub(crate) fn shard_of(term: &str, shards: usize) -> usize {
    (fnv1a32(term.as_bytes()) as usize) % shards.max(1)
}

/// Gzip of `bytes` with a fixed header (no file name, time 0), so equal input gives equal
/// output.
pub(crate) fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    gzip_level(bytes, 6)
}

/// [`gzip`] at compression `level` (1 fastest … 9 smallest).
pub(crate) fn gzip_level(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .operating_system(255)
        .write(Vec::with_capacity(bytes.len() / 3 + 64), flate2::Compression::new(level));
    enc.write_all(bytes)?;
    enc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut buf = Vec::new();
        for v in [0u64, 1, 127, 128, 300, 16_383, 16_384, u32::MAX as u64, u64::MAX] {
            let before = buf.len();
            put_varint(&mut buf, v);
            assert_eq!(buf.len() - before, varint_len(v), "{v}");
        }
        let mut pos = 0;
        for v in [0u64, 1, 127, 128, 300, 16_383, 16_384, u32::MAX as u64, u64::MAX] {
            assert_eq!(get_varint(&buf, &mut pos), Some(v));
        }
        assert_eq!(get_varint(&buf, &mut pos), None);
    }

    #[test]
    fn fnv_matches_reference_values() {
        assert_eq!(fnv1a32(b""), 0x811C_9DC5);
        assert_eq!(fnv1a32(b"a"), 0xE40C_292C);
        assert_eq!(fnv1a64(b"a"), 0xAF63_DC4C_8601_EC8C);
    }

    #[test]
    fn gzip_is_deterministic_and_decodes() {
        use std::io::Read as _;
        let a = gzip("营商环境".repeat(100).as_bytes()).unwrap();
        assert_eq!(a, gzip("营商环境".repeat(100).as_bytes()).unwrap());
        let mut s = String::new();
        flate2::read::GzDecoder::new(&a[..]).read_to_string(&mut s).unwrap();
        assert_eq!(s, "营商环境".repeat(100));
    }
}
