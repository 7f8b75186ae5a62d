//! The manuals in docs/ (编辑手册, 运维手册) are true: every ```sh block of them runs, with the
//! built `zhanqun` first on PATH, in a fresh copy of the example cluster that is a git repository
//! (two commits, the first tagged `v2026.11`), and must exit 0. A block may be marked, on the line
//! just before it, `<!-- 不运行：reason -->` (not run) or `<!-- 退出码 N：reason -->` (must exit
//! N); a marker without its reason fails the test. The README's first screen links both manuals
//! and keeps the two developer commands.

use crate::common;

use common::{copy_dir, repo_root};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MANUALS: &[&str] = &["docs/编辑手册.md", "docs/运维手册.md"];

/// What the test does with one shell block.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    /// Run it; it must exit with this code.
    Exit(i32),
    /// Do not run it (the reason is in the manual).
    Skip,
}

/// One ```sh block: the line of its fence, its text and what is expected of it.
#[derive(Debug)]
struct Block {
    line: usize,
    script: String,
    expect: Expect,
}

/// The ```sh blocks of a Markdown text, with their markers; an error names a marker without a
/// reason, a marker not followed by a block, or an unclosed block.
fn sh_blocks(text: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut marker: Option<(usize, Expect)> = None;
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    while let Some((n, line)) = lines.next() {
        let t = line.trim();
        if let Some(inner) = t.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) {
            let inner = inner.trim();
            let expect = if let Some(rest) = inner.strip_prefix("不运行") {
                Some((Expect::Skip, rest))
            } else if let Some(rest) = inner.strip_prefix("退出码") {
                let rest = rest.trim_start();
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let code = digits.parse().map_err(|_| format!("line {n}: `退出码` needs a number: {t}"))?;
                Some((Expect::Exit(code), &rest[digits.len()..]))
            } else {
                None
            };
            if let Some((expect, rest)) = expect {
                let reason = rest.trim_start().strip_prefix(['：', ':']).map(str::trim).unwrap_or("");
                if reason.is_empty() {
                    return Err(format!("line {n}: the marker gives no reason (write `<!-- 不运行：原因 -->`): {t}"));
                }
                if let Some((m, _)) = marker {
                    return Err(format!("line {m}: marker not followed by a ```sh block"));
                }
                marker = Some((n, expect));
            }
            continue;
        }
        if t.starts_with("```") {
            let lang = t.trim_start_matches('`').trim();
            let mut script = String::new();
            let mut closed = false;
            for (_, l) in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    closed = true;
                    break;
                }
                script.push_str(l);
                script.push('\n');
            }
            if !closed {
                return Err(format!("line {n}: the code block is not closed"));
            }
            if lang == "sh" {
                let expect = marker.take().map(|(_, e)| e).unwrap_or(Expect::Exit(0));
                blocks.push(Block { line: n, script, expect });
            } else if let Some((m, _)) = marker {
                return Err(format!("line {m}: marker is followed by a ```{lang} block, not ```sh"));
            }
            continue;
        }
        if !t.is_empty()
            && let Some((m, _)) = marker
        {
            return Err(format!("line {m}: marker not followed by a ```sh block"));
        }
    }
    match marker {
        Some((m, _)) => Err(format!("line {m}: marker not followed by a ```sh block")),
        None => Ok(blocks),
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=测试", "-c", "user.email=test@example.gov.cn", "-c", "init.defaultBranch=main"])
        .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A copy of the example cluster in a git repository: commit 1 (tagged `v2026.11`), then an
/// empty commit 2, so that `HEAD~1` and `v2026.11` both name a revision.
fn example_cluster() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = repo_root();
    for dir in ["sites", "content", "themes", "topics"] {
        copy_dir(&root.join(dir), &tmp.path().join(dir));
    }
    for file in ["zhanqun.yaml", "columns.yaml", ".gitignore"] {
        std::fs::copy(root.join(file), tmp.path().join(file)).expect("copy");
    }
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "-A"]);
    git(tmp.path(), &["commit", "-q", "-m", "上次发布"]);
    git(tmp.path(), &["tag", "v2026.11"]);
    git(tmp.path(), &["commit", "-q", "--allow-empty", "-m", "本次修改"]);
    tmp
}

/// Runs `script` with `sh -e` in `dir`; returns the exit code and the output.
fn run_block(dir: &Path, script: &str) -> (Option<i32>, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_zhanqun")).parent().expect("bin dir").to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    let out_file = tempfile::NamedTempFile::new().expect("output file");
    let out = out_file.reopen().expect("reopen output file");
    let mut child = Command::new("sh")
        .arg("-e")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("ZHANQUN_LANG")
        .env_remove("ZHANQUN_SIGNING_KEY")
        .env_remove("ZHANQUN_PUBLIC_KEY")
        .env("GIT_AUTHOR_NAME", "编辑")
        .env("GIT_AUTHOR_EMAIL", "bianji@example.gov.cn")
        .env("GIT_COMMITTER_NAME", "编辑")
        .env("GIT_COMMITTER_EMAIL", "bianji@example.gov.cn")
        .env("GIT_CONFIG_COUNT", "1")
        .env("GIT_CONFIG_KEY_0", "commit.gpgsign")
        .env("GIT_CONFIG_VALUE_0", "false")
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("dup"))
        .stderr(out)
        .spawn()
        .expect("run sh");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = String::from_utf8_lossy(&std::fs::read(out_file.path()).unwrap_or_default()).into_owned();
    match status {
        Some(s) => (s.code(), output),
        None => (None, format!("{output}\n(still running after 180 s: mark a block that starts a server)")),
    }
}

fn run_manual(rel: &str, min_run: usize) {
    let text = std::fs::read_to_string(repo_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let blocks = sh_blocks(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut failures = Vec::new();
    let mut ran = 0;
    for b in &blocks {
        let Expect::Exit(want) = b.expect else { continue };
        let tmp = example_cluster();
        let (code, output) = run_block(tmp.path(), &b.script);
        ran += 1;
        if code != Some(want) {
            failures.push(format!(
                "{rel}:{}: exit {code:?}, expected {want}\n--- block ---\n{}--- output ---\n{output}",
                b.line, b.script
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran >= min_run, "{rel}: only {ran} shell blocks run (expected at least {min_run})");
}

#[test]
fn every_shell_block_of_the_editors_manual_runs() {
    run_manual("docs/编辑手册.md", 4);
}

#[test]
fn every_shell_block_of_the_operators_manual_runs() {
    run_manual("docs/运维手册.md", 10);
}

#[test]
fn markers_need_a_reason_and_a_block() {
    let ok = "文字\n\n<!-- 不运行：需要真实的服务器地址 -->\n```sh\nzhanqun serve\n```\n\n<!-- 退出码 1：文件被改过 -->\n```sh\nfalse\n```\n```sh\ntrue\n```\n```yaml\na: 1\n```\n";
    let blocks = sh_blocks(ok).expect("valid markers");
    let expects: Vec<&Expect> = blocks.iter().map(|b| &b.expect).collect();
    assert_eq!(expects, [&Expect::Skip, &Expect::Exit(1), &Expect::Exit(0)]);
    assert_eq!(blocks[0].line, 4);
    for bad in [
        "<!-- 不运行 -->\n```sh\nzhanqun serve\n```\n",
        "<!-- 不运行： -->\n```sh\nzhanqun serve\n```\n",
        "<!-- 退出码 1 -->\n```sh\nfalse\n```\n",
        "<!-- 不运行：原因 -->\n正文\n```sh\ntrue\n```\n",
        "<!-- 不运行：原因 -->\n```yaml\na: 1\n```\n",
        "<!-- 不运行：原因 -->\n",
        "```sh\ntrue\n",
    ] {
        assert!(sh_blocks(bad).is_err(), "accepted: {bad}");
    }
}

#[test]
fn the_manuals_exist_and_the_readme_links_them_on_its_first_screen() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let first_screen: String = readme.lines().take(30).collect::<Vec<_>>().join("\n");
    for manual in MANUALS {
        assert!(repo_root().join(manual).is_file(), "{manual} is missing");
        assert!(first_screen.contains(&format!("({manual})")), "README's first screen does not link {manual}");
    }
    for command in ["cargo run --release -- build", ".ci/run"] {
        assert!(first_screen.contains(&format!("\n{command} ")), "README's first screen lost `{command}`");
    }
    assert!(first_screen.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count() > 40);
}
