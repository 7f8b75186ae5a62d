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
