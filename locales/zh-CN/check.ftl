# 生成前的检查：信息公开文件的属性、互动交流信件、访谈，以及网址和索引号不得重复。
# 前置元数据即页面开头两行 `---` 之间的属性区。

check-index-no-missing = 这篇公开文件缺少索引号（`index_no`）
check-index-no-missing-help = 在页面开头两行 `---` 之间的属性区加一行，例如 `index_no: { $org }/{ $year }-00001`（把 00001 换成下一个未用的序号；`zhanqun new` 新建页面时会自动分配）
check-index-no-form = 索引号 `{ $no }` 的格式不对，应为“机构代码/年份-序号”
check-index-no-form-help = 请写成 `{ $org }/{ $year }-00001` 这样的形式
check-index-no-other-org = 索引号 `{ $no }` 的机构代码是 `{ $code }`，而 { $site } 的机构代码是 `{ $org }`
check-index-no-other-org-help = 索引号要以发布这篇文件的机构的代码开头；如果文件确实是别的机构发布的，请放到那个机构的站点下
check-disclosure-no-topic = 这篇公开文件最好写明主题分类（`topic`）
check-disclosure-no-topic-help = 在页面开头的属性区加一行，例如 `topic: 综合政务`
check-disclosure-no-genre = 这篇公开文件最好写明体裁分类（`genre`）
check-disclosure-no-genre-help = 在页面开头的属性区加一行，例如 `genre: 通知`
check-doc-number-brackets = 文号 `{ $doc }` 中的年份要用六角括号〔〕括起来
check-doc-number-brackets-help = 请写成 `{ $fixed }`
check-letter-no-received = 已公开的来信缺少来信日期（`received`）
check-letter-no-received-help = 加一行 `received: 2024-03-15`（也可写 `来信日期: 2024-03-15`）：答复时限从这一天算起
check-letter-no-category = 已公开的来信缺少来信类别（`category`）
check-letter-no-category-help = 加一行 `category: 咨询`（也可以是 投诉、建议 等；或写 `来信类别: 咨询`）：类别决定答复时限
check-letter-reply-before-received = 回复日期（{ $replied }）早于来信日期（{ $received }）
check-letter-reply-before-received-help = 请核对并改正 `replied:`（回复日期）或 `received:`（来信日期）
check-letter-date-without-reply = 这封来信写了回复日期，但正文里没有回复内容
check-letter-date-without-reply-help = 在正文里加一个标题 `## 回复`（或 `## 答复意见`），下面写回复内容
check-letter-reply-without-date = 这封来信有回复内容，但没有写回复日期
check-letter-reply-without-date-help = 加一行 `replied: 2024-03-18`（也可写 `回复日期: 2024-03-18`）
check-letter-assigned-unknown = `assigned: { $assigned }` 不是本站群的任何站点
check-letter-assigned-unknown-help = 请写承办部门的站点代号（例如 `jyj`）或站点名称，这样它的月度统计才会算到这个部门名下
check-interview-no-guests = 访谈缺少嘉宾（`guests`）
check-interview-no-guests-help = 加一行，例如 `guests: [县教育局局长 张三]`（也可写 `嘉宾: …`）
check-interview-no-time = 访谈缺少访谈时间（`time`）
check-interview-no-time-help = 加一行，例如 `time: 2024-03-15 10:00`（也可写 `访谈时间: …`）
check-duplicate-url = 网址 { $url } 和 { $others } 生成的网址相同
check-duplicate-url-help = 给其中一个页面换一个文件名，或在属性区写 `slug:` 指定另一个网址，例如 `slug: huiyi-2`
check-duplicate-index-no = 索引号 { $no } 也被 { $others } 使用
check-duplicate-index-no-help = 每篇文件的索引号终身不变、不能重复；请给较新的那篇换成下一个未用的序号（`zhanqun new` 会自动分配）
check-interprets-broken = `interprets`（解读文件）写的「{ $value }」不能用：{ $reason }
check-interprets-help = 写所解读的政策文件的网址路径或源文件路径，例如 `interprets: /xxgk/zcwj/2026-06-15-youhua-cuoshi/` 或 `解读文件: 2026-06-15-youhua-cuoshi.md`（与本页在同一目录时）；解读多份文件时写成列表
check-interprets-no-page = 站群里没有这个网址的页面（网址路径从 / 开始，即网页地址去掉域名的部分）
check-interprets-no-file = 没有 { $file } 这个页面文件
check-interprets-climbs-out = 这个路径跳出了 content 目录
check-interprets-external = 这是别的网站的地址，解读只能关联本站群发布的文件
check-interprets-form = 既不是以 / 开头的网址路径，也不是以 .md 结尾的源文件路径

## Placeholders (check/placeholder.rs; also reported by zhanqun check)
check-unfinished-title = 标题「{ $text }」是占位文字，页面还没有写完
check-unfinished-title-help = 在属性区的 title: 中写上这篇稿件真正的标题，例如 title: 县政府召开2026年春季森林防火工作会议
check-unfinished-body = 正文还是占位文字「{ $text }」，页面还没有写完
check-unfinished-body-help = 把占位文字换成实际内容后再生成；暂时写不出内容的页面，先不要提交
check-placeholder-text = 正文中有示例值或待填写的提示「{ $text }」，读者会看到它
check-placeholder-text-help = 换成真实的地址、电话、网址或内容；确实要展示示例时，请放进代码块（用 ``` 包围）或行内代码（用 ` 包围）
check-furniture-placeholder = { $key } 还是示例值「{ $value }」，网站上会照样显示出来
check-furniture-placeholder-help = 把 { $key } 改成本单位真实的信息（名称、地址、电话等）
check-furniture-placeholder-site-code-help = 在 site_code: 中填写全国政府网站基本信息数据库分配的 10 位网站标识码，例如 site_code: "5203300001"
check-furniture-placeholder-org-code-help = 在 org_code: 中填写本单位的统一社会信用代码（18 位）或组织机构代码，例如 org_code: 11520330MB1730208C；索引号以它开头，发布第一篇公开文件之前就要改好
check-furniture-placeholder-icp-help = 在 icp: 中填写工业和信息化部备案系统中的 ICP 备案号，例如 icp: 黔ICP备17003300号-1
check-furniture-placeholder-psb-help = 在 psb: 中填写公安机关备案号，例如 psb: 黔公网安备 52033002000001号
check-furniture-placeholder-address-help = 在 { $key } 中填写本单位真实的域名、网址或邮箱，例如 domain: www.shilixian.gov.cn；example.gov.cn、example.org 这样的域名只用于举例
check-furniture-placeholder-email-help = 在 contact: 下的 email: 中填写本单位对外公开的真实邮箱，例如 email: bgs@shilixian.gov.cn；example.gov.cn、example.org 这样的邮箱只用于举例

## Vocabularies and dates of disclosed documents (check/vocabulary.rs)
check-vocabulary-topic = 主题分类「{ $value }」不在本站群的主题分类表中
check-vocabulary-genre = 体裁分类「{ $value }」不在本站群的体裁分类表中
check-vocabulary-valid = 有效性「{ $value }」不是本站群允许的值
check-vocabulary-near-help = 是不是要写「{ $near }」？请改成 { $key }: { $near }
check-vocabulary-choices-help = 请从下列值中选一个写在 { $key }: 后面：{ $choices }。本省另有规定时，由管理员在 zhanqun.yaml 的 vocabularies.{ $key } 中调整这张表
check-written-after-date = 成文日期 { $written } 晚于发布日期 { $date }：文件要先成文才能发布
check-written-after-date-help = 核对两个日期：written:（成文日期）是文件签发的日期，date:（发布日期）是在网站上公开的日期，成文日期不能晚于 { $date }
check-replaced-by-not-disclosure = 写了替代文件「{ $target }」，但只有政府信息公开栏目中的文件才显示替代文件
check-replaced-by-not-disclosure-help = 把这篇文件放到政府信息公开的栏目中，或删去 replaced_by:（替代文件:）这一行
check-replaced-by-in-force = 写了替代文件，有效性却是「{ $valid }」
check-replaced-by-in-force-help = 被替代的文件已不再有效：把 valid:（有效性:）改成 { $ended } 中的一个；如果文件仍然有效，请删去 replaced_by: 这一行
