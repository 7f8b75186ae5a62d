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
check-interprets-broken = `interprets` (解读文件) names `{ $value }`, which does not work: { $reason }
check-interprets-help = write the URL path or the source file of the policy document this page interprets, e.g. `interprets: /xxgk/zcwj/2026-06-15-youhua-cuoshi/` or `interprets: 2026-06-15-youhua-cuoshi.md` (in the same folder as this page); a list for several documents
check-interprets-no-page = no page of the cluster has this URL (a URL path starts with /: the address without the domain)
check-interprets-no-file = there is no page file { $file }
check-interprets-climbs-out = the path climbs out of the content folder
check-interprets-external = this is another website's address; an interpretation can only point to a document this cluster publishes
check-interprets-form = it is neither a URL path starting with / nor a source file ending in .md

## Placeholders (check/placeholder.rs; also reported by zhanqun check)
check-unfinished-title = the title “{ $text }” is a placeholder: the page is not finished
check-unfinished-title-help = write the page's real title in title:, e.g. title: 县政府召开2026年春季森林防火工作会议
check-unfinished-body = the body is still the placeholder “{ $text }”: the page is not finished
check-unfinished-body-help = replace the placeholder with the real content before building; do not commit a page you cannot write yet
check-placeholder-text = the text holds an example value or a fill-in prompt, “{ $text }”, which readers will see
check-placeholder-text-help = replace it with the real address, phone, web address or text; to show an example on purpose, put it in a code block (between ```) or inline code (between `)
check-furniture-placeholder = { $key } is still the example value “{ $value }”, and the website shows it as it is
check-furniture-placeholder-help = change { $key } to your organisation's real details (name, address, phone…)
check-furniture-placeholder-site-code-help = write the 10-digit 网站标识码 the national government website database assigned in site_code:, e.g. site_code: "5203300001"
check-furniture-placeholder-org-code-help = write your organisation's unified social credit code (18 characters) or organisation code in org_code:, e.g. org_code: 11520330MB1730208C; every 索引号 starts with it, so fix it before publishing the first disclosed document
check-furniture-placeholder-icp-help = write the ICP registration number from the MIIT registration system in icp:, e.g. icp: 黔ICP备17003300号-1
check-furniture-placeholder-psb-help = write the public-security registration number in psb:, e.g. psb: 黔公网安备 52033002000001号
check-furniture-placeholder-address-help = write your real domain, web address or mailbox in { $key }, e.g. domain: www.shilixian.gov.cn; domains such as example.gov.cn and example.org only serve as examples
check-furniture-placeholder-email-help = write your organisation's real public mailbox in email: under contact:, e.g. email: bgs@shilixian.gov.cn; addresses at example.gov.cn or example.org only serve as examples

## Vocabularies and dates of disclosed documents (check/vocabulary.rs)
check-vocabulary-topic = the 主题分类 “{ $value }” is not in the cluster's list of topics
check-vocabulary-genre = the 体裁分类 “{ $value }” is not in the cluster's list of genres
check-vocabulary-valid = the 有效性 “{ $value }” is not a value the cluster allows
check-vocabulary-near-help = did you mean “{ $near }”? Write { $key }: { $near }
check-vocabulary-choices-help = write one of these after { $key }: { $choices }. Where the province prescribes other values, the operator adjusts the list in vocabularies.{ $key } of zhanqun.yaml
check-written-after-date = the 成文日期 { $written } is after the publish date { $date }: a document is written before it is published
check-written-after-date-help = check both dates: written: (成文日期) is the day the document was signed, date: (发布日期) the day it appears on the website; the 成文日期 cannot be after { $date }
check-replaced-by-not-disclosure = names a replacement, “{ $target }”, but only documents in the disclosure columns show one
check-replaced-by-not-disclosure-help = move this document into a disclosure column, or remove the replaced_by: (替代文件:) line
check-replaced-by-in-force = names a replacement while its 有效性 is “{ $valid }”
check-replaced-by-in-force-help = a replaced document is no longer in force: set valid: (有效性:) to one of { $ended }; if it is still in force, remove the replaced_by: line
