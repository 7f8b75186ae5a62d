//! `_headers`: the HTTP response headers the output wants, in the format Cloudflare Pages and
//! Netlify read from the output root (an nginx equivalent is in `docs/deploy-headers.md`).
//! The default theme has no inline script or style and loads nothing from other hosts, so
//! the Content-Security-Policy can forbid all of that: injected markup that slipped through
//! would still not run.

/// The Content-Security-Policy of every page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; \
form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Every header and its value, in order.
pub fn security_headers() -> [(&'static str, &'static str); 6] {
    [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
}

/// The output's `_headers` file: the headers for every path.
pub fn headers_file() -> String {
    let mut out = String::from("/*\n");
    for (name, value) in security_headers() {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

/// The same headers as nginx `add_header` lines, for `docs/deploy-headers.md`.
pub fn nginx_snippet() -> String {
    security_headers().iter().map(|(name, value)| format!("add_header {name} \"{value}\" always;\n")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_policy_allows_nothing_inline_and_nothing_foreign() {
        let csp = super::CONTENT_SECURITY_POLICY;
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval") && !csp.contains("http"));
        assert!(super::headers_file().starts_with("/*\n  Content-Security-Policy: default-src 'none';"));
    }
}
