//! The HTTP response headers the output wants, from one source: `_headers` at the output root
//! (the format Cloudflare Pages and Netlify read) and the nginx `add_header` lines that
//! `zhanqun nginx-headers` prints for `docs/deploy/nginx.conf` are both made here, from the same
//! settings (`content_security_policy` in `zhanqun.yaml`).
//!
//! The default theme has no inline script or style and loads nothing from other hosts, so the
//! Content-Security-Policy forbids all of that: injected markup that slipped through would
//! still not run. A province's statistics or 找错 script is allowed by naming its host in
//! `content_security_policy` ([`crate::load::CspSources`]); nothing else widens the policy.

use crate::load::CspSources;

/// The Content-Security-Policy of every page, before any extra source.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; \
form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// `Cache-Control` of a content-hashed file: its name changes with its content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The policy with the extra sources of `extra` added to their directives; a directive the
/// policy does not name (`frame-src`) is added with just those sources.
pub fn content_security_policy(extra: &CspSources) -> String {
    let mut directives: Vec<(String, Vec<String>)> = CONTENT_SECURITY_POLICY
        .split(';')
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_owned);
            (words.next().unwrap_or_default(), words.collect())
        })
        .collect();
    for (name, sources) in extra.directives() {
        if sources.is_empty() {
            continue;
        }
        let at = match directives.iter().position(|(d, _)| d == name) {
            Some(at) => at,
            None => {
                directives.push((name.to_owned(), Vec::new()));
                directives.len() - 1
            }
        };
        for s in sources {
            if !directives[at].1.contains(s) {
                directives[at].1.push(s.clone());
            }
        }
    }
    directives.iter().map(|(d, s)| format!("{d} {}", s.join(" "))).collect::<Vec<_>>().join("; ")
}

/// Every security header and its value, in order.
pub fn security_headers(extra: &CspSources) -> Vec<(&'static str, String)> {
    vec![
        ("Content-Security-Policy", content_security_policy(extra)),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
        ("X-Frame-Options", "DENY".into()),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()".into()),
        ("Cross-Origin-Opener-Policy", "same-origin".into()),
    ]
}

/// The output's `_headers` file: the security headers for every path, then a year's cache for
/// each content-hashed file (`hashed`: output paths, `static/css/style.….css`).
pub fn headers_file(extra: &CspSources, hashed: &[String]) -> String {
    let mut out = String::from("/*\n");
    for (name, value) in security_headers(extra) {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    for path in hashed {
        out.push_str(&format!("/{path}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    out
}

/// The same security headers as nginx `add_header` lines (`zhanqun nginx-headers`), to be
/// included in the server block and in every `location` that adds a header of its own.
pub fn nginx_snippet(extra: &CspSources) -> String {
    security_headers(extra).iter().map(|(name, value)| format!("add_header {name} \"{value}\" always;\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_nothing_inline_and_nothing_foreign() {
        let csp = content_security_policy(&CspSources::default());
        assert_eq!(csp, CONTENT_SECURITY_POLICY);
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval") && !csp.contains("http"));
        assert!(
            headers_file(&CspSources::default(), &[]).starts_with("/*\n  Content-Security-Policy: default-src 'none';")
        );
    }

    #[test]
    fn extra_sources_join_their_directives_in_headers_and_nginx_alike() {
        let extra: CspSources = serde_yaml_ng::from_str(
            "script-src: [https://tj.example.gov.cn]\nconnect-src: [https://tj.example.gov.cn]\nframe-src: [https://map.example.cn]",
        )
        .unwrap();
        let csp = content_security_policy(&extra);
        assert!(csp.contains("; script-src 'self' https://tj.example.gov.cn;"), "{csp}");
        assert!(csp.contains("; connect-src 'self' https://tj.example.gov.cn;"), "{csp}");
        assert!(csp.ends_with("; frame-src https://map.example.cn"), "{csp}");
        assert!(csp.starts_with("default-src 'none'; ") && csp.contains("style-src 'self';"), "{csp}");
        let file = headers_file(&extra, &["static/css/style.0123456789.css".into()]);
        assert!(file.contains(&format!("  Content-Security-Policy: {csp}\n")), "{file}");
        assert!(
            file.ends_with("/static/css/style.0123456789.css\n  Cache-Control: public, max-age=31536000, immutable\n")
        );
        assert!(nginx_snippet(&extra).contains(&format!("add_header Content-Security-Policy \"{csp}\" always;\n")));
    }
}
