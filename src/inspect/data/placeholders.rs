//! Texts that mean a page was never written (rule `placeholder-page`); ASCII letters match in any
//! case.

/// The placeholder texts.
pub(in crate::inspect) const PLACEHOLDERS: &[&str] = &[
    "建设中",
    "正在建设",
    "正在建设中",
    "栏目建设中",
    "暂无内容",
    "暂无信息",
    "暂无数据",
    "暂无相关内容",
    "暂无相关信息",
    "待补充",
    "内容待补充",
    "待完善",
    "敬请期待",
    "测试内容",
    "测试页面",
    "此处为内容",
    "此处输入内容",
    "请输入内容",
    "lorem ipsum",
];
