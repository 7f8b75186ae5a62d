//! The wording dictionary (错敏词): wrong expressions and their corrections.
//! (Placeholder until the dictionary rule lands: loads nothing, matches nothing.)

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The loaded wording dictionary.
#[derive(Debug, Default)]
pub struct Wording {}

impl Wording {
    /// Loads the built-in list and the cluster's extension files.
    pub fn load(_root: &Path, _extra: &[String]) -> Result<Wording, Diagnostic> {
        Ok(Wording {})
    }
}
