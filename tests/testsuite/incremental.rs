//! The build cache: a build with nothing changed writes nothing, a build after an edit renders
//! only the pages the edit reaches, and every cached build equals a clean `--no-cache` build
//! byte for byte — after body and title edits, added and deleted pages, a theme edit, another
//! `--today`, a damaged cache and a tampered output. A page added or removed renders again
//! only the pages that show it or link to it, and a link it breaks fails the cached build as
//! it fails a clean one.

use crate::common;

use common::{build_ok, copy_dir, fixture, read_tree, repo_root, reused};
use std::path::Path;

const TODAY: &str = "2026-11-25";
const NEWS: &str = "content/portal/zwdt/gzdt/2026-11-20-huiyi.md";

/// Builds `root` with the cache into ROOT/public, then without it into a fresh directory,
/// and asserts both trees are identical. Returns the cached build's stderr.
fn assert_cached_equals_clean(root: &Path, today: &str) -> String {
    let log = build_ok(root, &["--today", today]);
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("out");
    build_ok(root, &["--today", today, "--no-cache", "--out", clean_out.to_str().unwrap()]);
    let (got, want) = (read_tree(&root.join("public")), read_tree(&clean_out));
    let differ: Vec<&String> = want
        .keys()
        .filter(|k| got.get(*k) != want.get(*k))
        .chain(got.keys().filter(|k| !want.contains_key(*k)))
        .collect();
    assert!(differ.is_empty(), "the cached build differs from a clean build in {differ:?}\n{log}");
    log
}

/// The inode of a file: the same one when a build linked it instead of writing it again.
fn inode_of(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn nothing_changed_means_nothing_written() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let first = build_ok(root, &["--today", TODAY]);
    assert!(first.contains("已生成 11 篇稿件"), "{first}");
    assert!(root.join(".zhanqun-cache/build-v2.bin").is_file(), "the cache is written");
    let index = root.join("public/index.html");
    let before = std::fs::metadata(&index).unwrap().modified().unwrap();
    let manifest = std::fs::read(root.join("public/manifest.json")).unwrap();

    // Touching a file without changing it is not a change: the cache compares contents.
    let news = root.join(NEWS);
    std::fs::write(&news, std::fs::read(&news).unwrap()).unwrap();
    let second = build_ok(root, &["--today", TODAY]);
    assert!(second.contains("已是最新（11 篇稿件"), "{second}");
    assert!(second.contains("警告[raw-html]"), "the last build's warnings are reported again:\n{second}");
    assert_eq!(std::fs::metadata(&index).unwrap().modified().unwrap(), before, "nothing was rewritten");
    assert_eq!(std::fs::read(root.join("public/manifest.json")).unwrap(), manifest);

    // --no-cache builds everything.
    let forced = build_ok(root, &["--today", TODAY, "--no-cache"]);
    assert!(forced.contains("已生成 11 篇稿件") && reused(&forced) == 0, "{forced}");
}

/// The lines of a build's log of each finding whose line holds one of `marks`, with its help.
fn finding_lines<'a>(log: &'a str, marks: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut in_finding = false;
    for line in log.lines() {
        if marks.iter().any(|m| line.contains(m)) {
            in_finding = true;
            out.push(line);
        } else if in_finding && line.starts_with("  ") {
            out.push(line);
        } else {
            in_finding = false;
        }
    }
    out
}

/// The warning lines of a build's log (the finding and its help).
fn warning_lines(log: &str) -> Vec<&str> {
    finding_lines(log, &["[raw-html]"])
}

#[test]
fn a_build_in_another_language_does_not_reuse_the_cached_warnings() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let zh = build_ok(root, &["--today", TODAY]);
    assert!(zh.contains("警告[raw-html]") && zh.contains("修改方法"), "{zh}");
    // The cache holds the warnings as written in Chinese: an English build must not print them.
    let en = build_ok(root, &["--today", TODAY, "--lang", "en"]);
    assert!(en.contains("built 11 written pages") && !en.contains("is up to date"), "the cache was reused:\n{en}");
    assert!(!en.contains("修改方法") && !en.contains("警告"), "{en}");
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("out");
    let want = build_ok(root, &["--today", TODAY, "--lang", "en", "--no-cache", "--out", clean_out.to_str().unwrap()]);
    assert!(!warning_lines(&want).is_empty(), "{want}");
    assert_eq!(warning_lines(&en), warning_lines(&want), "the warnings of a clean English build");
    // The same language again: up to date, and its warnings still in English.
    let again = build_ok(root, &["--today", TODAY, "--lang", "en"]);
    assert!(again.contains("is up to date"), "{again}");
    assert_eq!(warning_lines(&again), warning_lines(&want));
    // Back to Chinese: built again, Chinese warnings.
    let back = build_ok(root, &["--today", TODAY]);
    assert!(back.contains("已生成 11 篇稿件") && back.contains("修改方法"), "{back}");
}

#[test]
fn edits_render_only_what_they_reach_and_match_a_clean_build() {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);

    // A body edit: only that page is rendered again (and 2026-11-10-diaoyan, whose raw HTML
    // warnings are reported by every build, so it is never taken from the cache). The list
    // that shows it is rendered, found unchanged, and linked from the previous output.
    let list = root.join("public/zwdt/gzdt/index.html");
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let list_before = inode(&list);
    edit(root, NEWS, "。", "。补充一句。");
    let log = assert_cached_equals_clean(root, TODAY);
    assert_eq!(reused(&log), 9, "{log}");
    assert_eq!(inode(&list), list_before, "the unchanged list was linked, not written again");

    // A title edit also changes its neighbours' links to it, and the lists that show it.
    edit(root, NEWS, "title:", "title: 改");
    let log = assert_cached_equals_clean(root, TODAY);
    let n = reused(&log);
    assert!((5..=9).contains(&n), "a title edit re-renders the page and its neighbours, reused {n}:\n{log}");
    assert_ne!(inode(&list), list_before, "the list showing the new title was written again");
    let title = std::fs::read_to_string(root.join(NEWS)).unwrap();
    let title = title.lines().find_map(|l| l.strip_prefix("title: ")).unwrap().trim_matches('"').to_owned();
    assert!(title.starts_with('改') && std::fs::read_to_string(&list).unwrap().contains(&title), "{title}");

    // A new page and a deleted page: the cached build still equals a clean one (what each
    // renders again: `an_added_page_renders_only_the_pages_that_show_it`).
    let added = "content/portal/zwdt/gzdt/2026-11-22-xinwen.md";
    std::fs::write(root.join(added), "---\ntitle: 新增的工作动态\ndate: 2026-11-22\n---\n\n新增正文。\n").unwrap();
    assert_cached_equals_clean(root, TODAY);
    std::fs::remove_file(root.join(added)).unwrap();
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(!root.join("public/zwdt/gzdt/2026-11-22-xinwen/index.html").exists(), "{log}");

    // Another day: scheduled pages and review notices may differ, so nothing is up to date.
    let log = assert_cached_equals_clean(root, "2026-12-31");
    assert!(!log.contains("已是最新"), "{log}");
}

#[test]
fn a_new_day_reuses_every_page_but_those_whose_review_falls_due() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let page = "content/portal/jgzn/index.md";
    edit(root, page, "date: 2026-01-05", "date: 2026-01-05\nreviewed: 2026-06-01\nreview_in: 6 months");
    let first = build_ok(root, &["--today", TODAY]);
    let html = || std::fs::read_to_string(root.join("public/jgzn/index.html")).unwrap();
    assert!(!html().contains("review-notice"), "not due on {TODAY}:\n{first}");

    // The next days: not up to date (scheduled pages may be due), but every page is taken from
    // the cache — a page's key has only what the page shows of the day.
    let log = assert_cached_equals_clean(root, "2026-11-28");
    assert!(!log.contains("已是最新"), "{log}");
    let kept = reused(&log);
    assert!(kept >= 9, "a new day rendered pages again (reused {kept}):\n{log}");

    // The day the review falls due: that page shows the notice and is rendered again; the
    // others are still taken from the cache.
    let log = assert_cached_equals_clean(root, "2026-12-02");
    assert!(html().contains("review-notice") && html().contains("2026-12-01"), "{log}");
    assert_eq!(reused(&log), kept - 1, "only the page now overdue is rendered again:\n{log}");
}

#[test]
fn theme_edits_damaged_caches_and_tampered_outputs_are_rebuilt() {
    let tmp = fixture("basic");
    let root = tmp.path();
    copy_dir(&repo_root().join("themes/default"), &root.join("themes/default"));
    build_ok(root, &["--today", TODAY]);

    edit(root, "themes/default/templates/partials/footer.html", "</footer>", "<p>页脚新增一行</p></footer>");
    let log = assert_cached_equals_clean(root, TODAY);
    assert_eq!(reused(&log), 0, "a theme edit renders every page again:\n{log}");
    assert!(common::read(&root.join("public"), "index.html").contains("页脚新增一行"));

    // A damaged cache is ignored.
    std::fs::write(root.join(".zhanqun-cache/build-v2.bin"), b"{ not postcard").unwrap();
    let log = assert_cached_equals_clean(root, TODAY);
    assert_eq!(reused(&log), 0, "{log}");

    // An output changed after the build is not trusted as up to date, nor are its pages
    // reused: the cache describes another output.
    std::fs::write(root.join("public/manifest.json"), b"{}").unwrap();
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(!log.contains("已是最新"), "{log}");
    assert_eq!(reused(&log), 0, "{log}");
    // A page file truncated after the build is rendered again, not linked, when the next
    // build runs after an edit elsewhere.
    let page = root.join("public/zwdt/gzdt/2026-10-01-guoqing/index.html");
    std::fs::write(&page, b"").unwrap();
    edit(root, NEWS, "。", "。再补充。");
    assert_cached_equals_clean(root, TODAY);
}

/// Adds 4,200 pages to the `basic` fixture's news column: two groups of the search index.
fn add_pages(root: &Path) {
    let column = root.join("content/portal/zwdt/gzdt");
    for k in 0..4200 {
        let text = format!(
            "---\ntitle: 第{k}号工作动态\ndate: 2026-0{}-{:02}\n---\n\n第{k}号稿件正文，讲第{}项工作。\n",
            1 + k % 9,
            1 + k % 28,
            k * 7
        );
        std::fs::write(column.join(format!("2026-gen-{k:04}.md")), text).unwrap();
    }
}

/// The search index's groups (4,096 pages each) whose pages did not change are taken from the
/// cache, tokenized, instead of reading and tokenizing their pages again, their text files
/// linked from the cache instead of read and written again; the index equals a clean build's,
/// and the cache keeps only the groups of the last build.
#[test]
fn unchanged_search_groups_are_taken_from_the_cache() {
    let tmp = fixture("basic");
    let root = tmp.path();
    add_pages(root);
    build_ok(root, &["--today", TODAY]);
    let cache = root.join(".zhanqun-cache/search");
    let kept = |ext: &str| {
        let files = std::fs::read_dir(&cache).unwrap().flatten().map(|e| e.path());
        files.filter(|p| p.extension().is_some_and(|e| e == ext)).collect::<Vec<_>>()
    };
    assert_eq!((kept("bin").len(), kept("txt").len()), (2, 2), "two groups of pages, each kept with its text");
    edit(root, "content/portal/zwdt/gzdt/2026-gen-0777.md", "正文", "正文改过");
    let log = build_ok(root, &["--today", TODAY, "--verbose"]);
    assert!(log.contains("沿用缓存里未变页面的切词 1 组"), "{log}");
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("out");
    build_ok(root, &["--today", TODAY, "--no-cache", "--out", clean_out.to_str().unwrap()]);
    let (got, want) = (read_tree(&root.join("public")), read_tree(&clean_out));
    assert!(got == want, "the cached build differs from a clean build");
    assert_eq!((kept("bin").len(), kept("txt").len()), (2, 2), "the edited group's old copy was removed");
    #[cfg(unix)]
    {
        // The unchanged group's text file in the output is the cache's (a hard link), the
        // edited group's written anew.
        use std::os::unix::fs::MetadataExt;
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let cached: Vec<u64> = kept("txt").iter().map(|p| inode(p)).collect();
        let texts: Vec<&String> = got.keys().filter(|k| k.starts_with("search/") && k.contains("/x/")).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        let linked = texts.iter().filter(|t| cached.contains(&inode(&root.join("public").join(t)))).count();
        assert_eq!(linked, 1, "one text file linked from the cache: {texts:?}");
    }
    // A page added before the others of the news column moves every page after it one id on:
    // the group after its own keeps its pages, and is taken from the cache.
    let added = "content/portal/zwdt/gzdt/2026-11-21-xinzeng.md";
    std::fs::write(root.join(added), "---\ntitle: 新增的工作动态\ndate: 2026-11-21\n---\n\n新增正文。\n").unwrap();
    let log = build_ok(root, &["--today", TODAY, "--verbose"]);
    assert!(log.contains("沿用缓存里未变页面的切词 1 组"), "{log}");
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("out");
    build_ok(root, &["--today", TODAY, "--no-cache", "--out", clean_out.to_str().unwrap()]);
    assert!(read_tree(&root.join("public")) == read_tree(&clean_out), "the cached build differs after the page added");
}

/// Lists, homes, catalog pages and the directory are keyed by what their templates receive:
/// a body edit leaves them in place (linked, not written), while a date edit, a catalog
/// field edit and a site setting edit write again every generated page they reach — each
/// cached build equal to a clean one.
#[test]
fn generated_pages_follow_every_edit_that_reaches_them() {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);
    let inode = |rel: &str| inode_of(&root.join(rel));
    let generated = ["public/index.html", "public/zwdt/gzdt/index.html", "public/xxgk/gkml/index.html"];
    let inodes = || generated.map(inode);

    let before = inodes();
    // Feeds that carry the page, and feeds that do not.
    let carrying = ["public/feed.xml", "public/feeds/feed.json", "public/zwdt/feed.xml", "public/zwdt/gzdt/feed.json"];
    let other = [
        "public/jyj/feed.xml",
        "public/jyj/zwdt/gzdt/feed.json",
        "public/yongan/feed.xml",
        "public/zwdt/tzgg/feed.xml",
    ];
    let (carrying_before, other_before) = (carrying.map(inode), other.map(inode));
    edit(root, NEWS, "。", "。正文里补充的一句。");
    assert_cached_equals_clean(root, TODAY);
    assert_eq!(inodes(), before, "a body edit reaches no list, home or catalog page");
    // The feeds carry the page's body: its entry is made again, the others' taken from the cache.
    assert!(root.join(".zhanqun-cache/feeds-v2.bin").is_file());
    assert!(common::read(&root.join("public"), "feed.xml").contains("正文里补充的一句"));
    // A feed none of whose pages changed is taken whole from the previous output (linked, not
    // made again); those carrying the page are written anew.
    assert_eq!(other.map(inode), other_before, "feeds without the page are kept");
    let carrying_after = carrying.map(inode);
    assert!(carrying_after.iter().zip(&carrying_before).all(|(a, b)| a != b), "feeds with the page are made");
    // Kept again by the next build, and remade once the page changes again.
    edit(root, NEWS, "正文里补充的一句", "正文里补充的另一句");
    assert_cached_equals_clean(root, TODAY);
    assert_eq!(other.map(inode), other_before, "feeds without the page are kept");
    assert!(common::read(&root.join("public"), "zwdt/gzdt/feed.json").contains("正文里补充的另一句"));
    edit(root, NEWS, "正文里补充的另一句", "正文里补充的一句");

    // A later date moves the page down its column's list (two per page) and off the home page's
    // first items.
    let list2 = "public/zwdt/gzdt/page/2/index.html";
    let (home, list, list2_before) = (inode(generated[0]), inode(generated[1]), inode(list2));
    edit(root, NEWS, "date: 2026-11-20 09:30", "date: 2026-09-20 09:30");
    assert_cached_equals_clean(root, TODAY);
    assert_ne!(inode(generated[0]), home, "the home page shows the new date");
    assert_ne!(inode(generated[1]), list, "the list's order changed");
    assert_ne!(inode(list2), list2_before, "the page moved to the list's second page");
    assert!(common::read(&root.join("public"), "zwdt/gzdt/page/2/index.html").contains("2026-09-20"));

    // A catalog field shows in the catalog's rows, spliced in after the rewrite.
    let catalog = inode(generated[2]);
    edit(root, "content/portal/xxgk/zcwj/2026-09-01-fangan.md", "测府发〔2026〕5号", "测府发〔2026〕6号");
    assert_cached_equals_clean(root, TODAY);
    assert_ne!(inode(generated[2]), catalog);
    assert!(common::read(&root.join("public"), "xxgk/gkml/index.html").contains("测府发〔2026〕6号"));

    // A site's name is in every page's header and in the portal's directory.
    let before = inodes();
    edit(root, "sites/jyj.yaml", "name: 测试县教育局", "name: 测试县教育体育局");
    assert_cached_equals_clean(root, TODAY);
    let after = inodes();
    assert!(before.iter().zip(&after).all(|(a, b)| a != b), "{before:?} {after:?}");
    assert!(common::read(&root.join("public"), "zqdh/index.html").contains("测试县教育体育局"));
}

/// A catalog export (the cluster's `catalog.json`/`.csv`, a site's `catalog/<id>.*`) none of
/// whose documents changed is taken whole from the previous output (linked, not made again);
/// one with a changed document is made again, and every cached build equals a clean one.
#[test]
fn catalog_files_are_kept_while_their_documents_are() {
    let (cluster, portal, jyj) = (
        ["public/catalog.json", "public/catalog.csv"],
        ["public/catalog/portal.json", "public/catalog/portal.csv"],
        ["public/catalog/jyj.json", "public/catalog/jyj.csv"],
    );
    let tmp = fixture("basic");
    let inode = |rel: &str| inode_of(&tmp.path().join(rel));
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);
    let (cluster_before, portal_before, jyj_before) = (cluster.map(inode), portal.map(inode), jyj.map(inode));

    // A body edit of a page in no catalog: every catalog file is kept.
    edit(root, NEWS, "。", "。正文里补充的一句。");
    assert_cached_equals_clean(root, TODAY);
    assert_eq!(cluster.map(inode), cluster_before, "the cluster's catalog is linked, not made again");
    assert_eq!(portal.map(inode), portal_before);
    assert_eq!(jyj.map(inode), jyj_before);

    // A portal document's 文号: the cluster's and the portal's files are made again, the
    // education bureau's kept — also by the build after that one.
    let fangan = "content/portal/xxgk/zcwj/2026-09-01-fangan.md";
    edit(root, fangan, "测府发〔2026〕5号", "测府发〔2026〕6号");
    assert_cached_equals_clean(root, TODAY);
    assert!(cluster.map(inode).iter().zip(&cluster_before).all(|(a, b)| a != b));
    assert!(portal.map(inode).iter().zip(&portal_before).all(|(a, b)| a != b));
    assert_eq!(jyj.map(inode), jyj_before, "a site's catalog without the document is kept");
    for file in ["catalog.json", "catalog.csv", "catalog/portal.json", "catalog/portal.csv"] {
        assert!(common::read(&root.join("public"), file).contains("测府发〔2026〕6号"), "{file}");
    }
    let (cluster_after, portal_after) = (cluster.map(inode), portal.map(inode));
    edit(root, NEWS, "正文里补充的一句", "正文里补充的另一句");
    assert_cached_equals_clean(root, TODAY);
    assert_eq!(cluster.map(inode), cluster_after, "the files made last time are kept in turn");
    assert_eq!(portal.map(inode), portal_after);
    assert_eq!(jyj.map(inode), jyj_before);

    // A jyj document's title reaches the cluster's and jyj's files, not the portal's.
    edit(root, "content/jyj/xxgk/zcwj/2026-03-01-zizhu.md", "做好学生资助工作", "做好学生资助工作（修订）");
    assert_cached_equals_clean(root, TODAY);
    assert!(jyj.map(inode).iter().zip(&jyj_before).all(|(a, b)| a != b));
    assert_eq!(portal.map(inode), portal_after);
    assert!(common::read(&root.join("public"), "catalog/jyj.csv").contains("做好学生资助工作（修订）"));
}

/// Unchanged pages are taken from the cache's parsed pages instead of being read and parsed
/// again, but a page whose front matter drew a warning is parsed by every build (its warning
/// is reported each time), and an edited page's new front matter is what the build uses.
#[test]
fn parsed_pages_are_kept_but_not_their_warnings() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let tongzhi = "content/portal/zwdt/tzgg/2026-11-01-tongzhi.md";
    edit(root, tongzhi, "title:", "biaoqian: 重要\ntitle:");
    let first = build_ok(root, &["--today", TODAY]);
    assert!(first.contains("biaoqian"), "an unknown key is reported:\n{first}");
    assert!(root.join(".zhanqun-cache/parsed-v3/index.bin").is_file());
    edit(root, NEWS, "。", "。又补充一句。");
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(log.contains("biaoqian"), "the warning is reported again:\n{log}");
    edit(root, NEWS, "title: 县政府", "title: 新县政府");
    assert_cached_equals_clean(root, TODAY);
    assert!(common::read(&root.join("public"), "zwdt/gzdt/index.html").contains("新县政府召开常务会议"));
}

/// The search index's groups taken from the cache are read at the end of the build, not at
/// its start: one damaged meanwhile (its first bytes readable, the rest cut off) fails that
/// build with a message saying what to do, leaves the output as it was, and is forgotten —
/// the next build tokenizes its pages again and equals a clean build.
#[test]
fn a_search_group_damaged_in_the_cache_fails_one_build_and_is_made_again() {
    let tmp = fixture("basic");
    let root = tmp.path();
    add_pages(root);
    build_ok(root, &["--today", TODAY]);
    let before = read_tree(&root.join("public"));
    for entry in std::fs::read_dir(root.join(".zhanqun-cache/search")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "bin") {
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        }
    }
    edit(root, "content/portal/zwdt/gzdt/2026-gen-0777.md", "稿件正文", "稿件正文改过");
    let out = common::build(root, &["--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("搜索数据") && err.contains("请再生成一次"), "{err}");
    assert!(read_tree(&root.join("public")) == before, "the output was changed by a failed build");
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(!log.contains("搜索数据"), "{log}");
}

/// The search index's scores are kept in the cache: after a body, a title or a date edit —
/// ones that leave every page its place (within its year), and one into another year that
/// moves the page among its neighbours in its column (which renumbers the pages of its
/// group) — a cached build scores again only the
/// terms of the groups of pages tokenized again, and its index equals a clean build's.
#[test]
fn the_search_index_is_updated_from_the_kept_scores() {
    let tmp = fixture("basic");
    let root = tmp.path();
    add_pages(root);
    // Alone in its year: a day later, it keeps its place among the pages.
    let solo = "content/portal/zwdt/gzdt/2019-solo.md";
    std::fs::write(root.join(solo), "---\ntitle: 旧年动态\ndate: 2019-03-05\n---\n\n防汛演练。\n").unwrap();
    build_ok(root, &["--today", TODAY]);
    let edits = [
        ("content/portal/zwdt/gzdt/2026-gen-0777.md", "稿件正文", "稿件正文改过，森林防火"),
        ("content/portal/zwdt/gzdt/2026-gen-1234.md", "第1234号工作动态", "第1234号工作简报"),
        (solo, "2019-03-05", "2019-03-06"),
        // From 2026-02-03 to 2026-05-20: within its year, it keeps its id.
        ("content/portal/zwdt/gzdt/2026-gen-1234.md", "date: 2026-02-03", "date: 2026-05-20"),
        // Into the year before: past the pages after it in 2026, which move up one id each.
        ("content/portal/zwdt/gzdt/2026-gen-4150.md", "date: 2026-02-07", "date: 2025-12-30"),
    ];
    // (terms scored afresh, terms patched) per edit
    let mut updated = Vec::new();
    for (n, (file, from, to)) in edits.into_iter().enumerate() {
        edit(root, file, from, to);
        let log = build_ok(root, &["--today", TODAY, "--verbose"]);
        let number = |after: &str, before: &str| {
            let rest = log.split(after).nth(1)?;
            rest.split(before).next()?.chars().filter(char::is_ascii_digit).collect::<String>().parse::<usize>().ok()
        };
        // The edits within a year change a page and the neighbours that show its title or
        // date: only those pages are tokenized again, spliced into their group kept before.
        if n < 4 {
            let spliced = number("只读取并切词了其中有变化的", "个页面");
            let most = if n == 0 { 1 } else { 8 };
            assert!(
                spliced.is_some_and(|p| (1..=most).contains(&p)),
                "{file}: pages tokenized again {spliced:?}\n{log}"
            );
        }
        let counts = number("只重新计算了", "个词").zip(number("另有", "个词"));
        let Some(counts) = counts else { panic!("{file}: every term scored again\n{log}") };
        updated.push(counts);
        let clean = tempfile::tempdir().unwrap();
        let clean_out = clean.path().join("out");
        build_ok(root, &["--today", TODAY, "--no-cache", "--out", clean_out.to_str().unwrap()]);
        let (got, want) = (read_tree(&root.join("public")), read_tree(&clean_out));
        let differ: Vec<&String> = want.keys().filter(|k| got.get(*k) != want.get(*k)).collect();
        assert!(differ.is_empty() && got.len() == want.len(), "{file}: the cached build differs in {differ:?}");
    }
    // The page moved into another year takes its terms, not those of the pages it moved
    // past (renumbered in the kept index, not scored again): about what a date edit within
    // the year takes (the old way scored ~5 times as many here) — and its terms are moved to
    // its place among the postings kept and patched there, as within its year, not scored
    // afresh (before, every term it held was).
    let terms = |(afresh, patched): (usize, usize)| afresh + patched;
    assert!(terms(updated[4]) <= 3 * terms(updated[3]), "terms updated per edit: {updated:?}");
    let moved = updated[4];
    assert!(moved.0 * 4 <= moved.1, "most terms of the page moved patched, not scored again: {updated:?}");
}

/// A cached build updates the spare tree beside the output (`.public.spare`, the output
/// before the last) and swaps it in, instead of linking every file into an empty tree: the
/// result equals a clean build, pages gone are gone, and the output it replaces is kept as
/// the next spare exactly as it was — its files share their contents with the new output's
/// and are never written over. A build without the cache removes the spare.
#[test]
fn the_output_before_the_last_is_updated_in_place() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let spare = root.join(".public.spare");
    build_ok(root, &["--today", TODAY]);
    let added = "content/portal/zwdt/gzdt/2026-11-22-xinwen.md";
    std::fs::write(root.join(added), "---\ntitle: 新增的工作动态\ndate: 2026-11-22\n---\n\n新增正文。\n").unwrap();
    assert_cached_equals_clean(root, TODAY);
    assert!(spare.join("manifest.json").is_file(), "the replaced output is kept");
    for step in 0..3 {
        let before = read_tree(&root.join("public"));
        match step {
            0 => edit(root, NEWS, "。", "。补充一句。"),
            1 => std::fs::remove_file(root.join(added)).unwrap(),
            _ => edit(root, NEWS, "title:", "title: 改"),
        }
        assert_cached_equals_clean(root, TODAY);
        assert!(read_tree(&spare) == before, "step {step}: the replaced output was changed");
    }
    assert!(!root.join("public/zwdt/gzdt/2026-11-22-xinwen/index.html").exists());
    // A damaged spare is not used.
    std::fs::write(spare.join("manifest.json"), b"{").unwrap();
    edit(root, NEWS, "补充一句", "补充两句");
    assert_cached_equals_clean(root, TODAY);
    build_ok(root, &["--today", TODAY, "--no-cache"]);
    assert!(!spare.exists(), "a build without the cache keeps no spare");
}

/// `build --cache-dir DIR`: the cache in DIR, not under the root, and kept across checkouts —
/// a CI runner's state directory: a fresh copy of the cluster elsewhere (new paths, new file
/// times) built with the same cache and output reuses the pages and equals a clean build.
#[test]
fn the_cache_kept_outside_the_cluster_serves_a_fresh_checkout() {
    let state = tempfile::tempdir().unwrap();
    let (cache, out) = (state.path().join("cache"), state.path().join("public"));
    let (c, o) = (cache.to_str().unwrap(), out.to_str().unwrap());
    let build = |root: &Path| {
        let log = build_ok(root, &["--today", TODAY, "--cache-dir", c, "--out", o]);
        assert!(!root.join(".zhanqun-cache").exists(), "the cache is not written under the root");
        assert!(cache.join("build-v2.bin").is_file(), "the cache is written in --cache-dir");
        let clean = tempfile::tempdir().unwrap();
        build_ok(root, &["--today", TODAY, "--no-cache", "--out", clean.path().join("o").to_str().unwrap()]);
        assert!(read_tree(&out) == read_tree(&clean.path().join("o")), "differs from a clean build\n{log}");
        log
    };
    let first = fixture("basic");
    assert_eq!(reused(&build(first.path())), 0);
    // Another checkout of the same commit, then of one with an edit.
    let second = fixture("basic");
    let log = build(second.path());
    assert!(log.contains("已是最新"), "nothing changed: nothing written\n{log}");
    let third = fixture("basic");
    edit(third.path(), NEWS, "。", "。再补充。");
    let log = build(third.path());
    assert!(reused(&log) > 5, "a fresh checkout reuses the pages the edit does not reach\n{log}");

    // Refused: a cache inside the output (replaced by every build) or inside content/.
    for (dir, says) in [(out.join("c"), "不能把生成缓存放在"), (third.path().join("content/c"), "content/")] {
        let o = common::build(third.path(), &["--cache-dir", dir.to_str().unwrap(), "--out", o]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success() && err.contains(says), "{}: {err}", dir.display());
        assert!(!dir.exists(), "nothing written to a refused cache directory");
    }
    // With --no-cache or --sites it means nothing: refused.
    let o = common::build(third.path(), &["--cache-dir", c, "--no-cache"]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A page added to the news column (`basic` fixture: 2026-11-22, the newest).
const ADDED: &str = "content/portal/zwdt/gzdt/2026-11-22-xinwen.md";
/// The notice `NEWS` links to (`/zwdt/tzgg/2026-11-01-tongzhi/`).
const NOTICE: &str = "content/portal/zwdt/tzgg/2026-11-01-tongzhi.md";

/// The findings of a build's log (errors and warnings, with their help lines).
fn findings(log: &str) -> Vec<&str> {
    finding_lines(log, &["错误[", "警告["])
}

/// Builds `root` with the cache, which must fail, then without it into a fresh directory,
/// which must fail with the very same findings. Returns the cached build's stderr.
fn assert_fails_like_clean(root: &Path, today: &str) -> String {
    let cached = common::build(root, &["--today", today]);
    let log = String::from_utf8_lossy(&cached.stderr).into_owned();
    assert!(!cached.status.success(), "the cached build succeeded:\n{log}");
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("out");
    let want = common::build(root, &["--today", today, "--no-cache", "--out", clean_out.to_str().unwrap()]);
    let want_log = String::from_utf8_lossy(&want.stderr).into_owned();
    assert!(!want.status.success(), "the clean build succeeded:\n{want_log}");
    assert!(findings(&log).iter().any(|l| l.contains("错误[link]")), "{log}");
    assert_eq!(findings(&log), findings(&want_log), "the findings of a clean build");
    log
}

/// A page added to a column renders again only itself, its neighbour and the generated pages
/// that show it (the column's list, the home page, the feeds); the other pages and lists are
/// taken from the cache, their links resolving as before. Removed again, the same.
#[test]
fn an_added_page_renders_only_the_pages_that_show_it() {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);
    let inode = |rel: &str| inode_of(&root.join(rel));
    let kept = [
        "public/zwdt/tzgg/index.html",
        "public/jyj/index.html",
        "public/yongan/index.html",
        "public/zwdt/gzdt/2026-10-01-guoqing/index.html",
        "public/jyj/zwdt/gzdt/2026-11-18-anquan/index.html",
        "public/zwdt/tzgg/feed.xml",
    ];
    let shown = [
        "public/index.html",
        "public/zwdt/gzdt/index.html",
        "public/zwdt/gzdt/2026-11-20-huiyi/index.html",
        "public/zwdt/gzdt/feed.json",
    ];
    let (kept_before, shown_before) = (kept.map(inode), shown.map(inode));
    std::fs::write(root.join(ADDED), "---\ntitle: 新增的工作动态\ndate: 2026-11-22\n---\n\n新增正文。\n").unwrap();
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(log.contains("已生成 12 篇稿件"), "{log}");
    // Rendered: the new page, its older neighbour, and 2026-11-10-diaoyan (its warnings are
    // reported by every build); 9 of 12 reused.
    assert_eq!(reused(&log), 9, "{log}");
    assert_eq!(kept.map(inode), kept_before, "pages, lists and feeds that do not show it are kept");
    let shown_after = shown.map(inode);
    assert!(shown_after.iter().zip(&shown_before).all(|(a, b)| a != b), "those that show it are made");
    assert!(common::read(&root.join("public"), "index.html").contains("新增的工作动态"));

    // Removed again (no page links to it): its neighbour and the lists again, nothing else.
    std::fs::remove_file(root.join(ADDED)).unwrap();
    let log = assert_cached_equals_clean(root, TODAY);
    assert_eq!(reused(&log), 9, "{log}");
    assert_eq!(kept.map(inode), kept_before);
    assert!(!common::read(&root.join("public"), "index.html").contains("新增的工作动态"));
}

/// A page removed while another links to it: the linking page is rendered again and fails
/// the cached build with the finding of a clean build (it is not taken from the cache). Put
/// back, the link resolves as it did and the linking page is taken from the cache again.
#[test]
fn removing_a_linked_page_fails_the_cached_build_like_a_clean_one() {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);
    let notice = std::fs::read_to_string(root.join(NOTICE)).unwrap();
    std::fs::remove_file(root.join(NOTICE)).unwrap();
    let log = assert_fails_like_clean(root, TODAY);
    assert!(log.contains("2026-11-20-huiyi.md:12") && log.contains("/zwdt/tzgg/2026-11-01-tongzhi/"), "{log}");

    // Back, edited: the notice is rendered, the page linking to it reused (its link resolves
    // as it did), and no finding about the link is left.
    std::fs::write(root.join(NOTICE), notice.replacen("\n---\n", "\n---\n\n补充说明。\n", 1)).unwrap();
    let huiyi = inode_of(&root.join("public/zwdt/gzdt/2026-11-20-huiyi/index.html"));
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(!log.contains("[link]"), "{log}");
    assert_eq!(reused(&log), 9, "{log}");
    assert_eq!(inode_of(&root.join("public/zwdt/gzdt/2026-11-20-huiyi/index.html")), huiyi);
}

/// A link to a page that does not exist yet fails the build; once the page is added, the
/// build succeeds, the link leads to it and nothing is reported.
#[test]
fn adding_the_page_a_broken_link_names_mends_it() {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);
    edit(root, NEWS, "详见[通知]", "另见[新闻](/zwdt/gzdt/2026-11-22-xinwen/)，详见[通知]");
    let log = assert_fails_like_clean(root, TODAY);
    assert!(log.contains("/zwdt/gzdt/2026-11-22-xinwen/"), "{log}");
    std::fs::write(root.join(ADDED), "---\ntitle: 新增的工作动态\ndate: 2026-11-22\n---\n\n新增正文。\n").unwrap();
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(!log.contains("[link]"), "{log}");
    assert_eq!(reused(&log), 9, "the linking page, the new one and diaoyan rendered:\n{log}");
    let page = common::read(&root.join("public"), "zwdt/gzdt/2026-11-20-huiyi/index.html");
    assert!(page.contains(r#"href="/zwdt/gzdt/2026-11-22-xinwen/""#), "{page}");
}

/// A `.md` link resolves through the pages' sources: when the page it names moves (a `slug`),
/// the linking page, itself unchanged, is rendered again with the new address.
#[test]
fn a_md_link_follows_its_page_when_it_moves() {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);
    let guoqing = "public/zwdt/gzdt/2026-10-01-guoqing/index.html";
    let before = inode_of(&root.join(guoqing));
    // 2026-10-01-guoqing links to `2026-11-20-huiyi.md`, and is not its neighbour.
    edit(root, NEWS, "title:", "slug: kaihui\ntitle:");
    let log = assert_cached_equals_clean(root, TODAY);
    // Rendered: the moved page, its neighbour diaoyan, and guoqing for its link.
    assert_eq!(reused(&log), 8, "{log}");
    assert_ne!(inode_of(&root.join(guoqing)), before);
    assert!(
        common::read(&root.join("public"), "zwdt/gzdt/2026-10-01-guoqing/index.html")
            .contains(r#"href="/zwdt/gzdt/kaihui/""#)
    );
}

/// A page turned draft or scheduled leaves the output: one no page links to renders nothing
/// else again; one linked to fails the cached build with a clean build's finding (the draft's
/// or the publish date's reason).
#[test]
fn a_page_turned_draft_or_scheduled_reaches_the_pages_linking_to_it() {
    let tmp = fixture("basic");
    let root = tmp.path();
    build_ok(root, &["--today", TODAY]);
    edit(root, "content/yongan/zwdt/gzdt/2026-11-15-fanghuo.md", "title:", "draft: true\ntitle:");
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(log.contains("已生成 10 篇稿件"), "{log}");
    assert_eq!(reused(&log), 9, "only diaoyan rendered:\n{log}");
    assert!(!root.join("public/yongan/zwdt/gzdt/2026-11-15-fanghuo/index.html").exists());

    edit(root, NOTICE, "date: 2026-11-01", "date: 2026-12-01");
    let log = assert_fails_like_clean(root, TODAY);
    assert!(log.contains("2026-11-20-huiyi.md:12") && log.contains("2026-12-01"), "{log}");
    edit(root, NOTICE, "date: 2026-12-01", "date: 2026-11-01\ndraft: true");
    let log = assert_fails_like_clean(root, TODAY);
    assert!(log.contains("2026-11-20-huiyi.md:12"), "{log}");
    // Published again: the linking page is taken from the cache, its link resolving as before.
    edit(root, NOTICE, "\ndraft: true", "");
    let log = assert_cached_equals_clean(root, TODAY);
    assert!(!log.contains("[link]"), "{log}");
}

/// A page shows the title of the page its `replaced_by` names: a new title there renders it
/// again (before page keys covered it, the page was taken from the cache with the old title).
#[test]
fn a_new_title_reaches_the_page_replaced_by_it() {
    let tmp = fixture("basic");
    let root = tmp.path();
    let replaced = "content/portal/xxgk/zcwj/2026-09-01-fangan.md";
    edit(root, replaced, "valid: 有效", "valid: 有效\nreplaced_by: /jyj/xxgk/zcwj/2026-03-01-zizhu/");
    build_ok(root, &["--today", TODAY]);
    edit(root, "content/jyj/xxgk/zcwj/2026-03-01-zizhu.md", "title: ", "title: 改");
    assert_cached_equals_clean(root, TODAY);
    let page = common::read(&root.join("public"), "xxgk/zcwj/2026-09-01-fangan/index.html");
    assert!(page.contains("改测试县教育局关于做好学生资助工作的通知"), "{page}");
}
