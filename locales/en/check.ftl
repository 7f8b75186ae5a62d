# Checks before the build: disclosure document fields, letters, interviews, and unique URLs and index numbers.
# The front matter is the block of properties between the two `---` lines at the top of a page.

check-index-no-missing = this disclosed document has no 索引号 (`index_no`)
check-index-no-missing-help = add a line to the front matter (between the two `---` lines at the top), e.g. `index_no: { $org }/{ $year }-00001` (use the next free number; `zhanqun new` assigns it)
check-index-no-form = 索引号 `{ $no }` is not in the form <organisation code>/<year>-<number>
check-index-no-form-help = write it like `{ $org }/{ $year }-00001`
check-index-no-other-org = 索引号 `{ $no }` carries organisation code `{ $code }`, not { $site }'s `{ $org }`
check-index-no-other-org-help = a 索引号 starts with the code of the organisation that discloses the document; if another organisation published it, move it to that organisation's site
check-disclosure-no-topic = a disclosed document should have a 主题分类 (`topic`)
check-disclosure-no-topic-help = add a line to the front matter, e.g. `topic: 综合政务`
check-disclosure-no-genre = a disclosed document should have a 体裁分类 (`genre`)
check-disclosure-no-genre-help = add a line to the front matter, e.g. `genre: 通知`
check-doc-number-brackets = 文号 `{ $doc }` must put the year in 〔〕
check-doc-number-brackets-help = write `{ $fixed }`
check-letter-no-received = a published letter needs the day it was received (`received`)
check-letter-no-received-help = add `received: 2024-03-15` (or `来信日期: 2024-03-15`): reply time is counted from it
check-letter-no-category = a published letter needs its category (`category`)
check-letter-no-category-help = add `category: 咨询` (or 投诉, 建议…; `来信类别: 咨询`): the category sets the reply limit
check-letter-reply-before-received = the reply ({ $replied }) is dated before the letter was received ({ $received })
check-letter-reply-before-received-help = correct `replied:` or `received:`
check-letter-date-without-reply = the letter has a reply date but no reply section
check-letter-date-without-reply-help = add a heading `## 回复` (or `## 答复意见`) followed by the reply text
check-letter-reply-without-date = the letter has a reply section but no reply date
check-letter-reply-without-date-help = add `replied: 2024-03-18` (or `回复日期: 2024-03-18`)
check-letter-assigned-unknown = `assigned: { $assigned }` names no site of the cluster
check-letter-assigned-unknown-help = write the department's site id (`jyj`) or its site name, so its monthly figures are counted under it
check-interview-no-guests = an interview needs its guests (`guests`)
check-interview-no-guests-help = add e.g. `guests: [县教育局局长 张三]` (or `嘉宾: …`)
check-interview-no-time = an interview needs the time it took place (`time`)
check-interview-no-time-help = add e.g. `time: 2024-03-15 10:00` (or `访谈时间: …`)
check-duplicate-url = URL { $url } is also produced by { $others }
check-duplicate-url-help = give one of the pages another file name or a `slug:`, e.g. `slug: huiyi-2`
check-duplicate-index-no = 索引号 { $no } is also used by { $others }
check-duplicate-index-no-help = every document keeps its own 索引号 forever; give the newer one the next free number (`zhanqun new` assigns it)
