//! Rule `name-misspelt`: a listed leader's, organisation's or place name written wrong in a page
//! (杜家豪 for the provincial secretary 杜家毫, 齐齐哈市 for 齐齐哈尔市), found by
//! [`crate::inspect::names::NameChecker`] next to a title or office word. It applies to
//! reproduced documents too: every name it knows is one the cluster listed, a national text
//! rarely names them, and a near miss in a transcribed text is a transcription slip the cluster
//! can and must fix; titles quoted in 《》 and former names after 原 are left as written.

use super::super::Finding;
use super::super::names::{NameChecker, NameKind};
use crate::t;

/// Reports every near miss of a listed name in `text`.
pub(super) fn check(
    names: &NameChecker,
    text: &str,
    emit: &dyn Fn(&'static str, String, usize) -> Finding,
    out: &mut Vec<Finding>,
) {
    for v in names.find(text) {
        let (found, right) = (v.found.as_str(), v.expected.as_str());
        let message = match (v.kind, v.title.as_deref()) {
            (NameKind::Person, Some(title)) => {
                t!("inspect-name-person-titled", found = found, right = right, title = title)
            }
            (NameKind::Person, None) => t!("inspect-name-person", found = found, right = right),
            (NameKind::Place, _) => t!("inspect-name-place", found = found, right = right),
        };
        out.push(emit("name-misspelt", message, v.offset).suggest(t!("inspect-name-help", right = right)));
    }
}
