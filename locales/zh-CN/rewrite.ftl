# 检查页面里的链接和图片。

rewrite-unparsable = 无法改写这个页面的 HTML：{ $error }
rewrite-no-such-id = 本页没有 id 为 `{ $id }` 的位置
rewrite-md-outside-markdown = 只有 Markdown 稿件里才能链接 .md 文件
rewrite-climbs-out = 链接用 `..` 跳出了站群目录
rewrite-no-page-from = 没有从 { $file } 生成的页面
rewrite-scheduled = 这个地址的页面定于 { $date } 发布，现在还没有发布
rewrite-draft = 这个地址的页面是草稿（`draft: true`），还没有发布
rewrite-nothing-here = 这个地址上没有生成任何页面或文件
rewrite-missing-image = 找不到这个图片文件
rewrite-broken-link-help = 链接本站页面时写从根目录开始的地址，如 /jyj/zwdt/gzdt/<文件名>/，或写相对于本文件的 .md 文件
rewrite-broken-image-help = 把图片文件放在本页 Markdown 文件旁边（同一个栏目目录），用相对路径引用，如 `![说明](tu.png)`；核对文件名和大小写；附件也一样放在旁边，并写进属性区的 `attachments:`
