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
//! A position whose character starts no walk costs two bit tests, so the scan is linear in the
//! text; the work at a position that does start one is bounded by the tries, not by the number
//! of names (a hundred organisation names sharing 示例县 share one path).

/// A character trie over names; terminals carry the indices of the names ending there.
#[derive(Debug, Clone, Default)]
pub(super) struct Trie {
    nodes: Vec<Node>,
    /// For each character of the Basic Multilingual Plane, the root's child for it (0: none).
    starts: Vec<u32>,
    /// The same as bits (8 KB, which stay in the fastest cache): most characters start nothing.
    bits: Vec<u64>,
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// Children sorted by character.
    children: Vec<(char, u32)>,
    /// Names ending here.
    terminal: Vec<u32>,
    /// The children by their own children's characters (grandchild character, child), sorted:
    /// the children an edit here can continue from with a given next text character.
    via: Vec<(char, u32)>,
    /// The children that end a name (an edit of a name's last character).
    ending: Vec<u32>,
}

impl Trie {
    pub(super) fn new() -> Trie {
        Trie { nodes: vec![Node::default()], starts: vec![0; 0x10000], bits: vec![0; 0x10000 / 64] }
    }

    /// Adds `word` for name `id`.
    pub(super) fn insert(&mut self, word: &[char], id: u32) {
        if word.is_empty() {
            return;
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
                    if at == 0
                        && let Some(slot) = self.starts.get_mut(c as usize)
                    {
                        *slot = n;
                        self.bits[c as usize / 64] |= 1 << (c as usize % 64);
                    }
                    n as usize
                }
            };
        }
        self.nodes[at].terminal.push(id);
    }

    /// Fills each node's `via` and `ending` (after the last insert).
    fn index(&mut self) {
        for n in 0..self.nodes.len() {
            let mut via = Vec::new();
            let mut ending = Vec::new();
            for &(_, child) in &self.nodes[n].children {
                let grand = &self.nodes[child as usize];
                via.extend(grand.children.iter().map(|&(g, _)| (g, child)));
                if !grand.terminal.is_empty() {
                    ending.push(child);
                }
            }
            via.sort_unstable();
            self.nodes[n].via = via;
            self.nodes[n].ending = ending;
        }
    }

    /// The children of `node` that have a child `g`.
    fn via(&self, node: usize, g: char) -> impl Iterator<Item = usize> + '_ {
        let via = &self.nodes[node].via;
        let from = via.partition_point(|&(k, _)| k < g);
        via[from..].iter().take_while(move |&&(k, _)| k == g).map(|&(_, c)| c as usize)
    }

    fn child(&self, node: usize, c: char) -> Option<usize> {
        let kids = &self.nodes[node].children;
        kids.binary_search_by(|&(k, _)| k.cmp(&c)).ok().map(|i| kids[i].1 as usize)
    }

    /// The root's child for `c` (one table look-up for the common case).
    fn start(&self, c: char) -> Option<usize> {
        let i = c as usize;
        if i < 0x10000 && self.bits[i / 64] & (1 << (i % 64)) == 0 {
            return None;
        }
        match self.starts.get(i) {
            Some(0) => None,
            Some(&n) => Some(n as usize),
            None => self.child(0, c),
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

    /// Prepares the tries for scanning, after the last insert.
    pub(super) fn finish(&mut self) {
        self.whole.index();
    }

    /// Every (name, start, width) whose window `text[start..start + width]` may be one edit
    /// from the name, in `out`: a superset the caller verifies (duplicates may occur); and in
    /// `exact`, the (start, end) of every exact occurrence of a name.
    pub(super) fn candidates(
        &self,
        text: &[char],
        out: &mut Vec<(u32, usize, usize)>,
        exact: &mut Vec<(usize, usize)>,
    ) {
        for p in 0..text.len() {
            let c = text[p];
            if let Some(node) = self.whole.start(c) {
                self.edited_walk(node, text, p, p + 1, out, exact);
            }
            if let Some(node) = self.tails.start(c) {
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
            let mut push = |child: usize, from: usize| {
                trie.exact(child, text, from, &mut |id, end| out.push((id, start, end - start)));
            };
            // A name's character missing from the text: a child followed by the text's next
            // character, or a child that ends a name.
            if let Some(t) = next {
                for child in trie.via(node, t) {
                    push(child, at);
                }
            }
            for &child in &trie.nodes[node].ending {
                push(child as usize, at);
            }
            // A name's character written as another one: a child followed by the character
            // after the text's next one, or a child that ends a name.
            if let Some(t) = next {
                if let Some(&g) = text.get(at + 1) {
                    for child in trie.via(node, g) {
                        if trie.child(node, t) != Some(child) {
                            push(child, at + 1);
                        }
                    }
                }
                for &child in &trie.nodes[node].ending {
                    if trie.child(node, t) != Some(child as usize) {
                        push(child as usize, at + 1);
                    }
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
        t.finish();
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
