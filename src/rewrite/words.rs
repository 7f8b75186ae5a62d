//! Data: text the rewrite puts into the generated website pages (read by the site's visitors,
//! in the site's language), not messages to editors.

/// The `title` of a link that leaves the site.
pub(crate) const EXTERNAL_LINK_TITLE: &str = "外部链接：将离开本站";
