//! A page's element ids (the targets of anchors from other pages), as a build holds them for
//! every page until it ends: each id's length then its bytes, one after the other, in one
//! block. At 100,000 pages a list of strings each was ~20 MB of a cached build's peak of
//! memory (five ids a page, most a few bytes long); these are ~60 bytes a page.

use serde::{Deserialize, Serialize};

/// A page's ids, in the order they were found (serialized as the list of them).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Ids(Vec<u8>);

/// No ids (for a page that records none).
pub(crate) static NO_IDS: Ids = Ids(Vec::new());

impl Ids {
    /// True when `id` is among them.
    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|i| i == id)
    }

    /// The ids, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let mut rest = &self.0[..];
        std::iter::from_fn(move || {
            let (len, after) = read_len(rest)?;
            let (id, after) = after.split_at_checked(len)?;
            rest = after;
            // Only ever made from `&str`s: never fails.
            Some(std::str::from_utf8(id).unwrap_or_default())
        })
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The ids as strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }

    /// Adds `id` after the others.
    fn push(&mut self, id: &str) {
        let mut len = id.len();
        // LEB128: seven bits a byte, the high bit set on all but the last.
        while len >= 0x80 {
            self.0.push((len as u8 & 0x7f) | 0x80);
            len >>= 7;
        }
        self.0.push(len as u8);
        self.0.extend_from_slice(id.as_bytes());
    }

    /// Gives back the room left over from growing.
    fn fit(mut self) -> Ids {
        self.0.shrink_to_fit();
        self
    }
}

/// The length at the start of `bytes` and what follows it.
fn read_len(bytes: &[u8]) -> Option<(usize, &[u8])> {
    let mut len = 0usize;
    for (i, b) in bytes.iter().enumerate().take(10) {
        len |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((len, &bytes[i + 1..]));
        }
    }
    None
}

impl<S: AsRef<str>> FromIterator<S> for Ids {
    fn from_iter<I: IntoIterator<Item = S>>(ids: I) -> Ids {
        let mut out = Ids::default();
        for id in ids {
            out.push(id.as_ref());
        }
        out.fit()
    }
}

impl From<Vec<String>> for Ids {
    fn from(ids: Vec<String>) -> Ids {
        ids.into_iter().collect()
    }
}

impl std::fmt::Debug for Ids {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Ids {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        // With its length first (postcard writes it before the items).
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for id in self.iter() {
            seq.serialize_element(id)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Ids {
    /// Read as a list of strings, each put straight into the block (no string made for it).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Ids, D::Error> {
        /// Takes the ids of a list.
        struct List;
        /// Takes one id into the block.
        struct One<'a>(&'a mut Ids);
        impl<'de> serde::de::DeserializeSeed<'de> for One<'_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_str(self)
            }
        }
        impl serde::de::Visitor<'_> for One<'_> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an id")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<(), E> {
                self.0.push(id);
                Ok(())
            }
        }
        impl<'de> serde::de::Visitor<'de> for List {
            type Value = Ids;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("id list")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Ids, A::Error> {
                let mut ids = Ids::default();
                while seq.next_element_seed(One(&mut ids))?.is_some() {}
                Ok(ids.fit())
            }
        }
        d.deserialize_seq(List)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kept_in_order_and_read_and_written_as_a_list_of_strings() {
        let long = "长".repeat(100);
        let list = vec!["main".to_owned(), String::new(), "一办理流程".to_owned(), long.clone(), "main".to_owned()];
        let ids = Ids::from(list.clone());
        assert_eq!(ids.to_vec(), list);
        assert_eq!((ids.len(), ids.is_empty(), Ids::default().is_empty()), (5, false, true));
        assert!(ids.contains("一办理流程") && ids.contains(&long) && ids.contains(""));
        assert!(!ids.contains("mai") && !Ids::default().contains(""));
        let bytes = postcard::to_allocvec(&list).unwrap();
        assert_eq!(postcard::to_allocvec(&ids).unwrap(), bytes);
        assert_eq!(postcard::from_bytes::<Ids>(&bytes).unwrap(), ids);
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::to_string(&ids).unwrap(), json);
        assert_eq!(serde_json::from_str::<Ids>(&json).unwrap(), ids);
        assert_eq!(format!("{ids:?}"), format!("{list:?}"));
    }
}
