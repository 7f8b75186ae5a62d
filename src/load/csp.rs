//! `content_security_policy` in `zhanqun.yaml`: the other hosts a province requires pages to load
//! from (a statistics script, the 找错 widget, a map in a frame), added to the strict policy the
//! build writes into `_headers` and prints for nginx (`zhanqun nginx-headers`) alike.
//!
//! ```yaml
//! content_security_policy:
//!   script-src: [https://tongji.example.gov.cn]
//!   img-src: [https://tongji.example.gov.cn]
//! ```
//!
//! A source is an `https://` host (`*.` for its subdomains allowed), with an optional port and
//! path: nothing that weakens the policy (`'unsafe-inline'`, `*`, `http:`, `data:`) is accepted.

use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::Deserialize;
use std::path::Path;

/// Extra sources per fetch directive; every list empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CspSources {
    /// Scripts (a statistics or 找错 script).
    #[serde(default, rename = "script-src")]
    pub script_src: Vec<String>,
    /// Style sheets.
    #[serde(default, rename = "style-src")]
    pub style_src: Vec<String>,
    /// Images (a statistics pixel, a QR code service).
    #[serde(default, rename = "img-src")]
    pub img_src: Vec<String>,
    /// Fonts.
    #[serde(default, rename = "font-src")]
    pub font_src: Vec<String>,
    /// `fetch`/XHR targets (where a statistics script reports).
    #[serde(default, rename = "connect-src")]
    pub connect_src: Vec<String>,
    /// Audio and video.
    #[serde(default, rename = "media-src")]
    pub media_src: Vec<String>,
    /// Frames (an embedded map or video player).
    #[serde(default, rename = "frame-src")]
    pub frame_src: Vec<String>,
    /// Form targets (a province's 留言 or survey form).
    #[serde(default, rename = "form-action")]
    pub form_action: Vec<String>,
}

impl CspSources {
    /// (directive, extra sources) for every directive, in the policy's order.
    pub fn directives(&self) -> [(&'static str, &[String]); 8] {
        [
            ("script-src", &self.script_src),
            ("style-src", &self.style_src),
            ("img-src", &self.img_src),
            ("font-src", &self.font_src),
            ("connect-src", &self.connect_src),
            ("media-src", &self.media_src),
            ("frame-src", &self.frame_src),
            ("form-action", &self.form_action),
        ]
    }

    /// One error per source that is not an `https://` host source, naming the directive and
    /// its line in `zhanqun.yaml`.
    pub(super) fn validate(&self, rel: &Path, text: &str, diags: &mut Diagnostics) {
        for (directive, sources) in self.directives() {
            for source in sources.iter().filter(|s| !is_host_source(s)) {
                let line = text.lines().position(|l| l.contains(source.as_str())).map(|i| i + 1);
                diags.push(
                    Diagnostic::error(
                        rel,
                        "config",
                        crate::t!("load-csp-source-invalid", directive = directive, source = source.as_str()),
                    )
                    .at_opt(line)
                    .help(crate::t!("load-csp-source-invalid-help", directive = directive)),
                );
            }
        }
    }
}

/// `https://host[:port][/path]`, the host letters, digits, `-` and `.` (or `*.` first), the
/// path without spaces, quotes, `;` or `,` (which would end the source or the directive).
fn is_host_source(source: &str) -> bool {
    let Some(rest) = source.strip_prefix("https://") else { return false };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let name = host.strip_prefix("*.").unwrap_or(host);
    let labels_ok = !name.is_empty()
        && name.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let path_ok = path.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'\'' | b'"' | b';' | b',' | b'\\'));
    labels_ok && name.contains('.') && port_ok && path_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_host_sources_are_accepted() {
        for good in [
            "https://tongji.example.gov.cn",
            "https://*.example.gov.cn",
            "https://tj.example.gov.cn:8443/js/",
            "https://a-b.example.cn/stat.js",
        ] {
            assert!(is_host_source(good), "{good}");
        }
        for bad in [
            "http://tongji.example.gov.cn",
            "'unsafe-inline'",
            "*",
            "https://*",
            "data:",
            "tongji.example.gov.cn",
            "https://tongji.example.gov.cn; script-src *",
            "https://a.gov.cn,https://b.gov.cn",
            "https://a.gov.cn https://b.gov.cn",
            "https://localhost",
            "https://-a.gov.cn",
            "https://a.gov.cn:",
            "https://a.gov.cn:99999x",
        ] {
            assert!(!is_host_source(bad), "{bad}");
        }
    }

    #[test]
    fn a_bad_source_is_an_error_on_its_line() {
        let text = "name: x\ncontent_security_policy:\n  script-src: [https://ok.example.gov.cn, 'http://tj.example.gov.cn']\n";
        let sources: CspSources = serde_yaml_ng::from_str(
            "script-src: [https://ok.example.gov.cn, 'http://tj.example.gov.cn']\nimg-src: [https://ok.example.gov.cn]",
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        sources.validate(Path::new("zhanqun.yaml"), text, &mut diags);
        let all = diags.into_sorted();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].line, Some(3));
        assert!(all[0].message.contains("http://tj.example.gov.cn") && all[0].message.contains("script-src"));
        assert!(serde_yaml_ng::from_str::<CspSources>("script: [https://a.gov.cn]").is_err(), "unknown directive");
    }
}
