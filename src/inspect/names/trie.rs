//! Candidate generation for [`super::NameChecker`]: every window of a text that is one edit
//! (one character changed or one missing) away from a listed name, found in one pass over the
//! text with two character tries, whatever the number of names.
//!
//! - The trie of the names finds variants that keep a name's first character: it is walked
//!   exactly from each text position whose character starts a name, and at each node reached,
//!   one edit is tried (a child taken for a different text character, or taken without one).
//! - The trie of the names without their first character finds the variants that change or
//!   drop the first character: an exact walk from position `s` that ends a name's tail at `q`
//!   gives the windows `s-1..q` (first character changed) and `s..q` (first character missing).
//!
//! A position whose character starts no walk costs one bit test, so the scan is linear in the
//! text; the work at a position that does start one is bounded by the tries, not by the number
//! of names (a hundred organisation names sharing 示例县 share one path).

/// A character trie over names; terminals carry the indices of the names ending there.
#[derive(Debug, Clone, Default)]
pub(super) struct Trie {
    nodes: Vec<Node>,
    /// Characters of the Basic Multilingual Plane that start a path from the root, as bits.
    starts: Vec<u64>,
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// Children sorted by character.
    children: Vec<(char, u32)>,
    /// Names ending here.
    terminal: Vec<u32>,
}

impl Trie {
    pub(super) fn new() -> Trie {
        Trie { nodes: vec![Node::default()], starts: vec![0; 1024] }
    }

    /// Adds `word` for name `id`.
    pub(super) fn insert(&mut self, word: &[char], id: u32) {
        let Some(&first) = word.first() else { return };
        if let Some(slot) = self.starts.get_mut(first as usize / 64) {
            *slot |= 1 << (first as usize % 64);
        }
        let mut at = 0usize;
        for &c in word {
            at = match self.child(at, c) {
                Some(n) => n,
                None => {
                    let n = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    let kids = &mut self.nodes[at].children;
                    let pos = kids.partition_point(|&(k, _)| k < c);
                    kids.insert(pos, (c, n));
                    n as usize
                }
            };
        }
        self.nodes[at].terminal.push(id);
    }

    fn child(&self, node: usize, c: char) -> Option<usize> {
        let kids = &self.nodes[node].children;
        kids.binary_search_by(|&(k, _)| k.cmp(&c)).ok().map(|i| kids[i].1 as usize)
    }

    /// True when some path starts with `c` (a bit test for the common case).
    fn may_start(&self, c: char) -> bool {
        match self.starts.get(c as usize / 64) {
            Some(bits) => bits & (1 << (c as usize % 64)) != 0,
            None => self.child(0, c).is_some(),
        }
    }

    /// Every name reached by an exact walk of `text[from..]` starting at `node`, with the
    /// position after its last character.
    fn exact(&self, mut node: usize, text: &[char], mut from: usize, out: &mut impl FnMut(u32, usize)) {
        loop {
            for &id in &self.nodes[node].terminal {
                out(id, from);
            }
            match text.get(from).and_then(|&c| self.child(node, c)) {
                Some(n) => {
                    node = n;
                    from += 1;
                }
                None => return,
            }
        }
    }
}

/// The names, and their tails (each name without its first character).
#[derive(Debug, Clone, Default)]
pub(super) struct Tries {
    whole: Trie,
    tails: Trie,
}

impl Tries {
    pub(super) fn new() -> Tries {
        Tries { whole: Trie::new(), tails: Trie::new() }
    }

    pub(super) fn insert(&mut self, name: &[char], id: u32) {
        self.whole.insert(name, id);
        self.tails.insert(&name[1..], id);
    }

    /// Every (name, start, width) whose window `text[start..start + width]` may be one edit
    /// from the name, in `out`: a superset the caller verifies (duplicates may occur); and in
    /// `exact`, the (start, end) of every exact occurrence of a name.
    pub(super) fn candidates(&self, text: &[char], out: &mut Vec<(u32, usize, usize)>, exact: &mut Vec<(usize, usize)>) {
        for p in 0..text.len() {
            let c = text[p];
            if self.whole.may_start(c)
                && let Some(node) = self.whole.child(0, c)
            {
                self.edited_walk(node, text, p, p + 1, out, exact);
            }
            if self.tails.may_start(c)
                && let Some(node) = self.tails.child(0, c)
            {
                self.tails.exact(node, text, p + 1, &mut |id, end| {
                    // The first character changed (window starts one before) or missing.
                    if p > 0 {
                        out.push((id, p - 1, end - p + 1));
                    }
                    out.push((id, p, end - p));
                });
            }
        }
    }

    /// Walks the whole names exactly from `node` (the text matched `text[start..at]`), trying
    /// one edit at every node on the way.
    fn edited_walk(
        &self,
        mut node: usize,
        text: &[char],
        start: usize,
        mut at: usize,
        out: &mut Vec<(u32, usize, usize)>,
        exact: &mut Vec<(usize, usize)>,
    ) {
        let trie = &self.whole;
        loop {
            if !trie.nodes[node].terminal.is_empty() {
                exact.push((start, at));
            }
            let next = text.get(at).copied();
            for &(k, child) in &trie.nodes[node].children {
                let child = child as usize;
                // The name's character `k` missing from the text.
                trie.exact(child, text, at, &mut |id, end| out.push((id, start, end - start)));
                // The name's character `k` written as another one.
                if let Some(t) = next
                    && t != k
                {
                    trie.exact(child, text, at + 1, &mut |id, end| out.push((id, start, end - start)));
                }
            }
            match next.and_then(|t| trie.child(node, t)) {
                Some(n) => {
                    node = n;
                    at += 1;
                }
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(names: &[&str], text: &str) -> Vec<(u32, usize, usize)> {
        let mut t = Tries::new();
        for (i, n) in names.iter().enumerate() {
            t.insert(&n.chars().collect::<Vec<_>>(), i as u32);
        }
        let chars: Vec<char> = text.chars().collect();
        let (mut out, mut exact) = (Vec::new(), Vec::new());
        t.candidates(&chars, &mut out, &mut exact);
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn every_one_edit_window_is_a_candidate() {
        let names = ["齐齐哈尔市"];
        // Changed anywhere, or missing anywhere.
        for (text, start, width) in [
            ("在齐齐哈市", 1, 4),
            ("在齐齐哈儿市", 1, 5),
            ("在奇齐哈尔市", 1, 5),
            ("在齐哈尔市", 1, 4),
            ("在齐齐哈尔县", 1, 5),
            ("在齐齐哈尔", 1, 4),
        ] {
            assert!(run(&names, text).contains(&(0, start, width)), "{text}");
        }
        // Two edits away: nothing.
        assert!(run(&names, "七七哈尔市").iter().all(|&(_, _, w)| w != 5), "{:?}", run(&names, "七七哈尔市"));
    }

    #[test]
    fn names_sharing_a_prefix_share_the_walk() {
        let names = ["示例县", "示例县教育局", "示例县财政局"];
        let found = run(&names, "示例县教肓局");
        assert!(found.contains(&(1, 0, 6)), "{found:?}");
        assert!(!found.iter().any(|&(id, _, w)| id == 2 && w == 6), "two edits from 财政局: {found:?}");
    }
}
