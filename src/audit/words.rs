//! Words reviewers write in commit messages (data matched, not messages), and the fixed
//! Chinese header and labels of `zhanqun log --format csv`: a record auditors open in Excel,
//! like `catalog.csv`, the same whatever `--lang` says.

/// The keys of a review line (`Reviews: <commit>`, `审核: <commit>`).
pub(super) const REVIEW_KEYS: [&str; 2] = ["Reviews", "审核"];

/// `zhanqun log --format csv`: the header of the page rows.
pub(super) const LOG_HEADER: [&str; 10] =
    ["站点", "栏目", "文件", "标题", "作者", "审核人", "首次发布时间", "首次发布提交", "后续修改", "状态"];

/// The header of the column rows; the last one follows the year (`2026年发布数`).
pub(super) const LOG_COLUMNS_HEADER: [&str; 5] = ["站点", "站点名称", "栏目路径", "栏目", "年发布数"];

/// Between people in one cell.
pub(super) const LOG_LIST_SEPARATOR: &str = "、";

/// Between changes in one cell.
pub(super) const LOG_CHANGE_SEPARATOR: &str = "；";

/// One later change in a cell: `<date> <author>（审核：<reviewers>）`.
pub(super) fn change_note(date: &str, author: &str, reviewers: &[String]) -> String {
    if reviewers.is_empty() {
        format!("{date} {author}")
    } else {
        format!("{date} {author}（审核：{}）", reviewers.join(LOG_LIST_SEPARATOR))
    }
}

/// The status cell.
pub(super) fn status(removed: bool) -> &'static str {
    if removed { "已删除" } else { "在用" }
}
