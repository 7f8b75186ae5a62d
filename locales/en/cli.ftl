# The command line: about and help texts of every command, and clap's own words.

cli-about = Static-site generator for government website clusters (站群)
cli-arg-lang = Language of messages: zh (Chinese, the default) or en (English); also ZHANQUN_LANG
cli-arg-help = Print help
cli-arg-version = Print version
cli-default = { " " }[default: { $value }]
cli-possible = { " " }[possible values: { $values }]
cli-heading-usage = Usage:
cli-heading-options = Options:
cli-heading-arguments = Arguments:
cli-heading-commands = Commands:
cli-placeholder-options = [OPTIONS]
cli-placeholder-command = <COMMAND>
cli-error = error: { $message }
cli-error-cause-separator = { ": " }
cli-bad-today = --today `{ $value }` is not a date; write it as YYYY-MM-DD, e.g. 2026-03-05
cli-err-invalid-value = invalid value `{ $value }` for { $arg }.
cli-err-valid-values = { " " }Possible values: { $values }.
cli-err-unknown-argument = unexpected argument `{ $arg }`.
cli-err-unknown-command = unrecognized subcommand `{ $command }`.
cli-err-value-count = wrong number of values for { $arg }.
cli-err-conflict = the argument { $arg } cannot be used with { $other }.
cli-err-missing-argument = the following required arguments were not provided: { $args }
cli-err-missing-command = a command is required, e.g. zhanqun build.
cli-err-invalid-utf8 = the command line holds bytes that are not UTF-8.
cli-err-other = invalid command line.
cli-list-separator = { ", " }
cli-err-did-you-mean = did you mean `{ $suggestion }`?
cli-err-more-help = Run zhanqun --help for every command, zhanqun <COMMAND> --help for one.

cli-build-about = Build every site of the cluster into the output directory
cli-build-root = Cluster root (the directory holding zhanqun.yaml)
cli-build-out = Output directory [default: ROOT/public]
cli-build-jobs = Worker threads [default: all cores]
cli-build-base-url = Override base_url from zhanqun.yaml (e.g. /sub/path/)
cli-build-quiet = Print nothing but errors
cli-build-verbose = Also print the wall time of every pipeline stage
cli-build-sites = Render only these sites (comma-separated ids): one shard of a sharded CI build, combined with zhanqun merge; the shard holding the portal writes the cluster-wide files
cli-build-today = Build as of this day (YYYY-MM-DD): pages dated later are left out (scheduled publishing), review notices fall due [default: today]
cli-build-precompress = Also write a .gz copy beside every page, style, script, JSON and XML file (for nginx gzip_static); the copies are listed in manifest.json
cli-build-drafts = Build the drafts too, as a private preview: each draft page carries a 草稿 (draft) banner; do not publish this output
cli-build-no-cache = Ignore the build cache (ROOT/.zhanqun-cache) and build everything; the cache is not written either
cli-build-cache-dir = Keep the build cache in this directory instead of ROOT/.zhanqun-cache (a CI runner keeps it, with the output, outside the fresh checkout, so that the next build renders only what changed); deleting the directory clears the cache

cli-serve-about = Preview: build, serve on 127.0.0.1, rebuild what a saved file affects and reload the browser tabs; errors show in the terminal and as an overlay in the browser
cli-serve-root = Cluster root (the directory holding zhanqun.yaml)
cli-serve-port = Port on 127.0.0.1 (0 picks a free one)
cli-serve-out = Output directory [default: ROOT/public]
cli-serve-today = Build as of this day (YYYY-MM-DD) [default: today]

cli-check-about = Inspect the cluster against the national inspection indicators (政府网站检查指标)
cli-check-root = Cluster root
cli-check-today = Evaluate staleness as of this day (YYYY-MM-DD) [default: today]
cli-check-format = Output format: text (grouped by site and severity, for people) or json (the whole report, for CI)
cli-check-deny = Also fail (exit 1) on these findings besides vetoes: scored, or advice (everything)
cli-check-html = Write the HTML dashboard here [default: ROOT/check-report.html]
cli-check-gate = Publication gate: fail only on what must not be published (serious misstatements, personal data, broken internal links, invalid disclosure metadata, placeholder pages); risks only publishing cures (stale or blank columns) are reported, never block
cli-check-sites = Inspect only these sites (comma-separated site ids), e.g. one shard of a sharded build

cli-merge-about = Combine the outputs of build --sites shards into one cluster output
cli-merge-root = The cluster the shards were built from (read again for the one search index)
cli-merge-out = The merged output directory
cli-merge-shards = Shard output directories

cli-verify-about = Check a deployed copy against its manifest.json: every file hashed again; files added, changed or missing are listed (exit 1). With a public key, the manifest's signature too
cli-verify-dir = The directory to check (a built or deployed output)
cli-verify-public-key = The trusted ed25519 public key (hex) the manifest must be signed with; also ZHANQUN_PUBLIC_KEY
cli-verify-json = Print JSON instead of lines

cli-keygen-about = Print a new ed25519 key pair for signed manifests: the secret seed goes into the CI's ZHANQUN_SIGNING_KEY, the public key to whoever runs zhanqun verify

cli-manifest-about = Compare two builds' manifest.json for an incremental deploy
cli-manifest-diff-about = Files to upload (added or changed) and to delete, from OLD to NEW (manifest.json files or output directories)
cli-manifest-diff-old = The deployed build
cli-manifest-diff-new = The new build
cli-manifest-diff-json = Print JSON instead of upload PATH / delete PATH lines

cli-catalog-about = Machine-readable disclosure catalog tools
cli-catalog-stats-about = Documents proactively disclosed in a year, per organisation, column, topic and genre
cli-catalog-stats-root = Cluster root
cli-catalog-stats-year = The year [default: this year]
cli-catalog-stats-json = Print JSON instead of a table
cli-catalog-diff-about = Compare two disclosure catalogs: added, removed, changed, renumbered, back-dated documents
cli-catalog-diff-long =
    Compare two disclosure catalogs: added, removed, changed, renumbered, back-dated documents.

    Documents are keyed by 索引号 and compared field by field. Flagged: removed documents; renumbered ones (same 标题 and 文号 under a new 索引号); back-dated ones (发布日期 moved earlier, or a new document dated before the newest 发布日期 in OLD).

    OLD and NEW are catalog.json files or build output directories; with --git they are revisions of the cluster's git repository, read without a checkout or a build.

    Exit status: 0 when no kind listed in --fail-on occurs, 1 when one does, 2 when OLD or NEW cannot be read.
cli-catalog-diff-after =
    Examples:
      zhanqun catalog diff old/catalog.json public/
      zhanqun catalog diff --git v2026.05 HEAD --fail-on removed,renumbered,backdated
      zhanqun catalog diff --git HEAD~1 HEAD --json > diff.json
cli-catalog-diff-old = OLD: a catalog.json, an output directory, or (with --git) a revision
cli-catalog-diff-new = NEW: a catalog.json, an output directory, or (with --git) a revision
cli-catalog-diff-git = OLD and NEW are git revisions of the cluster repository
cli-catalog-diff-root = Cluster root within the git work tree (with --git) [default: .]
cli-catalog-diff-json = Print the report as JSON (described by schemas/catalog-diff-v1.schema.json)
cli-catalog-diff-format = Output format: text (a table for people), json (as --json) or csv (UTF-8 with a BOM, opens in Excel, for auditors)
cli-catalog-diff-today = Compare as of this day (YYYY-MM-DD): documents dated later are scheduled, listed apart, never added and never make another document back-dated [default: today in the cluster's time zone]
cli-catalog-diff-fail-on = Exit 1 when any of these kinds occurs: added, removed, changed, renumbered, backdated

cli-init-about = Create a new cluster skeleton from the embedded theme and column convention
cli-init-dir = Directory to create (must be empty or absent)

cli-new-about = Create a correctly named page with front matter (assigns 索引号 in disclosure columns)
cli-new-site = Site id (sites/<id>.yaml)
cli-new-column = Column path, e.g. zwdt/gzdt or xxgk/zcwj
cli-new-title = Title of the page
cli-new-root = Cluster root
cli-new-date = Publication date (YYYY-MM-DD), also accepted as --today [default: today in the cluster's time zone]
cli-nginx-headers-about = Print the security headers as nginx add_header lines, from zhanqun.yaml, equal to the _headers the build writes; save them as the snippets/zhanqun-headers.conf that docs/deploy/nginx.conf includes
cli-nginx-headers-root = The cluster's root (the directory holding zhanqun.yaml)
