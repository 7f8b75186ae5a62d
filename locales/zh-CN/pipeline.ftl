# 生成（build）与合并（merge）的出错信息：输出目录、写文件、链接、模板、分片、签名、搜索索引、繁体版。

pipeline-invalid = 稿件或配置中有 { $count } 个错误，输出目录没有改动
pipeline-unsafe-output = 不能写入输出目录 { $path }：{ $why }
pipeline-unsafe-cache-dir = 不能把生成缓存放在 { $path }：{ $why }
pipeline-cache-dir-in-output = 这个目录在输出目录 { $out } 之内，每次生成都会被替换；请放到输出目录以外
pipeline-cache-dir-inside = 这个目录位于 { $dir }/ 之内；请放到站群的内容以外
pipeline-cache-dir-contains-root = 这个目录包含了站群本身；请另选一个单独的目录
pipeline-threads = 无法启动 { $count } 个工作线程
pipeline-out-contains-root = 这个目录包含了站群本身；请另选一个单独的目录，例如 public/
pipeline-out-inside = 这个目录位于 { $dir }/ 之内；请另选一个单独的目录，例如 public/
pipeline-out-not-empty = 这个目录不是空的，里面也没有以前生成时留下的 manifest.json；请清空它，或另选一个目录
pipeline-no-anchor = { $target } 中没有 id 为 `{ $fragment }` 的位置
pipeline-signing-key-help = 用 `zhanqun keygen` 生成密钥，保存在 CI 的机密变量（secrets）里
pipeline-cannot-read = 无法读取 { $path }
pipeline-cannot-write = 无法写入 { $path }
pipeline-cannot-read-manifest-to-sign = 无法读取 manifest.json，不能签名
pipeline-cannot-encode-signature = 无法生成签名文件
pipeline-cannot-create-staging = 无法在 { $path } 旁边建立临时目录
pipeline-cannot-write-staging = 无法写入临时目录
pipeline-cannot-write-search = 无法写入搜索索引
pipeline-cannot-write-shard-state = 无法写入分片状态文件
pipeline-cannot-commit = 无法把新生成的网站移入 { $path }
pipeline-write-failed = 无法写入 { $url }：{ $error }
pipeline-write-failed-help = 请检查磁盘剩余空间和目录权限
pipeline-render-crashed = 生成 { $url } 时模板出错，生成中断：{ $what }
pipeline-render-crashed-unknown = 原因不明
pipeline-render-crashed-help = 请简化上面提到的模板表达式（Tera 不能用非 ASCII 的键访问映射）
pipeline-broken-link = 链接 `{ $href }` 无效：{ $reason }
pipeline-broken-link-help = 请链接到已有的页面：写以 / 开头的站内地址，例如 /jyj/zwdt/gzdt/<slug>/，或写相对于本文件的 .md 文件路径，例如 ../tzgg/2024-03-15-tongzhi.md

# 合并分片（zhanqun merge）

merge-not-a-shard = { $dir } 中没有 { $sidecar }：每个分片都要用 `zhanqun build --sites …` 生成
merge-io = { $context }：{ $error }
merge-inconsistent =
    这些分片不能合并：
    { $problems }
merge-unsafe-output = 不能写入 { $path }：这个目录不是空的，里面也没有以前生成时留下的 manifest.json
merge-state-damaged = { $path } 已损坏：{ $error }
merge-differs = { $path } 在 { $first } 和 { $second } 中内容不同：这些分片是从同一个提交生成的吗？
merge-different-builds = 这些分片是从不同的内容或设置生成的（{ $groups }）：请从同一个提交生成所有分片
merge-not-in-any-shard = { $target } 不在任何分片中
merge-broken-link = { $src }{ $line }：链接 `{ $href }` 无效：{ $why }
merge-cannot-read-in = 无法读取 { $dir } 中的 { $path }
merge-changed = { $dir } 中的 { $path } 在分片生成之后被改动过
merge-cannot-commit = 无法把合并后的网站移入 { $path }
merge-no-portal = 没有哪个分片包含门户网站（sitemap_index.xml、robots.txt、公开目录）：请把门户网站的分片也加上
merge-missing-site = 缺少 { $path }：它所属子站的分片没有合并进来
merge-shard-format = { $dir } 是用另一版本的 zhanqun 生成的分片（分片格式 { $found }，本版本为 { $expected }）：请用同一版本的 zhanqun 重新生成所有分片再合并
merge-other-cluster = { $path } 处的站群不是生成这些分片时所用的站群（设置或主题不同）：请在生成分片时所用的那个提交的检出目录中运行 merge，或用 --root 指向它
merge-cannot-load = 无法读取站群的设置：
    { $problems }
merge-part-missing = 分片 { $dir } 缺少检索索引的预处理数据 { $file }：请用 `zhanqun build --sites …` 重新生成这个分片
merge-part-format = { $path } 是另一版本的 zhanqun 写的检索预处理数据（格式 { $found }，本版本为 { $expected }）：请用同一版本的 zhanqun 重新生成所有分片再合并
merge-part-damaged = { $path } 已损坏：{ $error }；请重新生成这个分片
merge-part-not-a-part = 这不是 zhanqun 的检索预处理数据文件
merge-part-checksum = 校验和不符
merge-part-overlap = 站点 { $site } 同时出现在分片 { $first } 和 { $second } 中：每个站点只能放进一个分片（`--sites` 不要重复）
merge-part-gap = 检索索引缺少站点 { $site } 的页面：生成它的分片没有合并进来
merge-part-plans-differ = 分片 { $first } 和 { $second } 的检索预处理数据不一致：请从同一个提交生成所有分片
merge-part-none = 没有给出任何分片：合并至少需要一个用 `zhanqun build --sites …` 生成的分片目录
merge-part-no-records = 检索索引缺少站点 { $site } 的部分页面的搜索结果记录：生成它的分片的检索预处理数据不完整，请重新生成这个分片
merge-part-undecodable = 内容读不出来，文件可能被截断或改动过（{ $detail }）
merge-part-bad-pages = 页面编号与搜索结果记录对不上，或超出了站群的页面数
merge-part-bad-run = 一段页面（编号 { $start } 起共 { $len } 个）是空的或跨过了索引文件的两个分组
merge-part-text-size = 正文有 { $found } 字节，与检索预处理数据记下的 { $expected } 字节不符

# 分片选择（--sites）、签名、文件清单

emit-shard-unknown-site = `{ $id }` 不是本站群的子站
emit-shard-unknown-site-help = 请写 sites/*.yaml 中的子站代号（id）
emit-shard-did-you-mean = 是不是想写 `{ $name }`？
emit-shard-no-site = 没有给出子站代号
emit-shard-no-site-help = 请写子站代号，例如 --sites portal,jyj
emit-bad-key = { $what } 必须是 64 位十六进制数字（32 字节）
emit-public-key = 公钥
emit-bad-signature-file = { $file } 不是 zhanqun 的签名文件：{ $error }
emit-no-atomic-exchange = 这个系统不能原子地交换两个目录
emit-manifest-unreadable = 无法读取 { $path }：{ $error }
emit-manifest-invalid = { $path } 不是 zhanqun 的 manifest.json：{ $error }

# 搜索设置与搜索索引

search-head-zero = 搜索设置 head 至少为 1
search-head-zero-help = 不写 `head`，就使用默认值 64
search-cannot-encode = 无法编码搜索索引：{ $error }
search-kept-group-unreadable = 生成缓存里保存的一部分搜索数据（缓存目录下的 search 文件夹）读不出来，已经删除；请再生成一次，这部分会重新生成，网站内容不受影响
search-kept-index-unreadable = 生成缓存里保存的搜索索引（缓存目录下的 search-index-v1.bin）读不出来，已经删除；请再生成一次，搜索索引会重新生成，网站内容不受影响
search-writer-panicked = 写搜索索引的线程出错中断了
search-group-too-big = 一组有 { $count } 个页面，超过了上限 { $max }

# 繁体版与模板

hant-rewrite-failed = 生成繁体版时无法改写页面 HTML：{ $error }
template-help = 请修改模板；`zhanqun init` 可以写出一份全新的默认主题作参照

# 新建站群（zhanqun init）

init-not-empty = { $path } 不是空目录；请换一个新的目录
pipeline-cannot-write-gz = 无法写入 .gz 压缩副本

## 操作系统报告的读写错误（替代系统自带的英文说明）
io-not-found = 文件或目录不存在
io-permission-denied = 没有读写权限（请检查文件权限或联系运维）
io-already-exists = 已有同名文件或目录
io-is-a-directory = 这是一个目录，不是文件
io-not-a-directory = 路径中的某一段是文件，不是目录
io-directory-not-empty = 目录不是空的
io-storage-full = 磁盘空间或配额已满
io-invalid-data = 文件内容无法识别（不是预期的格式或编码）
io-address-in-use = 端口已被其他程序占用
io-address-not-available = 本机没有这个地址
io-crosses-devices = 不能跨磁盘分区移动
io-file-too-large = 文件太大
io-invalid-filename = 文件名不合法
io-timed-out = 操作超时
io-interrupted = 操作被中断
io-other = 系统报告：{ $error }
pipeline-attachment-held = 链接这个文件的稿件都还没有发布，这个文件也暂不发布（不会复制到输出目录，也不列入 manifest.json）：{ $pages }
pipeline-attachment-held-help = 它会随第一篇链接它的稿件一起发布，到时不用另做处理；如果现在就要发布它，请在一篇已发布的稿件里链接它
pipeline-held-by-draft = { $file }（草稿）
pipeline-held-by-scheduled = { $file }（定于 { $date } 发布）
pipeline-attachment-unlinked = 没有任何稿件链接这个文件，它不会发布（不会复制到输出目录，也不列入 manifest.json）
pipeline-attachment-unlinked-help = 附件随链接它的稿件一起发布：在稿件的属性区写 `attachments: [{"{"}title: 附件名称, path: { $name }{"}"}]`，或在正文里写 `[附件名称]({ $name })`；不再需要的文件请删除。站点自己的文件（如 favicon.ico、站长平台验证文件）请直接放在 content/<站点>/ 下，它们总会发布
