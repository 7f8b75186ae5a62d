//! `zhanqun.yaml`: the cluster's own settings.

use super::calendar::{Calendar, InteractionConfig};
use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::Deserialize;
use std::path::Path;

/// Cluster-wide settings from `zhanqun.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterConfig {
    /// Cluster name shown in every header (示例县人民政府网站群).
    pub name: String,
    /// Where the cluster is hosted: `/`, a sub-path `/zq/`, or a full URL.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Host name for the `SiteDomain` meta tag and sitemaps (`www.example.gov.cn`).
    #[serde(default)]
    pub domain: Option<String>,
    /// Id of the portal site.
    pub portal: String,
    /// Theme directory name under `themes/`; `default` falls back to the embedded theme.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Items per page on column lists.
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// Rows per page of the disclosure catalog tables.
    #[serde(default = "default_catalog_per_page")]
    pub catalog_per_page: usize,
    /// Column paths whose items feed the portal's 部门动态 and 乡镇动态 blocks.
    #[serde(default = "default_aggregate")]
    pub aggregate: Vec<String>,
    /// Items shown per block on home pages.
    #[serde(default = "default_home_items")]
    pub home_items: usize,
    /// Target of the 我为政府网站找错 link; `{site_code}` is replaced by the site's code.
    #[serde(default = "default_jiucuo")]
    pub jiucuo_url: String,
    /// The search index and box (`search:`).
    #[serde(default, deserialize_with = "null_is_default")]
    pub search: super::SearchSettings,
    /// Settings for `zhanqun check`.
    #[serde(default, deserialize_with = "null_is_default")]
    pub check: super::CheckSettings,
    /// 互动交流: reply limits per letter category and the working-day calendar.
    #[serde(default)]
    pub interaction: InteractionConfig,
    /// The calendar validated from `interaction` at load time.
    #[serde(skip)]
    pub calendar: Calendar,
    /// Newest items in each Atom and JSON feed.
    #[serde(default = "default_feed_items")]
    pub feed_items: usize,
    /// Build the optional Traditional Chinese (繁體) view under `zh-hant/`.
    #[serde(default)]
    pub zh_hant: bool,
    /// The cluster's time zone (an IANA name), which decides "today" for every command.
    #[serde(default)]
    pub timezone: Option<String>,
    /// The cluster's and its superiors' leaders, whose names `zhanqun check` knows.
    #[serde(default)]
    pub leaders: Vec<super::Leader>,
    /// The cluster's own organisations that have no site (中共示例县委员会, 示例县人大常委会):
    /// their documents are the cluster's own text, and their names are spelt right.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Place and body names the cluster's text must spell right beyond its sites' and
    /// organisations' names (its superiors: 贵州省, 齐齐哈尔市; places without a site).
    #[serde(default)]
    pub places: Vec<String>,
    /// The clock read from `timezone` at load time (`Asia/Shanghai` when none is named).
    #[serde(skip)]
    pub clock: super::Clock,
    /// The values allowed for 主题分类, 体裁分类 and 有效性 (the built-in lists by default).
    #[serde(default)]
    pub vocabularies: super::Vocabularies,
    /// Emblem, colours, footer lines, home columns and 政务新媒体 accounts (`brand:`).
    #[serde(default)]
    pub brand: super::Brand,
    /// Other hosts pages may load from (a province's statistics or 找错 script), added to the
    /// Content-Security-Policy of `_headers` and `zhanqun nginx-headers`.
    #[serde(default)]
    pub content_security_policy: super::CspSources,
    /// Who may change the settings, the convention, the theme and everything outside
    /// `content/` (`zhanqun audit-changes`).
    #[serde(default)]
    pub operators: Vec<super::Signer>,
    /// The key the forge (Gitea, GitLab) signs web-editor commits with for the logged-in user.
    #[serde(default)]
    pub forge_key: Option<super::SshKey>,
    /// How many reviewers each kind of change needs (三审: `disclosure: 2`).
    #[serde(default)]
    pub reviewers_needed: super::ReviewersNeeded,
    /// The forge the web editor saves to (`zhanqun editor`).
    #[serde(default)]
    pub editor: super::EditorSettings,
}

/// `search:` written with nothing under it means the defaults, as no `search:` at all does.
fn null_is_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn default_feed_items() -> usize {
    20
}

fn default_base_url() -> String {
    "/".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_per_page() -> usize {
    20
}
fn default_catalog_per_page() -> usize {
    100
}
fn default_aggregate() -> Vec<String> {
    vec!["zwdt/gzdt".into()]
}
fn default_home_items() -> usize {
    8
}
fn default_jiucuo() -> String {
    "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}".into()
}

impl ClusterConfig {
    /// The URL path prefix every internal link gets: `/` or `/sub/path/`.
    pub fn base_path(&self) -> String {
        let without_origin = match self.base_url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => self.base_url.as_str(),
        };
        let trimmed = without_origin.trim_matches('/');
        if trimmed.is_empty() { "/".into() } else { format!("/{trimmed}/") }
    }

    /// The origin (`https://host`) for absolute URLs in sitemaps, when one is known.
    pub fn origin(&self) -> Option<String> {
        if let Some((scheme, rest)) = self.base_url.split_once("://") {
            let host = rest.split('/').next().unwrap_or(rest);
            return Some(format!("{scheme}://{host}"));
        }
        self.domain.as_ref().map(|d| format!("https://{d}"))
    }
}

/// Reads `zhanqun.yaml` under `root`, with an optional `base_url` override from the CLI.
pub(super) fn read(root: &Path, base_url: Option<&str>, diags: &mut Diagnostics) -> Option<ClusterConfig> {
    let rel = Path::new("zhanqun.yaml");
    let text = match super::read_text(root, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d.help(crate::t!("load-no-config-help")));
            return None;
        }
    };
    let mut cfg: ClusterConfig = match serde_yaml_ng::from_str(&text) {
        Ok(c) => c,
        Err(e) => {
            diags.push(super::yaml_diagnostic_in(rel, 1, &text, &e));
            return None;
        }
    };
    if let Some(b) = base_url {
        cfg.base_url = b.to_string();
    }
    match Calendar::from_config(&cfg.interaction) {
        Ok(c) => cfg.calendar = c,
        Err(d) => diags.push(d),
    }
    if let Some(name) = &cfg.timezone {
        match super::Clock::named(name) {
            Some(clock) => cfg.clock = clock,
            None => diags.push(
                Diagnostic::error(rel, "config", crate::t!("calendar-unknown-timezone", value = name.as_str()))
                    .help(crate::t!("calendar-unknown-timezone-help", default = super::DEFAULT_TIMEZONE)),
            ),
        }
    }
    cfg.vocabularies.validate(rel, &text, diags);
    cfg.search.validate(rel, diags);
    cfg.content_security_policy.validate(rel, &text, diags);
    if cfg.per_page == 0 {
        diags.push(
            Diagnostic::error(rel, "config", crate::t!("load-per-page-zero"))
                .help(crate::t!("load-per-page-zero-help")),
        );
    }
    if cfg.base_url.contains(['?', '#', ' ']) {
        diags.push(
            Diagnostic::error(rel, "config", crate::t!("load-base-url-invalid", url = cfg.base_url.as_str()))
                .help(crate::t!("load-base-url-invalid-help")),
        );
    }
    Some(cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(base: &str) -> ClusterConfig {
        serde_yaml_ng::from_str(&format!("name: x\nportal: p\nbase_url: \"{base}\"\n")).unwrap()
    }

    #[test]
    fn base_path_is_normalised() {
        assert_eq!(cfg("/").base_path(), "/");
        assert_eq!(cfg("").base_path(), "/");
        assert_eq!(cfg("/zq").base_path(), "/zq/");
        assert_eq!(cfg("https://a.gov.cn/x/y/").base_path(), "/x/y/");
        assert_eq!(cfg("https://a.gov.cn").base_path(), "/");
    }

    #[test]
    fn origin_comes_from_base_url_or_domain() {
        assert_eq!(cfg("https://a.gov.cn/x/").origin().as_deref(), Some("https://a.gov.cn"));
        assert_eq!(cfg("/").origin(), None);
    }
}
