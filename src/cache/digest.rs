//! A SHA-256 digest as the cache holds it: its 32 bytes, written and read as the 64 lowercase
//! hex digits the cache files have always held (at 100,000 inputs, a string of them each was
//! ~6 MB of a cached build's memory, held from its start to its end).

use serde::{Deserialize, Serialize};

/// A SHA-256 digest (serialized as 64 lowercase hex digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sha256Digest([u8; 32]);

/// A digest's 64 hex digits, on the stack.
pub struct Hex([u8; 64]);

impl Sha256Digest {
    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Sha256Digest {
        use sha2::Digest;
        Sha256Digest(sha2::Sha256::digest(bytes).into())
    }

    /// The digest whose bytes are `bytes` (as a hasher finished it).
    pub fn from_bytes(bytes: [u8; 32]) -> Sha256Digest {
        Sha256Digest(bytes)
    }

    /// The digest written as `text` (64 hex digits), when it is one.
    pub fn from_hex(text: &str) -> Option<Sha256Digest> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text, &mut bytes).ok()?;
        Some(Sha256Digest(bytes))
    }

    /// The digest as 64 lowercase hex digits.
    pub fn hex(&self) -> Hex {
        let mut out = [0u8; 64];
        // 64 digits for 32 bytes: never fails.
        let _ = hex::encode_to_slice(self.0, &mut out);
        Hex(out)
    }
}

impl Hex {
    /// The digits.
    pub fn as_str(&self) -> &str {
        // Hex digits only: never fails.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl AsRef<str> for Hex {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Serialize for Hex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Sha256Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.hex().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Sha256Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Sha256Digest, D::Error> {
        /// Reads the digits without a string made for them.
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Sha256Digest;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("64 hex digits")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Sha256Digest, E> {
                Sha256Digest::from_hex(v).ok_or_else(|| E::custom("not a SHA-256"))
            }
        }
        d.deserialize_str(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_written_and_read_as_its_hex_digits() {
        let d = Sha256Digest::of(b"abc");
        let hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(d.hex().as_str(), hex);
        assert_eq!(postcard::to_allocvec(&d).unwrap(), postcard::to_allocvec(hex).unwrap());
        assert_eq!(postcard::from_bytes::<Sha256Digest>(&postcard::to_allocvec(hex).unwrap()).unwrap(), d);
        assert!(postcard::from_bytes::<Sha256Digest>(&postcard::to_allocvec("xyz").unwrap()).is_err());
        assert_eq!(Sha256Digest::from_hex(hex), Some(d));
    }
}
