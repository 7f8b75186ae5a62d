//! The example CI pipelines in docs/ci call only commands and flags that exist: every
//! `zhanqun SUBCOMMAND [ACTION] --flag` they use is checked against the binary's own `--help`.

mod common;

use common::{repo_root, zhanqun};

#[test]
fn ci_examples_use_real_commands_and_flags() {
    let mut checked = 0;
    for entry in std::fs::read_dir(repo_root().join("docs/ci")).expect("docs/ci") {
        let path = entry.expect("entry").path();
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
