//! The Tera instance built from the theme's templates.

use crate::diagnostic::Diagnostic;
use crate::load::Theme;
use crate::text::escape_html;
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
