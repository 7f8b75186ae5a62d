# zhanqun check: the cluster against the national inspection indicators for government websites.
# Rule codes (stale-column…), indicator codes and the keys of the JSON report are not translated;
# only the text people read is here.

## Levels of a finding

inspect-level-veto = Veto
inspect-level-scored = Scored
inspect-level-advice = Advice

## Inspection indicators

inspect-indicator-not-updated = Column not updated
inspect-indicator-home-not-updated = Home page not updated
inspect-indicator-blank-column = Blank column
inspect-indicator-site-identity = Site identification
inspect-indicator-broken-link = Broken link
inspect-indicator-external-link = External link
inspect-indicator-disclosure = Government information disclosure
inspect-indicator-services = Online services not usable
inspect-indicator-wording = Serious wording error
inspect-indicator-privacy = Personal data exposed
inspect-indicator-maintenance = Content maintenance
inspect-indicator-interaction = Poor response to the public
inspect-indicator-interpretation = Interpretation of policies
inspect-indicator-false-date = Falsified publish date
inspect-indicator-other = Other

## Text report

inspect-report-title = { $cluster } inspection report (as of { $today })
inspect-report-site = { $name } ({ $id })  veto { $veto }  scored { $scored }  advice { $advice }
inspect-report-suggestion = How to fix: { $suggestion }
inspect-report-suppressed = { $count ->
        [one] { $count } finding excepted in zhanqun.yaml:
       *[other] { $count } findings excepted in zhanqun.yaml:
    }
inspect-report-reason = {" "}(reason: { $reason })
inspect-report-total = Total: veto { $veto }, scored { $scored }, advice { $advice }

## Dashboard page

inspect-dashboard-title = { $cluster } inspection dashboard ({ $today })
inspect-dashboard-heading = { $cluster } inspection dashboard
inspect-dashboard-summary = As of { $today }: <strong>{ $veto }</strong> veto findings, <strong>{ $scored }</strong> scored findings, { $advice } pieces of advice.
inspect-dashboard-legend = Red = a veto finding, amber = scored findings, green = no problem.
inspect-dashboard-region = Sites and indicators
inspect-dashboard-caption = Results by site
inspect-dashboard-site = Site
inspect-dashboard-updates = Updates, last 12 months
inspect-dashboard-cell-veto = veto { $count }
inspect-dashboard-cell-scored = scored { $count }
inspect-dashboard-cell-advice = advice { $count }
inspect-dashboard-no-findings = No problem found.
inspect-dashboard-more = { $count ->
        [one] { $count } more is not listed; see the full list with <code>zhanqun check --format json</code>.
       *[other] { $count } more are not listed; see the full list with <code>zhanqun check --format json</code>.
    }
inspect-dashboard-chart = { $site }: pages published per month over the last 12 months: { $months }
inspect-dashboard-chart-month = { $month }: { $count }
inspect-dashboard-chart-sep = {", "}

## Separator in lists

inspect-list-sep = {", "}

## Columns and home pages

inspect-blank-column = The column “{ $name }” ({ $path }) has no content at all
inspect-blank-column-help = Publish content under content/{ $site }/{ $path }/; if the column really has nothing to publish, state the reason as an exception under check.exceptions in zhanqun.yaml
inspect-stale-column = The column “{ $name }” ({ $path }) was last updated on { $newest }, { $age } days ago (it must be updated within { $days } days)
inspect-stale-column-help = Publish something new within { $days } days
inspect-stale-columns-veto = { $site } has { $count } columns not updated, which reaches the veto limit ({ $limit })
inspect-blank-columns-veto = { $site } has { $count } blank columns, which reaches the veto limit ({ $limit })
inspect-home-stale = { $site }: nothing new on the home page for { $limit } days ({ $last })
inspect-home-stale-never = never updated
inspect-home-stale-last = last update { $date }
inspect-home-stale-help = Publish something new in a column shown on the home page

## Site identification (sites/*.yaml)

inspect-furniture-site-code = The site code `{ $code }` is not 10 digits (or bm and 8 digits)
inspect-furniture-site-code-inherited = {"; "}{ $count } sites without their own code use it and are fixed with it
inspect-furniture-site-code-help = Write the code assigned by the national government website database in site_code:, for example site_code: "5203300001"
inspect-furniture-sponsor = The sponsoring office (主办单位) is missing
inspect-furniture-sponsor-help = Write the sponsoring office in sponsor:, for example sponsor: 某某县人民政府办公室
inspect-furniture-contact = The contact details (phone or address) are missing
inspect-furniture-contact-help = Write phone and address under contact:
inspect-furniture-icp = The ICP registration number `{ $value }` is not in the right form
inspect-furniture-icp-help = Write the number you were given in icp:, in the form 黔ICP备17003300号-1
inspect-furniture-psb = The public security registration number `{ $value }` is not in the right form
inspect-furniture-psb-help = Write the number you were given in psb:, in the form 黔公网安备 52033002000001号

## Dates, reviews, templates

inspect-future-date = The publish date { $date } lies beyond the scheduled-publishing window ({ $days } days from today)
inspect-future-date-help = Write the real publish date; a scheduled date must stay within the window
inspect-review-due = “{ $title }” was due for review on { $due }
inspect-review-due-help = Review the content, then set reviewed: to the day of the review, for example reviewed: { $today }
inspect-no-date = The template { $template } does not show the publish date
inspect-no-date-help = Output {"{{ article.date }}"} in the template

## Links

inspect-external-link = External link { $href }
inspect-no-anchor-here = this page has no anchor #{ $anchor }
inspect-no-anchor = { $path } has no anchor #{ $anchor }
inspect-broken-link = The link { $href } does not work: { $reason }
inspect-broken-link-help = Link to a page that exists on the site, or remove the link

## Letters from the public

inspect-letter-veto-late = The consultation “{ $title }” was received on { $received } and answered only on { $replied }, more than { $months } months later
inspect-letter-veto-open = The consultation “{ $title }” was received on { $received } and has not been answered for more than { $months } months
inspect-letter-veto-help = Answer it now and publish the answer; consultations must be answered within the time limit
inspect-letter-overdue = The { $category } letter “{ $title }” was received on { $received }, should have been answered by { $due } ({ $days } working days) and is still unanswered
inspect-letter-overdue-help = Once answered, write replied: and the date of the reply in the front matter (the lines between the two `---` at the top of the page), and add a “## 回复” section to the text

## Service guides

inspect-guide-missing-required = The service guide lacks the required element “{ $element }”
inspect-guide-missing-required-or = The service guide lacks the required element “{ $element }” (or { $synonyms })
inspect-guide-missing-recommended = The service guide lacks the element “{ $element }”
inspect-guide-missing-recommended-or = The service guide lacks the element “{ $element }” (or { $synonyms })
inspect-guide-missing-help = Add an item “{ $element }” and fill it in: as a heading (## { $element }), a bold label, a table header, or a line starting with “{ $element }：”
inspect-guide-placeholder = The service guide contains the placeholder text “{ $text }”: its content was never filled in or synchronised
inspect-guide-placeholder-help = Write the actual content, or synchronise the guide again from the government service platform

## Blank pages

inspect-page-empty = The page has no text
inspect-page-empty-help = Write the text of the page, or delete the page
inspect-page-placeholder = The page holds only the placeholder text “{ $text }” ({ $rest } characters besides placeholders)
inspect-page-placeholder-help = Publish the actual content; if the column really has nothing to publish, state the reason as an exception under check.exceptions in zhanqun.yaml

## Personal data

inspect-privacy-id = A resident ID number not masked: { $masked }
inspect-privacy-mobile = A mobile number not masked: { $masked }
inspect-privacy-help = Hide the middle digits, writing { $masked }, or remove the number

## Wording dictionary

inspect-wording = “{ $wrong }” should be “{ $right }”
inspect-wording-note = “{ $wrong }” should be “{ $right }”: { $note }
inspect-wording-help = Write “{ $right }” instead
inspect-wording-reproduced = { $finding } ({ $why }: a document reproduced verbatim, so this is advice only and not scored)
inspect-wording-reproduced-help = Leave it if the original says so; if it was mistyped when transcribed, write “{ $right }”. If this is in fact the cluster's own document, give one of the cluster's organisations as its publisher (or list the body under organisations in zhanqun.yaml), or write `reproduced: false`
inspect-reproduced-flagged = the page says `reproduced: true`
inspect-reproduced-publisher = its publisher “{ $publisher }” is none of the cluster's organisations
inspect-wording-cannot-read = Cannot read the wording dictionary { $file }: { $reason }
inspect-wording-cannot-read-help = check.wording lists YAML files relative to the cluster root, for example check.wording: [wording/local.yaml]
inspect-wording-too-large = The wording dictionary is too large to load: { $reason }
inspect-wording-too-large-help = Remove entries from the dictionaries listed in check.wording
inspect-wording-format-help = A wording dictionary is a list of entries written {"{"} wrong: 错误写法, right: 正确写法, level: veto, note: 说明 {"}"}; level is veto, scored, advice or off
inspect-wording-empty-wrong = An entry of the wording dictionary has an empty wrong (the expression to flag)
inspect-wording-empty-wrong-help = Write the wrong expression to flag in wrong:, for example wrong: 攻府
inspect-wording-no-right = The wording entry “{ $wrong }” has no correction
inspect-wording-no-right-help = Write the correct expression in right: (not the same as wrong), for example right: 政府
inspect-wording-bad-except = The exception “{ $except }” of the wording entry “{ $wrong }” does not contain “{ $wrong }”
inspect-wording-bad-except-help = An exception is a longer, correct expression containing the wrong one, for example except: [环境保护部门] for wrong: 环境保护部

## Names of the cluster's leaders, organisations and places

inspect-name-person-titled = “{ $found }” looks like a misspelling of “{ $right }” ({ $title }): a leader's name written wrong is a serious wording error
inspect-name-person = “{ $found }” looks like a misspelling of the leader “{ $right }”: a leader's name written wrong is a serious wording error
inspect-name-place = “{ $found }” looks like a misspelling of “{ $right }”: an organisation or place name written wrong is a serious wording error
inspect-name-help = Write “{ $right }”. If this really is another person, body or place, add an exception with its reason for this file under check.exceptions in zhanqun.yaml (rule: name-misspelt)

## The check: section of zhanqun.yaml

inspect-cannot-load = The cluster cannot be loaded
inspect-config-invalid = The check: section of zhanqun.yaml is invalid: { $reason }
inspect-config-invalid-help = check: may hold rules, exceptions, wording, guide and the thresholds; see the section on zhanqun check in the operator's manual under docs/
inspect-config-unknown-rule = There is no rule `{ $rule }` (under check.rules)
inspect-config-did-you-mean = Did you mean `{ $suggestion }`?
inspect-config-known-rules = The rules are: { $rules }
inspect-config-bad-level = The rule `{ $rule }` has the level `{ $level }`, which does not exist
inspect-config-bad-level-help = A level is veto, scored or advice, for example level: scored
inspect-config-exception-unknown-rule = An exception under check.exceptions names the rule `{ $rule }`, which does not exist
inspect-config-exception-no-reason = The exception for the rule `{ $rule }` on the site { $site } gives no reason
inspect-config-exception-no-reason-help = Every exception needs a reason: an inspector can read, for example reason: 乡镇不设互动交流栏目，由县门户统一受理

# Yearly disclosure reports, policy interpretations, requests for information (column roles and interprets)
inspect-list-separator = { "; " }
inspect-role-separator = { ", " }
inspect-role-label = { $code } ({ $name })
inspect-role-annual-report = yearly disclosure report, 年报
inspect-role-website-report = yearly website report, 年度报表
inspect-role-policy = policy documents, 政策文件
inspect-role-interpretation = interpretations, 解读
inspect-role-on-request = requests for information, 依申请公开
inspect-what-annual-report = yearly report on government information disclosure (政府信息公开工作年度报告)
inspect-what-website-report = yearly website report (政府网站工作年度报表)
inspect-basis-annual-report = Regulations on Open Government Information, art. 49
inspect-basis-website-report = Guidelines for government websites, 国办发〔2017〕47号
inspect-report-missing = The { $year } { $what } of { $site } was due by { $deadline } ({ $basis }); the column “{ $name }” ({ $path }) still has none
inspect-report-missing-help = Publish it in { $dir } with the year in its title, e.g. “{ $example }”, dated the day it is really published
inspect-report-late = The { $year } { $what } of { $site } was published on { $date }, after its deadline { $deadline } ({ $basis })
inspect-report-late-help = A publish date is never changed; publish next year's by { $next }
inspect-policy-no-interpretation = The policy document “{ $title }” was published on { $date }; an interpretation linked to it was due within { $days } working days (by { $due }), and none is
inspect-policy-interpretation-column = in { $dir }, { "" }
inspect-policy-no-interpretation-help = Publish an interpretation ({ $place }genre 解读) with the line `interprets: { $url }` in its front matter; if one exists, add that line to it. A document that needs no interpretation can be excepted, with a reason, under check.exceptions in zhanqun.yaml
inspect-interpretation-unlinked = The interpretation “{ $title }” does not say which document it interprets
inspect-interpretation-unlinked-help = Add the line `interprets:` (解读文件) to its front matter with the URL path of the document, e.g. `interprets: /xxgk/zcwj/2026-06-15-youhua-cuoshi/`
inspect-on-request-missing = { $site } has no column for requests for information (role: on-request): the public cannot find where to ask for information
inspect-on-request-missing-help = Add a 依申请公开 column under “{ $under }”: a column with role: on-request in columns.yaml (or under columns in sites/{ $id }.yaml) saying which office accepts requests, its address, phone, hours and how to apply, with the application form
inspect-column-roles-missing = No column has these roles, so their checks (yearly reports, interpretations, requests) did not run: { $roles }
inspect-column-roles-help = Add a role line to the columns that hold these in columns.yaml, e.g. `role: annual-report`; create the columns the cluster lacks
inspect-column-roles-help-guess = Add a role line to the columns that hold these in columns.yaml: { $guesses }
inspect-column-roles-guess = { $path } ({ $name }): role: { $code }
inspect-column-roles-site = { $site } has no column with role { $role }, so whether its { $what } is published on time cannot be checked
inspect-column-roles-site-help = Add a local column with role: { $code } under columns in sites/{ $id }.yaml, or make the convention's column apply to this kind of site (sites:) in columns.yaml
