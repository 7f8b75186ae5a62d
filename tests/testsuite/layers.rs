//! The stage order is true in the code: a module may use the modules before it in [`LAYERS`],
//! never one after it, so data flows forward only and there are no cycles between modules.
//! A new top-level module must be placed in the list.

use std::path::{Path, PathBuf};

/// Every top-level module of `src/`, in the order they may depend on each other: each may use
/// only those before it.
const LAYERS: &[&str] = &[
    // Shared leaves: no stage below them.
    "diagnostic",
    "messages",
    "parallel",
    "progress",
    "text",
    "labels",
    // The pipeline's stages, in the order data flows through them.
    "load",
    "scan",
    "parse",
    "check",
    "catalog",
    "assemble",
    "render",
    "rewrite",
    "emit",
    "hant",
    "search",
    // What runs stages: the inspection (`zhanqun check`), the build cache, the build itself,
    // the preview server, the other commands, the audit of changes (Git history), the fuzzing
    // entry points.
    "inspect",
    "cache",
    "build",
    "serve",
    "commands",
    "audit",
    "editor",
    "fuzzing",
    // The command line (the binary's own modules).
    "cli",
    "main",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/load/theme.rs` → `load`).
fn module_of(src: &Path, file: &Path) -> String {
    let first = file.strip_prefix(src).unwrap().components().next().unwrap();
    first.as_os_str().to_str().unwrap().trim_end_matches(".rs").to_owned()
}

/// The code of a file without its unit tests (`#[cfg(test)] mod tests { … }` at the end).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod ").map_or(text, |i| &text[..i])
}

/// The top-level modules `code` names as `crate::x` (library) or `zhanqun::x` (binary).
fn used_modules(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("");
        for prefix in ["crate::", "zhanqun::"] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                let before = rest[..at].chars().last();
                rest = &rest[at + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.push((n + 1, name));
            }
        }
    }
    out
}

#[test]
fn no_module_uses_a_later_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut unplaced = Vec::new();
    let mut backwards = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue;
        }
        let Some(own) = rank(&module) else {
            unplaced.push(module);
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (line, used) in used_modules(without_tests(&text)) {
            if let Some(r) = rank(&used)
                && r > own
            {
                let rel = file.strip_prefix(&src).unwrap().display();
                backwards.push(format!("src/{rel}:{line}: {module} uses {used}, which comes after it"));
            }
        }
    }
    unplaced.sort();
    unplaced.dedup();
    assert!(unplaced.is_empty(), "place these modules in LAYERS: {unplaced:?}");
    assert!(backwards.is_empty(), "{}", backwards.join("\n"));
}

#[test]
fn the_checker_sees_a_backward_use() {
    let code = "use crate::render::labels;\nfn f() { zhanqun::load::x(); my_crate::emit::y(); }\n// crate::serve\n";
    let used: Vec<String> = used_modules(code).into_iter().map(|(_, m)| m).collect();
    assert_eq!(used, ["render", "load"]);
    assert_eq!(without_tests("a\n#[cfg(test)]\nmod tests {}\n"), "a\n");
}
