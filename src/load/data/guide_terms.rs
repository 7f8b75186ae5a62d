//! The default service-guide (办事指南) vocabulary of `check.guide` (NORMS.md §3): the elements a
//! guide must and should state, the labels accepted for each, and the placeholder texts an
//! unfinished synchronisation leaves.

/// Elements whose absence is a veto.
pub const REQUIRED: &[&str] = &["事项名称", "设定依据", "申请条件", "办理材料"];

/// Elements whose absence is scored.
pub const RECOMMENDED: &[&str] = &["办理地点", "办理时间", "咨询电话", "办理流程"];

/// Accepted synonyms of each element.
pub const SYNONYMS: &[(&str, &[&str])] = &[
    ("事项名称", &["办理事项", "服务事项", "事项"]),
    ("设定依据", &["办理依据", "法律依据", "政策依据", "实施依据"]),
    ("申请条件", &["受理条件", "办理条件", "申办条件"]),
    ("办理材料", &["申请材料", "所需材料", "申报材料", "材料清单"]),
    ("办理地点", &["受理地点", "办理地址", "受理窗口"]),
    ("办理时间", &["受理时间", "办公时间"]),
    ("咨询电话", &["咨询方式", "联系电话", "监督电话"]),
    ("办理流程", &["办理程序", "办事流程", "受理流程"]),
];

/// Placeholder texts that mean a guide was never filled in.
pub const PLACEHOLDERS: &[&str] = &["未传入内容编号", "内容编号不存在", "暂无数据"];
