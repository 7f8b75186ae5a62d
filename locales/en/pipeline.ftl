# Messages of build and merge: the output directory, writing files, links, templates, shards, signatures, the search index, the 繁體 view.

pipeline-invalid = the build found { $count } error(s) in the input; the output directory was not changed
pipeline-unsafe-output = refusing to write to { $path }: { $why }
pipeline-unsafe-cache-dir = refusing to keep the build cache in { $path }: { $why }
pipeline-cache-dir-in-output = it lies inside the output directory { $out }, which every build replaces; choose a directory outside it
pipeline-cache-dir-inside = it lies inside { $dir }/; choose a directory outside the cluster's content
pipeline-cache-dir-contains-root = it contains the cluster itself; choose a separate directory
pipeline-threads = cannot start { $count } worker threads
pipeline-out-contains-root = it contains the cluster itself; choose a separate directory such as public/
pipeline-out-inside = it lies inside { $dir }/; choose a separate directory such as public/
pipeline-out-not-empty = it is not empty and holds no manifest.json from an earlier build; empty it or choose another directory
pipeline-no-anchor = { $target } has no element with id `{ $fragment }`
pipeline-signing-key-help = create a key with `zhanqun keygen` and keep it in the CI's secrets
pipeline-cannot-read = cannot read { $path }
pipeline-cannot-write = cannot write { $path }
pipeline-cannot-read-manifest-to-sign = cannot read manifest.json to sign it
pipeline-cannot-encode-signature = cannot encode the signature
pipeline-cannot-create-staging = cannot create a staging directory next to { $path }
pipeline-cannot-write-staging = cannot write to the staging directory
pipeline-cannot-write-search = cannot write the search index
pipeline-cannot-write-shard-state = cannot write the shard state
pipeline-cannot-commit = cannot move the new build into { $path }
pipeline-write-failed = cannot write { $url }: { $error }
pipeline-write-failed-help = check free disk space and permissions
pipeline-render-crashed = rendering { $url } crashed: { $what }
pipeline-render-crashed-unknown = unknown error
pipeline-render-crashed-help = simplify the template expression named above (Tera cannot index maps by non-ASCII keys)
pipeline-broken-link = broken link `{ $href }`: { $reason }
pipeline-broken-link-help = link to an existing page with a root-relative URL such as /jyj/zwdt/gzdt/<slug>/, or to a .md file relative to this one, such as ../tzgg/2024-03-15-tongzhi.md

# zhanqun merge

merge-not-a-shard = { $dir } holds no { $sidecar }: build each shard with `zhanqun build --sites …`
merge-io = { $context }: { $error }
merge-inconsistent =
    the shards cannot be merged:
    { $problems }
merge-unsafe-output = refusing to write to { $path }: it is not empty and holds no manifest.json from an earlier build
merge-state-damaged = { $path } is damaged: { $error }
merge-differs = { $path } differs between { $first } and { $second }: were the shards built from the same commit?
merge-different-builds = the shards were built from different content or settings ({ $groups }): build every shard from the same commit
merge-not-in-any-shard = { $target } is not in any shard
merge-broken-link = { $src }{ $line }: broken link `{ $href }`: { $why }
merge-cannot-read-in = cannot read { $path } in { $dir }
merge-changed = { $path } in { $dir } changed since its shard was built
merge-cannot-commit = cannot move the merged output into { $path }
merge-no-portal = no shard holds the portal (sitemap_index.xml, robots.txt, catalogs): add its shard
merge-missing-site = { $path } is missing: the shard of its site was not merged
merge-shard-format = { $dir } is a shard built by another version of zhanqun (shard format { $found }, this version { $expected }): build every shard again with the same version, then merge
merge-other-cluster = the cluster at { $path } is not the one the shards were built from (other settings or theme): run merge in a checkout of the commit the shards were built from, or point --root to it
merge-cannot-load = cannot read the cluster settings:
    { $problems }
merge-part-missing = shard { $dir } lacks its prepared search data { $file }: build this shard again with `zhanqun build --sites …`
merge-part-format = { $path } holds prepared search data of another version of zhanqun (format { $found }, this version { $expected }): build every shard again with the same version, then merge
merge-part-damaged = { $path } is damaged: { $error }; build this shard again
merge-part-not-a-part = not a zhanqun prepared search data file
merge-part-checksum = checksum mismatch
merge-part-overlap = site { $site } is in both shards { $first } and { $second }: put each site in one shard only (no site twice in `--sites`)
merge-part-gap = the search index lacks the pages of site { $site }: the shard that built it was not merged
merge-part-plans-differ = the prepared search data of shards { $first } and { $second } disagree: build every shard from the same commit
merge-part-none = no shard given: a merge needs at least one shard directory made by `zhanqun build --sites …`
merge-part-no-records = the search index lacks the result records of some pages of site { $site }: the prepared search data of the shard that built it is incomplete; build this shard again
merge-part-undecodable = its contents cannot be read; the file may have been cut short or changed ({ $detail })
merge-part-bad-pages = its page ids do not match its result records, or exceed the cluster's pages
merge-part-bad-run = a run of pages (from page id { $start }, { $len } pages) is empty or crosses from one group of the index files into the next
merge-part-text-size = the text has { $found } bytes, not the { $expected } bytes its prepared search data records

# Shard selection (--sites), signatures, the manifest

emit-shard-unknown-site = `{ $id }` is not a site of the cluster
emit-shard-unknown-site-help = list site ids from sites/*.yaml
emit-shard-did-you-mean = did you mean `{ $name }`?
emit-shard-no-site = no site named
emit-shard-no-site-help = give site ids, e.g. --sites portal,jyj
emit-bad-key = { $what } must be 64 hexadecimal digits (32 bytes)
emit-public-key = the public key
emit-bad-signature-file = { $file } is not a zhanqun signature: { $error }
emit-no-atomic-exchange = this system has no atomic directory exchange
emit-manifest-unreadable = cannot read { $path }: { $error }
emit-manifest-invalid = { $path } is not a zhanqun manifest.json: { $error }

# Search settings and the search index

search-head-zero = search: head must be at least 1
search-head-zero-help = leave `head` out for the default of 64
search-cannot-encode = cannot encode the search index: { $error }
search-kept-group-unreadable = part of the search data kept in the build cache (its search folder) cannot be read; it has been removed — build again and it is made afresh; the site itself is not affected
search-kept-index-unreadable = the search index kept in the build cache (search-index-v1.bin in the cache folder) cannot be read; it has been removed — build again and it is made afresh; the site itself is not affected
search-writer-panicked = a search writer panicked
search-group-too-big = a group of { $count } pages is over { $max }

# The 繁體 view and templates

hant-rewrite-failed = HTML could not be rewritten for the 繁體 view: { $error }
template-help = fix the template; `zhanqun init` writes a fresh copy of the default theme

# zhanqun init

init-not-empty = { $path } is not empty; choose a new directory
pipeline-cannot-write-gz = cannot write the .gz copies

## Input/output errors the operating system reports
io-not-found = no such file or directory
io-permission-denied = permission denied (check the file's permissions or ask the administrator)
io-already-exists = a file or directory of that name already exists
io-is-a-directory = this is a directory, not a file
io-not-a-directory = a part of the path is a file, not a directory
io-directory-not-empty = the directory is not empty
io-storage-full = the disk or quota is full
io-invalid-data = the contents cannot be read (not the expected format or encoding)
io-address-in-use = the port is taken by another program
io-address-not-available = this machine has no such address
io-crosses-devices = cannot move across disk partitions
io-file-too-large = the file is too large
io-invalid-filename = the file name is not valid
io-timed-out = the operation timed out
io-interrupted = the operation was interrupted
io-other = the system says: { $error }
pipeline-attachment-held = every page that links to this file is not published yet, so neither is the file (it is not copied to the output nor listed in manifest.json): { $pages }
pipeline-attachment-held-help = it is published with the first of those pages, with nothing else to do then; to publish it now, link to it from a published page
pipeline-held-by-draft = { $file } (draft)
pipeline-held-by-scheduled = { $file } (to be published on { $date })
pipeline-attachment-unlinked = no page links to this file: it is not published (not copied to the output nor listed in manifest.json)
pipeline-attachment-unlinked-help = an attachment is published with the pages that link to it: write `attachments: [{"{"}title: name, path: { $name }{"}"}]` in a page's front matter, or `[name]({ $name })` in its body; delete the file if it is not needed. A site's own files (favicon.ico, a search engine's verification file) go directly under content/<site>/, and are always published
