//! Chinese by default: a day's work through every command, with no flag and no variable, prints
//! no English sentence; only codes, paths, URLs and quoted values may be ASCII words. And
//! `--lang en` / `ZHANQUN_LANG=en` switch every text, clap's own included, to English.

use crate::common;

use common::{fixture, zhanqun};
use std::path::Path;
use std::process::Output;

/// The program's name and its subcommands: codes, as `zhanqun catalog diff` is typed.
const COMMAND_WORDS: &[&str] = &[
    "zhanqun", "build", "serve", "check", "merge", "verify", "keygen", "manifest", "catalog", "diff", "stats", "init",
    "new", "theme", "list", "eject",
];

/// Runs of three or more English words left once codes, paths, URLs and quoted values are
/// taken out of `text`.
fn english_sentences(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let mut cleaned = String::new();
        let mut quote: Option<char> = None;
        for c in line.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '`' => quote = Some('`'),
                    '“' => quote = Some('”'),
                    '「' => quote = Some('」'),
                    '‘' => quote = Some('’'),
                    '"' => quote = Some('"'),
                    '[' => quote = Some(']'),
                    '<' => quote = Some('>'),
                    _ => cleaned.push(c),
                },
            }
        }
        let mut run: Vec<&str> = Vec::new();
        for word in cleaned.split(|c: char| c.is_whitespace() || !c.is_ascii()) {
            let w = word.trim_matches(|c: char| ",.;:!?()（）".contains(c));
            let is_code = COMMAND_WORDS.contains(&w)
                || w.contains(['/', '.', '_', '=', '@', '-', '\\'])
                || w.chars().any(|c| c.is_ascii_digit());
            if w.len() >= 2 && !is_code && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                run.push(w);
                if run.len() == 3 {
                    found.push(line.to_string());
                }
            } else if !word.is_empty() || w.is_empty() {
                run.clear();
            }
        }
    }
    found
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn assert_chinese(what: &str, out: &Output) {
    let all = text(out);
    let english = english_sentences(&all);
    assert!(english.is_empty(), "{what}: English sentences in the default output:\n{}\n---\n{all}", english.join("\n"));
}

fn run(root: &Path, args: &[&str]) -> Output {
    zhanqun().args(args).current_dir(root).output().expect("run zhanqun")
}

#[test]
fn checker_tells_sentences_from_codes_and_quotes() {
    assert!(!english_sentences("content/a.md:3: 错误[front-matter]: 缺少标题 `title: 标题`").iter().any(|_| true));
    assert!(
        !english_sentences("用法：zhanqun build [选项] --base-url <BASE_URL> https://example.gov.cn/a/b")
            .iter()
            .any(|_| true)
    );
    assert_eq!(english_sentences("error: cannot read the file").len(), 1);
    assert_eq!(english_sentences("已生成 built into the output").len(), 1);
}

#[test]
fn every_help_text_is_chinese_by_default_and_english_on_request() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let commands: &[&[&str]] = &[
        &[],
        &["build"],
        &["serve"],
        &["check"],
        &["merge"],
        &["verify"],
        &["keygen"],
        &["manifest"],
        &["manifest", "diff"],
        &["catalog"],
        &["catalog", "stats"],
        &["catalog", "diff"],
        &["init"],
        &["new"],
        &["theme"],
        &["theme", "list"],
        &["theme", "eject"],
        &["theme", "diff"],
    ];
    for cmd in commands {
        let mut args: Vec<&str> = cmd.to_vec();
        args.push("--help");
        let zh = run(tmp.path(), &args);
        assert!(zh.status.success(), "{args:?}");
        assert_chinese(&format!("{args:?}"), &zh);
        assert!(text(&zh).contains("用法："), "{args:?}: {}", text(&zh));
        args.extend(["--lang", "en"]);
        let en = text(&run(tmp.path(), &args));
        assert!(en.contains("Usage:") && !en.contains("用法"), "{args:?}: {en}");
        let by_env = zhanqun().args(cmd.iter()).arg("--help").env("ZHANQUN_LANG", "en").output().expect("run");
        assert_eq!(text(&by_env), en, "{args:?}: ZHANQUN_LANG=en and --lang en agree");
    }
    // clap's own mistakes follow the language too.
    let zh = run(tmp.path(), &["biuld"]);
    assert_eq!(zh.status.code(), Some(2));
    assert_chinese("biuld", &zh);
    assert!(text(&zh).contains("build"), "the nearest command is suggested: {}", text(&zh));
    let en = text(&run(tmp.path(), &["--lang", "en", "build", "--qiet"]));
    assert!(en.contains("unexpected argument") && en.contains("--quiet"), "{en}");
}

#[test]
fn a_day_of_work_through_every_command_speaks_chinese() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = tmp.path();
    // A new cluster, a new page in it, a build.
    let init = run(base, &["init", "xin"]);
    assert!(init.status.success(), "{}", text(&init));
    assert_chinese("init", &init);
    let cluster = base.join("xin");
    let new = run(&cluster, &["new", "portal", "zwdt/gzdt", "召开工作会议"]);
    assert_chinese("new", &new);
    let build = run(&cluster, &["build", "--today", "2026-11-30"]);
    assert_chinese("build (new cluster)", &build);

    // The fixture cluster: build twice, compare, verify, check, count.
    let fx = fixture("basic");
    let root = fx.path();
    let one = run(root, &["build", "--out", "one", "--today", "2026-11-30"]);
    assert!(one.status.success(), "{}", text(&one));
    assert_chinese("build", &one);
    let two = run(root, &["build", "--out", "two", "--today", "2026-12-30", "--no-cache"]);
    assert_chinese("build --no-cache", &two);
    assert_chinese("manifest diff", &run(root, &["manifest", "diff", "one", "two"]));
    assert_chinese("catalog diff", &run(root, &["catalog", "diff", "one", "two"]));
    assert_chinese("catalog stats", &run(root, &["catalog", "stats", "--year", "2026"]));
    assert_chinese("verify", &run(root, &["verify", "one"]));
    std::fs::write(root.join("one/index.html"), "changed").expect("tamper");
    let verify = run(root, &["verify", "one"]);
    assert_eq!(verify.status.code(), Some(1));
    assert_chinese("verify (changed file)", &verify);
    assert_chinese("verify (no directory)", &run(root, &["verify", "nowhere"]));
    assert_chinese("check", &run(root, &["check", "--today", "2026-11-30"]));
    let a = run(root, &["build", "--out", "a", "--sites", "portal", "--today", "2026-11-30"]);
    assert_chinese("build --sites", &a);
    let faults = fixture("faults");
    assert_chinese("check (faults)", &run(faults.path(), &["check", "--today", "2026-11-30"]));
    assert_chinese("build --today wrong", &run(root, &["build", "--today", "30.11.2026"]));
    assert_chinese("theme eject", &run(root, &["theme", "eject", "partials/footer.html"]));
    assert_chinese("theme eject (again)", &run(root, &["theme", "eject", "partials/footer.html"]));
    assert_chinese("theme eject (unknown)", &run(root, &["theme", "eject", "nothing.html"]));
    assert_chinese("theme list", &run(root, &["theme", "list"]));
    assert_chinese("theme diff", &run(root, &["theme", "diff"]));
}
