//! Written forms the structural rules recognise in Chinese settings and front matter: the marks of
//! the two registration numbers on every page, the units of `review_in`, and the letter category
//! whose late answer is a veto.

/// The mark inside an ICP registration number (`黔ICP备17003300号-1`).
pub(in crate::inspect) const ICP_MARK: &str = "ICP备";

/// The mark inside a public-security registration number (`黔公网安备 52033002000001号`).
pub(in crate::inspect) const PSB_MARK: &str = "公网安备";

/// The character closing both registration numbers.
pub(in crate::inspect) const NUMBER_END: char = '号';

/// Units of `review_in` counting days.
pub(in crate::inspect) const DAYS: &[&str] = &["day", "days", "天", "日"];

/// Units of `review_in` counting weeks.
pub(in crate::inspect) const WEEKS: &[&str] = &["week", "weeks", "周"];

/// Units of `review_in` counting months.
pub(in crate::inspect) const MONTHS: &[&str] = &["month", "months", "个月", "月"];

/// A `review_in` meaning six months.
pub(in crate::inspect) const HALF_YEAR: &str = "半年";

/// The letter category (`category:`) answered late enough to fail a site: a consultation.
pub(in crate::inspect) const CONSULTATION: &str = "咨询";
