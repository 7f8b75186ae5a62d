//! The example CI pipelines in docs/ci call only commands and flags that exist: every
//! `zhanqun SUBCOMMAND [ACTION] --flag` they use is checked against the binary's own `--help`.

use crate::common;

use common::{repo_root, zhanqun};

#[test]
fn ci_examples_use_real_commands_and_flags() {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(repo_root().join("docs/ci")) {
        let path = entry.expect("entry").into_path();
        if !path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read pipeline");
        for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
            for call in line.split("zhanqun ").skip(1) {
                let words: Vec<&str> = call.split_whitespace().collect();
                let Some(cmd) = words.first().filter(|w| w.chars().all(|c| c.is_ascii_lowercase())) else { continue };
                let mut args = vec![*cmd];
                if let Some(action) = words.get(1).filter(|w| ["diff", "stats"].contains(w)) {
                    args.push(action);
                }
                let help = zhanqun().args(&args).arg("--help").output().expect("run zhanqun --help");
                let help_text = String::from_utf8_lossy(&help.stdout);
                assert!(help.status.success(), "{}: `zhanqun {}` is not a command", path.display(), args.join(" "));
                for flag in words.iter().filter(|w| w.starts_with("--")) {
                    assert!(
                        help_text.contains(flag),
                        "{}: `zhanqun {}` has no flag {flag}",
                        path.display(),
                        args.join(" ")
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} zhanqun calls found in docs/ci");
}

/// docs/deploy-headers.md gives nginx exactly the headers the build writes into `_headers` (with
/// no extra source set), and `zhanqun nginx-headers` prints them.
#[test]
fn the_nginx_snippet_matches_the_headers_the_build_writes() {
    let doc = std::fs::read_to_string(repo_root().join("docs/deploy-headers.md")).expect("docs/deploy-headers.md");
    let snippet = zhanqun::emit::headers::nginx_snippet(&Default::default());
    assert!(doc.contains(&snippet), "docs/deploy-headers.md is out of date; it must contain:\n{snippet}");
    let tmp = common::fixture("basic");
    common::build_ok(tmp.path(), &[]);
    let printed = common::zhanqun().arg("nginx-headers").arg("--root").arg(tmp.path()).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&printed.stdout), snippet);
    let headers = common::read(&tmp.path().join("public"), "_headers");
    let security = zhanqun::emit::headers::headers_file(&Default::default(), &[]);
    assert!(headers.starts_with(&security), "{headers}");
    // Then a year's cache for exactly the theme's style sheets and scripts, all content-hashed.
    let listed: Vec<String> =
        headers[security.len()..].lines().filter(|l| !l.starts_with(' ')).map(String::from).collect();
    let written: Vec<String> = common::read_tree(&tmp.path().join("public"))
        .into_keys()
        .filter(|p| p.starts_with("static/") && (p.ends_with(".css") || p.ends_with(".js")))
        .map(|p| format!("/{p}"))
        .collect();
    assert!(written.len() >= 3 && written.iter().all(|p| common::unhashed(p).contains(".[hash].")), "{written:?}");
    assert_eq!(listed, written);
    for line in snippet.lines() {
        let name = line.split_whitespace().nth(1).expect("header name");
        assert!(headers.contains(&format!("  {name}: ")), "{name} missing from _headers");
    }
}
