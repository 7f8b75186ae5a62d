# 命令 new、init、merge 的信息，以及 zhanqun new 写进新页面的注释。

new-body-marker = 请在这一行下面写正文，写好后删除这一行。这一行还在时，生成会报错，页面不会发布。
new-fm-intro = 页面开头两行 --- 之间是页面属性。以下是政府信息公开目录要用的属性，请按注释填写。
new-fm-index-no = 索引号：已自动分配，不要修改，也不要给别的文件重复使用。
new-fm-doc-number = 文号：例如 示府发〔{ $year }〕1号（年份用六角括号〔〕）；没有文号就保留 ""。
new-fm-publisher = 发布机构：本单位全称。
new-fm-topic = 主题分类：从下面选一个，照原样写在引号里，例如 topic: "综合政务"；也可写二级分类，例如 "综合政务\政务公开"。
new-fm-genre = 体裁分类：从下面选一个，照原样写在引号里，例如 genre: "通知"。
new-fm-written = 成文日期：文件签发的日期，写成 2026-03-05 的形式。
new-fm-valid = 有效性：{ $values } 三者之一。
render-unfinished = 这个页面还没有写完：`zhanqun new` 留下的提示行还在
render-unfinished-help = 在提示行的位置写上正文，然后删除以 <!-- { $marker } 开头的这一行；属性区（页面开头两行 --- 之间）的注释也请照着填好
new-config-errors =
    站群的配置有错误：
    { $errors }
new-unknown-site = 没有代号为 `{ $site }` 的子站{ $hint }
new-unknown-column = 子站 `{ $site }` 没有栏目 `{ $column }`{ $hint }
new-did-you-mean = ；是不是想写 `{ $name }`？
new-use-leaf-column = ；请写最下一级的栏目，例如 zwdt/gzdt
new-bad-date = `{ $value }` 不是日期，请写成 2026-03-05 的形式
new-exists = { $path } 已经存在
new-bad-ledger = { $file } 的内容有误：{ $reason }
new-cannot-write = 无法写入 { $path }
new-ledger-header =
    索引号台账：每个子站每年已分配的最大序号，由 zhanqun new 和 zhanqun assign 维护。
    请和稿件一起提交；删除的文件，其索引号也不再重复使用。
