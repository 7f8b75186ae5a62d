# 各命令结束时的汇总、诊断信息的格式。

diag-error = 错误
diag-warning = 警告
diag-help = 修改方法
diag-line = 第 { $line } 行
diag-error-count = 共发现 { $count } 个错误
build-failed-errors = 错误：生成时发现 { $count } 个错误，输出目录没有改动。请按上面的提示逐个修改后重新生成。
build-failed = 生成失败，输出目录没有改动
build-up-to-date = { $out } 已是最新（{ $pages } 篇稿件，自上次生成以来没有任何输入变化），检查用时 { $seconds } 秒
build-summary = 已生成 { $pages } 篇稿件到 { $out }（连同栏目、首页、目录等共 { $files } 个文件，{ $megabytes } MB），用时 { $seconds } 秒（每秒 { $rate } 篇），{ $warnings } 条警告
build-scheduled = { $count } 篇稿件的发布日期在今天之后，属于定时发布，这次没有发布
build-reused = { $pages } 个页面中有 { $reused } 个自上次生成以来没有变化（取自缓存）
build-search-figures = 搜索索引：{ $pages } 个页面，{ $terms } 个词，{ $postings } 条倒排记录，{ $packed } 个压缩存储，{ $shards } 个分片，每块 { $chunk } 个页面，{ $files } 个文件，共 { $total } MB（头部 { $heads } MB，尾部 { $tails } MB，元数据 { $meta } MB，正文 { $text } MB）；生成页面期间已切词 { $early } 组，沿用缓存里未变页面的切词 { $reused } 组
check-cannot-inspect = 错误：站群的配置无法读取，修改上面的问题后才能检查
check-cannot-write-dashboard = 无法把检查报告网页写到 { $path }
check-dashboard = 检查报告网页：{ $path }
merge-failed = 无法合并到 { $out }；该目录没有改动
merge-done = 已把 { $shards } 个分片合并到 { $out }（{ $files } 个文件）
verify-cannot-read = 错误：无法核对 { $dir }：{ $reason }
keygen-no-randomness = 无法从系统取得随机数，不能生成密钥
manifest-summary = 要上传 { $upload } 个（新增 { $added } 个，改动 { $changed } 个），要删除 { $deleted } 个，未变 { $unchanged } 个
init-failed = 无法在 { $dir } 新建站群
init-done = 已在 { $dir } 新建站群；用 zhanqun build --root { $dir } 生成
catalog-cannot-read = 无法读取公开目录
catalog-diff-cannot-read = 目录比较无法读取输入
catalog-diff-failed-on = 目录比较：{ $kinds }（--fail-on 规定的种类出现了）
catalog-diff-failed-kind = { $label } { $count } 项（{ $kind }）
