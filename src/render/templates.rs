//! The Tera instance built from the theme's templates.

use crate::diagnostic::Diagnostic;
use crate::load::Theme;
use std::error::Error as _;
use tera::Tera;

/// Compiles every template of the theme. HTML escaping is limited to `& < > " '` so URLs stay
/// readable for the rewrite stage.
pub(crate) fn compile(theme: &Theme, theme_name: &str) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.add_raw_templates(theme.templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| template_error(theme_name, "", &e))?;
    tera.set_escape_fn(escape_html);
    Ok(tera)
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A diagnostic for a template failure, with Tera's whole error chain.
pub(crate) fn template_error(theme_name: &str, template: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    Diagnostic::error(format!("themes/{theme_name}/templates/{template}"), "template", msg)
        .help(crate::t!("template-help"))
}
