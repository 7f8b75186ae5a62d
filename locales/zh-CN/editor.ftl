# zhanqun editor（网页编辑器）和 zhanqun assign（自动分配索引号）

cli-editor-about = 生成网页编辑器（Decap CMS）：编辑在浏览器里填表写稿，保存即提交到代码托管平台，不用接触 Git、Markdown 和 YAML
cli-editor-long =
    按栏目规范（columns.yaml）、sites/ 和 vocabularies: 生成一个静态的网页编辑器目录：每个子站的每个栏目一个稿件列表，主题分类、体裁分类、有效性是下拉选择，日期用日期选择器，文号检查〔〕，附件上传到稿件旁边，界面是中文。
    目录里有 Decap CMS 本身（内置在 zhanqun 中，不从 CDN 加载）、config.yml、预览用的站群样式，以及编辑器自己的响应头（_headers 和 nginx.conf）。
    代码托管平台的设置写在 zhanqun.yaml 的 editor: 下，也可以用下面的参数给出或覆盖。
cli-editor-after =
    例子：
      zhanqun editor --out editor/
      zhanqun editor --out editor/ --sites jyj,yongan
      zhanqun editor --out editor/ --backend gitlab --repo xian/zhanqun --base-url https://git.example.gov.cn --app-id 0b4c…
cli-editor-root = 站群根目录
cli-editor-out = 写入编辑器的目录
cli-editor-sites = 每个列出的子站各生成一个只编辑本站的编辑器，写入 <目录>/<子站标识>/（多个用逗号分隔）
cli-editor-backend = 代码托管平台：gitea 或 gitlab（覆盖 editor.backend）
cli-editor-repo = 仓库，“所有者/名称”（覆盖 editor.repo）
cli-editor-branch = 保存到的分支（覆盖 editor.branch；默认 main）
cli-editor-base-url = 代码托管平台的地址，用户在这里登录（覆盖 editor.base_url）
cli-editor-api-root = 代码托管平台的 API 地址（覆盖 editor.api_root；默认是地址加 /api/v1（Gitea）或 /api/v4（GitLab））
cli-editor-app-id = OAuth 应用的客户端 ID（覆盖 editor.app_id）
cli-editor-auth-endpoint = GitLab 的授权路径（覆盖 editor.auth_endpoint；默认 oauth/authorize）
cli-editor-local-backend = 测试用：保存到本机的 decap-server（不带值时为 http://localhost:8081/api/v1），不经过代码托管平台

editor-missing-setting = 缺少网页编辑器的设置 { $key }
editor-missing-setting-help = 请在 zhanqun.yaml 的 editor: 下写上 backend（gitea 或 gitlab）、repo 和 base_url，或在命令行用 --backend、--repo、--base-url 给出，例如：zhanqun editor --out editor/ --backend gitea --repo xian/zhanqun --base-url https://git.example.gov.cn
editor-unknown-site = 没有标识为 { $site } 的子站{ $hint }
editor-did-you-mean = ，是不是 { $name }？
editor-cannot-write = 无法写入 { $path }
editor-written = 已生成网页编辑器 { $dir }：子站 { $sites }，共 { $collections } 个稿件栏目
editor-written-next = 把这个目录放到网站服务器上（响应头见目录里的 _headers 或 nginx.conf），并在代码托管平台上登记 OAuth 应用（见运维手册“网页编辑器”一节）。内置 Decap CMS { $version }。
editor-title = { $name } · 网页编辑器
editor-js-comment = 预览时使用站群的样式表（zhanqun editor 生成，请勿手改）
editor-config-header =
    网页编辑器（Decap CMS）的配置，由 zhanqun editor 按栏目规范生成，请勿手改：
    修改 columns.yaml、sites/ 或 zhanqun.yaml 后重新运行 zhanqun editor。
editor-commit-create = 新建稿件：{"{{"}collection{"}}"}「{"{{"}slug{"}}"}」
editor-commit-update = 修改稿件：{"{{"}collection{"}}"}「{"{{"}slug{"}}"}」
editor-commit-delete = 删除稿件：{"{{"}collection{"}}"}「{"{{"}slug{"}}"}」
editor-commit-upload = 上传附件「{"{{"}path{"}}"}」
editor-commit-delete-media = 删除附件「{"{{"}path{"}}"}」
editor-pages = 单页栏目
editor-field-title = 标题
editor-field-date = 发布日期
editor-field-date-hint = 稿件在网站上显示的发布日期和时间；晚于今天的稿件到那一天才发布
editor-field-index-no = 索引号
editor-field-index-no-hint = 自动分配：保存后由发布流程（zhanqun assign）按提交顺序编号，请留空
editor-field-index-no-pattern = 索引号的格式是“机构代码/年份-序号”，例如 { $org }/2026-00001；留空则自动分配
editor-field-doc-number = 文号
editor-field-doc-number-hint = 年份用六角括号〔〕，例如 测府发〔2026〕5号；没有文号的留空
editor-field-doc-number-pattern = 文号的年份要用六角括号〔〕括起来，例如 测府发〔2026〕5号
editor-field-publisher = 发布机构
editor-field-topic = 主题分类
editor-field-genre = 体裁分类
editor-field-written = 成文日期
editor-field-valid = 有效性
editor-field-replaced-by = 替代文件
editor-field-replaced-by-hint = 失效或废止的文件：写替代它的文件的网址，例如 /xxgk/zcwj/2026-06-15-cuoshi/
editor-field-received = 来信日期
editor-field-category = 来信类别
editor-field-assigned = 办理单位
editor-field-replied = 回复日期
editor-field-replier = 回复单位
editor-field-guests = 访谈嘉宾
editor-field-guests-hint = 多位嘉宾用顿号分隔
editor-field-time = 访谈时间
editor-field-source = 来源
editor-field-author = 作者
editor-field-description = 摘要
editor-field-attachments = 附件
editor-field-attachment-title = 附件名称
editor-field-attachment-file = 附件文件
editor-field-draft = 草稿
editor-field-draft-hint = 打开后稿件不发布，只在预览里可见
editor-field-body = 正文

cli-assign-about = 给缺少索引号的公开文件按提交顺序分配索引号（网页编辑器保存的文件在发布流程里由这一步编号），写入文件和索引号台账
cli-assign-root = 站群根目录
assign-config-errors = 站群设置有误，无法分配索引号：
    { $errors }
assign-cannot-write = 无法读写 { $path }
assign-line = { $file }：索引号 { $no }
assign-done = 共分配 { $count } 个索引号。
