//! The disclosure catalog as auditors and the public meet it: golden catalog.json, the JSON
//! Schema checked by a real validator (Python `jsonschema`), the CSV read back by a real CSV
//! reader (Python's `csv`, as Excel would: UTF-8 with BOM), the pre-built facet pages listing
//! exactly the documents of their value, the statistics page, and the validation errors.

use crate::common;

use common::{build, build_ok, fixture, read};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn catalog(out: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, rel)).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

fn index_nos(catalog: &Value) -> Vec<String> {
    catalog["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["index_no"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn catalog_json_matches_the_golden_file() {
    let tmp = fixture("basic");
    build_ok(tmp.path(), &[]);
    let out = tmp.path().join("public");
    insta::assert_snapshot!("catalog_json", read(&out, "catalog.json"));
    let cluster = catalog(&out, "catalog.json");
    let nos = index_nos(&cluster);
    let mut sorted = nos.clone();
    sorted.sort();
    assert_eq!(nos, sorted, "catalog.json must be sorted by 索引号");
    assert_eq!(cluster["count"], nos.len());
    // Each site's catalog holds exactly its own documents; together they are the cluster's.
    let mut union = Vec::new();
    for site in ["portal", "jyj", "yongan"] {
        let c = catalog(&out, &format!("catalog/{site}.json"));
        assert_eq!(c["scope"], site);
        assert!(c["documents"].as_array().unwrap().iter().all(|d| d["site"] == site));
        union.extend(index_nos(&c));
    }
    union.sort();
    assert_eq!(union, nos);
}

#[test]
fn catalogs_validate_against_the_json_schema() {
    let tmp = fixture("basic");
    build_ok(tmp.path(), &[]);
    let out = tmp.path().join("public");
    let schema = common::repo_root().join("schemas/catalog-v2.schema.json");
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  jsonschema.Draft202012Validator.check_schema(schema)\n\
                  for f in sys.argv[2:]:\n    jsonschema.Draft202012Validator(schema).validate(json.load(open(f, encoding='utf-8')))\n\
                  print(len(sys.argv) - 2)";
    let mut files = vec![out.join("catalog.json")];
    files.extend(
        std::fs::read_dir(out.join("catalog"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json")),
    );
    let run = Command::new("python3").arg("-c").arg(script).arg(&schema).args(&files).output().expect("run python3");
    assert!(
        run.status.success(),
        "schema validation failed (pip install jsonschema):\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), files.len().to_string());

    // The validator can fail: a document without its 索引号 is rejected.
    let bad = tmp.path().join("bad.json");
    let mut c = catalog(&out, "catalog.json");
    c["documents"][0].as_object_mut().unwrap().remove("index_no");
    std::fs::write(&bad, c.to_string()).unwrap();
    let run = Command::new("python3").arg("-c").arg(script).arg(&schema).arg(&bad).output().expect("run python3");
    assert!(!run.status.success(), "a catalog without index_no must not validate");
}

#[test]
fn csv_reads_back_with_a_real_csv_reader() {
    let tmp = fixture("basic");
    // A title with a comma, quotes and a full-width comma must survive RFC 4180 quoting.
    let page = tmp.path().join("content/jyj/xxgk/zcwj/2026-03-01-zizhu.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let hostile = "title: '关于\"学生资助\"工作的通知, 第二版，修订'";
    std::fs::write(&page, text.replace("title: 测试县教育局关于做好学生资助工作的通知", hostile)).unwrap();
    build_ok(tmp.path(), &[]);
    let out = tmp.path().join("public");
    let bytes = std::fs::read(out.join("catalog.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "the CSV must start with a UTF-8 BOM for Excel");
    assert!(String::from_utf8_lossy(&bytes).contains("\r\n"), "RFC 4180 lines end in CRLF");
    let script = "import csv, json, sys\n\
                  rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n\
                  print(json.dumps(rows, ensure_ascii=False))";
    let run = Command::new("python3").arg("-c").arg(script).arg(out.join("catalog.csv")).output().expect("run python3");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let rows: Vec<Vec<String>> = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(rows[0][..8], ["索引号", "标题", "文号", "发布机构", "主题分类", "体裁分类", "成文日期", "发布日期"]);
    let json = catalog(&out, "catalog.json");
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(rows.len() - 1, docs.len(), "one CSV row per document");
    for (row, doc) in rows[1..].iter().zip(docs) {
        assert_eq!(row.len(), rows[0].len(), "every row has every column: {row:?}");
        assert_eq!(row[0], doc["index_no"].as_str().unwrap());
        assert_eq!(row[1], doc["title"].as_str().unwrap());
        let whole = rows[0].iter().position(|h| h == "网址").expect("a 网址 column");
        let absolute = doc["absolute_url"].as_str().expect("the fixture has a domain");
        assert!(absolute.starts_with("https://"), "{absolute}");
        assert_eq!(row[whole], absolute, "the CSV carries the whole address auditors click");
    }
    assert!(rows.iter().any(|r| r[1] == "关于\"学生资助\"工作的通知, 第二版，修订"), "hostile title lost: {rows:?}");
}

/// Rows (索引号) of every page of a catalog list starting at `first` (output-relative dir).
fn table_index_nos(out: &Path, first: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut page = 1;
    loop {
        let rel = if page == 1 { format!("{first}index.html") } else { format!("{first}page/{page}/index.html") };
        let Ok(html) = std::fs::read_to_string(out.join(&rel)) else { break };
        for cell in html.split("<td class=\"index-no\">").skip(1) {
            found.insert(cell.split('<').next().unwrap().to_owned());
        }
        page += 1;
    }
    assert!(page > 1, "no catalog page at {first}");
    found
}

#[test]
fn facet_pages_list_exactly_their_documents_and_paginate() {
    let tmp = fixture("basic");
    // One row per page, so that pagination is exercised on the small fixture.
    let cfg = tmp.path().join("zhanqun.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, format!("{text}\ncatalog_per_page: 1\n")).unwrap();
    build_ok(tmp.path(), &[]);
    let out = tmp.path().join("public");
    let docs = catalog(&out, "catalog.json")["documents"].as_array().unwrap().clone();
    let expect = |f: &dyn Fn(&Value) -> bool| -> BTreeSet<String> {
        docs.iter().filter(|d| f(d)).map(|d| d["index_no"].as_str().unwrap().to_owned()).collect()
    };
    // The portal's unified catalog: everything, then one page per facet value.
    assert_eq!(table_index_nos(&out, "xxgk/gkml/"), expect(&|_| true));
    assert_eq!(table_index_nos(&out, "xxgk/gkml/org/jyj/"), expect(&|d| d["site"] == "jyj"));
    assert_eq!(
        table_index_nos(&out, "xxgk/gkml/year/2026/"),
        expect(&|d| d["date"].as_str().unwrap().starts_with("2026"))
    );
    let home = read(&out, "xxgk/gkml/index.html");
    for (kind, value) in [("topic", "农业、林业、水利"), ("genre", "通知")] {
        let slug = zhanqun::assemble::facet_slug(value);
        assert!(home.contains(&format!("/xxgk/gkml/{kind}/{slug}/")), "no {kind} filter link for {value}");
        let field = if kind == "topic" { "topic" } else { "genre" };
        assert_eq!(
            table_index_nos(&out, &format!("xxgk/gkml/{kind}/{slug}/")),
            expect(&|d| d[field].as_str().is_some_and(|v| v.split('\\').next() == Some(value)))
        );
    }
    // A department's own catalog lists only its documents and has no organisation filter.
    assert_eq!(table_index_nos(&out, "jyj/xxgk/gkml/"), expect(&|d| d["site"] == "jyj"));
    assert!(!read(&out, "jyj/xxgk/gkml/index.html").contains("<h2>按机构</h2>"));
    assert!(out.join("xxgk/gkml/page/2/index.html").exists(), "the unified catalog must paginate");
}

#[test]
fn statistics_page_counts_each_organisation_with_a_chart() {
    let tmp = fixture("basic");
    build_ok(tmp.path(), &[]);
    let out = tmp.path().join("public");
    let html = read(&out, "xxgk/gkml/tongji/2026/index.html");
    assert!(html.contains("<svg class=\"bar-chart\""), "no inline SVG chart");
    assert_eq!(html.matches("<rect").count(), 3, "one bar per organisation (portal, jyj, yongan)");
    let figure = &html[html.find("<figure").unwrap()..html.find("</figure>").unwrap()];
    assert!(!figure.contains("<script") && !figure.contains("href="), "the chart needs no script or external resource");
    assert!(html.contains("2026年主动公开政府信息情况"));
}

fn fails(damage: impl FnOnce(&Path)) -> String {
    let tmp = fixture("basic");
    damage(tmp.path());
    let out = build(tmp.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "expected a failed build:\n{err}");
    err
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let t = std::fs::read_to_string(&p).unwrap();
    assert!(t.contains(from), "{rel} has no `{from}`");
    std::fs::write(p, t.replace(from, to)).unwrap();
}

const ZIZHU: &str = "content/jyj/xxgk/zcwj/2026-03-01-zizhu.md";

#[test]
fn disclosed_document_without_index_no_is_an_error() {
    let e = fails(|r| edit(r, ZIZHU, "索引号: 11520330MB1730478Y/2026-00001\n", ""));
    assert!(e.contains(&format!("{ZIZHU}:1: 错误[index-no]: 这篇公开文件缺少索引号（`index_no`）")), "{e}");
    assert!(e.contains("`index_no: 11520330MB1730478Y/2026-00001`"), "{e}");
}

#[test]
fn index_no_in_the_wrong_form_is_an_error() {
    let e = fails(|r| edit(r, ZIZHU, "11520330MB1730478Y/2026-00001", "2026-00001"));
    assert!(e.contains(&format!("{ZIZHU}:4: 错误[index-no]: 索引号 `2026-00001` 的格式不对")), "{e}");
}

#[test]
fn index_no_of_another_organisation_is_reported() {
    let tmp = fixture("basic");
    edit(tmp.path(), ZIZHU, "11520330MB1730478Y/2026-00001", "11520330MB1730208C/2026-00099");
    let err = build_ok(tmp.path(), &[]);
    assert!(
        err.contains(&format!(
            "{ZIZHU}:4: 警告[index-no]: 索引号 `11520330MB1730208C/2026-00099` 的机构代码是 `11520330MB1730208C`"
        )),
        "{err}"
    );
}

#[test]
fn missing_topic_and_genre_are_reported_with_the_file() {
    let tmp = fixture("basic");
    edit(tmp.path(), ZIZHU, "主题分类: 科技、教育\n体裁分类: 通知\n", "");
    let err = build_ok(tmp.path(), &[]);
    assert!(err.contains(&format!("{ZIZHU}:1: 警告[disclosure]: 这篇公开文件最好写明主题分类（`topic`）")), "{err}");
    assert!(err.contains("体裁分类（`genre`）"), "{err}");
}

#[test]
fn catalog_stats_counts_the_year_per_organisation() {
    let tmp = fixture("basic");
    let out = common::zhanqun()
        .args(["catalog", "stats", "--year", "2026", "--json", "--root"])
        .arg(tmp.path())
        .output()
        .expect("run zhanqun catalog stats");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(stats["year"], "2026");
    assert_eq!(stats["cluster"]["total"], 2);
    let orgs: Vec<(String, u64)> = stats["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["site"].as_str().unwrap().to_owned(), o["total"].as_u64().unwrap()))
        .collect();
    assert_eq!(orgs, [("portal".to_owned(), 1), ("jyj".to_owned(), 1), ("yongan".to_owned(), 0)]);
    assert_eq!(stats["cluster"]["by_genre"]["通知"], 2);
    let table =
        common::zhanqun().args(["catalog", "stats", "--year", "2025", "--root"]).arg(tmp.path()).output().unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.starts_with("2025年主动公开政府信息情况") && text.contains("全部机构"), "{text}");
    assert!(text.contains("\n机构  ") && text.contains("合计"), "{text}");
    let table = common::zhanqun()
        .args(["catalog", "stats", "--year", "2025", "--lang", "en", "--root"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.starts_with("Documents proactively disclosed in 2025\n"), "{text}");
    assert!(text.contains("Organisation") && text.contains("Total") && text.contains("All organisations"), "{text}");
    assert!(text.contains("By topic (all organisations)") && !text.contains("全部机构"), "{text}");
}
