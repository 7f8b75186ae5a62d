//! The mistakes editors make every day (a Chinese input method's full-width colon, tabs, files
//! saved by Notepad as "Unicode", dates as Word writes them, a file name with a space…): each
//! is a fixture in `tests/fixtures/mistakes/`, dropped into a copy of `tests/fixtures/basic`,
//! and the build must name it at the right line, in Chinese by default and in English with
//! `--lang en` (the table `cases.tsv` holds the expected rule, line and message fragments).
//! With no flag, nothing the build prints over them is an English sentence.

use crate::common;

use common::{build, fixture, repo_root};
use std::path::Path;

/// One row of `cases.tsv`.
#[derive(Debug)]
struct Case {
    file: String,
    target: String,
    exit: i32,
    rule: String,
    line: usize,
    zh: String,
    en: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("cases.tsv")).expect("read cases.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 7, "cases.tsv: {l}");
            Case {
                file: f[0].into(),
                target: f[1].into(),
                exit: f[2].parse().expect("exit code"),
                rule: f[3].into(),
                line: f[4].parse().expect("line"),
                zh: f[5].into(),
                en: f[6].into(),
            }
        })
        .collect()
}

fn dir() -> std::path::PathBuf {
    repo_root().join("tests/fixtures/mistakes")
}

/// Builds a copy of the basic fixture with `file` written at `target`: (exit code, stdout and
/// stderr together).
fn run(file: &str, target: &str, extra: &[&str]) -> (i32, String) {
    let tmp = fixture("basic");
    let dest = tmp.path().join(target);
    std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
    std::fs::copy(dir().join(file), &dest).expect("copy fixture");
    let out = build(tmp.path(), extra);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("panicked"), "{file}: the build panicked:\n{text}");
    (out.status.code().unwrap_or(-1), text)
}

fn check(case: &Case, lang: &[&str], fragment: &str) {
    let (code, out) = run(&case.file, &case.target, lang);
    assert_eq!(code, case.exit, "{} {lang:?}: exit code {code}:\n{out}", case.file);
    if case.rule == "-" {
        assert!(!out.contains(&case.target), "{} {lang:?}: a finding about the file:\n{out}", case.file);
        return;
    }
    let at = format!("{}:{}: ", case.target, case.line);
    let line = out
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with(&at) && l.contains(&format!("[{}]", case.rule)))
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{} {lang:?}: no `{at}…[{}]` finding:\n{out}", case.file, case.rule));
    // The message and its help (the next line) hold the fragment.
    let finding: Vec<&str> = out.lines().skip(line).take(2).collect();
    assert!(finding.join("\n").contains(fragment), "{} {lang:?}: `{fragment}` not in:\n{out}", case.file);
}

#[test]
fn every_mistake_is_named_at_its_line_in_chinese_by_default() {
    for case in cases() {
        check(&case, &[], &case.zh);
    }
}

#[test]
fn every_mistake_is_named_at_its_line_in_english_on_request() {
    for case in cases() {
        check(&case, &["--lang", "en"], &case.en);
    }
}

/// Removes what may be ASCII in a Chinese message: quoted values (`…`, “…”, 「…」, "…"),
/// `[rule]` codes, URLs, and paths or file names.
fn without_codes(line: &str) -> String {
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in line.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '`' => close = Some('`'),
                '“' => close = Some('”'),
                '「' => close = Some('」'),
                '"' => close = Some('"'),
                '[' => close = Some(']'),
                c => out.push(c),
            },
        }
    }
    out.split(' ')
        .filter(|w| !(w.contains("://") || w.contains('/') || w.contains('\\') || is_file_name(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_file_name(w: &str) -> bool {
    w.rsplit_once('.')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && b.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The first run of three or more English words in `text`, if any: words separated by spaces
/// and ASCII punctuation only (a Chinese character between two words ends the run).
fn english_sentence(text: &str) -> Option<String> {
    for line in text.lines() {
        let clean = without_codes(line).replace('\u{3000}', " ");
        let mut run: Vec<&str> = Vec::new();
        for token in clean.split(' ') {
            let w = token.trim_matches(|c: char| c.is_ascii_punctuation());
            if w.is_empty() && !token.is_empty() {
                continue;
            }
            if w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                run.push(w);
                if run.len() >= 3 {
                    return Some(format!("{} (in: {line})", run.join(" ")));
                }
            } else if !w.is_empty() {
                run.clear();
            }
        }
    }
    None
}

#[test]
fn the_checker_finds_english_sentences_and_lets_codes_through() {
    assert!(english_sentence("a.md:3: error[date]: the page has no title").is_some());
    assert!(english_sentence("a.md:3: 错误[front-matter]: `date: 2026-02-30` 不是日历上存在的日期").is_none());
    assert!(english_sentence("修改方法: 运行 `iconv -f UTF-16LE -t UTF-8 a.md` 或者“另存为 UTF-8”").is_none());
    assert!(english_sentence("见 https://www.gov.cn/zhengce/index.html 和 content/portal/zwdt/gzdt/").is_none());
}

/// English lines still printed by code outside parse/scan/rewrite, pending its move to the
/// catalogs: the help of a broken link, written by `rewrite::broken_link`, which should
/// take `BrokenLink::help()` (image or page help, in the current language). Delete an entry
/// when its text moves; the test then checks that line too.
const PENDING_ELSEWHERE: &[&str] = &[
    "  修改方法: link to an existing page with a root-relative URL such as /jyj/zwdt/gzdt/<slug>/, or to a .md file relative to this one",
];

#[test]
fn with_no_flag_the_output_over_the_mistakes_holds_no_english_sentence() {
    let mut seen = std::collections::BTreeSet::new();
    let mut found = Vec::new();
    for case in cases() {
        if !seen.insert(case.file.clone()) {
            continue;
        }
        let (_, out) = run(&case.file, &case.target, &[]);
        // The target may hold a space (`2026-11-21 jiancha.md`): it is a path, not words.
        let out = out.replace(Path::new(&case.target).to_string_lossy().as_ref(), "");
        let out: Vec<&str> = out.lines().filter(|l| !PENDING_ELSEWHERE.contains(l)).collect();
        if let Some(s) = english_sentence(&out.join("\n")) {
            found.push(format!("{}: {s}", case.file));
        }
    }
    assert!(found.is_empty(), "English sentences in the default (Chinese) output:\n{}", found.join("\n"));
}
