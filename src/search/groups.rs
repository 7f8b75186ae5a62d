//! Where the groups of pages start — the pages tokenized together, whose texts share one text
//! file (`x/<n>.bin`). A group ends where the URL of the page after it says so (a hash), not
//! at a multiple of a size: a page added, removed or moved shifts the ids of every page after
//! it, but leaves the other groups' pages, postings relative to their first page, and text
//! files as they were — `serve` then rewrites one text file of ~11 MB instead of every one
//! after the edit. Bounded in size both ways, so that the files stay about the same size.

use super::TEXT_FILE_PAGES;
use super::codec::fnv1a64;

/// Fewest pages of a group (but the last).
const FEWEST: usize = TEXT_FILE_PAGES * 3 / 4;
/// Past the fewest, one page in this many starts the next group: groups of ~3,500 pages.
const ONE_IN: u64 = (TEXT_FILE_PAGES / 8) as u64;
/// Most pages of a group: its text file stays under 25 MiB (the largest file some CDNs take)
/// at the most text a page keeps ([`super::store::TEXT_CAP`]).
pub(crate) const MOST: usize = TEXT_FILE_PAGES;
const _: () = assert!(MOST * super::store::TEXT_CAP < 25 * 1024 * 1024);

/// The first page id of each group of the pages with `urls`, in id order: a page starts a
/// group when the group before holds [`FEWEST`] pages and the hash of its URL is a multiple of
/// [`ONE_IN`], or when that group holds [`MOST`]. At least one group (starting at 0).
pub(crate) fn starts<'u>(urls: impl IntoIterator<Item = &'u str>) -> Vec<u32> {
    let mut starts = vec![0];
    let mut len = 0;
    for (id, url) in urls.into_iter().enumerate() {
        if len >= MOST || (len >= FEWEST && fnv1a64(url.as_bytes()).is_multiple_of(ONE_IN)) {
            starts.push(id as u32);
            len = 0;
        }
        len += 1;
    }
    starts
}

/// The pages of group `k` of `starts` among `pages` pages.
pub(crate) fn range(starts: &[u32], k: usize, pages: usize) -> std::ops::Range<usize> {
    let start = starts.get(k).map_or(pages, |&s| s as usize);
    start..starts.get(k + 1).map_or(pages, |&s| s as usize).max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("/bm/zwdt/{i}/")).collect()
    }

    #[test]
    fn groups_are_bounded_and_a_page_added_moves_no_other_group() {
        let mut urls = urls(100_000);
        let starts = starts(urls.iter().map(String::as_str));
        let lens: Vec<usize> = (0..starts.len()).map(|k| range(&starts, k, urls.len()).len()).collect();
        assert!(lens[..lens.len() - 1].iter().all(|&l| (FEWEST..=MOST).contains(&l)), "{lens:?}");
        assert_eq!(lens.iter().sum::<usize>(), urls.len());
        let mean = urls.len() / starts.len();
        assert!((TEXT_FILE_PAGES * 3 / 4..=TEXT_FILE_PAGES * 5 / 4).contains(&mean), "{mean} pages a group");
        // A page added in the fifth group: the groups before and after keep their pages.
        let at = starts[4] as usize + 10;
        urls.insert(at, "/bm/zwdt/new/".into());
        let after = super::starts(urls.iter().map(String::as_str));
        let group_of = |starts: &[u32], id: usize| starts.partition_point(|&s| s as usize <= id) - 1;
        let moved: Vec<usize> = (0..starts.len())
            .filter(|&k| {
                let was = range(&starts, k, urls.len() - 1);
                let first = if was.start >= at { was.start + 1 } else { was.start };
                let now = range(&after, group_of(&after, first), urls.len());
                now.start != first || now.len() != was.len()
            })
            .collect();
        assert!(moved.len() <= 2 && moved.contains(&4), "groups changed: {moved:?}");
        assert_eq!(starts, super::starts(urls.iter().filter(|u| !u.contains("new")).map(String::as_str)));
    }

    #[test]
    fn a_small_index_is_one_group() {
        assert_eq!(starts(urls(10).iter().map(String::as_str)), vec![0]);
        assert_eq!(starts(std::iter::empty()), vec![0]);
        assert_eq!(range(&[0], 0, 0), 0..0);
        assert_eq!(range(&[0, 5], 1, 9), 5..9);
    }
}
