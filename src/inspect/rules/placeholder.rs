//! Rules `placeholder-page` (空白栏目) and `placeholder-text` (内容维护): the build's placeholder
//! detection ([`crate::check::placeholder`]) reported as inspection findings.
//!
//! - `placeholder-page`: a page whose body is empty, holds nothing but placeholder text
//!   (建设中, 暂无内容, 请在此填写…, `正文。`, lorem ipsum) or still holds the line `zhanqun new`
//!   leaves, reported at the first placeholder; and a page whose title is a placeholder
//!   (`标题`, `请填写标题`), reported at the title. The build refuses the template text among
//!   them; a no-content-yet notice is published, and counts as blank content.
//! - `placeholder-text`: an example address, all-zero registration number or fill-in prompt in
//!   the prose of a written page (code is not prose), one finding per value.

use super::super::Finding;
use crate::check::placeholder::{self, Body};
use crate::parse::Page;
use crate::t;

/// Reports the placeholders of `page` (its source `text`); `page_rule` and `text_rule` say
/// which of the two rules are enabled.
pub(super) fn check(
    page: &Page,
    text: &str,
    (page_rule, text_rule): (bool, bool),
    emit: &dyn Fn(&'static str, String, usize) -> Finding,
    out: &mut Vec<Finding>,
) {
    let verdict = placeholder::body(text, page.body_offset, !page.meta.attachments.is_empty());
    if page_rule {
        if let Some(found) = placeholder::title(&page.meta.title) {
            let line = page.meta.line("title").unwrap_or(1);
            let at = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
            out.push(
                emit("placeholder-page", t!("check-unfinished-title", text = found), at)
                    .suggest(t!("check-unfinished-title-help")),
            );
        }
        match &verdict {
            Some(Body::Marker(at)) => {
                out.push(emit("placeholder-page", t!("render-unfinished"), *at).suggest(t!(
                    "render-unfinished-help",
                    marker = crate::check::data::placeholders::UNFINISHED_MARKER
                )))
            }
            Some(Body::Empty(at)) => {
                out.push(emit("placeholder-page", t!("inspect-page-empty"), *at).suggest(t!("inspect-page-empty-help")))
            }
            Some(Body::Placeholder { at, text: found, rest, .. }) => out.push(
                emit("placeholder-page", t!("inspect-page-placeholder", text = found.as_str(), rest = *rest), *at)
                    .suggest(t!("inspect-page-placeholder-help")),
            ),
            None => {}
        }
    }
    if text_rule && verdict.is_none() {
        for (at, value) in placeholder::values(text, page.body_offset) {
            out.push(
                emit("placeholder-text", t!("check-placeholder-text", text = value), at)
                    .suggest(t!("check-placeholder-text-help")),
            );
        }
    }
}
