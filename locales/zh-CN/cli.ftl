# 命令行：各命令的说明、参数说明、clap 自身的提示文字。

cli-about = 站群：集约化政府网站群的静态网站生成工具（把 Markdown 稿件生成整个站群的网页）
cli-arg-lang = 提示信息的语言：zh（中文，默认）或 en（英文）；也可用环境变量 ZHANQUN_LANG 设置
cli-arg-help = 显示本帮助
cli-arg-version = 显示版本号
cli-default = （默认：{ $value }）
cli-possible = （可选：{ $values }）
cli-heading-usage = 用法：
cli-heading-options = 选项：
cli-heading-arguments = 参数：
cli-heading-commands = 命令：
cli-placeholder-options = [选项]
cli-placeholder-command = <命令>
cli-error = 错误：{ $message }
cli-error-cause-separator = ：
cli-bad-today = --today 的值“{ $value }”不是日期，请写成 年-月-日，例如 2026-03-05
cli-err-invalid-value = 参数 { $arg } 的值“{ $value }”不可用。
cli-err-valid-values = 可用的值：{ $values }。
cli-err-unknown-argument = 不认识的参数“{ $arg }”。
cli-err-unknown-command = 没有“{ $command }”这个命令。
cli-err-value-count = 参数 { $arg } 的值的个数不对。
cli-err-conflict = 参数 { $arg } 不能与 { $other } 同时使用。
cli-err-missing-argument = 缺少必须给出的参数：{ $args }
cli-err-missing-command = 请给出要执行的命令，例如 zhanqun build。
cli-err-invalid-utf8 = 命令行里有无法识别的字符（不是 UTF-8 编码）。
cli-err-other = 命令行有误。
cli-list-separator = { "、" }
cli-err-did-you-mean = 您是不是想写“{ $suggestion }”？
cli-err-more-help = 运行 zhanqun --help 查看全部命令，运行 zhanqun <命令> --help 查看某个命令的用法。

cli-build-about = 生成整个站群：把所有子站点生成到输出目录
cli-build-root = 站群根目录（存放 zhanqun.yaml 的目录）
cli-build-out = 输出目录（默认：根目录下的 public）
cli-build-jobs = 使用的线程数（默认：全部处理器核心）
cli-build-base-url = 临时改用这个 base_url（覆盖 zhanqun.yaml 中的设置，例如 /sub/path/）
cli-build-quiet = 只显示错误
cli-build-verbose = 同时显示每个生成步骤用时
cli-build-sites = 只生成这些站点（站点 ID 用逗号分隔）：分片构建中的一片，之后用 zhanqun merge 合并；含门户的那一片负责全站文件
cli-build-today = 按这一天生成（年-月-日）：发布日期晚于这一天的稿件暂不发布（定时发布），到期的复核提醒照常提示（默认：今天）
cli-build-precompress = 同时在每个网页、样式、脚本、JSON 和 XML 文件旁写一份 .gz 压缩副本（供 nginx 的 gzip_static 直接发送）；副本也列入 manifest.json
cli-build-drafts = 连草稿一起生成，做内部预览：草稿页面带“草稿”标记；这样生成的目录不要发布到网站上
cli-build-no-cache = 不使用也不写入生成缓存（根目录下的 .zhanqun-cache），全部重新生成
cli-build-cache-dir = 生成缓存放在这个目录，而不是根目录下的 .zhanqun-cache（CI 的 runner 把缓存和输出目录留在取出的代码以外，下次只重新生成改动涉及的页面）；删除这个目录就是清空缓存

cli-serve-about = 本地预览：生成并在 127.0.0.1 上提供网页；保存文件后自动重新生成并刷新浏览器；错误同时显示在终端和浏览器里
cli-serve-root = 站群根目录（存放 zhanqun.yaml 的目录）
cli-serve-port = 127.0.0.1 上的端口（0 表示自动选一个空闲端口）
cli-serve-out = 输出目录（默认：根目录下的 public）
cli-serve-today = 按这一天预览（年-月-日）（默认：今天）

cli-check-about = 按《政府网站与政务新媒体检查指标》检查整个站群
cli-check-root = 站群根目录
cli-check-today = 按这一天判断栏目是否更新（年-月-日）（默认：今天）
cli-check-format = 输出格式：text（按站点和严重程度分组，给人看）或 json（完整报告，给 CI 用）
cli-check-deny = 除单项否决外，还让哪些问题导致失败（退出码 1）：scored（扣分项）或 advice（包括建议）
cli-check-html = 检查报告网页写到这里（默认：根目录下的 check-report.html）
cli-check-gate = 发布闸门：只因必须修改的问题失败（严重表述错误、个人隐私、内部链接失效、公开属性错误、占位页面等）；栏目不更新、空白栏目等只有发布才能消除的风险只提示不阻止
cli-check-sites = 只检查这些站点（站点 ID 用逗号分隔），例如分片构建中的一片

cli-merge-about = 把 build --sites 分片生成的结果合并成一个完整的站群输出
cli-merge-root = 分片所属的站群根目录（合并时重新读取，生成统一的搜索索引）
cli-merge-out = 合并后的输出目录
cli-merge-shards = 各分片的输出目录

cli-verify-about = 按 manifest.json 核对已部署的副本：逐个文件重新计算哈希，列出多出、改动或缺少的文件（退出码 1）；给出公钥时同时核对清单的签名
cli-verify-dir = 要核对的目录（生成或部署后的输出）
cli-verify-public-key = 清单必须使用的 ed25519 签名公钥（十六进制）；也可用环境变量 ZHANQUN_PUBLIC_KEY 设置
cli-verify-json = 输出 JSON 而不是逐行文字

cli-keygen-about = 生成一对新的 ed25519 签名密钥：私钥种子放到 CI 的 ZHANQUN_SIGNING_KEY，公钥交给运行 zhanqun verify 的人

cli-manifest-about = 比较两次生成的 manifest.json，用于增量部署
cli-manifest-diff-about = 从旧版到新版：列出要上传（新增或改动）和要删除的文件（参数可以是 manifest.json 文件或输出目录）
cli-manifest-diff-old = 已部署的那一版
cli-manifest-diff-new = 新生成的这一版
cli-manifest-diff-json = 输出 JSON，而不是 upload 路径 / delete 路径 的逐行文字

cli-catalog-about = 政府信息公开目录工具（机器可读的目录）
cli-catalog-stats-about = 某一年主动公开的文件数：按机构、栏目、主题分类和体裁分类统计
cli-catalog-stats-root = 站群根目录
cli-catalog-stats-year = 年份（默认：今年）
cli-catalog-stats-json = 输出 JSON 而不是表格
cli-catalog-diff-about = 比较两份公开目录：新增、删除、改动、改号、倒签的文件
cli-catalog-diff-long =
    比较两份政府信息公开目录：新增、删除、改动、改号、倒签的文件。

    按索引号逐个文件、逐个字段比较。重点标出：被删除的文件；改号的文件（标题和文号相同、索引号变了）；倒签的文件（发布日期改早了，或新文件的发布日期早于旧目录中最新的发布日期）。

    旧版和新版可以是 catalog.json 文件或生成后的输出目录；加 --git 时是站群 git 仓库的两个版本，不用检出、不用生成即可读取。

    退出码：--fail-on 列出的种类都没有出现时为 0，出现任何一种时为 1，旧版或新版无法读取时为 2。
cli-catalog-diff-after =
    示例：
      zhanqun catalog diff old/catalog.json public/
      zhanqun catalog diff --git v2026.05 HEAD --fail-on removed,renumbered,backdated
      zhanqun catalog diff --git HEAD~1 HEAD --json > diff.json
cli-catalog-diff-old = 旧版：catalog.json、输出目录，或（加 --git 时）一个版本号
cli-catalog-diff-new = 新版：catalog.json、输出目录，或（加 --git 时）一个版本号
cli-catalog-diff-git = 旧版和新版是站群 git 仓库的版本
cli-catalog-diff-root = 站群根目录在 git 工作区中的位置（与 --git 一起用）（默认：.）
cli-catalog-diff-json = 以 JSON 输出报告（格式见 schemas/catalog-diff-v1.schema.json）
cli-catalog-diff-format = 输出格式：text（表格，给人看）、json（与 --json 相同）或 csv（带 BOM 的 UTF-8 表格，可直接用 Excel 打开，给审核人员）
cli-catalog-diff-today = 按这一天比较（年-月-日）：发布日期晚于这一天的文件属于定时发布，单独列出，不算新增，也不会使其他文件被判为倒签（默认：站群时区的今天）
cli-catalog-diff-fail-on = 出现这些种类时退出码为 1：added（新增）、removed（删除）、changed（改动）、renumbered（改号）、backdated（倒签）

cli-init-about = 用内置的主题和栏目规范新建一个站群骨架
cli-init-dir = 要创建的目录（必须为空或不存在）

cli-new-about = 新建一篇稿件：文件名和前置元数据（页面开头的属性区）都按规范写好；公开栏目自动分配索引号
cli-new-site = 站点 ID（sites/<ID>.yaml）
cli-new-column = 栏目路径，例如 zwdt/gzdt 或 xxgk/zcwj
cli-new-title = 稿件标题
cli-new-root = 站群根目录
cli-new-date = 发布日期（年-月-日），也可以写 --today（默认：站群时区的今天）
cli-nginx-headers-about = 按 zhanqun.yaml 打印 nginx 的安全响应头（add_header 行），与生成的 _headers 相同；保存为 docs/deploy/nginx.conf 引用的 snippets/zhanqun-headers.conf
cli-nginx-headers-root = 站群根目录（有 zhanqun.yaml 的目录）
