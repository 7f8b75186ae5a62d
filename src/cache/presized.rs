//! Collections read from the cache files sized once, from the length postcard writes before
//! their elements: serde's own deserializers cap the first allocation, and at 100,000 pages a
//! vector or map then grew by doubling — copies (and rehashes) of tens of megabytes into fresh
//! memory, most of the time of reading a file.

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::hash::Hash;
use std::marker::PhantomData;

/// The most elements reserved for before reading them (a damaged file cannot make a reader
/// reserve more).
const MAX: usize = 1 << 20;

/// The room to reserve for a collection whose length postcard gave as `hint`.
fn room(hint: Option<usize>) -> usize {
    hint.unwrap_or(0).min(MAX)
}

/// A sequence read into a hash map sized once, each element made a (key, value) by `split`:
/// a file of entries (a vector, as written) looked up by key once read, without a second pass
/// that copies every key into a map.
pub(super) fn keyed<'de, D, T, K, V>(d: D, split: fn(T) -> (K, V)) -> Result<HashMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
    K: Eq + Hash,
{
    struct S<T, K, V>(fn(T) -> (K, V));
    impl<'de, T: Deserialize<'de>, K: Eq + Hash, V> Visitor<'de> for S<T, K, V> {
        type Value = HashMap<K, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HashMap<K, V>, A::Error> {
            let mut m = HashMap::with_capacity(room(seq.size_hint()));
            while let Some(x) = seq.next_element()? {
                let (k, v) = (self.0)(x);
                m.insert(k, v);
            }
            Ok(m)
        }
    }
    d.deserialize_seq(S(split))
}

/// A map read into a hash map sized once (`#[serde(deserialize_with)]`).
pub(super) fn map<'de, D, K, T>(d: D) -> Result<HashMap<K, T>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash,
    T: Deserialize<'de>,
{
    struct M<K, T>(PhantomData<(K, T)>);
    impl<'de, K: Deserialize<'de> + Eq + Hash, T: Deserialize<'de>> Visitor<'de> for M<K, T> {
        type Value = HashMap<K, T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HashMap<K, T>, A::Error> {
            let mut m = HashMap::with_capacity(room(map.size_hint()));
            while let Some((k, v)) = map.next_entry()? {
                m.insert(k, v);
            }
            Ok(m)
        }
    }
    d.deserialize_map(M(PhantomData))
}
