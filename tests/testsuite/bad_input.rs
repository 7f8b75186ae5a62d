//! Bad input: each case gets a clear error (file, line, what, how to fix), a non-zero exit, no
//! panic, and leaves the previous good `public/` untouched.

use crate::common;

use common::{build, build_ok, fixture, read_tree};
use std::path::Path;

/// Builds the good fixture, applies `damage`, rebuilds, and checks the failure. Returns stderr.
fn fails_cleanly(damage: impl FnOnce(&Path)) -> String {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &[]);
    let before = read_tree(&root.join("public"));
    damage(root);
    let out = build(root, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "expected exit code 1, got {:?}:\n{stderr}", out.status);
    assert!(!stderr.contains("panicked"), "the build panicked:\n{stderr}");
    assert!(stderr.contains("输出目录没有改动"), "{stderr}");
    assert_eq!(read_tree(&root.join("public")), before, "public/ changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "staging directory left behind");
    stderr
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const NEWS: &str = "content/portal/zwdt/gzdt/2026-11-21-bad.md";

fn assert_has(stderr: &str, parts: &[&str]) {
    for p in parts {
        assert!(stderr.contains(p), "missing `{p}` in:\n{stderr}");
    }
}

#[test]
fn malformed_yaml() {
    let e = fails_cleanly(|r| write(r, NEWS, "---\ntitle: 标题\ndate: 2026-11-21\nkeywords: [未闭合\n---\n正文\n"));
    assert_has(&e, &[NEWS, "错误[yaml]", "YAML 格式有误", "修改方法:"]);
    assert!(e.contains(&format!("{NEWS}:4:")) || e.contains(&format!("{NEWS}:5:")), "{e}");
}

#[test]
fn missing_title() {
    let e = fails_cleanly(|r| write(r, NEWS, "---\ndate: 2026-11-21\n---\n正文\n"));
    assert_has(&e, &[&format!("{NEWS}:1: 错误[front-matter]: 页面没有标题"), "修改方法: 在属性区加一行 `title:"]);
}

#[test]
fn missing_date() {
    let e = fails_cleanly(|r| write(r, NEWS, "---\ntitle: 标题\n---\n正文\n"));
    assert_has(&e, &[&format!("{NEWS}:1: 错误[front-matter]: 页面没有发布日期"), "`date: 2026-03-05`"]);
}

#[test]
fn impossible_date() {
    let e = fails_cleanly(|r| write(r, NEWS, "---\ntitle: 标题\ndate: 2026-02-30\n---\n正文\n"));
    assert_has(&e, &[&format!("{NEWS}:3: 错误[date]: `date: 2026-02-30` 不是日历上存在的日期"), "2 月只有 28 天"]);
}

#[test]
fn front_matter_missing() {
    let e = fails_cleanly(|r| write(r, NEWS, "# 只有正文\n"));
    assert_has(&e, &[&format!("{NEWS}:1: 错误[front-matter]"), "`---`"]);
}

#[test]
fn duplicate_slug() {
    let e = fails_cleanly(|r| {
        write(r, "content/portal/zwdt/gzdt/a.md", "---\ntitle: 甲\ndate: 2026-11-21\nslug: same\n---\n甲\n");
        write(r, "content/portal/zwdt/gzdt/b.md", "---\ntitle: 乙\ndate: 2026-11-21\nslug: same\n---\n乙\n");
    });
    assert_has(
        &e,
        &[
            "content/portal/zwdt/gzdt/a.md:4: 错误[duplicate-slug]",
            "content/portal/zwdt/gzdt/b.md:4: 错误[duplicate-slug]",
            "/zwdt/gzdt/same/",
        ],
    );
}

#[test]
fn duplicate_slug_differing_only_in_case() {
    let e = fails_cleanly(|r| {
        write(r, "content/portal/zwdt/gzdt/Notice.md", "---\ntitle: 甲\ndate: 2026-11-21\n---\n甲\n");
        write(r, "content/portal/zwdt/gzdt/notice.md", "---\ntitle: 乙\ndate: 2026-11-21\n---\n乙\n");
    });
    assert_has(&e, &["错误[duplicate-slug]", "Notice.md", "notice.md", "生成的网址相同", "slug:"]);
}

#[test]
fn duplicate_index_no() {
    let e = fails_cleanly(|r| {
        write(
            r,
            "content/jyj/xxgk/zcwj/2026-04-01-copy.md",
            "---\ntitle: 另一份文件\ndate: 2026-04-01\nindex_no: 11520330MB1730478Y/2026-00001\ntopic: 科技、教育\ngenre: 通知\n---\n正文\n",
        )
    });
    assert_has(
        &e,
        &[
            "content/jyj/xxgk/zcwj/2026-04-01-copy.md:4: 错误[index-no]: 索引号 11520330MB1730478Y/2026-00001 也被 content/jyj/xxgk/zcwj/2026-03-01-zizhu.md 使用",
            "终身不变",
        ],
    );
}

#[test]
fn gbk_encoded_file() {
    let e = fails_cleanly(|r| {
        let (bytes, _, _) = encoding_rs::GBK.encode("---\ntitle: 国庆假期安全提示\ndate: 2026-10-02\n---\n正文\n");
        std::fs::write(r.join(NEWS), bytes).unwrap();
    });
    assert_has(&e, &[&format!("{NEWS}:2: 错误[encoding]: 文件是 GBK/GB18030 编码，不是 UTF-8"), "iconv -f GB18030"]);
}

#[cfg(unix)]
#[test]
fn symlink_escaping_the_root() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: x\ndate: 2026-01-01\n---\n").unwrap();
    let target = outside.path().join("secret.md");
    let e = fails_cleanly(|r| std::os::unix::fs::symlink(&target, r.join("content/portal/zwdt/gzdt/evil.md")).unwrap());
    assert_has(&e, &["content/portal/zwdt/gzdt/evil.md: 错误[path-escape]", "符号链接指向站群目录以外"]);
}

#[test]
fn link_escaping_the_root() {
    let e = fails_cleanly(|r| {
        write(
            r,
            NEWS,
            "---\ntitle: 县政府召开常务会议\ndate: 2026-11-21\n---\n\n第一段。\n\n见[文件](../../../../../../etc/passwd)。\n",
        )
    });
    assert_has(&e, &[&format!("{NEWS}:8: 错误[link]: 链接 `../../../../../../etc/passwd` 无效"), "跳出了站群目录"]);
}

#[test]
fn md_link_escaping_the_root() {
    let e = fails_cleanly(|r| {
        write(r, NEWS, "---\ntitle: 县政府召开常务会议\ndate: 2026-11-21\n---\n见[文件](../../../../../x.md)。\n")
    });
    assert_has(&e, &[&format!("{NEWS}:5: 错误[link]"), "跳出了站群目录"]);
}

#[test]
fn broken_internal_link_names_page_and_link() {
    let e = fails_cleanly(|r| {
        write(
            r,
            NEWS,
            "---\ntitle: 县政府召开常务会议\ndate: 2026-11-21\n---\n见[旧文](/zwdt/gzdt/2019-01-01-gone/)。\n",
        )
    });
    assert_has(
        &e,
        &[&format!("{NEWS}:5: 错误[link]: 链接 `/zwdt/gzdt/2019-01-01-gone/` 无效"), "没有生成任何页面或文件"],
    );
}

#[test]
fn broken_anchor_on_another_page() {
    let e = fails_cleanly(|r| {
        write(r, NEWS, "---\ntitle: 县政府召开常务会议\ndate: 2026-11-21\n---\n见[职能](/jgzn/#nope)。\n")
    });
    assert_has(&e, &[&format!("{NEWS}:5: 错误[link]: 链接 `/jgzn/#nope` 无效"), "没有 id 为 `nope` 的位置"]);
}

#[test]
fn unknown_column_names_the_nearest() {
    let e = fails_cleanly(|r| {
        write(r, "content/portal/zwdt/gzdtt/a.md", "---\ntitle: 标题\ndate: 2026-11-21\n---\n正文\n")
    });
    assert_has(
        &e,
        &["content/portal/zwdt/gzdtt/a.md:1: 错误[column]: 没有 `zwdt/gzdtt` 这个栏目", "最接近的栏目是 `zwdt/gzdt`"],
    );
}

#[test]
fn column_not_carried_by_the_site_kind() {
    let e = fails_cleanly(|r| {
        write(
            r,
            "content/yongan/xxgk/ghjh/a.md",
            "---\ntitle: 规划\ndate: 2026-11-21\nindex_no: 11520330MB17307692/2026-00001\n---\n正文\n",
        )
    });
    assert_has(
        &e,
        &["content/yongan/xxgk/ghjh/a.md:1: 错误[column]: 按照站群的栏目规范，乡镇（街道）类站点没有 `xxgk/ghjh` 栏目"],
    );
}

#[test]
fn content_for_an_unknown_site() {
    let e = fails_cleanly(|r| write(r, "content/jyjj/zwdt/gzdt/a.md", "---\ntitle: 标题\ndate: 2026-11-21\n---\n"));
    assert_has(&e, &["content/jyjj: 错误[scan]: `content/jyjj` 不是站群里的站点", "是不是想写 content/jyj/？"]);
}

#[test]
fn local_column_may_not_rename_the_convention() {
    let e = fails_cleanly(|r| {
        let p = r.join("sites/jyj.yaml");
        let t = std::fs::read_to_string(&p).unwrap().replace("name: 学校建设", "name: 通知公告");
        std::fs::write(p, t).unwrap();
    });
    assert_has(&e, &["sites/jyj.yaml:", "错误[columns]: 本站栏目 `zwdt/xxjs` 用了栏目规范里的栏目名称「通知公告」"]);
}

#[test]
fn doc_number_with_wrong_brackets() {
    let e = fails_cleanly(|r| {
        let p = r.join("content/jyj/xxgk/zcwj/2026-03-01-zizhu.md");
        let t = std::fs::read_to_string(&p).unwrap().replace("测教发〔2026〕2号", "测教发[2026]2号");
        std::fs::write(p, t).unwrap();
    });
    assert_has(
        &e,
        &[
            "content/jyj/xxgk/zcwj/2026-03-01-zizhu.md:5: 错误[doc-number]",
            "六角括号〔〕",
            "请写成 `测教发〔2026〕2号`",
        ],
    );
}

#[test]
fn malformed_site_file() {
    let e = fails_cleanly(|r| write(r, "sites/yongan.yaml", "id: yongan\nname: 永安镇\nkind: village\norg_code: X\n"));
    assert_has(&e, &["sites/yongan.yaml:3: 错误[site]", "「village」", "portal、department 或 township"]);
}

#[test]
fn output_inside_the_cluster_is_refused() {
    let tmp = fixture("basic");
    let out = build(tmp.path(), &["--out", tmp.path().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("不能写入输出目录"));
    assert!(tmp.path().join("zhanqun.yaml").exists());
}

#[test]
fn unsafe_html_is_removed_with_a_warning() {
    let tmp = fixture("basic");
    let err = build_ok(tmp.path(), &[]);
    assert!(
        err.contains(
            "content/portal/zwdt/gzdt/2026-11-10-diaoyan.md:8: 警告[raw-html]: 已删除<p> 上的事件属性 `onclick`"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/portal/zwdt/gzdt/2026-11-10-diaoyan.md:10: 警告[raw-html]: 已删除<script> 元素"),
        "{err}"
    );
    let html = common::read(&tmp.path().join("public"), "zwdt/gzdt/2026-11-10-diaoyan/index.html");
    assert!(!html.contains("alert") && !html.contains("onclick"), "{html}");
    assert!(html.contains("现场察看。"));
}
