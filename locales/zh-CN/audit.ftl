# 谁能改什么：zhanqun audit-changes（变更审核闸门）、zhanqun owners（CODEOWNERS）、zhanqun log（发布记录），以及名单中的 SSH 公钥。

load-ssh-key-invalid = SSH 公钥“{ $key }”无法识别（{ $reason }）。请粘贴公钥文件（例如 ~/.ssh/id_ed25519.pub）的整行内容，形如 "ssh-ed25519 AAAAC3Nza… zhang@jyj"，用半角引号括起来
load-email-invalid = 电子邮箱“{ $email }”不可用：请写成 name@example.gov.cn 这样的完整地址，不要带空格、逗号、引号或尖括号

audit-list-separator = { "、" }
audit-via-forge = { $email }（由代码托管平台代为签名）

audit-commit-heading = 提交 { $commit }「{ $subject }」（提交里写的作者：{ $author }）
audit-violation-line =   { $file }：{ $message }
audit-violation-help =     怎么办：{ $help }
audit-passed = 变更审核通过：{ $range } 共 { $commits } 个提交、{ $changes } 处需审核的改动，每处都由有权限的人签名修改，并经足够的审核人审核。
audit-failed = 变更审核未通过：{ $range } 共 { $commits } 个提交、{ $changes } 处需审核的改动，发现 { $count } 个问题（见上）。这些改动不能发布。

audit-unsigned = 这个提交没有签名，不能证明是谁改的（提交里写的作者“{ $author }”谁都可以写）
audit-unsigned-help = 请通过网页编辑器提交，或者用自己的 SSH 密钥签名提交：git -c gpg.format=ssh -c user.signingkey=~/.ssh/id_ed25519.pub commit -S；密钥须已登记在名单里
audit-bad-signature = 这个提交的签名与内容不符（签名后提交被改动过，或签名已损坏），不能证明是谁改的；提交里写的作者是“{ $author }”
audit-bad-signature-help = 请重新签名提交（git commit --amend -S），并查明提交为何被改动
audit-expired-key = 这个提交的签名密钥已过期或已吊销；提交里写的作者是“{ $author }”
audit-unknown-key = 签名所用的密钥（{ $key }）不在任何名单里，不能证明是谁改的（提交里写的作者“{ $author }”谁都可以写）
audit-unknown-key-help = 请用已登记的密钥签名；新人的公钥由管理员登记在 sites/<站点>.yaml 的 editors: 或 reviewers:（管理员在 zhanqun.yaml 的 operators:）中
audit-not-editor = { $who } 不是“{ $site }”的编辑，无权修改这个站点的页面
audit-not-editor-help = 请由这个站点的编辑修改；如确需此人负责，由管理员把他的邮箱和公钥加到 sites/{ $id }.yaml 的 editors: 中（这一修改本身也要审核）
audit-not-operator = { $who } 不是站群管理员，无权修改站群设置、栏目规范、主题或 content/ 以外的文件
audit-not-operator-help = 请由 zhanqun.yaml 的 operators: 中列出的管理员修改
audit-review-missing = 这次改动需要 { $needed } 位{ $whose }审核，{ $found ->
    [0] 还没有人审核
   *[other] 目前只有 { $found } 位（{ $names }）
  }
audit-review-missing-help = 请{ $whose }（不能是作者本人）签名提交一个审核提交，说明中写一行“审核: { $commit }”（git commit --allow-empty -S -m "审核 …" -m "审核: { $commit }"），或者签名合并这个提交
audit-whose-site = 站点“{ $site }”的审核人（sites/{ $id }.yaml 的 reviewers:）
audit-whose-operators = 其他管理员（zhanqun.yaml 的 operators:）
audit-rejected-reviews = ；不算数的审核：{ $list }
audit-rejected-review = 提交 { $commit }（{ $reason }）
audit-rejected-self = 作者本人审核自己的改动
audit-rejected-not-reviewer = { $who } 不是这里的审核人
audit-word-unsigned = 没有签名
audit-word-bad-signature = 签名与内容不符
audit-word-expired-key = 密钥已过期或吊销
audit-word-unknown-key = 签名密钥不在名单里

audit-owners-header =
    本文件由 zhanqun owners 根据 zhanqun.yaml 的 operators: 和 sites/ 中各站点的 reviewers: 生成，请勿手工修改。
    代码托管平台据此请审核人审核合并请求；真正把关的是 CI 中的 zhanqun audit-changes。
audit-owners-written = 已写入 { $path }：管理员 { $operators } 人，{ $sites } 个站点列出了审核人
audit-owners-left-out = Gitea 的 CODEOWNERS 只认用户名：这些人没有写 user:（代码托管平台上的用户名），没有写入：{ $emails }
audit-cannot-write = 无法写入 { $path }：{ $reason }

audit-log-unknown-site = --site 的“{ $id }”不是本站群的站点。站点 ID 是 sites/ 目录下各文件的文件名
audit-log-unproven = { $email }（未经签名证明）

cli-audit-changes-about = 变更审核闸门（CI 用）：检查 BASE..HEAD 之间每个提交的 SSH 签名、修改权限和审核（三审），有问题时退出码为 1
cli-audit-changes-base = 起点（已审核通过的版本，例如 origin/main）；按这一版本的名单和规则检查
cli-audit-changes-head = 终点（要发布的版本，例如 HEAD）
cli-audit-changes-root = 站群根目录（存放 zhanqun.yaml 的目录，可以是仓库的子目录）
cli-audit-changes-json = 输出 JSON（供程序读取）
cli-owners-about = 根据管理员和各站点审核人名单生成代码托管平台用的 CODEOWNERS 文件
cli-owners-root = 站群根目录（存放 zhanqun.yaml 的目录）
cli-owners-forge = 代码托管平台：gitlab、github 或 gitea
cli-owners-out = 写到哪个文件（默认：仓库根目录下的 CODEOWNERS；写 - 则输出到屏幕）
cli-log-about = 发布记录（供审计）：从 Git 历史列出每个页面的作者、审核人、首次发布时间和之后的每次修改，以及各栏目的发布数
cli-log-root = 站群根目录（存放 zhanqun.yaml 的目录）
cli-log-site = 只列这个站点（站点 ID）
cli-log-year = 只列这一年有发布或修改的页面，栏目发布数按这一年统计（默认：今年）
cli-log-format = 输出格式：csv（带 BOM，可直接用 Excel 打开）或 json
