# 查找 content/ 下的稿件文件。

scan-not-a-site = `content/{ $name }` 不是站群里的站点
scan-not-a-site-did-you-mean = 是不是想写 content/{ $nearest }/？如果确实是新站点，请添加 sites/{ $name }.yaml
scan-not-a-site-help = 添加 sites/{ $name }.yaml，或把文件移到某个站点的目录里
scan-site-unreadable = `content/{ $name }` 的站点设置 { $file } 有错误，这个站点没有读进来
scan-site-unreadable-help = 改正 { $file } 中的错误（同一份报告里另有一条提示指出它错在哪一行、怎么改），这个目录里的稿件就会照常生成
scan-cannot-read-content = 无法读取 content/ 目录：{ $reason }
scan-cannot-read-content-help = 建立 content/<站点代号>/<栏目>/ 目录，稿件放在栏目目录里
scan-cannot-read = 无法读取：{ $reason }
scan-cannot-read-help = 请检查文件权限和符号链接
scan-name-not-utf8 = 文件名不是 UTF-8 编码
scan-name-not-utf8-help = 用 UTF-8 重新命名文件（英文字母、数字和 - 最稳妥）
scan-link-outside = 符号链接指向站群目录以外的 { $target }
scan-link-outside-help = 把文件复制到仓库里，不要用链接
scan-broken-link = 符号链接失效：{ $reason }
scan-broken-link-help = 删除这个链接，或恢复它指向的文件
scan-dir-link = 不跟随指向目录的符号链接
scan-dir-link-help = 把目录本身移到这里
scan-page-outside-column = 稿件必须放在栏目目录里
scan-page-outside-column-help = 移到 content/<站点>/<栏目路径>/ 下，例如 zwdt/gzdt/
scan-page-not-md = `{ $name }` 以属性区（`---` 行和 title、date 等属性）开头，像一篇稿件，但文件名不以 .md 结尾：它不会当作稿件生成，也不能当作附件原样发布
scan-page-not-md-help = 稿件的文件名要以 .md 结尾（大小写均可，也接受 .markdown），请改名为 `{ $fixed }`；如果它确实是附件，请删掉开头的属性区
