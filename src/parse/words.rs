//! Words of the Markdown conventions editors write and of the page markup the parser adds:
//! the names of the 公文 parts (`::: 落款`), the leading words that mark a pasted 附件说明 or
//! 抄送, and the name a content table's scroll region gets. They are the content's language
//! (Chinese), whatever language zhanqun's messages use, so they live here as data.

use super::gongwen::Part;

/// The part names a `:::` fence line may carry, with the part each opens. The first name of
/// each part is the one the editor's manual teaches; the others are what editors also call it.
pub(crate) const PART_NAMES: &[(&str, Part)] = &[
    ("主送", Part::Recipients),
    ("主送机关", Part::Recipients),
    ("附件", Part::Attachments),
    ("附件说明", Part::Attachments),
    ("落款", Part::Signature),
    ("署名", Part::Signature),
    ("抄送", Part::CopyTo),
    ("抄送机关", Part::CopyTo),
];

/// A pasted paragraph that starts with this is the 附件说明.
pub(crate) const ATTACHMENTS_LEAD: &str = "附件：";
/// A pasted paragraph that starts with this is the 抄送 line.
pub(crate) const COPY_TO_LEAD: &str = "抄送：";
/// The colon that ends the 主送机关 line (各乡镇人民政府，县直各单位：).
pub(crate) const RECIPIENTS_END: char = '：';
/// The fence `:::` as typed with a Chinese input method.
pub(crate) const FULL_WIDTH_FENCE: &str = "：：：";

/// The name of a content table's scroll region when the table has no caption: `表格：` and
/// its column headings, or `表格` and its number on the page.
pub(crate) const TABLE: &str = "表格";
/// Between the word 表格 and the column headings.
pub(crate) const TABLE_COLON: &str = "：";
/// Between two column headings in a table's name.
pub(crate) const LIST_SEPARATOR: &str = "、";
