//! Terminal display width for the catalog's text tables (`catalog stats`, `catalog diff`):
//! Chinese titles and 文号 take two cells per character, so columns line up only when padding
//! counts cells, not characters. One implementation, on the `unicode-width` tables.

use unicode_width::UnicodeWidthStr;

/// Width of `s` in terminal cells.
pub(super) fn display_width(s: &str) -> usize {
    s.width()
}

/// `s` padded with spaces to `width` cells.
pub(super) fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}

/// `s` right-aligned in `width` cells.
pub(super) fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(display_width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_two_cells_and_arrows_one() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("标题"), 4);
        assert_eq!(display_width("测教发〔2026〕2号"), 6 + 2 + 4 + 2 + 1 + 2);
        assert_eq!(display_width("→"), 1);
        assert_eq!(pad("甲", 4), "甲  ");
        assert_eq!(pad_left("12", 4), "  12");
    }
}
