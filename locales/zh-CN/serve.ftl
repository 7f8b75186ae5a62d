# zhanqun serve：编辑预览。终端里的提示和浏览器里的出错提示层用同一套文字。

serve-listening = 预览地址：{ $url }
serve-watching = 正在监视 { $root } 中的改动，保存文件后浏览器会自动刷新；按 Ctrl-C 停止
serve-built = 已生成 { $pages } 篇稿件到 { $out }，用时 { $seconds } 秒
serve-rebuilt-in-place = 已更新（{ $ms } 毫秒）：重新生成 { $rendered } 个页面，{ $changed } 个文件有变化；随后 { $flush } 毫秒写入 { $files }
serve-rebuilt-reassembled = 已重新编排并更新（{ $ms } 毫秒）：重新生成 { $rendered } 个页面，{ $changed } 个文件有变化；随后 { $flush } 毫秒写入 { $files }
serve-rebuilt-spliced = 已更新栏目列表（{ $ms } 毫秒）：重新生成 { $rendered } 个页面，{ $changed } 个文件有变化；随后 { $flush } 毫秒写入 { $files }
serve-nothing = （无）
serve-trace = 各阶段用时：{ $phases }
serve-search-reindexed = 搜索索引已更新，用时 { $ms } 毫秒（{ $changed } 个文件有变化）
serve-search-updated = 搜索索引已更新，用时 { $ms } 毫秒：沿用 { $kept } 组页面的切词结果，重新计算 { $rescored } 个词的排序分数（{ $changed } 个文件有变化）
serve-settings-changed = { $paths } 有改动：重新生成整个站群
serve-watcher-warning = 警告：监视文件改动时出了问题：{ $message }
serve-still-serving = 共 { $count } 个错误；浏览器中仍是上次成功生成的页面。按上面的提示修改后保存，页面会自动刷新。
serve-overlay-title = 生成出错，下面的页面仍是上次成功生成的内容（zhanqun serve）
serve-overlay-close = 关闭 ×
serve-reindex-panicked = 更新搜索索引的线程意外中止
serve-cannot-update-output = 无法更新预览输出目录：{ $error }
serve-cannot-update-output-help = 请检查磁盘空间和文件权限；重新运行 `zhanqun serve` 可以完整生成一次
serve-cannot-open-root = 无法打开站群根目录 { $path }：{ $error }
serve-cannot-listen = 无法在 127.0.0.1:{ $port } 上提供预览：{ $message }；请用 --port 换一个端口，例如 --port 1112
serve-cannot-watch = 无法监视站群目录的改动：{ $error }
