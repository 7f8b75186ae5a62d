//! Filters as page-id ranges. Pages are numbered by site, column (menu order), year (newest
//! first), genre, date, so a site is one range, a column one range per site, and a year or a
//! genre a few ranges per column. Each filter value's ranges are one small JSON file —
//! `[gap, length, gap, length, …]`, each gap counted from the end of the previous range — that
//! the browser fetches only when the filter is used.

/// Ranges `[start, end)` covering the sorted ids of `ids`.
pub(crate) fn runs(ids: impl IntoIterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some((_, end)) if *end == id => *end += 1,
            _ => out.push((id, id + 1)),
        }
    }
    out
}

/// The JSON file of a filter value.
pub(crate) fn runs_json(runs: &[(u32, u32)]) -> Vec<u8> {
    let mut flat = Vec::with_capacity(runs.len() * 2);
    let mut last = 0;
    for &(start, end) in runs {
        flat.push(start - last);
        flat.push(end - start);
        last = end;
    }
    serde_json::to_vec(&flat).unwrap_or_else(|_| b"[]".to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_gap_coded_runs() {
        let r = runs([2, 3, 4, 9, 10, 20]);
        assert_eq!(r, vec![(2, 5), (9, 11), (20, 21)]);
        assert_eq!(String::from_utf8(runs_json(&r)).unwrap(), "[2,3,4,2,9,1]");
        assert_eq!(String::from_utf8(runs_json(&[])).unwrap(), "[]");
    }
}
