//! Written forms the structural rules recognise in Chinese settings and front matter: the marks of
//! the two registration numbers on every page, the letter category
//! whose late answer is a veto; and for the disclosure obligations, the genre of an
//! interpretation, the validity values of a repealed document and the year in a report's title.

/// The mark inside an ICP registration number (`黔ICP备17003300号-1`).
pub(in crate::inspect) const ICP_MARK: &str = "ICP备";

/// The mark inside a public-security registration number (`黔公网安备 52033002000001号`).
pub(in crate::inspect) const PSB_MARK: &str = "公网安备";

/// The character closing both registration numbers.
pub(in crate::inspect) const NUMBER_END: char = '号';

/// The letter category (`category:`) answered late enough to fail a site: a consultation.
pub(in crate::inspect) const CONSULTATION: &str = "咨询";

/// The 体裁分类 of an interpretation (政策解读).
pub(in crate::inspect) const INTERPRETATION_GENRE: &str = "解读";

/// 有效性 values of a document no longer in force: it needs no interpretation any more.
pub(in crate::inspect) const NOT_IN_FORCE: &[&str] = &["失效", "废止"];

/// The character after the year a report covers, in its title (`2025年政府信息公开工作年度报告`).
pub(in crate::inspect) const YEAR_MARK: char = '年';

/// Separators between the bodies of a jointly issued document's 发布机构.
pub(in crate::inspect) const PUBLISHER_SEPARATORS: &[char] = &['、', '，', ',', '；', ';', ' ', '　'];

/// What a 政府信息公开工作年度报告 is called in its title, for the example title of a fix.
pub(in crate::inspect) const ANNUAL_REPORT_TITLE: &str = "政府信息公开工作年度报告";

/// What a 政府网站工作年度报表 is called in its title, for the example title of a fix.
pub(in crate::inspect) const WEBSITE_REPORT_TITLE: &str = "政府网站工作年度报表";
