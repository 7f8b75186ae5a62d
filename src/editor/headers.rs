//! The editor's own HTTP headers. The website's policy ([`crate::emit::headers`]) would stop
//! Decap CMS, which needs three things the website never allows; everything else stays as strict:
//!
//! - `script-src 'unsafe-eval'`: Decap validates `config.yml` with Ajv, which compiles its
//!   JSON schema into a function (`new Function`); without it the editor stops at "loading the
//!   configuration".
//! - `style-src 'unsafe-inline'`: Decap styles its interface with Emotion (CSS-in-JS), which
//!   writes `<style>` elements at run time and carries no nonce.
//! - `img-src blob: data:` and `media-src blob:`: uploaded images are previewed from `blob:`
//!   URLs before they are saved; Decap's icons are `data:` URLs.
//!
//! Scripts still come only from the editor's own host (no CDN, no inline script), it talks only
//! to its own host and to the forge (`connect-src`), nothing may frame it, and it submits no
//! form anywhere (`form-action 'none'`: logging in is a redirect, not a form post).

use super::config::Forge;

/// The editor's Content-Security-Policy: `origins` are the forge's (its address and its API,
/// and a local `decap-server` when the editor was made for one).
pub fn content_security_policy(origins: &[String]) -> String {
    let forge = origins.join(" ");
    let with = |base: &str| if forge.is_empty() { base.to_owned() } else { format!("{base} {forge}") };
    [
        "default-src 'none'".to_owned(),
        "script-src 'self' 'unsafe-eval'".to_owned(),
        "style-src 'self' 'unsafe-inline'".to_owned(),
        with("img-src 'self' data: blob:"),
        "font-src 'self' data:".to_owned(),
        with("connect-src 'self'"),
        "media-src 'self' blob:".to_owned(),
        "object-src 'none'".to_owned(),
        "form-action 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "frame-ancestors 'none'".to_owned(),
    ]
    .join("; ")
}

/// The origins (`https://host[:port]`) the editor talks to: the forge's address, its API and
/// the local backend, each once, in that order.
pub fn origins(forge: &Forge, local: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for url in [Some(forge.base_url.as_str()), Some(forge.api_root.as_str()), local] {
        if let Some(o) = url.and_then(origin)
            && !out.contains(&o)
        {
            out.push(o);
        }
    }
    out
}

/// `scheme://host[:port]` of an absolute URL.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// Every header of the editor: the website's security headers ([`crate::emit::headers`]) with
/// the editor's policy in place of the website's, and no caching of `config.yml` and the page.
pub fn headers(origins: &[String]) -> Vec<(&'static str, String)> {
    let csp = content_security_policy(origins);
    crate::emit::headers::security_headers(&Default::default())
        .into_iter()
        .map(|(name, value)| if name == "Content-Security-Policy" { (name, csp.clone()) } else { (name, value) })
        .chain([("Cache-Control", "no-cache".to_owned())])
        .collect()
}

/// `_headers` (Cloudflare Pages, Netlify) for the editor's directory.
pub fn headers_file(origins: &[String]) -> String {
    let mut out = String::from("/*\n");
    for (name, value) in headers(origins) {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

/// The same headers as nginx `add_header` lines, for the `location` that serves the editor.
pub fn nginx_snippet(origins: &[String]) -> String {
    headers(origins).iter().map(|(name, value)| format!("add_header {name} \"{value}\" always;\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_and_host_once() {
        assert_eq!(origin("https://git.x.gov.cn/api/v1"), Some("https://git.x.gov.cn".into()));
        assert_eq!(origin("http://localhost:8081/api/v1"), Some("http://localhost:8081".into()));
        assert_eq!(origin("/relative"), None);
        let forge = Forge {
            backend: crate::load::EditorBackend::Gitea,
            repo: "a/b".into(),
            branch: "main".into(),
            base_url: "https://git.x.gov.cn".into(),
            api_root: "https://git.x.gov.cn/api/v1".into(),
            app_id: String::new(),
            auth_endpoint: None,
        };
        assert_eq!(
            origins(&forge, Some("http://localhost:8081/api/v1")),
            ["https://git.x.gov.cn", "http://localhost:8081"]
        );
    }

    #[test]
    fn the_policy_allows_scripts_only_from_the_editor_and_talks_only_to_the_forge() {
        let csp = content_security_policy(&["https://git.x.gov.cn".into()]);
        assert!(csp.contains("script-src 'self' 'unsafe-eval';"), "{csp}");
        assert!(csp.contains("connect-src 'self' https://git.x.gov.cn;"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("script-src 'self' 'unsafe-eval' 'unsafe-inline'"), "{csp}");
        let file = headers_file(&[]);
        assert!(file.starts_with("/*\n  Content-Security-Policy: default-src 'none';"), "{file}");
        assert!(file.contains("  X-Frame-Options: DENY\n"), "{file}");
    }
}
