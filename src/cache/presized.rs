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

/// A map read into a B-tree map built in bulk (`#[serde(deserialize_with)]`): its entries
/// read into a vector first, then sorted (already, as a B-tree map writes them) and put in
/// the tree at once. Inserted one by one, each of the 100,000 stamps of a large cluster was
/// found its place by comparing paths that share long prefixes, from the root down.
pub(super) fn sorted_map<'de, D, K, T>(d: D) -> Result<std::collections::BTreeMap<K, T>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    T: Deserialize<'de>,
{
    struct M<K, T>(PhantomData<(K, T)>);
    impl<'de, K: Deserialize<'de> + Ord, T: Deserialize<'de>> Visitor<'de> for M<K, T> {
        type Value = std::collections::BTreeMap<K, T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::with_capacity(room(map.size_hint()));
            while let Some(entry) = map.next_entry()? {
                entries.push(entry);
            }
            Ok(entries.into_iter().collect())
        }
    }
    d.deserialize_map(M(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize, Deserialize, PartialEq, Debug)]
    struct Kept {
        #[serde(deserialize_with = "sorted_map")]
        map: BTreeMap<String, u32>,
    }

    /// A map comes back as it was written, and one written out of order (or with a key twice,
    /// the last one kept) as the map of its entries.
    #[test]
    fn a_sorted_map_reads_back_whatever_order_it_was_written_in() {
        let map: BTreeMap<String, u32> = (0..500).map(|i| (format!("content/site/{i:04}.md"), i)).collect();
        let kept = Kept { map };
        let bytes = postcard::to_allocvec(&kept).unwrap();
        assert_eq!(postcard::from_bytes::<Kept>(&bytes).unwrap(), kept);
        // postcard writes a map as a sequence of pairs: these are a map's bytes, out of order.
        #[derive(serde::Serialize)]
        struct Unsorted {
            map: Vec<(String, u32)>,
        }
        let unsorted = Unsorted { map: vec![("b".into(), 2), ("a".into(), 1), ("b".into(), 3)] };
        let read = postcard::from_bytes::<Kept>(&postcard::to_allocvec(&unsorted).unwrap()).unwrap();
        assert_eq!(read.map, BTreeMap::from([("a".to_string(), 1), ("b".to_string(), 3)]));
    }
}
