# Summaries at the end of each command, and how a diagnostic is laid out.

diag-error = error
diag-warning = warning
diag-help = help
diag-line = line { $line }
diag-error-count = { $count } error(s) found
build-failed-errors = error: the build found { $count } error(s); the output directory was not changed
build-failed = build failed; the output directory was not changed
build-up-to-date = { $out } is up to date ({ $pages } pages; no input changed since the last build), checked in { $seconds } s
build-summary = built { $pages } written pages into { $out } ({ $files } files with lists, home pages and catalogs, { $megabytes } MB) in { $seconds } s ({ $rate } pages/s), { $warnings } warning(s)
build-scheduled = { $count } page(s) dated after today are scheduled and were left out
build-reused = { $reused } of { $pages } pages unchanged since the last build (from the cache)
build-search-figures = search index: { $pages } pages, { $terms } terms, { $postings } postings, { $packed } gzipped presences, { $shards } shards, { $chunk } pages per chunk, { $files } files, { $total } MB (heads { $heads } MB, tails { $tails } MB, metadata { $meta } MB, text { $text } MB); { $early } groups of pages tokenized during the render; { $reused } groups of unchanged pages taken from the build cache
check-cannot-inspect = error: the cluster cannot be inspected until these are fixed
check-cannot-write-dashboard = cannot write the dashboard to { $path }
check-dashboard = dashboard: { $path }
merge-failed = cannot merge into { $out }; it was not changed
merge-done = merged { $shards } shards into { $out } ({ $files } files)
verify-cannot-read = error: cannot verify { $dir }: { $reason }
keygen-no-randomness = cannot read random bytes from the system
manifest-summary = { $upload } to upload ({ $added } new, { $changed } changed), { $deleted } to delete, { $unchanged } unchanged
init-failed = cannot create a cluster in { $dir }
init-done = created a new cluster in { $dir }; build it with zhanqun build --root { $dir }
catalog-cannot-read = cannot read the catalog
catalog-diff-cannot-read = catalog diff cannot read its input
catalog-diff-failed-on = catalog diff: { $kinds } (--fail-on)
catalog-diff-failed-kind = { $label } ×{ $count } ({ $kind })
