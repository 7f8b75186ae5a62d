# zhanqun editor (the web editor) and zhanqun assign (索引号 numbering)

cli-editor-about = Write the web editor (Decap CMS): editors fill in a form in the browser and saving commits to the forge, with no Git, Markdown or YAML
cli-editor-long =
    Writes a static web editor directory from the column convention (columns.yaml), sites/ and vocabularies: one list per column of every site, 主题分类, 体裁分类 and 有效性 as selects, date pickers, 文号 checked for 〔〕, attachments uploaded next to the page, a Chinese interface.
    The directory holds Decap CMS itself (embedded in zhanqun, never loaded from a CDN), config.yml, the cluster's style sheets for the preview and the editor's own response headers (_headers and nginx.conf).
    The forge settings are under editor: in zhanqun.yaml; the options below give or override them.
cli-editor-after =
    Examples:
      zhanqun editor --out editor/
      zhanqun editor --out editor/ --sites jyj,yongan
      zhanqun editor --out editor/ --backend gitlab --repo xian/zhanqun --base-url https://git.example.gov.cn --app-id 0b4c…
cli-editor-root = Cluster root
cli-editor-out = Directory to write the editor into
cli-editor-sites = One editor per listed site, editing that site only, in <dir>/<site id>/ (comma-separated)
cli-editor-backend = The forge: gitea or gitlab (overrides editor.backend)
cli-editor-repo = Repository, owner/name (overrides editor.repo)
cli-editor-branch = Branch saved to (overrides editor.branch; default main)
cli-editor-base-url = The forge's address, where users log in (overrides editor.base_url)
cli-editor-api-root = The forge's API (overrides editor.api_root; default the address plus /api/v1 (Gitea) or /api/v4 (GitLab))
cli-editor-app-id = The OAuth application's client id (overrides editor.app_id)
cli-editor-auth-endpoint = GitLab's authorisation path (overrides editor.auth_endpoint; default oauth/authorize)
cli-editor-local-backend = For tests: save through a decap-server on this machine (without a value http://localhost:8081/api/v1), not the forge

editor-missing-setting = The web editor setting { $key } is missing
editor-missing-setting-help = Give backend (gitea or gitlab), repo and base_url under editor: in zhanqun.yaml, or --backend, --repo and --base-url on the command line, e.g.: zhanqun editor --out editor/ --backend gitea --repo xian/zhanqun --base-url https://git.example.gov.cn
editor-unknown-site = There is no site with id { $site }{ $hint }
editor-did-you-mean = ; did you mean { $name }?
editor-cannot-write = Cannot write { $path }
editor-written = Web editor written to { $dir }: sites { $sites }, { $collections } collections
editor-written-next = Host this directory on a web server (headers in its _headers or nginx.conf) and register the OAuth application on the forge (see the operators' manual, section 网页编辑器). Embeds Decap CMS { $version }.
editor-title = { $name } · web editor
editor-js-comment = The preview uses the cluster's style sheets (written by zhanqun editor, do not edit)
editor-config-header =
    Configuration of the web editor (Decap CMS), written by zhanqun editor from the convention; do not edit:
    run zhanqun editor again after changing columns.yaml, sites/ or zhanqun.yaml.
editor-commit-create = Create {"{{"}collection{"}}"} "{"{{"}slug{"}}"}"
editor-commit-update = Update {"{{"}collection{"}}"} "{"{{"}slug{"}}"}"
editor-commit-delete = Delete {"{{"}collection{"}}"} "{"{{"}slug{"}}"}"
editor-commit-upload = Upload "{"{{"}path{"}}"}"
editor-commit-delete-media = Delete "{"{{"}path{"}}"}"
editor-pages = Single pages
editor-field-title = Title
editor-field-date = Publish date
editor-field-date-hint = The date and time the page shows; a page dated after today is published on that day
editor-field-index-no = 索引号 (index number)
editor-field-index-no-hint = Assigned automatically: the publishing pipeline (zhanqun assign) numbers it in commit order; leave it empty
editor-field-index-no-pattern = An index number is organisation code/year-serial, e.g. { $org }/2026-00001; leave it empty to have it assigned
editor-field-doc-number = 文号 (document number)
editor-field-doc-number-hint = The year in 〔〕, e.g. 测府发〔2026〕5号; empty when the document has none
editor-field-doc-number-pattern = The year of a document number is written in 〔〕, e.g. 测府发〔2026〕5号
editor-field-publisher = Publisher
editor-field-topic = Topic (主题分类)
editor-field-genre = Genre (体裁分类)
editor-field-written = Date written
editor-field-valid = Validity (有效性)
editor-field-replaced-by = Replaced by
editor-field-replaced-by-hint = For a document no longer in force: the address of the one that replaces it, e.g. /xxgk/zcwj/2026-06-15-cuoshi/
editor-field-received = Letter received
editor-field-category = Letter category
editor-field-assigned = Assigned to
editor-field-replied = Reply date
editor-field-replier = Replied by
editor-field-guests = Guests
editor-field-guests-hint = Separate several guests with 、
editor-field-time = Interview time
editor-field-source = Source
editor-field-author = Author
editor-field-description = Summary
editor-field-attachments = Attachments
editor-field-attachment-title = Attachment name
editor-field-attachment-file = Attachment file
editor-field-draft = Draft
editor-field-draft-hint = A draft is not published; only the preview shows it
editor-field-body = Body

cli-assign-about = Give disclosed documents without an 索引号 the next numbers in commit order (how documents saved from the web editor are numbered in the pipeline), writing the files and the ledger
cli-assign-root = Cluster root
assign-config-errors = The cluster settings have errors; no numbers were assigned:
    { $errors }
assign-cannot-write = Cannot read or write { $path }
assign-line = { $file }: 索引号 { $no }
assign-done = { $count } index numbers assigned.
