//! Texts that stand where content should be: what `zhanqun init`, `zhanqun new` and page
//! templates leave for the editor to replace, and the usual fill-ins of content systems. The
//! build refuses a page made of template text, warns about example values in the settings and
//! pages, and `zhanqun check` reports them all. ASCII letters match in any case.

/// The token of the line `zhanqun new` puts where the body goes; the build refuses a page
/// that still holds it, so that an unfinished page is never published.
pub const UNFINISHED_MARKER: &str = "zhanqun-new:";

/// Texts saying a page has no content yet. A page of nothing else counts as blank content for
/// the inspection (`zhanqun check`, rule `placeholder-page`); the build still publishes it.
pub const STATUS: &[&str] = &[
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
];

/// Template and test text nobody replaced. A page of nothing else is refused by the build.
pub const FILL_IN: &[&str] = &[
    "测试内容",
    "测试页面",
    "测试文字",
    "此处为内容",
    "此处为正文",
    "这里是正文",
    "此处输入内容",
    "请输入内容",
    "请输入正文",
    "在此输入正文",
    "占位文字",
    "lorem ipsum",
];

/// Prompts asking for a value right here. With the field they name (up to the end of the
/// sentence) they are placeholders wherever they stand: 请在此填写本机构的主要职责.
pub const PROMPTS_HERE: &[&str] = &[
    "请在此填写",
    "请在此处填写",
    "请在这里填写",
    "在此填写",
    "此处填写",
    "在这里填写",
    "请在此输入",
    "请在此处输入",
    "在此输入",
    "此处输入",
    "在此填入",
    "此处填入",
];

/// Prompts asking for a value: placeholders (请填写地址) when they open a sentence and name a
/// short field without a word of [`INSTRUCTION_WORDS`]; 请填写申请表后提交 is an instruction
/// to the reader, and 报名时请填写身份证号 does not open its sentence.
pub const PROMPTS_ASK: &[&str] = &["请填写", "请输入", "请填入"];

/// Words that make a prompt an instruction to the reader rather than a field to fill in, when
/// they follow it in the same sentence.
pub const INSTRUCTION_WORDS: &[&str] = &[
    "您",
    "后",
    "并",
    "然后",
    "提交",
    "报送",
    "发送",
    "寄送",
    "上传",
    "交至",
    "送至",
    "发至",
    "表",
    "申请书",
    "承诺书",
    "问卷",
    "如实",
    "真实",
    "准确",
    "完整",
    "清楚",
    "以下",
    "下列",
];

/// Characters ending the sentence a prompt opens.
pub const SENTENCE_END: &[char] = &['。', '；', '！', '？', '\n', ';', '!', '?'];

/// The longest field, in characters, a prompt names; a longer sentence is not a fill-in.
pub const PROMPT_FIELD_MAX: usize = 16;

/// Characters ending the field a prompt names.
pub const FIELD_END: &[char] = &[
    '。', '；', '！', '？', '，', '、', '\n', '\r', '|', '）', ')', '】', ']', '」', '』', '”', '<', '"', '*', ';',
    '!', '?', ',',
];

/// Characters a prompt may follow and still open its sentence (besides the start of the text
/// and white space).
pub const PROMPT_OPENERS: &[char] = &[
    '：', ':', '（', '(', '【', '[', '「', '『', '“', '|', '。', '；', '！', '？', '，', '>', '*', '_', '#', '-', '"',
    '\'',
];

/// Whole bodies that are a placeholder (`正文。`), compared with the body's letters, digits and
/// CJK characters, ASCII in lower case.
pub const BODIES: &[&str] = &[
    "正文",
    "正文内容",
    "内容",
    "文章内容",
    "页面内容",
    "这里是正文",
    "此处是正文",
    "在这里写正文",
    "测试",
    "text",
    "content",
    "body",
    "todo",
    "tbd",
    "xxx",
];

/// Whole titles that are a placeholder, compared after trimming spaces and punctuation; ASCII
/// in lower case.
pub const TITLES: &[&str] = &[
    "标题",
    "新标题",
    "无标题",
    "未命名",
    "未命名页面",
    "未命名文档",
    "新建页面",
    "新页面",
    "新建文章",
    "新文章",
    "新建稿件",
    "测试",
    "测试页面",
    "测试标题",
    "测试文章",
    "文章标题",
    "页面标题",
    "稿件标题",
    "标题名称",
    "示例标题",
    "title",
    "untitled",
    "new page",
    "test",
    "test page",
    "lorem ipsum",
];

/// Punctuation trimmed from a title before it is compared with [`TITLES`] (besides ASCII).
pub const TITLE_PUNCTUATION: &str = "。，、；：？！“”‘’（）《》〈〉【】「」『』…—·～";

/// Names of a cluster that were never replaced (`name:` in `zhanqun.yaml`).
pub const CLUSTER_NAMES: &[&str] = &["新建网站群", "网站群名称"];

/// Domains reserved for examples (RFC 2606 and the Chinese forms): an address there is never a
/// real one. The longest form is matched first.
pub const EXAMPLE_DOMAINS: &[&str] = &[
    "example.gov.cn",
    "example.com.cn",
    "example.org.cn",
    "example.org",
    "example.com",
    "example.net",
    "example.cn",
    "example.edu",
];

/// All-zero registration numbers in page text (`京ICP备00000000号`).
pub const ZERO_NUMBERS: &[&str] = &["ICP备00000000", "公网安备00000000000000", "公网安备 00000000000000"];
