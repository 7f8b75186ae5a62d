# zhanqun serve: the editor's preview. The terminal and the browser overlay use the same words.

serve-listening = serving { $url }
serve-watching = watching { $root } for changes; the browser reloads after each save; press Ctrl-C to stop
serve-built = built { $pages } pages into { $out } in { $seconds } s
serve-rebuilt-in-place = rebuilt in { $ms } ms: { $rendered } job(s) rendered, { $changed } file(s) changed (in place); +{ $flush } ms for { $files }
serve-rebuilt-reassembled = rebuilt in { $ms } ms: { $rendered } job(s) rendered, { $changed } file(s) changed (re-assembled); +{ $flush } ms for { $files }
serve-rebuilt-spliced = rebuilt in { $ms } ms: { $rendered } job(s) rendered, { $changed } file(s) changed (lists updated); +{ $flush } ms for { $files }
serve-nothing = nothing
serve-trace = trace: { $phases }
serve-search-reindexed = search index rebuilt in { $ms } ms ({ $changed } file(s) changed)
serve-search-updated = search index updated in { $ms } ms: the postings of { $kept } group(s) of pages kept, { $rescored } term(s) scored again ({ $changed } file(s) changed)
serve-settings-changed = { $paths } changed: rebuilding everything
serve-watcher-warning = warning: file watcher: { $message }
serve-still-serving = { $count } error(s); the browser still shows the last good build. Fix them as described above and save: the page reloads by itself.
serve-overlay-title = Build error: the page below is still the last good build (zhanqun serve)
serve-overlay-close = Close ×
serve-reindex-panicked = the search reindex panicked
serve-cannot-update-output = cannot update the served output: { $error }
serve-cannot-update-output-help = check free disk space and permissions; restart `zhanqun serve` for a clean build
serve-cannot-open-root = cannot open the cluster root { $path }: { $error }
serve-cannot-listen = cannot listen on 127.0.0.1:{ $port }: { $message }; choose another port with --port, e.g. --port 1112
serve-cannot-watch = cannot watch the cluster for changes: { $error }
