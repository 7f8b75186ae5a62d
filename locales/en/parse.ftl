# Reading pages: encoding, the front matter, dates, file names, raw HTML in the body; and format errors of YAML files.

## Front matter

parse-no-front-matter = the page does not start with front matter (the properties, such as title and publish date, written between two `---` lines at the top of the page)
parse-no-front-matter-help = write `---` on the first line, then the lines `title: 文章标题` and `date: 2026-03-05`, then another `---` line; the body starts after it
parse-front-matter-not-closed = the front matter is not closed: no second `---` line follows the first one
parse-front-matter-not-closed-help = write `---` alone on the line after the last property (such as `date: 2026-03-05`); the body starts after it
parse-front-matter-not-mapping = the front matter is not made of `key: value` lines
parse-front-matter-not-mapping-help = write one property per line, e.g. `title: 文章标题` and `date: 2026-03-05` (a half-width colon followed by a space)
parse-unknown-key = unknown key `{ $key }` is ignored
parse-unknown-key-did-you-mean = did you mean `{ $near }`?
parse-unknown-key-help = remove the line or check the spelling of the key (such as `title`/`标题`, `date`/`发布日期`)
parse-key-repeated = `{ $key }` repeats `{ $canon }`, given already under another name
parse-key-repeated-help = keep one of the English key and its Chinese alias
parse-not-text = `{ $key }` must be text
parse-not-text-help = write `{ $key }: …` on one line, in half-width quotes if the text contains `: `
parse-not-yes-no = `{ $key }` must be yes or no, not `{ $value }`
parse-not-yes-no-help = { $canon ->
    [draft] write `draft: true` (or `草稿: 是`) to hold the page back as a draft; delete the line, or write `draft: false`, to publish it
   *[other] write `{ $key }: true` or `{ $key }: false` (or 是 / 否), or delete the line
}
parse-no-title = the page has no title
parse-no-title-help = add a line `title: 文章标题` (or `标题: …`) to the front matter
parse-no-date = the page has no publish date
parse-no-date-help = add a line `date: 2026-03-05` (or `发布日期: …`); every item must show its publish date
parse-date-format = `{ $key }: { $value }` is not a date format zhanqun reads
parse-date-format-help = write year-month-day, e.g. `{ $key }: 2026-03-05`. Also accepted: `2026-3-5`, `2026/3/5`, `2026.3.5`, `2026年3月5日` and `二〇二六年三月五日`; for a time, add hours:minutes after a space, e.g. `2026-03-05 10:30`
parse-date-not-on-calendar = `{ $key }: { $value }` is not a real calendar date or time
parse-date-not-on-calendar-help = check the month and the day (February has 28 days, 29 in a leap year; April, June, September and November have 30); times go from 00:00 to 23:59
parse-attachment-no-path = an attachment needs a path
parse-attachment-no-path-help = write `attachments: [{"{"}title: 申请表, path: shenqingbiao.pdf{"}"}]`, with the file beside this page's Markdown file

## Format problems made by input methods, Word, WPS and Notepad

parse-tab-indent = line { $line }, column { $column }: indented with a tab; only spaces may indent here
parse-tab-indent-help = replace the tabs at the start of the line with spaces (two per level); most editors can show whitespace characters
parse-full-width-space = line { $line }, column { $column }: a full-width space "　" (typed by a Chinese input method), where only a half-width space may be
parse-full-width-space-help = delete the full-width space or replace it with a half-width one; no space between a key and its colon, one half-width space after the colon, e.g. `title: 文章标题`
parse-full-width-colon = line { $line }, column { $column }: the colon "：" is a full-width colon (typed by a Chinese input method); a key must be followed by a half-width colon
parse-full-width-colon-help = replace "：" with the half-width colon `:` followed by a space; the line should read `{ $example }`
parse-full-width-in-key = line { $line }, column { $column }: the key `{ $key }` contains the full-width mark "{ $mark }"
parse-full-width-in-key-help = write the key alone (such as `title` or `标题`), without full-width marks, followed by a half-width colon and a space

## File encoding

parse-encoding-utf16 = the file is encoded in { $encoding } (Notepad calls it "Unicode"), not UTF-8
parse-encoding-utf16-help = in Notepad or WPS use "Save as" and choose the encoding "UTF-8" (另存为 UTF-8), or run `iconv -f { $from } -t UTF-8 { $path } -o { $path }.utf8 && mv { $path }.utf8 { $path }`
parse-encoding-gbk = the file is encoded in GBK/GB18030, not UTF-8
parse-encoding-gbk-help = in the editor use "Save as" and choose the encoding "UTF-8" (另存为 UTF-8), or run `iconv -f GB18030 -t UTF-8 { $path } -o { $path }.utf8 && mv { $path }.utf8 { $path }`
parse-encoding-not-utf8 = the file is not valid UTF-8 from this line on
parse-encoding-not-utf8-help = in the editor use "Save as" and choose the encoding "UTF-8" (另存为 UTF-8)

## YAML files (sites, columns, cluster settings)

parse-yaml-unknown-value = `{ $field }: { $value }` is not one of the allowed values
parse-yaml-unknown-value-help = `{ $field }` takes one of these English values: { $allowed }
parse-yaml-unknown-field = unknown setting `{ $key }`
parse-yaml-unknown-field-help = the settings allowed here are: { $allowed }; check the spelling
parse-yaml-missing-field = the required setting `{ $key }` is missing
parse-yaml-missing-field-help = add a line `{ $key }: …`
parse-yaml-invalid = invalid YAML (column { $column }): the parser says "{ $detail }"
parse-yaml-invalid-help = check the indentation (spaces only) and the quoting; values starting with `[`, `{"{"}`, `*`, `&` or containing `: ` need half-width quotes
parse-yaml-wrong-type = the value “{ $value }” of `{ $field }` is of the wrong kind
parse-yaml-wrong-type-help = `{ $field }` takes { $expected }
parse-yaml-kind-integer = a whole number in digits (e.g. 14)
parse-yaml-kind-number = a number in digits (e.g. 1.5)
parse-yaml-kind-boolean = true or false
parse-yaml-kind-text = text (in straight quotes when it holds special characters)
parse-yaml-kind-list = a list: one item per line starting with "- ", or [a, b]
parse-yaml-kind-map = settings one level down: on the next lines, indented two spaces, "key: value"
parse-yaml-kind-empty = nothing

## Columns and file names

parse-unknown-column = unknown column `{ $column }`
parse-column-not-in-convention = column `{ $column }` is not part of the convention for { $kind } sites
parse-kind-portal = portal
parse-kind-department = department
parse-kind-township = township
parse-column-nearest-help = the nearest valid column is `{ $nearest }`: move the file to content/{ $site }/{ $nearest }/
parse-column-list-help = valid columns for { $site } are: { $columns }
parse-cannot-read = cannot read the file: { $reason }
parse-single-page-column = `{ $column }` is a single-page column: its one page is index.md
parse-single-page-column-help = rename the file to content/{ $site }/{ $column }/index.md
parse-list-column-index = `{ $column }` is a list column; index.md is only for single-page columns
parse-list-column-index-help = give the file its own name, e.g. 2026-03-05-gongzuo-dongtai.md
parse-slug-space = a space
parse-bad-file-name = the file name `{ $name }` contains characters that are not allowed: { $chars }
parse-bad-file-name-help = a file name (without .md it is the last segment of the page's address) may hold Chinese characters, English letters, digits, `-`, `_` and `.` only, no spaces or other symbols; write - instead of a space, e.g. rename it to `{ $fixed }`
parse-bad-slug = `slug: { $slug }` contains characters that are not allowed: { $chars }
parse-bad-slug-help = a slug (the last segment of the page's address) may hold Chinese characters, English letters, digits, `-`, `_` and `.` only, no spaces or other symbols; write - instead of a space
parse-report-segment = `{ $slug }` is where the monthly 来信办理情况通报 of a letters column is published; a letter cannot use it
parse-report-segment-help = rename the file or set another `slug:`
parse-changed-during-build = the file changed during the build
parse-changed-during-build-help = save the file, then build again

## Body

parse-removed-html = removed { $what }
parse-removed-html-help = scripts, frames, event handlers, inline styles and javascript: URLs are not allowed in pages; link to the resource instead
parse-removed-link = removed link to `{ $url }`: only http, https, mailto and tel links are allowed
parse-removed-link-help = link to a page or an http(s) address
parse-img-no-alt = the image `{ $src }` has no alt text, so readers using a screen reader cannot know what it shows (accessibility, 无障碍)
parse-img-no-alt-help = describe the image, e.g. `<img src="tu.png" alt="会议现场照片">`; write `alt=""` for a purely decorative image
parse-removal-element = <{ $tag }> element
parse-removal-event = `{ $name }` event-handler attribute on <{ $tag }>
parse-removal-style = `style` attribute on <{ $tag }>
parse-removal-url = `{ $name }` URL `{ $url }` on <{ $tag }>
parse-gongwen-unknown-part = “{ $name }” is not the name of a part of an official document (公文); the line is shown as plain text
parse-gongwen-unknown-part-help = After `:::` write one of 主送 (addressees), 附件 (attachment note), 落款 (signature and date), 抄送 (copies to). For example the signature:
    ::: 落款
    示例县人民政府办公室
    2026年3月1日
    :::
parse-office-paste = formatting pasted from Word or WPS was converted while building (the source file is unchanged): { $what }; fonts, sizes, indents and spacing were removed
parse-office-paste-help = Next time write the document parts in Markdown instead of pasting formatting; see the editor's manual, “公文的主送机关、附件说明、落款和抄送”. For example the signature:
    ::: 落款
    示例县人民政府办公室
    2026年3月1日
    :::
parse-office-paste-parts = { $parts } laid out as in an official document
parse-office-paste-no-parts = no part needed official-document layout
parse-gongwen-part-recipients = the addressees
parse-gongwen-part-attachments = the attachment note
parse-gongwen-part-signature = the right-aligned signature
parse-gongwen-part-copy-to = the copies-to line
