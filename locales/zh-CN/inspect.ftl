# zhanqun check：按《政府网站与政务新媒体检查指标》检查站群。
# 规则代码（stale-column 等）、指标代码和 JSON 报告的键不翻译；这里只放给人看的文字。

## 问题的分级

inspect-level-veto = 单项否决
inspect-level-scored = 扣分项
inspect-level-advice = 建议

## 检查指标（括号里是指标的正式名称）

inspect-indicator-not-updated = 栏目不更新
inspect-indicator-home-not-updated = 首页不更新
inspect-indicator-blank-column = 空白栏目
inspect-indicator-site-identity = 网站标识
inspect-indicator-broken-link = 链接不可用
inspect-indicator-external-link = 外部链接
inspect-indicator-disclosure = 政府信息公开
inspect-indicator-services = 办事服务不实用
inspect-indicator-wording = 严重表述错误
inspect-indicator-privacy = 隐私泄露
inspect-indicator-maintenance = 内容维护
inspect-indicator-interaction = 互动回应差
inspect-indicator-interpretation = 解读回应
inspect-indicator-false-date = 伪造发稿日期
inspect-indicator-other = 其他

## 文字报告

inspect-report-title = { $cluster } 检查报告（按 { $today } 计）
inspect-report-site = { $name }（{ $id }）  单项否决 { $veto }  扣分项 { $scored }  建议 { $advice }
inspect-report-suggestion = 修改方法：{ $suggestion }
inspect-report-suppressed = 已按 zhanqun.yaml 例外处理 { $count } 项：
inspect-report-reason = （理由：{ $reason }）
inspect-report-total = 合计：单项否决 { $veto }，扣分项 { $scored }，建议 { $advice }

## 检查报告网页（看板）

inspect-dashboard-title = { $cluster } 检查看板（{ $today }）
inspect-dashboard-heading = { $cluster } 检查看板
inspect-dashboard-summary = 按 { $today } 计：单项否决 <strong>{ $veto }</strong> 项，扣分项 <strong>{ $scored }</strong> 项，建议 { $advice } 项。
inspect-dashboard-legend = 红色 = 有单项否决，黄色 = 有扣分项，绿色 = 没有问题。
inspect-dashboard-region = 站点与指标
inspect-dashboard-caption = 各站点检查结果
inspect-dashboard-site = 站点
inspect-dashboard-updates = 近 12 个月更新
inspect-dashboard-cell-veto = 否决 { $count }
inspect-dashboard-cell-scored = 扣分 { $count }
inspect-dashboard-cell-advice = 建议 { $count }
inspect-dashboard-no-findings = 没有发现问题。
inspect-dashboard-more = 另有 { $count } 项没有列出，完整清单请用 <code>zhanqun check --format json</code> 查看。
inspect-dashboard-chart = { $site }近 12 个月每月更新数：{ $months }
inspect-dashboard-chart-month = { $month }：{ $count } 篇
inspect-dashboard-chart-sep = ，

## 列举时的分隔符

inspect-list-sep = 、

## 栏目、首页

inspect-blank-column = 栏目「{ $name }」（{ $path }）没有任何内容
inspect-blank-column-help = 在 content/{ $site }/{ $path }/ 下发布内容；如果这个栏目确实没有内容可发，请在 zhanqun.yaml 的 check.exceptions 中写明例外理由
inspect-stale-column = 栏目「{ $name }」（{ $path }）最近一次更新是 { $newest }，已经 { $age } 天没有更新（要求 { $days } 天内更新）
inspect-stale-column-help = 在 { $days } 天内发布新内容
inspect-stale-columns-veto = { $site }有 { $count } 个不更新栏目，达到单项否决线（{ $limit } 个）
inspect-blank-columns-veto = { $site }有 { $count } 个空白栏目，达到单项否决线（{ $limit } 个）
inspect-home-stale = { $site }首页 { $limit } 天内没有新内容（{ $last }）
inspect-home-stale-never = 从来没有更新过
inspect-home-stale-last = 最近一次是 { $date }
inspect-home-stale-help = 在首页展示的栏目中发布新内容

## 网站标识（sites/*.yaml）

inspect-furniture-site-code = 网站标识码 `{ $code }` 不是 10 位数字（或 bm 加 8 位数字）
inspect-furniture-site-code-inherited = ；没有自己网站标识码的 { $count } 个站点沿用它，改正后它们一起改正
inspect-furniture-site-code-help = 在 site_code: 中填写全国政府网站基本信息数据库分配的网站标识码，例如 site_code: "5203300001"
inspect-furniture-sponsor = 缺少主办单位
inspect-furniture-sponsor-help = 在 sponsor: 中填写主办单位，例如 sponsor: 某某县人民政府办公室
inspect-furniture-contact = 缺少联系方式（电话或地址）
inspect-furniture-contact-help = 在 contact: 中填写 phone（电话）和 address（地址）
inspect-furniture-icp = ICP备案号 `{ $value }` 的格式不对
inspect-furniture-icp-help = 按备案时取得的号码填写 icp:，形如 黔ICP备17003300号-1
inspect-furniture-psb = 公安机关备案号 `{ $value }` 的格式不对
inspect-furniture-psb-help = 按备案时取得的号码填写 psb:，形如 黔公网安备 52033002000001号

## 日期、复核、模板

inspect-future-date = 发布日期 { $date } 晚于定时发布窗口（今天起 { $days } 天内）
inspect-future-date-help = 填写真实的发布日期；定时发布的日期不要超出窗口期
inspect-review-due = 「{ $title }」应在 { $due } 复核，已经过期
inspect-review-due-help = 复核内容后，把 reviewed: 改为复核的日期，例如 reviewed: { $today }
inspect-no-date = 模板 { $template } 不显示发布日期
inspect-no-date-help = 在模板中输出 {"{{ article.date }}"}

## 链接

inspect-external-link = 外部链接 { $href }
inspect-no-anchor-here = 本页没有锚点 #{ $anchor }
inspect-no-anchor = { $path } 没有锚点 #{ $anchor }
inspect-broken-link = 链接 { $href } 不可用：{ $reason }
inspect-broken-link-help = 改为站内存在的页面地址，或删除这个链接

## 互动交流

inspect-letter-veto-late = 咨询「{ $title }」{ $received } 收到，{ $replied } 才回复，超过了 { $months } 个月
inspect-letter-veto-open = 咨询「{ $title }」{ $received } 收到，至今超过 { $months } 个月没有回复
inspect-letter-veto-help = 请立即回复并公开；咨询类留言必须在时限内答复
inspect-letter-overdue = { $category }「{ $title }」{ $received } 收到，应在 { $due } 前回复（{ $days } 个工作日），至今没有回复
inspect-letter-overdue-help = 回复后在页面开头的属性区填写 replied: 回复日期，并在正文加入“## 回复”一节

## 办事指南

inspect-guide-missing-required = 办事指南缺少必备要素「{ $element }」
inspect-guide-missing-required-or = 办事指南缺少必备要素「{ $element }」（或{ $synonyms }）
inspect-guide-missing-recommended = 办事指南缺少要素「{ $element }」
inspect-guide-missing-recommended-or = 办事指南缺少要素「{ $element }」（或{ $synonyms }）
inspect-guide-missing-help = 增加一项「{ $element }」并填写内容：可以写成标题（## { $element }）、加粗标签、表头，或以“{ $element }：”开头的一行
inspect-guide-placeholder = 办事指南含有占位文字「{ $text }」，内容没有填写或没有同步
inspect-guide-placeholder-help = 填写实际内容，或从政务服务平台重新同步这份指南

## 空白页面

inspect-page-empty = 页面正文是空的
inspect-page-empty-help = 填写正文内容，或删除这个页面
inspect-page-placeholder = 页面只有占位文字「{ $text }」（除占位文字外只有 { $rest } 个字）
inspect-page-placeholder-help = 发布实际内容；栏目确实没有内容时，请在 zhanqun.yaml 的 check.exceptions 中写明例外理由

## 个人信息

inspect-privacy-id = 没有隐去部分数字的居民身份证号码 { $masked }
inspect-privacy-mobile = 没有隐去部分数字的手机号码 { $masked }
inspect-privacy-help = 隐去中间的数字，写成 { $masked }，或删除这个号码

## 错敏词

inspect-wording = 「{ $wrong }」应为「{ $right }」
inspect-wording-note = 「{ $wrong }」应为「{ $right }」：{ $note }
inspect-wording-help = 改为「{ $right }」
inspect-wording-reproduced = { $finding }（{ $why }，是照原文转载的文件，仅作提示，不计分）
inspect-wording-reproduced-help = 原文如此就不要改；如果是录入时打错了，改为「{ $right }」。如果这其实是本站群自己的文件，把发布机构写成本站群的机构（或在 zhanqun.yaml 的 organisations 中列出这个机构），或者写上 `转载: 否`
inspect-reproduced-flagged = 页面写了 `转载: 是`
inspect-reproduced-publisher = 发布机构“{ $publisher }”不是本站群的机构
inspect-wording-cannot-read = 无法读取错敏词词典 { $file }：{ $reason }
inspect-wording-cannot-read-help = check.wording 列出的是相对于站群根目录的 YAML 文件，例如 check.wording: [wording/local.yaml]
inspect-wording-too-large = 错敏词词典太大，无法载入：{ $reason }
inspect-wording-too-large-help = 减少 check.wording 所列词典中的词条
inspect-wording-format-help = 错敏词词典是一个列表，每项写成 {"{"} wrong: 错误写法, right: 正确写法, level: veto, note: 说明 {"}"}；level 可以是 veto、scored、advice 或 off
inspect-wording-empty-wrong = 错敏词词典中有一项的 wrong（错误写法）是空的
inspect-wording-empty-wrong-help = 在 wrong: 中写要查找的错误写法，例如 wrong: 攻府
inspect-wording-no-right = 错敏词“{ $wrong }”没有写正确写法
inspect-wording-no-right-help = 在 right: 中写正确写法（不能与 wrong 相同），例如 right: 政府
inspect-wording-bad-except = 错敏词“{ $wrong }”的例外写法“{ $except }”中不含“{ $wrong }”
inspect-wording-bad-except-help = except 中写的是包含错误写法、但本身正确的较长写法，例如 wrong: 环境保护部 的例外写 except: [环境保护部门]

## 本站群的领导姓名、机构名称和地名

inspect-name-person-titled = 「{ $found }」疑为{ $title }「{ $right }」的姓名写错了：领导姓名写错属于严重表述错误
inspect-name-person = 「{ $found }」疑为「{ $right }」的姓名写错了：领导姓名写错属于严重表述错误
inspect-name-place = 「{ $found }」疑为「{ $right }」写错了：机构名称和地名写错属于严重表述错误
inspect-name-help = 改为「{ $right }」。如果这确实是另一个人、另一个机构或地方，在 zhanqun.yaml 的 check.exceptions 中为这个文件写明理由（rule: name-misspelt）

## zhanqun.yaml 的 check: 部分

inspect-cannot-load = 站群无法读取
inspect-config-invalid = zhanqun.yaml 的 check: 部分写得不对：{ $reason }
inspect-config-invalid-help = check: 下可以写 rules、exceptions、wording、guide 以及各项阈值，写法见 docs/ 下运维手册中 zhanqun check 一节
inspect-config-unknown-rule = check.rules 下的规则 `{ $rule }` 不存在
inspect-config-did-you-mean = 您是不是想写 `{ $suggestion }`？
inspect-config-known-rules = 可用的规则有：{ $rules }
inspect-config-bad-level = 规则 `{ $rule }` 的级别 `{ $level }` 无效
inspect-config-bad-level-help = 级别只能是 veto（单项否决）、scored（扣分项）或 advice（建议），例如 level: scored
inspect-config-exception-unknown-rule = check.exceptions 中有一条例外针对的规则 `{ $rule }` 不存在
inspect-config-exception-no-reason = 站点 { $site } 对规则 `{ $rule }` 的例外没有写理由
inspect-config-exception-no-reason-help = 每条例外都要在 reason: 中写明检查人员能看懂的理由，例如 reason: 乡镇不设互动交流栏目，由县门户统一受理

# 信息公开的年度报告、政策解读、依申请公开（栏目 role 与 interprets）
inspect-list-separator = ；
inspect-role-separator = 、
inspect-role-label = { $code }（{ $name }）
inspect-role-annual-report = 年报
inspect-role-website-report = 年度报表
inspect-role-policy = 政策文件
inspect-role-interpretation = 解读
inspect-role-on-request = 依申请公开
inspect-what-annual-report = 政府信息公开工作年度报告
inspect-what-website-report = 政府网站工作年度报表
inspect-basis-annual-report = 《政府信息公开条例》第四十九条
inspect-basis-website-report = 《政府网站发展指引》（国办发〔2017〕47号）
inspect-report-missing = { $site }的 { $year } 年{ $what }应在 { $deadline } 前发布（{ $basis }），栏目「{ $name }」（{ $path }）里至今没有
inspect-report-missing-help = 在 { $dir } 发布，标题写明年份，例如「{ $example }」；发布日期写实际发布的那一天
inspect-report-late = { $site }的 { $year } 年{ $what } { $date } 才发布，晚于规定的 { $deadline }（{ $basis }）
inspect-report-late-help = 已发布的日期不能改；下一年度的请在 { $next } 前发布
inspect-policy-no-interpretation = 政策文件「{ $title }」{ $date } 发布，应在 { $days } 个工作日内（最迟 { $due }）发布解读并与文件关联，至今没有解读关联到它
inspect-policy-interpretation-column = 发在 { $dir }，
inspect-policy-no-interpretation-help = 发布解读（{ $place }体裁分类写「解读」），在解读页开头的属性区写一行 `interprets: { $url }`；已有解读的，在那篇解读上加这一行。确实不需要解读的文件，在 zhanqun.yaml 的 check.exceptions 里按文件写明理由
inspect-interpretation-unlinked = 解读「{ $title }」没有写明它解读的是哪份文件
inspect-interpretation-unlinked-help = 在页面开头的属性区加一行 `interprets:`（解读文件），后接所解读文件的网址路径，例如 `interprets: /xxgk/zcwj/2026-06-15-youhua-cuoshi/`
inspect-on-request-missing = { $site }没有依申请公开栏目（role: on-request），公众找不到申请公开政府信息的入口
inspect-on-request-missing-help = 在「{ $under }」下设一个依申请公开栏目：在 columns.yaml（或本站 sites/{ $id }.yaml 的 columns）加一个写 role: on-request 的栏目，写明受理机构、地址、电话、办公时间和申请方式，并提供申请表
inspect-column-roles-missing = 没有栏目标明这些 role，相应的检查（年报、年度报表、政策解读、依申请公开）没有进行：{ $roles }
inspect-column-roles-help = 在 columns.yaml 里给承担这些内容的栏目加一行 role，例如 `role: annual-report`；站群还没有这样的栏目的，按需要新建
inspect-column-roles-help-guess = 在 columns.yaml 里给承担这些内容的栏目加一行 role：{ $guesses }
inspect-column-roles-guess = { $path }（{ $name }）写 role: { $code }
inspect-column-roles-site = { $site }没有标明 { $role } 的栏目，无法检查它的{ $what }是否按时发布
inspect-column-roles-site-help = 在 sites/{ $id }.yaml 的 columns 里加一个本站栏目并写 role: { $code }，或在 columns.yaml 里让这个栏目也适用于这类子站（sites:）
