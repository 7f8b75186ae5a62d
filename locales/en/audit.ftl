# Who may change what: zhanqun audit-changes (the change gate), zhanqun owners (CODEOWNERS), zhanqun log (publication log), and the SSH keys of the lists.

load-ssh-key-invalid = The SSH public key "{ $key }" cannot be read ({ $reason }). Paste the whole line of the public key file (e.g. ~/.ssh/id_ed25519.pub), like "ssh-ed25519 AAAAC3Nza… zhang@jyj", in straight quotes
load-email-invalid = The e-mail address "{ $email }" is not usable: write a whole address such as name@example.gov.cn, without spaces, commas, quotes or angle brackets

audit-list-separator = { ", " }
audit-via-forge = { $email } (signed by the forge on their behalf)

audit-commit-heading = Commit { $commit } "{ $subject }" (author as written in the commit: { $author })
audit-violation-line =   { $file }: { $message }
audit-violation-help =     Fix: { $help }
audit-passed = Change audit passed: { $range } has { $commits } commits and { $changes } changes under review rules, each signed by someone allowed to make it and reviewed by enough reviewers.
audit-failed = Change audit failed: { $range } has { $commits } commits and { $changes } changes under review rules, with { $count } problems (above). These changes must not be published.

audit-unsigned = This commit is not signed, so nothing proves who made it (anyone can write the author "{ $author }")
audit-unsigned-help = Commit through the web editor, or sign with your own SSH key: git -c gpg.format=ssh -c user.signingkey=~/.ssh/id_ed25519.pub commit -S; the key must be listed
audit-bad-signature = The signature of this commit does not match its content (changed after signing, or damaged), so nothing proves who made it; the commit names "{ $author }" as author
audit-bad-signature-help = Sign the commit again (git commit --amend -S) and find out why it changed
audit-expired-key = This commit is signed with an expired or revoked key; the commit names "{ $author }" as author
audit-unknown-key = The signing key ({ $key }) is on no list, so nothing proves who made it (anyone can write the author "{ $author }")
audit-unknown-key-help = Sign with a listed key; an operator lists a newcomer's key under editors: or reviewers: in sites/<site>.yaml (operators under operators: in zhanqun.yaml)
audit-not-editor = { $who } is not an editor of "{ $site }" and may not change its pages
audit-not-editor-help = Let an editor of this site make the change; if this person should, an operator adds their address and key to editors: in sites/{ $id }.yaml (a change that is reviewed too)
audit-not-operator = { $who } is not an operator and may not change the settings, the convention, the theme or files outside content/
audit-not-operator-help = Let an operator listed under operators: in zhanqun.yaml make the change
audit-review-missing = This change needs { $needed } reviews by { $whose }, { $found ->
    [0] and has none
   *[other] and has only { $found } ({ $names })
  }
audit-review-missing-help = Ask { $whose } (not the author) to sign a review commit whose message has the line "Reviews: { $commit }" (git commit --allow-empty -S -m "Review …" -m "Reviews: { $commit }"), or to sign a merge of this commit
audit-whose-site = reviewers of "{ $site }" (reviewers: in sites/{ $id }.yaml)
audit-whose-operators = other operators (operators: in zhanqun.yaml)
audit-rejected-reviews = ; reviews that do not count: { $list }
audit-rejected-review = commit { $commit } ({ $reason })
audit-rejected-self = the author reviewing their own change
audit-rejected-not-reviewer = { $who } is not a reviewer here
audit-word-unsigned = not signed
audit-word-bad-signature = signature does not match
audit-word-expired-key = key expired or revoked
audit-word-unknown-key = signing key on no list

audit-owners-header =
    Written by zhanqun owners from operators: in zhanqun.yaml and the reviewers: of each site in sites/; do not edit by hand.
    The forge asks these reviewers to review merge requests; zhanqun audit-changes in CI is what enforces.
audit-owners-written = Wrote { $path }: { $operators } operators, { $sites } sites with reviewers
audit-owners-left-out = Gitea's CODEOWNERS names users only: these people have no user: (their user name on the forge) and were left out: { $emails }
audit-cannot-write = Cannot write { $path }: { $reason }

audit-log-unknown-site = --site "{ $id }" is not a site of this cluster. Site ids are the file names under sites/
audit-log-unproven = { $email } (not proven by a signature)

cli-audit-changes-about = Change gate (for CI): checks the SSH signature, the right and the reviews (三审) of every commit of BASE..HEAD; exit status 1 on a problem
cli-audit-changes-base = Start (the last approved revision, e.g. origin/main); its lists and rules apply
cli-audit-changes-head = End (the revision to publish, e.g. HEAD)
cli-audit-changes-root = Cluster root (the directory holding zhanqun.yaml; may be a sub-directory of the repository)
cli-audit-changes-json = Print JSON (for programs)
cli-owners-about = Write a CODEOWNERS file from the operators and each site's reviewers (GitLab, GitHub or Gitea syntax)
cli-owners-root = Cluster root (the directory holding zhanqun.yaml)
cli-owners-forge = The forge: gitlab, github or gitea
cli-owners-out = File to write (default: CODEOWNERS at the top of the repository; - prints it)
cli-log-about = Publication log (for auditors): from the Git history, each page's author, reviewers, first publication and every later change, and the published items per column
cli-log-root = Cluster root (the directory holding zhanqun.yaml)
cli-log-site = Only this site (site id)
cli-log-year = Only pages published or changed in this year; column counts for this year (default: this year)
cli-log-format = Output format: csv (with a BOM, opens in Excel) or json
