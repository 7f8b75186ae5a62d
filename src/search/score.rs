//! Ranking: BM25 per field — the title with the disclosure metadata, and the body — summed
//! with the title weighted [`TITLE_WEIGHT`] times (so one title occurrence outweighs any
//! number of body occurrences), times a mild recency boost, computed at build time per (term,
//! page) as an *impact* and stored in one byte on a logarithmic scale. The impact leaves out
//! the term's inverse document frequency: the browser multiplies it in ([`Corpus::idf`], from
//! the term's page count and the index's), so that a page added or removed, which changes every
//! term's idf, leaves the other pages' impact bytes as they were. A page's score for a query is
//! the sum over the query's tokens of idf × impact.

/// BM25 term-frequency saturation.
pub const K1: f64 = 1.2;
/// Length normalisation of the body.
pub const B_BODY: f64 = 0.75;
/// Length normalisation of the title field (titles vary less than bodies).
pub const B_TITLE: f64 = 0.3;
/// Weight of the title field (title, 文号, 索引号) relative to the body.
pub const TITLE_WEIGHT: f64 = 3.0;
/// Largest recency boost: the newest page's impacts are multiplied by `1 + RECENCY`.
pub const RECENCY: f64 = 0.1;
/// Half-life of the recency boost, in days.
pub const RECENCY_HALF_LIFE_DAYS: f64 = 365.0;
/// Smallest impact the byte scale represents; anything smaller is stored as 1.
pub const IMPACT_MIN: f64 = 1e-3;
/// Top bits of an `f32` (sign, exponent, four mantissa bits) that index the quantizer's guesses.
const GUESS_BITS: u32 = 13;

/// Corpus statistics the impacts depend on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Corpus {
    /// Number of pages.
    pub docs: usize,
    /// Average title-field length in tokens.
    pub avg_title: f64,
    /// Average body length in tokens.
    pub avg_body: f64,
}

/// The term-frequency part of the impact of frequencies `tf_title`, `tf_body` on a page with `norms`
/// ([`Corpus::norms`]); a field the term is not in adds nothing.
pub fn saturated(tf_title: u8, tf_body: u8, (norm_title, norm_body): (f64, f64)) -> f64 {
    let part = |tf: u8, norm: f64| {
        if tf == 0 {
            return 0.0;
        }
        let tf = f64::from(tf);
        tf * (K1 + 1.0) / (tf + norm)
    };
    TITLE_WEIGHT * part(tf_title, norm_title) + part(tf_body, norm_body)
}

impl Corpus {
    /// The statistics of the pages whose title-field and body lengths (in tokens) are
    /// `title_len` and `body_len`. The average lengths are rounded to a whole token: an edit
    /// that makes one page of many a few tokens longer then leaves them as they were, and with
    /// them the impacts of every other page (so `serve` rescores only the edited page's
    /// terms); the ranking cannot tell a fraction of a token in an average.
    pub fn of(title_len: &[u32], body_len: &[u32]) -> Corpus {
        let avg = |lens: &[u32]| {
            let sum: u64 = lens.iter().map(|&l| u64::from(l)).sum();
            (sum as f64 / lens.len().max(1) as f64).round()
        };
        Corpus { docs: title_len.len(), avg_title: avg(title_len), avg_body: avg(body_len) }
    }

    /// Inverse document frequency of a term found in `df` pages.
    pub fn idf(&self, df: usize) -> f64 {
        let n = self.docs as f64;
        let df = df as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The impact of a term with frequencies `tf_title`, `tf_body` in a page with field
    /// lengths `title_len`, `body_len`, before idf and recency: each field's BM25
    /// term-frequency part, the title's weighted. (The index build uses [`Corpus::norms`] once
    /// per page and `saturated` per posting; this whole form is for the tests.)
    #[cfg(test)]
    fn saturation(&self, tf_title: u8, tf_body: u8, title_len: u32, body_len: u32) -> f64 {
        saturated(tf_title, tf_body, self.norms(title_len, body_len))
    }

    /// The length norms of a page with field lengths `title_len`, `body_len` — the part of
    /// the term impact that depends on the page only, computed once per page by the
    /// index build rather than once per posting.
    pub fn norms(&self, title_len: u32, body_len: u32) -> (f64, f64) {
        let norm = |b: f64, len: u32, avg: f64| K1 * (1.0 - b + b * f64::from(len) / avg.max(1.0));
        (norm(B_TITLE, title_len, self.avg_title), norm(B_BODY, body_len, self.avg_body))
    }

    /// True when a page weighs its postings here as it does in `other` (given the same field
    /// lengths): the same average lengths. The page count does not enter an impact.
    pub fn same_weights(&self, other: &Corpus) -> bool {
        self.avg_title.to_bits() == other.avg_title.to_bits() && self.avg_body.to_bits() == other.avg_body.to_bits()
    }
}

/// Largest impact any posting can have (idf left out): the byte scale's top, the same for
/// every cluster.
pub const IMPACT_MAX: f64 = (K1 + 1.0) * (TITLE_WEIGHT + 1.0) * (1.0 + RECENCY);

/// The recency factor of a page `age_days` older than the day recency is counted from
/// ([`recency_anchor`]).
pub fn recency(age_days: i64) -> f64 {
    1.0 + RECENCY * 0.5f64.powf(age_days.max(0) as f64 / RECENCY_HALF_LIFE_DAYS)
}

/// The day ages are counted from, for pages the newest of which is dated `newest` (days since
/// 1970-01-01): the first day of the month after the newest page's. Not the newest day
/// itself: a page added, or re-dated, newer than every other would then change every page's
/// factor, and every impact of the index with it; the first day of the next month moves only
/// once a month. Every page is at least a day old, and the factors' spread is the one the
/// newest day gives times at most 2^(-31/365) ≈ 0.94 (the ranking is the same but for
/// rounding).
pub fn recency_anchor(newest: i64) -> i64 {
    use chrono::Datelike;
    let epoch = chrono::NaiveDate::default();
    let Some(day) = epoch.checked_add_signed(chrono::TimeDelta::days(newest)) else { return newest + 1 };
    let (year, month) = if day.month() == 12 { (day.year() + 1, 1) } else { (day.year(), day.month() + 1) };
    chrono::NaiveDate::from_ymd_opt(year, month, 1).map_or(newest + 1, |next| (next - epoch).num_days())
}

/// The recency factor of each page whose day (since 1970-01-01) is `days[i]`, by its age
/// behind [`recency_anchor`] of the newest.
pub fn recency_factors(days: &[i64]) -> Vec<f64> {
    let anchor = recency_anchor(days.iter().copied().max().unwrap_or(0));
    days.iter().map(|&d| recency(anchor - d)).collect()
}

/// Maps impacts to one byte: 0 means "absent", 1..=255 cover [`IMPACT_MIN`]..`max`
/// logarithmically. The browser inverts it with the same two numbers from `index.json`.
#[derive(Debug, Clone)]
pub struct Quantizer {
    /// Top of the scale.
    pub max: f64,
    /// `bounds[q]`: the smallest impact stored as `q + 2` (geometric midpoints of the scale).
    bounds: Vec<f64>,
    /// The byte of the smallest impact in each bucket of `f32` values sharing their exponent
    /// and first four mantissa bits (a 4.4% wide slice of the scale): a guess one step or so
    /// from the answer.
    guess: Vec<u8>,
}

impl Quantizer {
    /// The scale from [`IMPACT_MIN`] to `max`.
    pub fn new(max: f64) -> Quantizer {
        let mut q = Quantizer { max, bounds: Vec::new(), guess: Vec::new() };
        q.bounds = (1..255u8).map(|b| (q.value(b) * q.value(b + 1)).sqrt()).collect();
        q.guess = (0..1u32 << GUESS_BITS)
            .map(|bucket| {
                let low = f64::from(f32::from_bits(bucket << (32 - GUESS_BITS)));
                if low.is_finite() { 1 + q.bounds.partition_point(|&b| b <= low) as u8 } else { 255 }
            })
            .collect();
        q
    }

    /// The byte of `impact`: a guess from a table indexed by the top bits of its `f32` form,
    /// corrected against the exact bounds. Equal to `1 + bounds.partition_point(|b| b <=
    /// impact)`, several times faster (the index build quantizes every posting).
    pub fn quantize(&self, impact: f64) -> u8 {
        let b = &self.bounds;
        if impact.is_nan() || impact < b[0] {
            return 1;
        }
        let bucket = (impact as f32).to_bits() >> (32 - GUESS_BITS);
        let mut q = usize::from(self.guess[bucket as usize]).max(1);
        // `q` is right when b[q - 2] <= impact < b[q - 1] (with b[-1] = 0, b[254] = ∞).
        while q < 255 && impact >= b[q - 1] {
            q += 1;
        }
        while q > 1 && impact < b[q - 2] {
            q -= 1;
        }
        q as u8
    }

    /// The impact a byte stands for.
    pub fn value(&self, q: u8) -> f64 {
        if q == 0 {
            return 0.0;
        }
        IMPACT_MIN * (self.max / IMPACT_MIN).powf(f64::from(q - 1) / 254.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_occurrences_outweigh_body_occurrences() {
        let c = Corpus { docs: 1000, avg_title: 20.0, avg_body: 600.0 };
        assert!(c.saturation(1, 0, 20, 600) > c.saturation(0, 1, 20, 600) * 2.0);
        assert!(c.saturation(1, 0, 40, 600) > c.saturation(0, 255, 20, 100), "one title occurrence beats any body");
        assert!(c.saturation(0, 3, 20, 600) > c.saturation(0, 1, 20, 600));
        assert!(c.saturation(0, 1, 20, 300) > c.saturation(0, 1, 20, 1200), "shorter pages rank higher");
        assert!(c.idf(1) > c.idf(500));
    }

    #[test]
    fn average_lengths_are_whole_tokens_so_one_edit_rarely_moves_them() {
        let c = Corpus::of(&[10, 11, 11], &[500, 600, 703]);
        assert_eq!(c, Corpus { docs: 3, avg_title: 11.0, avg_body: 601.0 });
        let body: Vec<u32> = (0..10_000).map(|i| 400 + i % 200).collect();
        let mut edited = body.clone();
        edited[77] += 120;
        assert_eq!(Corpus::of(&body, &body), Corpus::of(&body, &edited), "a paragraph more in one page of 10,000");
        assert_eq!(Corpus::of(&[], &[]).avg_body, 0.0);
    }

    #[test]
    fn recency_counts_from_the_month_after_the_newest_page() {
        let day =
            |y, m, d| (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap() - chrono::NaiveDate::default()).num_days();
        assert_eq!(recency_anchor(day(2026, 11, 25)), day(2026, 12, 1));
        assert_eq!(recency_anchor(day(2026, 11, 1)), day(2026, 12, 1));
        assert_eq!(recency_anchor(day(2026, 12, 31)), day(2027, 1, 1));
        let days = [day(2026, 11, 3), day(2020, 5, 5), day(2026, 10, 30)];
        let f = recency_factors(&days);
        assert!(f[0] > f[2] && f[2] > f[1], "newer pages weigh more: {f:?}");
        // A page added newer than every other but in the same month leaves the others' factors.
        let more = [days[0], days[1], days[2], day(2026, 11, 30)];
        assert_eq!(recency_factors(&more)[..3], f[..]);
    }

    #[test]
    fn recency_is_mild() {
        assert!((recency(0) - 1.1).abs() < 1e-9);
        assert!((recency(365) - 1.05).abs() < 1e-9);
        assert!(recency(3650) < 1.001);
    }

    #[test]
    fn the_fast_quantizer_agrees_with_a_binary_search() {
        let q = Quantizer::new(29.7);
        let mut x = 1e-5;
        while x < 100.0 {
            assert_eq!(q.quantize(x), 1 + q.bounds.partition_point(|&b| b <= x) as u8, "{x}");
            x *= 1.0013;
        }
        for &b in &q.bounds {
            assert_eq!(q.quantize(b), 1 + q.bounds.partition_point(|&v| v <= b) as u8);
        }
        assert_eq!(q.quantize(0.0), 1);
        assert_eq!(q.quantize(f64::NAN), 1);
        assert_eq!(q.quantize(1e9), 255);
    }

    #[test]
    fn the_fast_quantizer_agrees_with_a_binary_search_for_any_cluster_size() {
        for pages in [1usize, 2, 10, 1000, 100_000, 10_000_000] {
            let c = Corpus { docs: pages, avg_title: 10.0, avg_body: 500.0 };
            let q = Quantizer::new(IMPACT_MAX * c.idf(1));
            let mut x = IMPACT_MIN / 2.0;
            while x < q.max * 2.0 {
                assert_eq!(q.quantize(x), 1 + q.bounds.partition_point(|&b| b <= x) as u8, "{pages} pages, {x}");
                x *= 1.000_37;
            }
            for &b in &q.bounds {
                for v in [b, b.next_down(), b.next_up()] {
                    assert_eq!(q.quantize(v), 1 + q.bounds.partition_point(|&w| w <= v) as u8, "{pages} pages, {v}");
                }
            }
        }
    }

    #[test]
    fn quantization_is_monotone_and_close() {
        let q = Quantizer::new(30.0);
        let mut last = 0;
        for i in 1..3000 {
            let v = f64::from(i) * 0.01;
            let b = q.quantize(v);
            assert!(b >= last);
            last = b;
            assert!((q.value(b) / v - 1.0).abs() < 0.03, "{v} → {b} → {}", q.value(b));
        }
    }
}
