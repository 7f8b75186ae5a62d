# Messages of new, init and merge, and the comments zhanqun new writes into a new page.

new-body-marker = write the body below this line, then delete this line. While it is here the build stops with an error and the page is not published.
new-fm-intro = The lines between the two --- are the page's properties. Those below go into the disclosure catalog; fill them in as the comments say.
new-fm-index-no = 索引号 (index number): assigned automatically; do not change it or reuse it in another file.
new-fm-doc-number = 文号 (document number): e.g. 示府发〔{ $year }〕1号 (the year in 〔〕); keep "" when there is none.
new-fm-publisher = 发布机构 (publisher): the full name of the body.
new-fm-topic = 主题分类 (topic class): choose one below and write it inside the quotes as it is, e.g. topic: "综合政务"; a second level may follow, e.g. "综合政务\政务公开".
new-fm-genre = 体裁分类 (genre): choose one below and write it inside the quotes as it is, e.g. genre: "通知".
new-fm-written = 成文日期 (date written): the day the document was signed, as 2026-03-05.
new-fm-valid = 有效性 (validity): one of { $values }.
render-unfinished = this page is not finished: the line `zhanqun new` left is still there
render-unfinished-help = write the body where the line is, then delete the line starting with <!-- { $marker }; fill in the properties between the two --- lines as their comments say
new-config-errors =
    the cluster configuration has errors:
    { $errors }
new-unknown-site = unknown site `{ $site }`{ $hint }
new-unknown-column = site `{ $site }` has no column `{ $column }`{ $hint }
new-did-you-mean = ; did you mean `{ $name }`?
new-use-leaf-column = ; use a leaf column such as zwdt/gzdt
new-bad-date = `{ $value }` is not a date in the form YYYY-MM-DD
new-exists = { $path } already exists
new-bad-ledger = { $file } is not valid: { $reason }
new-cannot-write = cannot write { $path }
new-ledger-header =
    索引号 ledger: the highest serial ever assigned per site and year, kept by zhanqun new and zhanqun assign.
    Commit it with the content; numbers of removed documents are never reused.
