//! Nothing goes out before its time: a draft (`draft: true`, `草稿: 是`) is in no output of a
//! build — its page, lists, catalogs, search index, feeds, site maps, manifest, the 繁體 view,
//! topics — and `build --drafts` makes a preview with them, each with a banner, that never
//! leaks into a later build; an attachment is published with the first published page that
//! links to it, and one no published page links to is not published (a warning names it);
//! a page saved under another extension than `.md` is read (`.MD`, `.markdown`) or is an
//! error naming the fix (`通知.txt`).

use crate::common;

use common::{build, build_ok, fixture, read};
use std::io::Read;
use std::path::Path;

/// The day the fixture is built as (its newest page is dated 2026-11-20).
const TODAY: &str = "2026-11-25";

/// A draft document in a disclosure column: in a topic, with an attachment.
const DRAFT: &str = "content/jyj/xxgk/zcwj/2026-11-22-caogao.md";
/// A scheduled document (dated after [`TODAY`]) with its embargoed attachment.
const SCHEDULED: &str = "content/portal/xxgk/zcwj/2026-12-01-dingshi.md";

/// Words and bytes of the draft and of the embargoed attachments, none of which may reach the
/// output: the draft's title and body words (an ASCII word too, which the 繁體 view keeps as
/// is), its URL segment, 索引号 and attachment; the scheduled page's attachment.
const SECRETS: &[&str] = &[
    "寒假托管收费标准",
    "qzcaogaotitle",
    "学生寒假托管每人每天收费",
    "qzcaogaobody",
    "2026-11-22-caogao",
    "11520330MB1730478Y/2026-00009",
    "caogao-fujian.pdf",
    "CAOGAO-ATTACHMENT-BYTES",
    "qimi-fangan.pdf",
    "EMBARGOED-ATTACHMENT-BYTES",
    "wuren-lianjie.doc",
];

/// The fixture with a topic, the 繁體 view, a draft, a scheduled page, their attachments, a
/// file no page links to, one a published page links to and one of a site's own files.
fn plant(root: &Path) {
    let cfg = root.join("zhanqun.yaml");
    std::fs::write(&cfg, std::fs::read_to_string(&cfg).unwrap() + "zh_hant: true\n").unwrap();
    let topic = root.join("topics/hjtg");
    std::fs::create_dir_all(&topic).unwrap();
    std::fs::write(
        topic.join("topic.yaml"),
        "name: 寒假专题\ntag: 寒假\ncolumns:\n  - {id: wj, name: 政策文件, from: [xxgk/zcwj]}\n",
    )
    .unwrap();
    std::fs::write(
        root.join(DRAFT),
        "---\ntitle: 关于寒假托管收费标准的通知 qzcaogaotitle\ndate: 2026-11-22\n草稿: 是\n\
         index_no: 11520330MB1730478Y/2026-00009\ndoc_number: 测教发〔2026〕9号\ntopic: 科技、教育\ngenre: 通知\n\
         written: 2026-11-20\nvalid: 有效\ntopics: [寒假]\n\
         attachments: [{title: 收费明细, path: caogao-fujian.pdf}]\n---\n\n\
         学生寒假托管每人每天收费二十元 qzcaogaobody。\n",
    )
    .unwrap();
    std::fs::write(root.join("content/jyj/xxgk/zcwj/caogao-fujian.pdf"), "CAOGAO-ATTACHMENT-BYTES").unwrap();
    std::fs::write(
        root.join(SCHEDULED),
        "---\ntitle: 测试县人民政府关于印发冬季方案的通知\ndate: 2026-12-01\nindex_no: 11520330MB1730208C/2026-00002\n\
         doc_number: 测府发〔2026〕8号\ntopic: 综合政务\ngenre: 通知\n---\n\n见[方案全文](qimi-fangan.pdf)。\n",
    )
    .unwrap();
    std::fs::write(root.join("content/portal/xxgk/zcwj/qimi-fangan.pdf"), "EMBARGOED-ATTACHMENT-BYTES").unwrap();
    std::fs::write(root.join("content/jyj/zwdt/gzdt/wuren-lianjie.doc"), "UNLINKED").unwrap();
    // A published page's image, and a site's own file: both published, without a word.
    let news = root.join("content/jyj/zwdt/gzdt/2026-11-18-anquan.md");
    let text = std::fs::read_to_string(&news).unwrap();
    std::fs::write(&news, format!("{text}\n![检查现场](jiancha.png)\n")).unwrap();
    std::fs::write(root.join("content/jyj/zwdt/gzdt/jiancha.png"), "PNG").unwrap();
    std::fs::write(root.join("content/portal/baidu_verify_abc.html"), "verify").unwrap();
}

/// Every output file's bytes, gzipped ones (search presences, `.gz` copies) decompressed too.
fn output_texts(out: &Path) -> Vec<(String, Vec<u8>)> {
    common::read_tree(out)
        .into_iter()
        .map(|(rel, bytes)| {
            if bytes.starts_with(&[0x1f, 0x8b]) {
                let mut plain = Vec::new();
                flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut plain).expect("gunzip");
                (rel, [bytes, plain].concat())
            } else {
                (rel, bytes)
            }
        })
        .collect()
}

/// The secrets found in the output: (secret, file or path holding it).
fn leaks(out: &Path, secrets: &[&str]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (rel, bytes) in output_texts(out) {
        for s in secrets {
            let b = s.as_bytes();
            if rel.contains(s) || bytes.windows(b.len()).any(|w| w == b) {
                found.push((s.to_string(), rel.clone()));
            }
        }
    }
    found
}

/// True when some file of the search index holds `word` (a gzipped one decompressed).
fn in_search_index(out: &Path, word: &str) -> bool {
    output_texts(out)
        .iter()
        .any(|(rel, bytes)| rel.starts_with("search/") && bytes.windows(word.len()).any(|w| w == word.as_bytes()))
}

#[test]
fn no_byte_of_a_draft_or_an_embargoed_attachment_reaches_the_output() {
    let tmp = fixture("basic");
    let root = tmp.path();
    plant(root);
    let out = root.join("public");
    let err = build_ok(root, &["--today", TODAY, "--precompress"]);
    assert_eq!(leaks(&out, SECRETS), Vec::<(String, String)>::new(), "{err}");
    // The build says what it held back, and why.
    assert!(err.contains(&format!("以下 1 篇稿件是草稿（`draft: true` 或 `草稿: 是`），这次没有发布（删掉这一行或改成 `draft: false` 后再生成即可上线）：\n  {DRAFT}\n")), "{err}");
    assert!(err.contains(&format!("  {SCHEDULED}（发布日期 2026-12-01）")), "{err}");
    assert!(
        err.contains(
            "content/jyj/xxgk/zcwj/caogao-fujian.pdf: 警告[attachment-held]: 链接这个文件的稿件都还没有发布，\
             这个文件也暂不发布（不会复制到输出目录，也不列入 manifest.json）：content/jyj/xxgk/zcwj/2026-11-22-caogao.md（草稿）\n  \
             修改方法: 它会随第一篇链接它的稿件一起发布，到时不用另做处理；如果现在就要发布它，请在一篇已发布的稿件里链接它\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/portal/xxgk/zcwj/qimi-fangan.pdf: 警告[attachment-held]: 链接这个文件的稿件都还没有发布，\
             这个文件也暂不发布（不会复制到输出目录，也不列入 manifest.json）：\
             content/portal/xxgk/zcwj/2026-12-01-dingshi.md（定于 2026-12-01 发布）\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/jyj/zwdt/gzdt/wuren-lianjie.doc: 警告[attachment-unlinked]: 没有任何稿件链接这个文件，它不会发布\
             （不会复制到输出目录，也不列入 manifest.json）\n  修改方法: 附件随链接它的稿件一起发布：在稿件的属性区写 \
             `attachments: [{title: 附件名称, path: wuren-lianjie.doc}]`，或在正文里写 `[附件名称](wuren-lianjie.doc)`；\
             不再需要的文件请删除。站点自己的文件（如 favicon.ico、站长平台验证文件）请直接放在 content/<站点>/ 下，它们总会发布\n"
        ),
        "{err}"
    );
    // Exactly those three files are held back: the published page's image and the site's own
    // file are published without a word.
    assert_eq!(err.matches("警告[attachment-").count(), 3, "{err}");
    assert_eq!(read(&out, "jyj/zwdt/gzdt/jiancha.png"), "PNG");
    assert_eq!(read(&out, "baidu_verify_abc.html"), "verify");
    assert!(read(&out, "manifest.json").contains("\"jyj/zwdt/gzdt/jiancha.png\""));
    // The detection works: the other pages are in the search index and the 繁體 view.
    assert!(in_search_index(&out, "校园安全检查"), "the search index is readable");
    assert!(out.join("zh-hant/jyj/zwdt/gzdt/2026-11-18-anquan/index.html").exists());
    assert!(out.join("zt/hjtg/index.html").exists(), "the topic is published, without the draft");

    // The preview: the draft everywhere, with its banner, and its attachment; the scheduled
    // page and its attachment and the unlinked file still not.
    let err = build_ok(root, &["--today", TODAY, "--drafts"]);
    assert!(
        err.contains(&format!(
            "这是包含草稿的内部预览（--drafts）：以下 1 篇草稿已生成，页面上带“草稿”标记。不要把 {} 发布到网站上；\
             正式发布请不带 --drafts 重新生成：\n  {DRAFT}\n",
            out.display()
        )),
        "{err}"
    );
    let page = read(&out, "jyj/xxgk/zcwj/2026-11-22-caogao/index.html");
    assert!(page.contains("<p class=\"draft-banner\" role=\"note\">草稿：本页尚未发布，仅在预览中显示</p>"), "{page}");
    assert!(read(&out, "zh-hant/jyj/xxgk/zcwj/2026-11-22-caogao/index.html").contains("draft-banner"));
    assert!(read(&out, "catalog.json").contains("11520330MB1730478Y/2026-00009"));
    assert!(read(&out, "zt/hjtg/wj/index.html").contains("qzcaogaotitle"));
    assert!(in_search_index(&out, "qzcaogaobody"), "the preview's search finds the draft");
    assert_eq!(read(&out, "jyj/xxgk/zcwj/caogao-fujian.pdf"), "CAOGAO-ATTACHMENT-BYTES");
    let still = ["qimi-fangan.pdf", "EMBARGOED-ATTACHMENT-BYTES", "wuren-lianjie.doc"];
    assert_eq!(leaks(&out, &still), Vec::<(String, String)>::new());
    assert!(!read(&out, "jyj/zwdt/gzdt/2026-11-18-anquan/index.html").contains("draft-banner"));

    // The next build (with its cache) is not the preview: nothing of it is left.
    let err = build_ok(root, &["--today", TODAY, "--precompress"]);
    assert!(!err.contains("已是最新"), "{err}");
    assert_eq!(leaks(&out, SECRETS), Vec::<(String, String)>::new(), "{err}");
    // Once its page is published, the attachment is too.
    let err = build_ok(root, &["--today", "2026-12-01"]);
    assert_eq!(read(&out, "xxgk/zcwj/qimi-fangan.pdf"), "EMBARGOED-ATTACHMENT-BYTES", "{err}");
    assert!(read(&out, "manifest.json").contains("\"xxgk/zcwj/qimi-fangan.pdf\""));
}

#[test]
fn draft_and_its_chinese_key_take_yes_or_no() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let page = |key: &str| {
        format!(
            "---\ntitle: 县里召开冬季防火部署会\ndate: 2026-11-22\n{key}\n---\n\n各单位要认真做好冬季防火和安全检查工作。\n"
        )
    };
    let file = root.join("content/portal/zwdt/gzdt/2026-11-22-fanghuo.md");
    let published = |root: &Path| root.join("public/zwdt/gzdt/2026-11-22-fanghuo/index.html").exists();
    for (key, is_draft) in [
        ("draft: true", true),
        ("草稿: 是", true),
        ("draft: 'yes'", true),
        ("draft: false", false),
        ("草稿: 否", false),
    ] {
        std::fs::write(&file, page(key)).unwrap();
        let err = build_ok(root, &["--today", TODAY]);
        assert_eq!(published(root), !is_draft, "{key}: {err}");
        // `draft` is a key: never an unknown one with a hint to write `date`.
        assert!(!err.contains("不认识的属性名"), "{key}: {err}");
    }
    std::fs::write(&file, page("草稿: 也许")).unwrap();
    let out = build(root, &["--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "content/portal/zwdt/gzdt/2026-11-22-fanghuo.md:4: 错误[front-matter]: `草稿` 的值只能是“是”或“否”，\
             这里写的是 `也许`\n  修改方法: 草稿暂不发布就写 `草稿: 是`（或 `draft: true`）；要发布就删掉这一行，或写 `草稿: 否`\n"
        ),
        "{err}"
    );
}

#[test]
fn a_link_to_a_draft_is_an_error_and_a_draft_is_checked_only_when_it_goes_out() {
    let tmp = fixture("basic");
    let root = tmp.path();
    // A draft document without its 索引号 yet: an editor's unfinished work blocks no one.
    std::fs::write(
        root.join("content/jyj/xxgk/zcwj/2026-11-22-weiwan.md"),
        "---\ntitle: 关于寒假安排的通知\ndate: 2026-11-22\ndraft: true\n---\n\n各单位要认真做好冬季防火和安全检查工作。\n",
    )
    .unwrap();
    build_ok(root, &["--today", TODAY]);
    // The preview shows it, so it is checked there.
    let out = build(root, &["--today", TODAY, "--drafts"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/jyj/xxgk/zcwj/2026-11-22-weiwan.md") && err.contains("索引号"), "{err}");

    // A published page that links to a draft would have a dead link: an error naming it.
    let news = root.join("content/jyj/zwdt/gzdt/2026-11-18-anquan.md");
    let text = std::fs::read_to_string(&news).unwrap();
    std::fs::write(&news, format!("{text}\n见[寒假安排](../../xxgk/zcwj/2026-11-22-weiwan.md)。\n")).unwrap();
    let out = build(root, &["--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "content/jyj/zwdt/gzdt/2026-11-18-anquan.md:10: 错误[link]: 链接 `../../xxgk/zcwj/2026-11-22-weiwan.md` 无效：\
             这个地址的页面是草稿（`draft: true`），还没有发布\n"
        ),
        "{err}"
    );
}

#[test]
fn check_leaves_drafts_out() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let wording = "---\ntitle: 关于开立银行帐户的说明\ndate: 2026-11-22\n{draft}---\n\n请到银行开立帐户。\n";
    let file = root.join("content/jyj/zwdt/gzdt/2026-11-22-zhanghu.md");
    let check = |root: &Path| {
        let out = common::zhanqun().args(["check", "--today", TODAY, "--root"]).arg(root).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    // Published, the wording is found; as a draft, the page is not inspected at all.
    std::fs::write(&file, wording.replace("{draft}", "")).unwrap();
    let report = check(root);
    assert!(report.contains("2026-11-22-zhanghu.md"), "{report}");
    std::fs::write(&file, wording.replace("{draft}", "草稿: 是\n")).unwrap();
    let report = check(root);
    assert!(!report.contains("2026-11-22-zhanghu.md"), "{report}");
}

#[test]
fn pages_are_named_md_in_any_case_or_markdown_and_other_names_are_refused() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let dir = root.join("content/jyj/zwdt/gzdt");
    let page = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2026-11-22\n---\n\n各单位要认真做好冬季防火和安全检查工作。\n")
    };
    std::fs::write(dir.join("2026-11-22-daxie.MD"), page("大写扩展名的稿件")).unwrap();
    std::fs::write(dir.join("2026-11-21-chang.markdown"), page("长扩展名的稿件")).unwrap();
    std::fs::write(dir.join("2026-11-20-hunhe.Md"), page("混合大小写的稿件") + "见[上一篇](2026-11-22-daxie.MD)。\n")
        .unwrap();
    // Files that are not pages: a YAML file starting with `---` (no title or date) and a text
    // attachment, both linked; neither is an error.
    std::fs::write(dir.join("shuju.yaml"), "---\nrows: 3\n---\n").unwrap();
    std::fs::write(dir.join("shuoming.txt"), "--- 说明 ---\n").unwrap();
    let news = dir.join("2026-11-18-anquan.md");
    let text = std::fs::read_to_string(&news).unwrap();
    std::fs::write(&news, format!("{text}\n[数据](shuju.yaml)，[说明](shuoming.txt)。\n")).unwrap();
    let err = build_ok(root, &["--today", TODAY]);
    let out = root.join("public");
    assert!(read(&out, "jyj/zwdt/gzdt/2026-11-22-daxie/index.html").contains("大写扩展名的稿件"), "{err}");
    assert!(read(&out, "jyj/zwdt/gzdt/2026-11-21-chang/index.html").contains("长扩展名的稿件"));
    let hunhe = read(&out, "jyj/zwdt/gzdt/2026-11-20-hunhe/index.html");
    assert!(hunhe.contains("href=\"/jyj/zwdt/gzdt/2026-11-22-daxie/\""), "{hunhe}");
    assert!(!out.join("jyj/zwdt/gzdt/2026-11-22-daxie.MD").exists(), "never a raw file");
    assert_eq!(read(&out, "jyj/zwdt/gzdt/shuju.yaml"), "---\nrows: 3\n---\n");
    assert!(!err.contains("page-name"), "{err}");

    // A page saved as .txt: an error naming the file and the fix, not a raw file.
    std::fs::write(dir.join("通知.txt"), page("误存为文本的稿件")).unwrap();
    let out = build(root, &["--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "content/jyj/zwdt/gzdt/通知.txt:1: 错误[page-name]: `通知.txt` 以属性区（`---` 行和 title、date 等属性）开头，\
             像一篇稿件，但文件名不以 .md 结尾：它不会当作稿件生成，也不能当作附件原样发布\n  \
             修改方法: 稿件的文件名要以 .md 结尾（大小写均可，也接受 .markdown），请改名为 `通知.md`；\
             如果它确实是附件，请删掉开头的属性区\n"
        ),
        "{err}"
    );
    // With a byte-order mark and Chinese keys, and without an extension, just the same.
    std::fs::remove_file(dir.join("通知.txt")).unwrap();
    std::fs::write(dir.join("gonggao"), "\u{feff}---\n标题: 公告\n发布日期: 2026-11-22\n---\n正文\n").unwrap();
    let out = build(root, &["--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("content/jyj/zwdt/gzdt/gonggao:1: 错误[page-name]") && err.contains("`gonggao.md`"), "{err}");
}

#[test]
fn the_catalog_read_from_git_leaves_drafts_out() {
    use common::git::{commit_all, git};
    let tmp = fixture("basic");
    let root = tmp.path();
    git(root, &["init", "-q"]);
    commit_all(root, "first");
    let doc = root.join("content/jyj/xxgk/zcwj/2026-11-22-caogao.md");
    let text = "---\ntitle: 关于寒假安排的通知\ndate: 2026-11-22\n草稿: 是\nindex_no: 11520330MB1730478Y/2026-00009\n\
                topic: 科技、教育\ngenre: 通知\n---\n\n各单位要认真做好冬季防火和安全检查工作。\n";
    std::fs::write(&doc, text).unwrap();
    commit_all(root, "a draft");
    let diff = |root: &Path| {
        let out = common::zhanqun()
            .args(["catalog", "diff", "--today", TODAY, "--json", "--git", "HEAD~1", "HEAD", "--root"])
            .arg(root)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let report = diff(root);
    assert!(!report.contains("11520330MB1730478Y/2026-00009"), "a draft is in no catalog: {report}");
    std::fs::write(&doc, text.replace("草稿: 是\n", "")).unwrap();
    commit_all(root, "published");
    let report = diff(root);
    assert!(report.contains("11520330MB1730478Y/2026-00009"), "published, it is added: {report}");
}
