//! Fenced code blocks seen line by line, for the checks that scan Markdown source for headings
//! or labels without parsing it: what is inside a fence is code, not structure.

/// Tracks whether the lines fed to it so far leave us inside a ``` or ~~~ fence.
#[derive(Debug, Default)]
pub struct Fences<'a> {
    open: Option<&'a str>,
}

impl<'a> Fences<'a> {
    /// Feeds one line, already trimmed of its indentation; true when it is prose (neither a
    /// fence line nor inside a fence).
    pub fn is_prose(&mut self, trimmed: &'a str) -> bool {
        if let Some(f) = self.open {
            if trimmed.starts_with(f) {
                self.open = None;
            }
            return false;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            self.open = Some(&trimmed[..3]);
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_inside_fences_are_not_prose() {
        let mut f = Fences::default();
        let seen: Vec<bool> = ["a", "```rust", "# x", "~~~", "```", "b", "~~~", "```", "~~~"]
            .into_iter()
            .map(|l| f.is_prose(l))
            .collect();
        assert_eq!(seen, [true, false, false, false, false, true, false, false, false]);
    }
}
