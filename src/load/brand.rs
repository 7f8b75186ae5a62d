//! Branding without templates: `brand:` in `zhanqun.yaml` and the brand keys of
//! `sites/<id>.yaml` — emblem and logos, banner, colours (checked for contrast), footer lines,
//! the home pages' columns and the 政务新媒体 accounts.
//!
//! Images are static files of the theme (`img/emblem.png` is `themes/<name>/static/img/emblem.png`,
//! or the built-in theme's file of that path), so they are published, watched by `serve` and
//! fingerprinted by the build cache like every theme file. The colours become a small stylesheet
//! ([`BRAND_CSS`]) that the built-in `base.html` links after `style.css`.

use super::columns::{SiteColumns, line_of_value};
use super::config::ClusterConfig;
use super::sites::{Site, SiteKind};
use super::theme::Theme;
use crate::diagnostic::{Diagnostic, Diagnostics};
use palette::Srgb;
use palette::color_difference::Wcag21RelativeContrast;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The static file (under `/static/`) holding the colours of `brand.colors`.
pub const BRAND_CSS: &str = "css/brand.css";
/// The emblem of every site when neither `brand.emblem` nor the site's `logo` names one.
pub const DEFAULT_EMBLEM: &str = "img/emblem.svg";
/// WCAG 2.1 SC 1.4.3: the least contrast of text against its background.
pub const MIN_CONTRAST: f32 = 4.5;

/// The built-in theme's colours (`themes/default/static/css/style.css`), used for what
/// `brand.colors` does not set and to check what it does.
const DEFAULT_MAIN: &str = "#b3141a";
const DEFAULT_TEXT: &str = "#1f1f1f";
const DEFAULT_LINK: &str = "#0b4a8b";
/// The page background and the light grey of the top bar and the footer (`--bg`).
const WHITE: &str = "#ffffff";
const LIGHT: &str = "#f5f5f5";
/// The built-in `--main-dark` is the main colour with each channel at this share.
const DARKER: f32 = 0.78;

/// `brand:` in `zhanqun.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// The cluster's emblem or logo (SVG or PNG), a static file of the theme.
    #[serde(default)]
    pub emblem: Option<String>,
    /// The main colour and up to two more.
    #[serde(default)]
    pub colors: Colors,
    /// Extra footer lines.
    #[serde(default)]
    pub footer: FooterLines,
    /// Which columns the home pages show, by kind of site.
    #[serde(default)]
    pub home: HomeColumns,
    /// The cluster's 政务新媒体 accounts.
    #[serde(default)]
    pub media: Media,
}

/// `brand.colors`: CSS hex colours (`"#b3141a"`, quoted: YAML takes `#` for a comment).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// 主色: the navigation bar and buttons (white text on it), the site name and block headings.
    #[serde(default)]
    pub main: Option<String>,
    /// Body text.
    #[serde(default)]
    pub text: Option<String>,
    /// Links.
    #[serde(default)]
    pub link: Option<String>,
}

/// `brand.footer`: lines every footer shows under 主办单位.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLines {
    /// 承办单位 of every site that names none in its own file.
    #[serde(default)]
    pub organizer: Option<String>,
    /// 技术支持.
    #[serde(default)]
    pub support: Option<String>,
    /// 网站说明: lines of text (建议使用1280×800以上分辨率浏览).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// `brand.home`: the columns (by path) whose latest items the home pages show, in order, for
/// each kind of site. A site's own `home:` wins; without either the home page shows every
/// list column of its top navigation.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeColumns {
    /// The portal's home page.
    #[serde(default)]
    pub portal: Option<Vec<String>>,
    /// Departments' home pages.
    #[serde(default)]
    pub department: Option<Vec<String>>,
    /// Townships' home pages.
    #[serde(default)]
    pub township: Option<Vec<String>>,
}

/// 政务新媒体 accounts, shown in the footer.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Media {
    /// The 微博 account.
    #[serde(default)]
    pub weibo: Option<Weibo>,
    /// The 微信 公众号.
    #[serde(default)]
    pub wechat: Option<Wechat>,
}

/// A 微博 account: its name and its page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Weibo {
    /// Account name (示例县发布).
    pub name: String,
    /// Its page (`https://weibo.com/…`).
    pub url: String,
}

/// A 微信 公众号: its name and the QR code image (a static file of the theme).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Wechat {
    /// Account name.
    pub name: String,
    /// QR code image (PNG, JPEG or SVG), a static file of the theme.
    pub qr: String,
}

/// What a colour is checked for, against what.
struct Use {
    /// The other colour.
    against: &'static str,
    /// What is read in this pair, for the message.
    what: fn() -> String,
}

/// Each colour setting, its default, and every pair of text and background it takes part in.
fn colour_uses() -> [(&'static str, &'static str, Vec<Use>); 3] {
    [
        (
            "main",
            DEFAULT_MAIN,
            vec![
                Use { against: WHITE, what: || crate::t!("brand-use-nav") },
                Use { against: WHITE, what: || crate::t!("brand-use-button") },
                Use { against: WHITE, what: || crate::t!("brand-use-heading") },
            ],
        ),
        (
            "text",
            DEFAULT_TEXT,
            vec![
                Use { against: WHITE, what: || crate::t!("brand-use-body") },
                Use { against: LIGHT, what: || crate::t!("brand-use-body-light") },
            ],
        ),
        (
            "link",
            DEFAULT_LINK,
            vec![
                Use { against: WHITE, what: || crate::t!("brand-use-link") },
                Use { against: LIGHT, what: || crate::t!("brand-use-link-light") },
            ],
        ),
    ]
}

/// A CSS hex colour (`#b3141a`, `#c00`).
pub fn parse_colour(value: &str) -> Option<Srgb<u8>> {
    let v = value.trim();
    if !v.starts_with('#') {
        return None;
    }
    v.parse::<Srgb<u8>>().ok()
}

/// The WCAG 2.1 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Srgb<u8>, b: Srgb<u8>) -> f32 {
    a.into_format::<f32>().relative_contrast(b.into_format::<f32>())
}

/// A ratio as messages show it: rounded down to two decimals, so that 4.499 never reads 4.50.
fn ratio_text(r: f32) -> String {
    format!("{:.2}", (r * 100.0).floor() / 100.0)
}

fn hex(c: Srgb<u8>) -> String {
    format!("#{:02x}{:02x}{:02x}", c.red, c.green, c.blue)
}

fn colour(value: &str) -> Srgb<u8> {
    parse_colour(value).unwrap_or_default()
}

/// Checks the brand settings of `config` and `sites` against the loaded `theme`, resolves each
/// site's home columns, and adds the colours' stylesheet to the theme.
pub(super) fn apply(
    root: &Path,
    config: &ClusterConfig,
    sites: &mut [Site],
    theme: &mut Theme,
    diags: &mut Diagnostics,
) {
    let cfg_file = Path::new("zhanqun.yaml");
    let cfg_text = super::read_text(root, cfg_file).unwrap_or_default();
    let brand = &config.brand;
    if let Some(e) = &brand.emblem {
        image(cfg_file, &cfg_text, "emblem", e, theme, &LOGO_FORMATS, diags);
    }
    if let Some(w) = &brand.media.wechat {
        image(cfg_file, &cfg_text, "qr", &w.qr, theme, &PICTURE_FORMATS, diags);
    }
    if let Some(w) = &brand.media.weibo {
        web_link(cfg_file, &cfg_text, &w.url, diags);
    }
    if let Some(css) = colours(cfg_file, &cfg_text, &brand.colors, diags) {
        theme.static_files.retain(|(p, _)| p != BRAND_CSS);
        theme.static_files.push((BRAND_CSS.to_string(), css.into_bytes()));
        theme.static_files.sort();
    }
    for site in sites.iter_mut() {
        let text = || super::read_text(root, &site.file).unwrap_or_default();
        for (key, value, formats) in
            [("logo", &site.logo, &LOGO_FORMATS[..]), ("banner", &site.banner, &PICTURE_FORMATS[..])]
        {
            if let Some(v) = value {
                image(&site.file, &text(), key, v, theme, formats, diags);
            }
        }
        if let Some(m) = &site.media {
            if let Some(w) = &m.wechat {
                image(&site.file, &text(), "qr", &w.qr, theme, &PICTURE_FORMATS, diags);
            }
            if let Some(w) = &m.weibo {
                web_link(&site.file, &text(), &w.url, diags);
            }
        }
        if site.organizer.is_none() {
            site.organizer.clone_from(&brand.footer.organizer);
        }
        let by_kind = match site.kind {
            SiteKind::Portal => &brand.home.portal,
            SiteKind::Department => &brand.home.department,
            SiteKind::Township => &brand.home.township,
        };
        let (paths, file, text) = match (&site.home_paths, by_kind) {
            (Some(p), _) => (p, site.file.as_path(), text()),
            (None, Some(p)) => (p, cfg_file, cfg_text.clone()),
            (None, None) => continue,
        };
        let mut home = Vec::new();
        for path in paths {
            match home_column(&site.columns, path) {
                Ok(c) => home.push(c),
                Err(msg) => diags.push(Diagnostic::error(file, "brand", msg).at_opt(item_line(&text, path)).help(
                    crate::t!("brand-home-help", site = site.id.as_str(), columns = list_columns(&site.columns)),
                )),
            }
        }
        site.home = Some(home);
    }
}

/// The column of `path` if it is a list the home page can show.
fn home_column(cols: &SiteColumns, path: &str) -> Result<usize, String> {
    let path = path.trim().trim_matches('/');
    match cols.find(path) {
        Some(c) if cols.list[c].kind.is_list() => Ok(c),
        Some(c) => Err(crate::t!("brand-home-page-column", path = path, name = cols.list[c].name.as_str())),
        None => Err(crate::t!("brand-home-unknown", path = path)),
    }
}

/// The list columns of a site, as `path（name）`, for a help text.
fn list_columns(cols: &SiteColumns) -> String {
    cols.list
        .iter()
        .filter(|c| c.kind.is_list())
        .map(|c| crate::t!("brand-column-entry", path = c.path.as_str(), name = c.name.as_str()))
        .collect::<Vec<_>>()
        .join(&crate::t!("cli-list-separator"))
}

/// The line of a list item or `key: value` naming `value`.
fn item_line(text: &str, value: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.trim_start_matches("- ").trim_matches(['"', '\'']) == value
                || l.contains(&format!("\"{value}\""))
                || l.contains(&format!("'{value}'"))
                || l.contains(&format!("[{value}"))
                || l.contains(&format!(", {value}"))
                || l.contains(&format!(",{value}"))
        })
        .map(|i| i + 1)
}

/// Image formats by their first bytes: a logo is SVG or PNG, a picture may be a JPEG too.
const LOGO_FORMATS: [&str; 2] = ["svg", "png"];
const PICTURE_FORMATS: [&str; 3] = ["svg", "png", "jpg"];

fn format_of(path: &str, bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("png");
    }
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        return Some("jpg");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    (path.to_ascii_lowercase().ends_with(".svg") && head.contains("<svg")).then_some("svg")
}

/// The width and height of a PNG (its header) or an SVG (its `viewBox`, else its `width`
/// and `height` in plain numbers), so that pages can reserve the image's box.
pub fn image_size(bytes: &[u8]) -> Option<(f32, f32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let n = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as f32;
        return Some((n(16), n(20))).filter(|(w, h)| *w > 0.0 && *h > 0.0);
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let tag = &text[text.find("<svg")?..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next().map(str::to_string)
    };
    let size = match attr("viewBox") {
        Some(vb) => {
            let v: Vec<f32> = vb.split([' ', ',']).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
            (v.len() == 4).then(|| (v[2], v[3]))
        }
        None => attr("width").zip(attr("height")).and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?))),
    };
    size.filter(|(w, h): &(f32, f32)| *w > 0.0 && *h > 0.0)
}

/// An image setting: a static file of the theme, of one of `formats`.
fn image(file: &Path, text: &str, key: &str, value: &str, theme: &Theme, formats: &[&str], diags: &mut Diagnostics) {
    let path = static_path(value);
    let line = line_of_value(text, key, value);
    let formats_text =
        formats.iter().map(|f| f.to_ascii_uppercase()).collect::<Vec<_>>().join(&crate::t!("cli-list-separator"));
    match theme.static_file(&path) {
        None => diags.push(
            Diagnostic::error(file, "brand", crate::t!("brand-image-missing", key = key, path = path.as_str()))
                .at_opt(line)
                .help(crate::t!("brand-image-missing-help", path = path.as_str())),
        ),
        Some(bytes) if !format_of(&path, bytes).is_some_and(|f| formats.contains(&f)) => diags.push(
            Diagnostic::error(
                file,
                "brand",
                crate::t!("brand-image-format", key = key, path = path.as_str(), formats = formats_text.as_str()),
            )
            .at_opt(line)
            .help(crate::t!("brand-image-format-help", formats = formats_text.as_str())),
        ),
        Some(_) => {}
    }
}

/// A 微博 page must be a web address.
fn web_link(file: &Path, text: &str, url: &str, diags: &mut Diagnostics) {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        diags.push(
            Diagnostic::error(file, "brand", crate::t!("brand-weibo-url", url = url))
                .at_opt(line_of_value(text, "url", url))
                .help(crate::t!("brand-weibo-url-help")),
        );
    }
}

/// An image setting as a path under the theme's `static/` (`img/logo.png`): a leading `/`,
/// `static/` or `/static/` is dropped.
pub fn static_path(value: &str) -> String {
    let v = value.trim().replace('\\', "/");
    let v = v.trim_start_matches('/');
    v.strip_prefix("static/").unwrap_or(v).to_string()
}

/// Checks the colours (each against every text or background it meets) and returns the
/// stylesheet that sets them, when any is set.
fn colours(file: &Path, text: &str, colors: &Colors, diags: &mut Diagnostics) -> Option<String> {
    let set = [("main", &colors.main), ("text", &colors.text), ("link", &colors.link)];
    let before = diags.error_count();
    for (key, value) in set {
        if value.is_none()
            && let Some(line) = text.lines().position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .and_then(|r| r.trim_start().strip_prefix(':'))
                    .is_some_and(|v| v.trim_start().starts_with('#'))
            })
        {
            diags.push(
                Diagnostic::error(file, "brand", crate::t!("brand-colour-unquoted", key = key))
                    .at(line + 1)
                    .help(crate::t!("brand-colour-unquoted-help", key = key)),
            );
        }
    }
    for ((key, default, uses), (_, value)) in colour_uses().into_iter().zip(set) {
        let Some(v) = value else { continue };
        let line = line_of_value(text, key, v);
        let Some(c) = parse_colour(v) else {
            diags.push(
                Diagnostic::error(file, "brand", crate::t!("brand-colour-invalid", key = key, value = v.as_str()))
                    .at_opt(line)
                    .help(crate::t!("brand-colour-invalid-help", key = key, default = default)),
            );
            continue;
        };
        let low: Vec<(String, f32)> = uses
            .iter()
            .map(|u| ((u.what)(), contrast(c, colour(u.against))))
            .filter(|(_, r)| *r < MIN_CONTRAST)
            .collect();
        if let Some(worst) = low.iter().map(|(_, r)| *r).min_by(f32::total_cmp) {
            let what = low.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(&crate::t!("cli-list-separator"));
            diags.push(
                Diagnostic::error(
                    file,
                    "brand-contrast",
                    crate::t!(
                        "brand-contrast-low",
                        key = key,
                        value = v.as_str(),
                        ratio = ratio_text(worst),
                        min = MIN_CONTRAST.to_string(),
                        what = what
                    ),
                )
                .at_opt(line)
                .help(crate::t!(
                    "brand-contrast-low-help",
                    key = key,
                    default = default,
                    ratio = ratio_text(
                        uses.iter().map(|u| contrast(colour(default), colour(u.against))).fold(21.0, f32::min)
                    )
                )),
            );
        }
    }
    if diags.error_count() > before || set.iter().all(|(_, v)| v.is_none()) {
        return None;
    }
    let mut root_vars = Vec::new();
    let mut rules = String::new();
    if let Some(m) = colors.main.as_deref().and_then(parse_colour) {
        let dark: Srgb<u8> = (m.into_format::<f32>() * DARKER).into_format();
        root_vars.push(format!("--main: {}; --main-dark: {};", hex(m), hex(dark)));
    }
    if let Some(t) = colors.text.as_deref().and_then(parse_colour) {
        root_vars.push(format!("--ink: {};", hex(t)));
    }
    if let Some(l) = colors.link.as_deref().and_then(parse_colour) {
        rules.push_str(&format!("a {{ color: {}; }}\n", hex(l)));
    }
    let mut css = String::from("/* brand.colors (zhanqun.yaml) */\n");
    if !root_vars.is_empty() {
        css.push_str(&format!(":root {{ {} }}\n", root_vars.join(" ")));
    }
    css.push_str(&rules);
    Some(css)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let white = colour(WHITE);
        assert!((contrast(colour("#000"), white) - 21.0).abs() < 0.01);
        assert!((contrast(white, white) - 1.0).abs() < 0.001);
        // #767676 on white is the well-known 4.54:1.
        assert_eq!(ratio_text(contrast(colour("#767676"), white)), "4.54");
        assert!(contrast(colour("#777777"), white) < MIN_CONTRAST);
        // The built-in colours pass everywhere they are used.
        for (_, default, uses) in colour_uses() {
            for u in uses {
                assert!(contrast(colour(default), colour(u.against)) >= MIN_CONTRAST, "{default} on {}", u.against);
            }
        }
    }

    #[test]
    fn colours_are_css_hex() {
        assert_eq!(parse_colour("#B3141A").map(hex).as_deref(), Some("#b3141a"));
        assert_eq!(parse_colour("#c00").map(hex).as_deref(), Some("#cc0000"));
        assert!(parse_colour("b3141a").is_none());
        assert!(parse_colour("red").is_none());
        assert!(parse_colour("#12345").is_none());
    }

    #[test]
    fn a_light_colour_is_refused_with_its_ratio_and_a_dark_one_styles_the_pages() {
        let mut diags = Diagnostics::default();
        let colors = Colors { main: Some("#e57373".into()), text: None, link: Some("#1a5fb4".into()) };
        let text = "brand:\n  colors:\n    main: \"#e57373\"\n    link: \"#1a5fb4\"\n";
        assert!(colours(Path::new("zhanqun.yaml"), text, &colors, &mut diags).is_none());
        let d = diags.iter().next().expect("an error");
        assert_eq!(diags.error_count(), 1, "{:?}", diags.as_slice());
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("2.98:1") && d.message.contains("4.5:1"), "{}", d.message);
        let mut diags = Diagnostics::default();
        let colors = Colors { main: Some("#1d4e89".into()), text: Some("#222".into()), link: None };
        let css = colours(Path::new("zhanqun.yaml"), "", &colors, &mut diags).expect("css");
        assert!(!diags.has_errors());
        assert!(css.contains("--main: #1d4e89; --main-dark: #173d6b;") && css.contains("--ink: #222222;"), "{css}");
        assert!(!css.contains("a {"), "{css}");
    }

    #[test]
    fn an_unquoted_colour_is_not_silently_dropped() {
        let mut diags = Diagnostics::default();
        let text = "brand:\n  colors:\n    main: #1d4e89\n";
        let colors: Brand = serde_yaml_ng::from_str("colors:\n  main: #1d4e89\n").unwrap();
        assert!(colors.colors.main.is_none(), "YAML reads a comment");
        colours(Path::new("zhanqun.yaml"), text, &colors.colors, &mut diags);
        assert_eq!(diags.iter().next().map(|d| d.line), Some(Some(3)));
    }

    #[test]
    fn image_formats_are_told_by_their_bytes() {
        assert_eq!(format_of("a.png", b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(format_of("a.svg", b"<?xml version=\"1.0\"?><svg xmlns=\"\"/>"), Some("svg"));
        assert_eq!(format_of("a.png", b"<svg/>"), None);
        assert_eq!(format_of("a.jpg", &[0xff, 0xd8, 0xff, 0xe0]), Some("jpg"));
        assert_eq!(static_path("/static/img/a.png"), "img/a.png");
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(200u32.to_be_bytes());
        png.extend(56u32.to_be_bytes());
        assert_eq!(image_size(&png), Some((200.0, 56.0)));
        assert_eq!(image_size(b"<svg xmlns=\"x\" viewBox=\"0 0 64 32\">"), Some((64.0, 32.0)));
        assert_eq!(image_size(b"<svg width=\"120\" height=\"40\">"), Some((120.0, 40.0)));
        assert_eq!(image_size(b"<svg width=\"10em\" height=\"4em\">"), None);
    }
}
