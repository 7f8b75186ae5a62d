//! Branding from settings, no template needed (`brand:` in zhanqun.yaml, `logo`, `banner`,
//! `home`, `media` in sites/<id>.yaml): each setting shows on the pages, and a colour that
//! cannot be read against its text or background stops the build with its ratio.

use crate::common;

use common::{build, build_ok, copy_dir, fixture, hashed, read, repo_root, unhashed};
use std::path::Path;

/// The `basic` fixture with `tests/fixtures/brand` laid over it.
fn branded() -> tempfile::TempDir {
    let tmp = fixture("basic");
    copy_dir(&repo_root().join("tests/fixtures/brand"), tmp.path());
    tmp
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn failing(root: &Path) -> String {
    let out = build(root, &[]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "the build should fail:\n{err}");
    err
}

/// The headings of the home page's blocks, in order.
fn block_headings(html: &str) -> Vec<String> {
    html.split("<div class=\"block-head\"><h2 id=\"b-")
        .skip(1)
        .map(|s| s[s.find('>').unwrap() + 1..s.find("</h2>").unwrap()].to_string())
        .collect()
}

#[test]
fn every_brand_setting_shows_on_the_pages() {
    let tmp = branded();
    let root = tmp.path();
    build_ok(root, &["--today", "2026-11-25"]);
    let out = root.join("public");
    let portal = read(&out, "index.html");
    let jyj = read(&out, "jyj/index.html");
    let yongan = read(&out, "yongan/index.html");

    // The cluster's emblem (a 2:1 PNG, its width kept at the header's height) on every site
    // without its own logo; the education bureau's own SVG logo and banner.
    assert!(portal.contains(r#"<img class="emblem" src="/static/img/xian-logo.png" alt="" width="112" height="56">"#));
    assert!(yongan.contains(r#"src="/static/img/xian-logo.png""#));
    assert!(jyj.contains(r#"<img class="emblem" src="/static/img/jyj-logo.svg" alt="" width="112" height="56">"#));
    assert!(jyj.contains(r#"<div class="wrap site-banner"><img src="/static/img/jyj-banner.png" alt=""></div>"#));
    assert!(!portal.contains("site-banner"));
    assert!(out.join("static/img/xian-logo.png").is_file() && out.join("static/img/emblem.svg").is_file());

    // The colours: a stylesheet linked after the theme's.
    assert!(unhashed(&portal).contains(
        "<link rel=\"stylesheet\" href=\"/static/css/style.[hash].css\">\n<link rel=\"stylesheet\" href=\"/static/css/brand.[hash].css\">"
    ));
    let css = read(&out, &hashed(&out, "static/css/brand.css"));
    assert!(css.contains(":root { --main: #1d4e89; --main-dark: #173d6b; --ink: #222222; }"), "{css}");
    assert!(css.contains("a { color: #0a5a2e; }"), "{css}");

    // The footer: 承办单位 for sites naming none, 技术支持, 网站说明.
    for html in [&portal, &jyj] {
        assert!(html.contains("承办单位：测试县大数据发展中心　技术支持：测试县信息技术有限公司"), "{html}");
        assert!(html.contains("<p class=\"footer-note\">建议使用1280×800以上分辨率浏览</p>"));
        assert!(html.contains("<p class=\"footer-note\">本网站内容未经许可不得转载</p>"));
    }
    // 政务新媒体: the cluster's 微博 and 微信, or the site's own.
    assert!(portal.contains(r#"<a href="https://weibo.com/u/1234567890""#) && portal.contains(">微博：测试县发布</a>"));
    assert!(portal.contains(
        r#"<img src="/static/img/wechat-qr.png" alt="微信公众号“测试县发布”二维码" width="96" height="96">"#
    ));
    assert!(
        jyj.contains("微博：测试县教育") && !jyj.contains("wechat-qr.png"),
        "the site's own accounts replace the cluster's"
    );

    // Home columns, in the order named: by kind (portal, department) or the site's own.
    assert_eq!(block_headings(&portal)[..2], ["通知公告", "工作动态"]);
    assert!(!block_headings(&portal).iter().any(|h| h == "政策文件"), "{:?}", block_headings(&portal));
    assert_eq!(block_headings(&jyj), ["学校建设", "政策文件", "工作动态"]);
    let township = block_headings(&yongan);
    assert!(township.len() > 3, "without a setting every list column shows: {township:?}");
}

#[test]
fn without_brand_settings_the_pages_keep_the_built_in_look() {
    let tmp = fixture("basic");
    build_ok(tmp.path(), &[]);
    let portal = read(&tmp.path().join("public"), "index.html");
    assert!(portal.contains(r#"<img class="emblem" src="/static/img/emblem.svg" alt="" width="56" height="56">"#));
    assert!(!portal.contains("/static/css/brand."));
    let css_files: Vec<String> = std::fs::read_dir(tmp.path().join("public/static/css"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!css_files.iter().any(|f| f.starts_with("brand.")), "{css_files:?}");
    assert!(!portal.contains("技术支持") && !portal.contains("footer-media") && !portal.contains("footer-note"));
}

#[test]
fn a_colour_under_four_and_a_half_to_one_is_an_error_naming_its_ratio() {
    let tmp = branded();
    let root = tmp.path();
    // #e57373 (a light red): white navigation text and buttons on it are 2.98:1.
    edit(root, "zhanqun.yaml", "main: \"#1d4e89\"", "main: \"#e57373\"");
    let err = failing(root);
    assert!(err.contains("zhanqun.yaml:12"), "{err}");
    assert!(err.contains("brand.colors.main（#e57373）的对比度只有 2.98:1，低于 4.5:1"), "{err}");
    assert!(err.contains("导航栏上的白色文字") && err.contains("按钮上的白色文字"), "{err}");
    // A link colour too light on white and on the footer's grey, body text likewise.
    edit(root, "zhanqun.yaml", "main: \"#e57373\"", "main: \"#1d4e89\"");
    edit(root, "zhanqun.yaml", "link: \"#0a5a2e\"", "link: \"#3d9be9\"");
    edit(root, "zhanqun.yaml", "text: \"#222222\"", "text: \"#999\"");
    let err = failing(root);
    assert!(err.contains("brand.colors.link（#3d9be9）的对比度只有 2.72:1"), "{err}");
    assert!(err.contains("白底上的链接、页脚浅灰底（#f5f5f5）上的链接"), "{err}");
    assert!(err.contains("brand.colors.text（#999）的对比度只有 2.61:1"), "{err}");
    assert!(err.contains("白底上的正文"), "{err}");
    // Not a colour, or unquoted (YAML reads a comment): told, not dropped.
    edit(root, "zhanqun.yaml", "link: \"#3d9be9\"", "link: 蓝色");
    edit(root, "zhanqun.yaml", "text: \"#999\"", "text: #222222");
    let err = failing(root);
    assert!(err.contains("brand.colors.link 写成了“蓝色”"), "{err}");
    assert!(err.contains("brand.colors.text 没有加引号"), "{err}");
}

#[test]
fn a_missing_or_wrong_image_and_an_unknown_home_column_are_named() {
    let tmp = branded();
    let root = tmp.path();
    edit(root, "zhanqun.yaml", "emblem: img/xian-logo.png", "emblem: img/no-such-logo.png");
    edit(root, "sites/jyj.yaml", "logo: img/jyj-logo.svg", "logo: img/wechat-qr.jpg");
    std::fs::copy(
        root.join("themes/default/static/img/wechat-qr.png"),
        root.join("themes/default/static/img/wechat-qr.jpg"),
    )
    .unwrap();
    edit(root, "sites/jyj.yaml", "home: [zwdt/xxjs,", "home: [zwdt/xxjs, jgzn, zwdt/nothing,");
    let err = failing(root);
    assert!(err.contains("zhanqun.yaml:10") && err.contains("img/no-such-logo.png 在主题的 static/ 里找不到"), "{err}");
    // Named .jpg but a PNG: the content decides, and a logo must be SVG or PNG anyway.
    assert!(!err.contains("img/wechat-qr.jpg 不是"), "{err}");
    assert!(err.contains("首页栏目 `jgzn`（机构职能）是单页栏目"), "{err}");
    assert!(err.contains("首页栏目 `zwdt/nothing` 在这个站点里不存在"), "{err}");
    assert!(err.contains("zwdt/xxjs（学校建设）"), "the help lists the site's list columns: {err}");
    let jpeg: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F'];
    std::fs::write(root.join("themes/default/static/img/wechat-qr.jpg"), jpeg).unwrap();
    let err = failing(root);
    assert!(err.contains("sites/jyj.yaml:16") && err.contains("img/wechat-qr.jpg 不是 SVG、PNG 格式"), "{err}");
}
