# 读取稿件：编码、属性区（前置元数据）、日期、文件名、正文里的 HTML；以及 YAML 文件的格式错误。

## 属性区

parse-no-front-matter = 页面开头没有属性区（前置元数据：页面开头两行 `---` 之间写标题、发布日期等属性的地方）
parse-no-front-matter-help = 第一行写 `---`，接着写 `title: 文章标题` 和 `date: 2026-03-05` 两行，再写一行 `---`，正文从下一行开始
parse-front-matter-not-closed = 属性区没有结束：开头的 `---` 之后找不到另一行 `---`
parse-front-matter-not-closed-help = 在最后一个属性（如 `date: 2026-03-05`）的下一行单独写 `---`，正文从它之后开始
parse-front-matter-not-mapping = 属性区的内容不是“属性名: 值”的格式
parse-front-matter-not-mapping-help = 每行写一个属性，例如 `title: 文章标题` 和 `date: 2026-03-05`（冒号用半角，冒号后空一格）
parse-unknown-key = 不认识的属性名 `{ $key }`，这一行被忽略了
parse-unknown-key-did-you-mean = 是不是想写 `{ $near }`？
parse-unknown-key-help = 请删除这一行，或核对属性名的写法（如 `title`/`标题`、`date`/`发布日期`）
parse-key-repeated = `{ $key }` 和前面的 `{ $canon }` 是同一个属性，重复了
parse-key-repeated-help = 英文属性名和它的中文名只保留一个
parse-not-text = `{ $key }` 的值应当是一段文字
parse-not-text-help = 写成一行 `{ $key }: 文字`；文字里有 `: ` 时，用半角引号把整段文字括起来
parse-not-yes-no = `{ $key }` 的值只能是“是”或“否”，这里写的是 `{ $value }`
parse-not-yes-no-help = { $canon ->
    [draft] 草稿暂不发布就写 `草稿: 是`（或 `draft: true`）；要发布就删掉这一行，或写 `草稿: 否`
   *[other] 写 `{ $key }: 是` 或 `{ $key }: 否`（也可写 true 或 false）；不需要时删掉这一行
}
parse-no-title = 页面没有标题
parse-no-title-help = 在属性区加一行 `title: 文章标题`（也可以写 `标题: 文章标题`）
parse-no-date = 页面没有发布日期
parse-no-date-help = 在属性区加一行 `date: 2026-03-05`（也可以写 `发布日期: 2026-03-05`）；每条信息都要显示发布日期
parse-date-format = `{ $key }: { $value }` 不是能识别的日期写法
parse-date-format-help = 请写成 年-月-日，例如 `{ $key }: 2026-03-05`。也可以写 `2026-3-5`、`2026/3/5`、`2026.3.5`、`2026年3月5日` 或 `二〇二六年三月五日`；要写时间时，在日期后空一格写 时:分，例如 `2026-03-05 10:30`
parse-date-not-on-calendar = `{ $key }: { $value }` 不是日历上存在的日期或时间
parse-date-not-on-calendar-help = 请核对月份和日子（例如 2 月只有 28 天，闰年 29 天；4、6、9、11 月只有 30 天），时间在 00:00 到 23:59 之间
parse-attachment-no-path = 附件缺少文件路径
parse-attachment-no-path-help = 写成 `attachments: [{"{"}title: 申请表, path: shenqingbiao.pdf{"}"}]`，文件放在本页 Markdown 文件旁边

## 输入法、Word、WPS、记事本造成的格式问题

parse-tab-indent = 第 { $line } 行第 { $column } 列用了制表符（Tab 键）缩进；这里只能用空格缩进
parse-tab-indent-help = 把行首的制表符换成空格（每一级缩进两个空格）；编辑器里可以打开“显示空白字符”查看
parse-full-width-space = 第 { $line } 行第 { $column } 列有全角空格“　”（中文输入法的空格），这里只能用半角空格
parse-full-width-space-help = 把全角空格删掉或换成半角空格；属性名和冒号之间不要有空格，冒号之后空一个半角空格，例如 `title: 文章标题`
parse-full-width-colon = 第 { $line } 行第 { $column } 列的冒号“：”是全角冒号（中文输入法打出的），属性名后面要用半角冒号
parse-full-width-colon-help = 把“：”改成半角冒号 `:`，冒号后空一格，这一行应写成 `{ $example }`
parse-full-width-in-key = 第 { $line } 行第 { $column } 列，属性名 `{ $key }` 里有全角符号“{ $mark }”
parse-full-width-in-key-help = 属性名只写文字本身（如 `title` 或 `标题`），去掉全角符号，后面跟半角冒号和空格

## 文件编码

parse-encoding-utf16 = 文件是 { $encoding } 编码（记事本“另存为”里叫“Unicode”），不是 UTF-8
parse-encoding-utf16-help = 在记事本或 WPS 里“另存为”，编码选“UTF-8”；或者运行 `iconv -f { $from } -t UTF-8 { $path } -o { $path }.utf8 && mv { $path }.utf8 { $path }`
parse-encoding-gbk = 文件是 GBK/GB18030 编码，不是 UTF-8
parse-encoding-gbk-help = 在编辑器里“另存为”，编码选“UTF-8”；或者运行 `iconv -f GB18030 -t UTF-8 { $path } -o { $path }.utf8 && mv { $path }.utf8 { $path }`
parse-encoding-not-utf8 = 文件不是 UTF-8 编码，从这一行开始无法读取
parse-encoding-not-utf8-help = 在编辑器里“另存为”，编码选“UTF-8”

## YAML 文件（站点、栏目、站群设置）

parse-yaml-unknown-value = `{ $field }: { $value }` 不是允许的值
parse-yaml-unknown-value-help = `{ $field }` 只能写以下英文值之一：{ $allowed }
parse-yaml-unknown-field = 不认识的设置项 `{ $key }`
parse-yaml-unknown-field-help = 可以写的设置项有：{ $allowed }；请核对拼写
parse-yaml-missing-field = 缺少必填的设置项 `{ $key }`
parse-yaml-missing-field-help = 加一行 `{ $key }: …`
parse-yaml-invalid = YAML 格式有误（第 { $column } 列），解析器的原话是「{ $detail }」
parse-yaml-invalid-help = 请检查缩进（只用空格）和引号；以 `[`、`{"{"}`、`*`、`&` 开头或含有 `: ` 的值要用半角引号括起来
parse-yaml-wrong-type = `{ $field }` 的值“{ $value }”类型不对
parse-yaml-wrong-type-help = `{ $field }` 这里要写{ $expected }
parse-yaml-kind-integer = 整数（阿拉伯数字，例如 14，不要写成“十四”）
parse-yaml-kind-number = 数字（阿拉伯数字，例如 1.5）
parse-yaml-kind-boolean = true（是）或 false（否）
parse-yaml-kind-text = 文字（含特殊符号时用半角引号括起来）
parse-yaml-kind-list = 列表：每项一行，以“- ”开头，或写成 [甲, 乙]
parse-yaml-kind-map = 下一级设置：另起一行，缩进两个空格写“键: 值”
parse-yaml-kind-empty = 空值

## 栏目与文件名

parse-unknown-column = 没有 `{ $column }` 这个栏目
parse-column-not-in-convention = 按照站群的栏目规范，{ $kind }类站点没有 `{ $column }` 栏目
parse-kind-portal = 门户
parse-kind-department = 部门
parse-kind-township = 乡镇（街道）
parse-column-nearest-help = 最接近的栏目是 `{ $nearest }`：请把文件移到 content/{ $site }/{ $nearest }/
parse-column-list-help = { $site } 的栏目有：{ $columns }
parse-cannot-read = 无法读取文件：{ $reason }
parse-single-page-column = `{ $column }` 是单页栏目，它唯一的页面必须叫 index.md
parse-single-page-column-help = 把文件改名为 content/{ $site }/{ $column }/index.md
parse-list-column-index = `{ $column }` 是列表栏目，index.md 只用于单页栏目
parse-list-column-index-help = 给文件起自己的名字，例如 2026-03-05-gongzuo-dongtai.md
parse-slug-space = 空格
parse-bad-file-name = 文件名 `{ $name }` 里有不允许的字符：{ $chars }
parse-bad-file-name-help = 文件名（去掉 .md 就是网址的最后一段）只能用汉字、英文字母、数字、`-`、`_` 和 `.`，不能有空格和其他符号；用 - 代替空格，例如改名为 `{ $fixed }`
parse-bad-slug = `slug: { $slug }` 里有不允许的字符：{ $chars }
parse-bad-slug-help = slug（网址的最后一段）只能用汉字、英文字母、数字、`-`、`_` 和 `.`，不能有空格和其他符号；用 - 代替空格
parse-report-segment = `{ $slug }` 是本栏目每月“来信办理情况通报”的网址，来信页面不能用它
parse-report-segment-help = 给文件改个名字，或另设 `slug:`
parse-changed-during-build = 生成期间文件被改动了
parse-changed-during-build-help = 保存好文件后重新生成

## 正文

parse-removed-html = 已删除{ $what }
parse-removed-html-help = 页面里不允许脚本、框架、事件属性、内联样式和 javascript: 链接；需要时请链接到相应资源
parse-removed-link = 已删除指向 `{ $url }` 的链接：只允许 http、https、mailto 和 tel 链接
parse-removed-link-help = 链接到本站页面或 http(s) 网址
parse-img-no-alt = 图片 `{ $src }` 没有 alt 替代文字，视障读者用读屏软件听不到图片内容（无障碍要求）
parse-img-no-alt-help = 给图片加上描述文字，例如 `<img src="tu.png" alt="会议现场照片">`；纯装饰的图片写 `alt=""`
parse-removal-element = <{ $tag }> 元素
parse-removal-event = <{ $tag }> 上的事件属性 `{ $name }`
parse-removal-style = <{ $tag }> 上的 `style` 属性
parse-removal-url = <{ $tag }> 上 `{ $name }` 的网址 `{ $url }`
parse-gongwen-unknown-part = “{ $name }”不是公文部分的名称，这一行按普通文字显示
parse-gongwen-unknown-part-help = `:::` 后面可以写：主送、附件、落款、抄送。例如落款：
    ::: 落款
    示例县人民政府办公室
    2026年3月1日
    :::
parse-office-paste = 从 Word 或 WPS 粘贴的格式已在生成时转换（源文件未改动）：{ $what }；字体、字号、缩进和空格等格式已去掉
parse-office-paste-help = 以后可以直接用 Markdown 的公文写法，不必粘贴格式，见编辑手册“公文的主送机关、附件说明、落款和抄送”。例如落款：
    ::: 落款
    示例县人民政府办公室
    2026年3月1日
    :::
parse-office-paste-parts = { $parts }按公文格式排版
parse-office-paste-no-parts = 没有需要按公文格式排版的部分
parse-gongwen-part-recipients = 主送机关
parse-gongwen-part-attachments = 附件说明
parse-gongwen-part-signature = 右对齐的落款
parse-gongwen-part-copy-to = 抄送
