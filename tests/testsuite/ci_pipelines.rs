//! The CI templates of docs/ci, run for real: each pipeline file is parsed and its jobs and
//! script steps run in order with bash, as the CI would run them, on a copy of the example
//! cluster in a temporary git repository. The release binary is "downloaded" from a local
//! directory (`ZHANQUN_URL=file://…`), the deploy target is a local directory (rsync), the
//! repository is fetched from a `file://` URL.
//!
//! The GitLab and Gitea files also publish to S3-compatible object storage when `DEPLOY_TARGET`
//! is an `s3://` URL: each runs again with a moto server (PyPI `moto[server]`) on a loopback port
//! as the object store, through the `aws` command line (PyPI `awscli`) the pipeline uses; the
//! deployed copy is then the bucket, downloaded for `zhanqun verify`.
//!
//! Five pushes per pipeline file: the first commit deploys into an empty target; a commit
//! where every site but one township has news (the township's home page has nothing new for
//! weeks: a veto risk) and one old page is removed deploys incrementally, the stale township
//! reported but not blocking; a commit with a wrong state name in the cluster's own text that
//! also removes a disclosed document is held at the `check --gate` step and the deployed copy is
//! left exactly as it was; the next commit fixes only the wording and is held at the catalog
//! gate, which compares with the deployed `catalog.json` (not with the previous commit, which
//! no longer shows the removal); a commit restoring the document publishes.
//!
//! GitLab CI: `before_script`/`script` entries run in one shell (`set -eo pipefail`, as the
//! runner does), `after_script` in another, `parallel: N` as N jobs, `artifacts:` passed on to
//! later stages. Gitea and GitHub Actions: every `run:` step in its own `bash -eo pipefail`
//! (`shell: bash`), `${{ … }}` expressions, `GITHUB_ENV`/`GITHUB_PATH`, `if: always()`, a
//! one-key matrix, `needs:`; GitHub's `uses:` steps (checkout, upload- and download-artifact)
//! are emulated, and the Gitea files must have none.

use crate::common;

use common::git::{commit_all, git};
use common::{copy_dir, read_tree, repo_root, reused};
use serde_yaml_ng::{Mapping, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fixture world: the cluster's repository (the CI's origin), the binary's download
/// directory, the deploy target and the report target, all in one temporary directory.
struct World {
    /// The object store, when the deploy target is S3 (stopped when dropped).
    s3: Option<Moto>,
    tmp: tempfile::TempDir,
    /// Working copy of the cluster; also the origin the CI fetches from.
    repo: PathBuf,
    /// The rsync deploy target.
    deploy: PathBuf,
    /// Where the report is kept for the operator (REPORT_TARGET).
    reports: PathBuf,
    /// The home directory of the runner's user, kept from one pipeline run to the next as on a
    /// real runner (GitLab shell executor, Gitea act_runner in host mode, a self-hosted GitHub
    /// runner): the build's state directory is under it by default.
    home: PathBuf,
    /// Project variables (GitLab) / Actions variables and secrets (Gitea, GitHub).
    vars: BTreeMap<String, String>,
    /// Run number, for `run_id`.
    runs: usize,
}

/// How a pipeline run ended.
#[derive(Debug)]
struct Run {
    /// (job, step text) of the first failing step, if any.
    failed: Option<(String, String)>,
    /// Jobs that ran, in order (each one's workspace is `dir/JOB`).
    jobs: Vec<String>,
    /// The run's directory.
    dir: PathBuf,
    /// Everything the steps printed.
    log: String,
}

impl World {
    fn new() -> World {
        let tmp = tempfile::tempdir().expect("tempdir");
        let repo = tmp.path().join("county/cluster.git");
        for entry in ["zhanqun.yaml", "columns.yaml", "sites", "content", "themes", "topics"] {
            let from = repo_root().join(entry);
            if from.is_dir() {
                copy_dir(&from, &repo.join(entry));
            } else {
                std::fs::create_dir_all(&repo).unwrap();
                std::fs::copy(&from, repo.join(entry)).unwrap();
            }
        }
        git(&repo, &["init", "-q"]);
        commit_all(&repo, "the example cluster");
        let dist = tmp.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        let binary = dist.join("zhanqun");
        std::fs::copy(env!("CARGO_BIN_EXE_zhanqun"), &binary).unwrap();
        let sha = hex(&Sha256::digest(std::fs::read(&binary).unwrap()));
        let deploy = tmp.path().join("srv/public");
        let reports = tmp.path().join("srv/reports");
        std::fs::create_dir_all(&deploy).unwrap();
        let mut vars = BTreeMap::new();
        vars.insert("ZHANQUN_URL".into(), format!("file://{}", binary.display()));
        vars.insert("ZHANQUN_SHA256".into(), sha);
        vars.insert("DEPLOY_TARGET".into(), deploy.display().to_string());
        vars.insert("REPORT_TARGET".into(), reports.display().to_string());
        vars.insert("STAGING_TARGET".into(), tmp.path().join("srv/staging").display().to_string());
        let home = tmp.path().join("runner-home");
        World { s3: None, tmp, repo, deploy, reports, home, vars, runs: 0 }
    }

    /// The same world deploying to a bucket of a local S3 stand-in instead of a directory.
    fn with_s3() -> World {
        let mut world = World::new();
        let moto = Moto::start(world.tmp.path());
        world.vars.insert("DEPLOY_TARGET".into(), "s3://zhanqun-site/public".into());
        world.vars.insert("S3_ENDPOINT_URL".into(), moto.endpoint.clone());
        world.vars.insert("AWS_ACCESS_KEY_ID".into(), "testing".into());
        world.vars.insert("AWS_SECRET_ACCESS_KEY".into(), "testing".into());
        moto.aws(&["s3", "mb", "s3://zhanqun-site"]);
        world.s3 = Some(moto);
        world
    }

    /// The deployed copy as files: the deploy directory, or the bucket downloaded afresh.
    fn deployed(&mut self) -> PathBuf {
        let Some(moto) = &self.s3 else { return self.deploy.clone() };
        self.runs += 1;
        let copy = self.tmp.path().join(format!("bucket-{}", self.runs));
        std::fs::create_dir_all(&copy).unwrap();
        moto.aws(&["s3", "sync", "--quiet", "s3://zhanqun-site/public", copy.to_str().unwrap()]);
        copy
    }

    /// Runs the pipeline file `rel` (under docs/ci) on the repository's HEAD.
    fn run(&mut self, rel: &str) -> Run {
        self.runs += 1;
        let _ = std::fs::remove_dir_all(&self.reports);
        let text = std::fs::read_to_string(repo_root().join("docs/ci").join(rel)).expect("pipeline file");
        let doc: Value = serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let run_dir = self.tmp.path().join(format!("run-{}", self.runs));
        std::fs::create_dir_all(&run_dir).unwrap();
        if rel.starts_with("gitlab/") { self.gitlab(&doc, &run_dir) } else { self.actions(rel, &doc, &run_dir) }
    }

    /// The environment every job starts from: a clean PATH and HOME, Chinese messages.
    fn base_command(&self, dir: &Path, home: &Path) -> Command {
        let mut cmd = Command::new("bash");
        cmd.current_dir(dir).env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default()).env("HOME", home).env("LANG", "C.UTF-8");
        cmd
    }

    fn sha(&self) -> String {
        git(&self.repo, &["rev-parse", "HEAD"])
    }

    // ---------------------------------------------------------------- GitLab CI

    fn gitlab(&self, doc: &Value, run_dir: &Path) -> Run {
        let top = doc.as_mapping().expect("a mapping");
        const RESERVED: [&str; 10] = [
            "variables",
            "workflow",
            "stages",
            "default",
            "include",
            "image",
            "services",
            "cache",
            "before_script",
            "after_script",
        ];
        let stages: Vec<String> = match top.get("stages") {
            Some(v) => strings(v),
            None => vec!["build".into(), "test".into(), "deploy".into()],
        };
        let mut jobs: Vec<(&str, &Mapping)> = top
            .iter()
            .map(|(k, v)| (k.as_str().expect("job name"), v))
            .filter(|(k, _)| !RESERVED.contains(k) && !k.starts_with('.'))
            .map(|(k, v)| (k, v.as_mapping().expect("job mapping")))
            .collect();
        let stage_of = |job: &Mapping| {
            let s = job.get("stage").and_then(Value::as_str).unwrap_or("test");
            stages.iter().position(|x| x == s).unwrap_or_else(|| panic!("unknown stage {s}"))
        };
        jobs.sort_by_key(|(_, j)| stage_of(j));
        let default = top.get("default").and_then(Value::as_mapping);
        let mut variables = BTreeMap::new();
        if let Some(v) = top.get("variables").and_then(Value::as_mapping) {
            variables.extend(scalar_map(v));
        }
        let mut run = Run { failed: None, jobs: Vec::new(), dir: run_dir.to_path_buf(), log: String::new() };
        let artifacts = run_dir.join("artifacts");
        let mut done: HashMap<String, bool> = HashMap::new();
        for (name, job) in jobs {
            let after: Vec<String> = match job.get("needs") {
                Some(n) => strings(n),
                None => done.keys().cloned().collect(),
            };
            if after.iter().any(|j| done.get(j) != Some(&true)) {
                done.insert(name.to_owned(), false);
                continue;
            }
            let instances = job.get("parallel").and_then(Value::as_u64).unwrap_or(1);
            let mut ok = true;
            for index in 1..=instances {
                let id = format!("{name}-{index}");
                let ws = run_dir.join(&id);
                let home = self.home.clone();
                std::fs::create_dir_all(&home).unwrap();
                let depth = variables.get("GIT_DEPTH").cloned().unwrap_or_else(|| "20".into());
                let url = format!("file://{}", self.repo.display());
                let out = Command::new("git")
                    .args(["clone", "-q", "--depth", &depth, &url])
                    .arg(&ws)
                    .output()
                    .expect("git clone");
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                for needed in &after {
                    let dir = artifacts.join(needed);
                    if dir.exists() {
                        copy_dir(&dir, &ws);
                    }
                }
                let mut env = variables.clone();
                if let Some(v) = job.get("variables").and_then(Value::as_mapping) {
                    env.extend(scalar_map(v));
                }
                env.extend(self.vars.clone());
                env.insert("CI".into(), "true".into());
                env.insert("CI_PIPELINE_SOURCE".into(), "push".into());
                env.insert("CI_COMMIT_SHA".into(), self.sha());
                env.insert("CI_JOB_NAME".into(), name.into());
                env.insert("CI_PROJECT_PATH_SLUG".into(), "county-cluster".into());
                if instances > 1 {
                    env.insert("CI_NODE_INDEX".into(), index.to_string());
                    env.insert("CI_NODE_TOTAL".into(), instances.to_string());
                }
                let part = |key: &str| {
                    job.get(key).or_else(|| default.and_then(|d| d.get(key))).map(strings).unwrap_or_default()
                };
                let mut entries = part("before_script");
                entries.extend(part("script"));
                let marker = run_dir.join(format!("{id}-step"));
                let mut script = String::from("set -eo pipefail\n");
                for (i, entry) in entries.iter().enumerate() {
                    script.push_str(&format!("echo {i} > '{}'\n{entry}\n", marker.display()));
                }
                let (success, log) = self.bash(&ws, &home, &env, &script);
                run.log.push_str(&log);
                if !success && run.failed.is_none() {
                    let i: usize = std::fs::read_to_string(&marker).unwrap_or_default().trim().parse().unwrap_or(0);
                    run.failed = Some((id.clone(), entries[i].clone()));
                }
                let after_script = part("after_script");
                if !after_script.is_empty() {
                    let (_, log) =
                        self.bash(&ws, &home, &env, &format!("set -eo pipefail\n{}", after_script.join("\n")));
                    run.log.push_str(&log);
                }
                if let Some(a) = job.get("artifacts").and_then(Value::as_mapping) {
                    let always = a.get("when").and_then(Value::as_str) == Some("always");
                    if success || always {
                        for path in a.get("paths").map(strings).unwrap_or_default() {
                            let from = ws.join(path.trim_end_matches('/'));
                            if from.exists() {
                                copy_dir(&from, &artifacts.join(name).join(path.trim_end_matches('/')));
                            }
                        }
                    }
                }
                run.jobs.push(id);
                ok &= success;
            }
            done.insert(name.to_owned(), ok);
        }
        run
    }

    // ---------------------------------------------------------------- Gitea / GitHub Actions

    fn actions(&self, rel: &str, doc: &Value, run_dir: &Path) -> Run {
        let top = doc.as_mapping().expect("a mapping");
        let gitea = rel.starts_with("gitea/");
        let on = top.get("on").expect("on:");
        assert_eq!(
            on["schedule"][0]["cron"].as_str(),
            Some("10 16 * * *"),
            "{rel}: the daily build runs at 00:10 Beijing time"
        );
        assert!(on.get("push").is_some(), "{rel}: builds on every push");
        let shell = top.get("defaults").map(|d| &d["run"]["shell"]).and_then(Value::as_str);
        assert_eq!(shell, Some("bash"), "{rel}: `shell: bash` makes every step bash -eo pipefail");
        let mut ctx = Ctx {
            vars: self.vars.clone(),
            matrix: BTreeMap::new(),
            server: format!("file://{}", self.tmp.path().display()),
            sha: self.sha(),
            run_id: self.runs.to_string(),
        };
        let workflow_env = top.get("env").and_then(Value::as_mapping).map(|m| ctx.env(m)).unwrap_or_default();
        let mut run = Run { failed: None, jobs: Vec::new(), dir: run_dir.to_path_buf(), log: String::new() };
        let artifacts = run_dir.join("artifacts");
        let mut done: HashMap<String, bool> = HashMap::new();
        let jobs = top.get("jobs").and_then(Value::as_mapping).expect("jobs:");
        for (name, job) in jobs {
            let name = name.as_str().expect("job name");
            let needs = job.get("needs").map(strings).unwrap_or_default();
            if needs.iter().any(|j| done.get(j) != Some(&true)) {
                done.insert(name.to_owned(), false);
                continue;
            }
            let combos: Vec<BTreeMap<String, String>> = match job.get("strategy").map(|s| &s["matrix"]) {
                Some(Value::Mapping(m)) => {
                    assert_eq!(m.len(), 1, "one matrix key");
                    let (k, values) = m.iter().next().unwrap();
                    values
                        .as_sequence()
                        .expect("matrix values")
                        .iter()
                        .map(|v| BTreeMap::from([(k.as_str().unwrap().to_owned(), scalar(v))]))
                        .collect()
                }
                _ => vec![BTreeMap::new()],
            };
            let mut ok = true;
            for (index, combo) in combos.into_iter().enumerate() {
                ctx.matrix = combo;
                let id = format!("{name}-{}", index + 1);
                let ws = run_dir.join(&id);
                let home = self.home.clone();
                std::fs::create_dir_all(&ws).unwrap();
                std::fs::create_dir_all(&home).unwrap();
                let mut env = workflow_env.clone();
                if let Some(m) = job.get("env").and_then(Value::as_mapping) {
                    env.extend(ctx.env(m));
                }
                let env_file = run_dir.join(format!("{id}-env"));
                let path_file = run_dir.join(format!("{id}-path"));
                let mut failed = false;
                for step in job.get("steps").and_then(Value::as_sequence).expect("steps:") {
                    let condition = step.get("if").and_then(Value::as_str).unwrap_or("success()");
                    if failed && !condition.contains("always()") {
                        continue;
                    }
                    let label = step.get("name").and_then(Value::as_str).unwrap_or("").to_owned();
                    let success = if let Some(action) = step.get("uses").and_then(Value::as_str) {
                        assert!(!gitea, "{rel}: a Gitea pipeline must not use actions (`uses: {action}`)");
                        let with = step.get("with").and_then(Value::as_mapping).map(|m| ctx.env(m)).unwrap_or_default();
                        self.action(action, &with, &ws, &artifacts)
                    } else {
                        let script = ctx.expand(step.get("run").and_then(Value::as_str).expect("run: or uses:"));
                        let mut step_env = env.clone();
                        if let Some(m) = step.get("env").and_then(Value::as_mapping) {
                            step_env.extend(ctx.env(m));
                        }
                        step_env.extend(read_env_file(&env_file));
                        let extra_path = std::fs::read_to_string(&path_file).unwrap_or_default();
                        let mut path = std::env::var("PATH").unwrap_or_default();
                        for dir in extra_path.lines().filter(|l| !l.is_empty()) {
                            path = format!("{dir}:{path}");
                        }
                        step_env.insert("PATH".into(), path);
                        step_env.insert("GITHUB_ENV".into(), env_file.display().to_string());
                        step_env.insert("GITHUB_PATH".into(), path_file.display().to_string());
                        step_env.insert("CI".into(), "true".into());
                        let (success, log) = self.bash(&ws, &home, &step_env, &format!("set -eo pipefail\n{script}"));
                        run.log.push_str(&log);
                        if !success && run.failed.is_none() {
                            run.failed = Some((id.clone(), format!("{label}\n{script}")));
                        }
                        success
                    };
                    failed |= !success;
                }
                run.jobs.push(id);
                ok &= !failed;
            }
            done.insert(name.to_owned(), ok);
        }
        run
    }

    /// The GitHub actions the GitHub templates use, done locally.
    fn action(&self, action: &str, with: &BTreeMap<String, String>, ws: &Path, artifacts: &Path) -> bool {
        match action.split('@').next().unwrap() {
            "actions/checkout" => {
                let depth = with.get("fetch-depth").cloned().unwrap_or_else(|| "1".into());
                git(ws, &["init", "-q", "."]);
                git(
                    ws,
                    &[
                        "fetch",
                        "-q",
                        &format!("--depth={depth}"),
                        &format!("file://{}", self.repo.display()),
                        &self.sha(),
                    ],
                );
                git(ws, &["checkout", "-q", "FETCH_HEAD"]);
                true
            }
            "actions/upload-artifact" => {
                let from = ws.join(&with["path"]);
                if from.exists() {
                    copy_dir(&from, &artifacts.join(&with["name"]));
                }
                true
            }
            "actions/download-artifact" => {
                let prefix = with.get("pattern").map_or("", |p| p.trim_end_matches('*'));
                for entry in std::fs::read_dir(artifacts).expect("artifacts") {
                    let entry = entry.unwrap();
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with(prefix) {
                        copy_dir(&entry.path(), &ws.join(&with["path"]).join(&name));
                    }
                }
                true
            }
            other => panic!("no emulation of action {other}"),
        }
    }

    fn bash(&self, ws: &Path, home: &Path, env: &BTreeMap<String, String>, script: &str) -> (bool, String) {
        let file = ws.with_extension(format!("{}.sh", rand_suffix(script)));
        std::fs::write(&file, script).unwrap();
        let mut cmd = self.base_command(ws, home);
        cmd.arg("--noprofile").arg("--norc").arg(&file).envs(env);
        let out = cmd.output().expect("run bash");
        let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success(), log)
    }
}

/// `${{ … }}` expressions of Gitea and GitHub Actions, for what the templates use.
struct Ctx {
    vars: BTreeMap<String, String>,
    matrix: BTreeMap<String, String>,
    server: String,
    sha: String,
    run_id: String,
}

impl Ctx {
    fn value(&self, expr: &str) -> String {
        let (scope, key) = expr.split_once('.').unwrap_or((expr, ""));
        match (scope, key) {
            ("vars" | "secrets", k) => self.vars.get(k).cloned().unwrap_or_default(),
            ("matrix", k) => self.matrix.get(k).cloned().unwrap_or_else(|| panic!("no matrix.{k}")),
            ("gitea" | "github", "server_url") => self.server.clone(),
            ("gitea" | "github", "repository") => "county/cluster".into(),
            ("gitea" | "github", "sha") => self.sha.clone(),
            ("gitea" | "github", "token") => "t0ken".into(),
            ("gitea" | "github", "run_id") => self.run_id.clone(),
            _ => panic!("unknown expression `{expr}`"),
        }
    }

    fn expand(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("closing }}") + start;
            out.push_str(&self.value(rest[start + 3..end].trim()));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    fn env(&self, m: &Mapping) -> BTreeMap<String, String> {
        scalar_map(m).into_iter().map(|(k, v)| (k, self.expand(&v))).collect()
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => panic!("not a scalar: {other:?}"),
    }
}

fn scalar_map(m: &Mapping) -> BTreeMap<String, String> {
    m.iter().map(|(k, v)| (scalar(k), scalar(v))).collect()
}

/// A string or a list of strings.
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Sequence(s) => s.iter().map(scalar).collect(),
        other => vec![scalar(other)],
    }
}

fn read_env_file(path: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn rand_suffix(script: &str) -> String {
    hex(&Sha256::digest(script.as_bytes()))[..12].to_owned()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The day in Beijing, one day back: safely "recent" whatever the hour the test runs.
fn recent_day() -> String {
    let now = chrono::Utc::now() + chrono::Duration::hours(8) - chrono::Duration::days(1);
    now.format("%Y-%m-%d").to_string()
}

/// Every site but `yongan` gets a fresh news item; an old, unlinked news page is removed.
fn news_everywhere_but_one_township(repo: &Path) {
    let day = recent_day();
    for entry in std::fs::read_dir(repo.join("sites")).unwrap() {
        let site = entry.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned();
        if site == "yongan" {
            continue;
        }
        let dir = repo.join("content").join(&site).join("zwdt/gzdt");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(format!("{day}-zhou-jianbao.md")),
            format!("---\ntitle: 本周工作简报\ndate: {day}\n---\n\n本周各项工作有序推进，群众满意度持续提升。\n"),
        )
        .unwrap();
    }
    std::fs::remove_file(repo.join("content/jyj/zwdt/gzdt/2026-06-25-zhongkao-jieshu.md")).unwrap();
}

/// A news item naming the state, in the cluster's own words: with a wrong name (a serious
/// misstatement) or the right one.
fn a_news_item_naming_the_state(repo: &Path, state: &str) {
    let day = recent_day();
    std::fs::write(
        repo.join(format!("content/jyj/zwdt/gzdt/{day}-xuanchuan.md")),
        format!("---\ntitle: 开展宪法宣传活动\ndate: {day}\n---\n\n我局组织学习《{state}宪法》，增强法治意识。\n"),
    )
    .unwrap();
}

/// A disclosed document of the catalog that no page links to.
const DISCLOSED: &str = "content/jyj/xxgk/ghjh/2026-02-26-2026-gongzuo-yaodian.md";

/// The `title:` of a page's front matter.
fn title_of(page: &str) -> &str {
    page.lines().find_map(|l| l.strip_prefix("title:")).expect("a title").trim()
}

/// Findings `site rule level` in every check.json kept for the operator.
fn reported(reports: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for (rel, bytes) in read_tree(reports) {
        if rel.ends_with("check.json") {
            let report: serde_json::Value = serde_json::from_slice(&bytes).expect("check.json");
            for f in report["findings"].as_array().expect("findings") {
                out.push(format!(
                    "{} {} {}",
                    f["site"].as_str().unwrap(),
                    f["rule"].as_str().unwrap(),
                    f["level"].as_str().unwrap()
                ));
            }
        }
    }
    out
}

/// `zhanqun verify` on the deployed copy: every file of the manifest is there, unchanged, and
/// nothing else.
fn assert_deployed_copy_is_whole(deploy: &Path, context: &str) {
    let out = common::zhanqun().arg("verify").arg(deploy).output().unwrap();
    assert!(
        out.status.success(),
        "{context}: the deployed copy differs from its manifest:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The state directory a single-runner pipeline keeps on the runner by default: the build
/// cache (`cache/`), the output (`public/`) and the output before it (`.public.spare/`).
fn state_dir(world: &World) -> PathBuf {
    world.home.join(".cache/zhanqun/county-cluster")
}

/// The deployed copy is byte for byte what a clean build (`--no-cache`, no state) of the
/// checkout the run built gives.
fn assert_deployed_equals_a_clean_build(run: &Run, deployed: &Path, signed: bool, context: &str) {
    assert_equals_a_clean_build(run, deployed, signed, &format!("{context}: the deployed copy"));
}

/// The tree `got` is byte for byte what a clean build (`--no-cache`, no state) of the checkout
/// the run built gives.
fn assert_equals_a_clean_build(run: &Run, got: &Path, signed: bool, context: &str) {
    let ws = run.dir.join(run.jobs.last().expect("a job ran"));
    let clean = run.dir.join("clean-build");
    let mut cmd = common::zhanqun();
    cmd.args(["build", "--no-cache", "--quiet", "--root"]).arg(&ws).arg("--out").arg(&clean).env("LANG", "C.UTF-8");
    if signed {
        cmd.env("ZHANQUN_SIGNING_KEY", SEED);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{context}: clean build: {}", String::from_utf8_lossy(&out.stderr));
    let (got, want) = (read_tree(got), read_tree(&clean));
    let differ: Vec<&String> = want
        .keys()
        .filter(|k| got.get(*k) != want.get(*k))
        .chain(got.keys().filter(|k| !want.contains_key(*k)))
        .collect();
    assert!(differ.is_empty(), "{context} differs from a clean build in {differ:?}\n{}", run.log);
}

/// Adds a sentence to the text of one news item (added by [`news_everywhere_but_one_township`]):
/// no page added or removed.
fn edit_a_news_item(repo: &Path, sentence: &str) {
    let item = repo.join(format!("content/jyj/zwdt/gzdt/{}-zhou-jianbao.md", recent_day()));
    let text = std::fs::read_to_string(&item).unwrap() + "\n" + sentence + "\n";
    std::fs::write(&item, text).unwrap();
}

/// The number of files the run's deploy step uploaded (its last line).
fn uploaded(log: &str) -> usize {
    log.lines()
        .find_map(|l| l.strip_prefix("已发布：上传 "))
        .and_then(|rest| rest.split(' ').next()?.parse().ok())
        .expect("the deploy step's summary")
}

/// The seed of the signing key the single-runner pipelines get (`ZHANQUN_SIGNING_KEY`).
const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

fn publishes_risks_and_holds_a_misstatement(rel: &str, s3: bool) {
    let mut world = if s3 { World::with_s3() } else { World::new() };
    // A single runner signs the manifest it publishes (`merge` does not sign: sharded ones do not).
    let signed = rel.contains("single-runner");
    if signed {
        world.vars.insert("ZHANQUN_SIGNING_KEY".into(), SEED.into());
    }

    // 1. The first commit deploys into an empty target (no previous catalog to compare).
    let run = world.run(rel);
    assert!(run.failed.is_none(), "{rel}: first deployment failed at {:?}\n{}", run.failed, run.log);
    assert!(run.log.contains("线上还没有发布过"), "{rel}: nothing deployed yet is said\n{}", run.log);
    let deployed = world.deployed();
    assert_deployed_copy_is_whole(&deployed, rel);
    assert!(deployed.join("index.html").exists(), "{rel}: the portal home page is deployed");
    // A single runner keeps the build's state on the runner, outside the checkout; a shard's
    // build (`--sites`) is not cached and keeps none.
    let state = state_dir(&world);
    if signed {
        assert!(
            run.log.contains(&format!("生成状态目录：{}", state.display())),
            "{rel}: the state directory is under the runner's home\n{}",
            run.log
        );
        assert_eq!(reused(&run.log), 0, "{rel}: the first run is a full build\n{}", run.log);
        assert!(state.join("cache/build-v2.bin").is_file() && state.join("public/manifest.json").is_file());
        assert_deployed_equals_a_clean_build(&run, &deployed, signed, rel);
    } else {
        assert!(!state.exists(), "{rel}: a sharded pipeline keeps no state\n{}", run.log);
    }
    if signed {
        let key = zhanqun::emit::signature::public_key_hex(&zhanqun::emit::signature::signing_key(SEED).unwrap());
        let out = common::zhanqun().arg("verify").arg(&deployed).args(["--public-key", &key]).output().unwrap();
        assert!(out.status.success(), "{rel}: the signature is published: {}", String::from_utf8_lossy(&out.stderr));
    }

    // 2. News on every site but one township (a veto risk, not a reason to hold anything).
    news_everywhere_but_one_township(&world.repo);
    commit_all(&world.repo, "news everywhere but yongan; one old item removed");
    let run = world.run(rel);
    assert!(run.failed.is_none(), "{rel}: a stale township held the publication at {:?}\n{}", run.failed, run.log);
    assert!(run.log.contains("单项否决风险不阻止这次发布"), "{rel}: the risk is reported loudly:\n{}", run.log);
    assert!(run.log.contains("发布闸门：通过"), "{rel}\n{}", run.log);
    assert!(run.log.contains("公开目录比对"), "{rel}: compared with the deployed catalog\n{}", run.log);
    let copy = world.deployed();
    assert_deployed_copy_is_whole(&copy, rel);
    if signed {
        assert_deployed_equals_a_clean_build(&run, &copy, signed, rel);
    }
    let deployed = read_tree(&copy);
    assert!(
        deployed.iter().any(|(p, b)| p.starts_with("jyj/") && p.ends_with("index.html") && contains(b, "本周工作简报")),
        "{rel}: the new build reached the deploy target"
    );
    assert!(
        !deployed.keys().any(|p| p.contains("zhongkao-jieshu")),
        "{rel}: the removed page is deleted from the deploy target"
    );
    let findings = reported(&world.reports);
    assert!(
        findings.contains(&"yongan home-stale veto".to_owned()),
        "{rel}: report kept for the operator: {findings:?}"
    );
    assert!(
        read_tree(&world.reports).keys().any(|p| p.ends_with("check-report.html")),
        "{rel}: the dashboard is kept for the operator"
    );

    // 2b. A single runner: the next run after an edit of one page's text (no page added or
    //     removed, which would render every page) is a cached build on the kept state, and
    //     deploys only what changed, exactly what a clean build gives.
    if signed {
        edit_a_news_item(&world.repo, "各项工作稳步推进。");
        commit_all(&world.repo, "one news item edited");
        let run = world.run(rel);
        assert!(run.failed.is_none(), "{rel}: an edit held at {:?}\n{}", run.failed, run.log);
        assert!(reused(&run.log) > 200, "{rel}: a later run is a cached build\n{}", run.log);
        let copy = world.deployed();
        // The page, its lists and feeds, and the search index (its files are under a directory
        // named by its version): not the other files.
        let (uploaded, files) = (uploaded(&run.log), read_tree(&copy).len());
        assert!(uploaded * 3 < files, "{rel}: {uploaded} of {files} files uploaded for one edit\n{}", run.log);
        assert_deployed_copy_is_whole(&copy, rel);
        assert_deployed_equals_a_clean_build(&run, &copy, signed, rel);
    }

    // 3. A wrong state name in the cluster's own text, and a disclosed document removed in the
    //    same push: held at the gate, nothing deployed.
    a_news_item_naming_the_state(&world.repo, "中华人民共合国");
    let disclosed = std::fs::read_to_string(world.repo.join(DISCLOSED)).unwrap();
    std::fs::remove_file(world.repo.join(DISCLOSED)).unwrap();
    commit_all(&world.repo, "a misstatement; a disclosed document removed");
    let before = read_tree(&world.deployed());
    let run = world.run(rel);
    let (job, step) = run.failed.clone().unwrap_or_else(|| panic!("{rel}: a misstatement was published\n{}", run.log));
    assert!(step.contains("check --gate"), "{rel}: held at `{step}` in {job}, not at the gate\n{}", run.log);
    assert!(
        run.log.contains("发布闸门：未通过") && run.log.contains("严重表述错误（wording）×1"),
        "{rel}\n{}",
        run.log
    );
    assert!(before == read_tree(&world.deployed()), "{rel}: the deployed copy changed although the gate failed");
    let findings = reported(&world.reports);
    assert!(findings.contains(&"jyj wording veto".to_owned()), "{rel}: the report is kept when held: {findings:?}");

    // 4. The next push fixes only the wording. The last commit removes nothing, but the removal
    //    has never been published: held at the catalog gate, before anything is uploaded.
    a_news_item_naming_the_state(&world.repo, "中华人民共和国");
    commit_all(&world.repo, "the state name fixed");
    let run = world.run(rel);
    let (job, step) = run
        .failed
        .clone()
        .unwrap_or_else(|| panic!("{rel}: the removal of a disclosed document was published\n{}", run.log));
    assert!(run.log.contains("发布闸门：通过"), "{rel}: the wording is fixed\n{}", run.log);
    assert!(
        step.contains("zhanqun catalog diff deployed-catalog.json public"),
        "{rel}: held at `{step}` in {job}, not at the catalog gate\n{}",
        run.log
    );
    assert!(
        run.log.contains("目录比较：删除 1 项（removed）（--fail-on 规定的种类出现了）")
            && run.log.contains(title_of(&disclosed)),
        "{rel}: the log names the verdict and the removed document\n{}",
        run.log
    );
    assert!(
        before == read_tree(&world.deployed()),
        "{rel}: the deployed copy changed although the catalog gate failed"
    );

    // 4b. A single runner: the state now holds the output of a held run, never deployed. An
    //     edit of one page's text is a cached build on it, the right one, and still held.
    if signed {
        edit_a_news_item(&world.repo, "各项工作扎实推进。");
        commit_all(&world.repo, "one news item edited again");
        let run = world.run(rel);
        let (_, step) = run.failed.clone().unwrap_or_else(|| panic!("{rel}: the removal was published\n{}", run.log));
        assert!(step.contains("zhanqun catalog diff"), "{rel}: held at `{step}`\n{}", run.log);
        assert!(reused(&run.log) > 200, "{rel}: a cached build after a held run\n{}", run.log);
        assert_equals_a_clean_build(&run, &state.join("public"), signed, &format!("{rel}, after a held run"));
        assert!(before == read_tree(&world.deployed()), "{rel}: the deployed copy changed although held");
    }

    // 5. The document restored: the catalog gate passes and the fix is published.
    std::fs::write(world.repo.join(DISCLOSED), &disclosed).unwrap();
    commit_all(&world.repo, "the disclosed document restored");
    let run = world.run(rel);
    assert!(run.failed.is_none(), "{rel}: held at {:?} after the document was restored\n{}", run.failed, run.log);
    let copy = world.deployed();
    assert_deployed_copy_is_whole(&copy, rel);
    if signed {
        assert_deployed_equals_a_clean_build(&run, &copy, signed, rel);
    }
    assert!(
        read_tree(&copy).iter().any(|(p, b)| p.contains("xuanchuan") && contains(b, "中华人民共和国宪法")),
        "{rel}: the fixed news item is published"
    );

    // 6. A single runner: the run after a full one is cached again and deploys the right files.
    if signed {
        edit_a_news_item(&world.repo, "各项工作全面推进。");
        commit_all(&world.repo, "one news item edited once more");
        let run = world.run(rel);
        assert!(run.failed.is_none(), "{rel}: an edit held at {:?}\n{}", run.failed, run.log);
        assert!(reused(&run.log) > 200, "{rel}: a cached build\n{}", run.log);
        let copy = world.deployed();
        assert_deployed_copy_is_whole(&copy, rel);
        assert_deployed_equals_a_clean_build(&run, &copy, signed, rel);
    }
}

/// The state a single runner keeps is only ever an optimisation: damaged (every cache file but
/// the inputs' overwritten, a page of the kept output truncated), or written by another
/// zhanqun binary, the next run builds everything again and deploys exactly a clean build.
fn a_damaged_state_or_a_new_binary_means_a_full_build(rel: &str) {
    let mut world = World::new();
    world.vars.insert("ZHANQUN_SIGNING_KEY".into(), SEED.into());
    let run = world.run(rel);
    assert!(run.failed.is_none(), "{rel}: {:?}\n{}", run.failed, run.log);
    let state = state_dir(&world);

    for (rel_file, bytes) in read_tree(&state.join("cache")) {
        if rel_file != "build-v2.bin" && !rel_file.ends_with(".gitignore") {
            let garbage: Vec<u8> = bytes.iter().map(|b| b.wrapping_mul(31).wrapping_add(7)).collect();
            std::fs::write(state.join("cache").join(&rel_file), garbage).unwrap();
        }
    }
    let page = read_tree(&state.join("public"))
        .into_keys()
        .find(|p| p.starts_with("jyj/") && p.ends_with("index.html"))
        .expect("a page");
    std::fs::write(state.join("public").join(&page), b"").unwrap();
    news_everywhere_but_one_township(&world.repo);
    commit_all(&world.repo, "news everywhere but yongan; one old item removed");
    let run = world.run(rel);
    assert!(run.failed.is_none(), "{rel}: a damaged state held the run at {:?}\n{}", run.failed, run.log);
    let copy = world.deployed();
    assert_deployed_copy_is_whole(&copy, rel);
    assert_deployed_equals_a_clean_build(&run, &copy, true, &format!("{rel}, damaged state"));

    // Another binary (a rebuilt release of the same version): its cache is not used.
    let dist = world.tmp.path().join("dist/zhanqun");
    let mut binary = std::fs::read(&dist).unwrap();
    binary.extend_from_slice(b"\0rebuilt");
    std::fs::write(&dist, &binary).unwrap();
    world.vars.insert("ZHANQUN_SHA256".into(), hex(&Sha256::digest(&binary)));
    a_news_item_naming_the_state(&world.repo, "中华人民共和国");
    commit_all(&world.repo, "a news item");
    let run = world.run(rel);
    assert!(run.failed.is_none(), "{rel}: a new binary held the run at {:?}\n{}", run.failed, run.log);
    assert_eq!(reused(&run.log), 0, "{rel}: a new binary builds everything again\n{}", run.log);
    let copy = world.deployed();
    assert_deployed_equals_a_clean_build(&run, &copy, true, &format!("{rel}, new binary"));
    // And the run after it is cached again.
    let item = world.repo.join(format!("content/jyj/zwdt/gzdt/{}-xuanchuan.md", recent_day()));
    let text = std::fs::read_to_string(&item).unwrap() + "\n各单位认真组织学习。\n";
    std::fs::write(&item, text).unwrap();
    commit_all(&world.repo, "the news item edited");
    let run = world.run(rel);
    assert!(run.failed.is_none() && reused(&run.log) > 100, "{rel}: {:?}\n{}", run.failed, run.log);
}

#[test]
fn gitlab_single_runner_after_a_damaged_state_or_a_new_binary() {
    a_damaged_state_or_a_new_binary_means_a_full_build("gitlab/single-runner.gitlab-ci.yml");
}

#[test]
fn gitea_single_runner_after_a_damaged_state_or_a_new_binary() {
    a_damaged_state_or_a_new_binary_means_a_full_build("gitea/single-runner.yml");
}

/// Two pipelines never use one state directory at once: while another holds its lock (here the
/// test, beyond the 60 s the pipeline waits), the run builds everything in its checkout, leaves
/// the state alone and deploys the same files.
#[test]
fn gitlab_single_runner_while_its_state_is_in_use() {
    let rel = "gitlab/single-runner.gitlab-ci.yml";
    let mut world = World::new();
    let state = state_dir(&world);
    std::fs::create_dir_all(&state).unwrap();
    let lock = state.join("lock");
    let mut holder = Command::new("flock").arg(&lock).args(["sleep", "600"]).spawn().expect("flock");
    let held = || !Command::new("flock").arg("-n").arg(&lock).arg("true").status().unwrap().success();
    while !held() {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let run = world.run(rel);
    let _ = holder.kill();
    let _ = holder.wait();
    assert!(run.failed.is_none(), "{rel}: {:?}\n{}", run.failed, run.log);
    assert!(run.log.contains("正被另一条流水线占用"), "{rel}: the fallback is said\n{}", run.log);
    assert_eq!(std::fs::read_dir(&state).unwrap().count(), 1, "{rel}: the state is left alone");
    let copy = world.deployed();
    assert_deployed_copy_is_whole(&copy, rel);
    assert_deployed_equals_a_clean_build(&run, &copy, false, rel);
}

/// A moto server (`moto_server`, PyPI `moto[server]`): S3 on a loopback port, stopped when dropped.
struct Moto {
    child: std::process::Child,
    endpoint: String,
}

impl Moto {
    fn start(dir: &Path) -> Moto {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = std::fs::File::create(dir.join("moto.log")).unwrap();
        let child = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("moto_server not found: pip install 'moto[server]' awscli (.ci/run does)");
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < std::time::Duration::from_secs(60), "moto_server did not start");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Moto { child, endpoint: format!("http://127.0.0.1:{port}") }
    }

    /// Runs the `aws` command line against this server.
    fn aws(&self, args: &[&str]) {
        let out = Command::new("aws")
            .arg("--endpoint-url")
            .arg(&self.endpoint)
            .args(args)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .output()
            .expect("aws not found: pip install awscli (.ci/run does)");
        assert!(out.status.success(), "aws {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn contains(bytes: &[u8], needle: &str) -> bool {
    String::from_utf8_lossy(bytes).contains(needle)
}

#[test]
fn gitlab_single_runner() {
    publishes_risks_and_holds_a_misstatement("gitlab/single-runner.gitlab-ci.yml", false);
}

#[test]
fn gitlab_single_runner_to_object_storage() {
    publishes_risks_and_holds_a_misstatement("gitlab/single-runner.gitlab-ci.yml", true);
}

#[test]
fn gitlab_sharded() {
    publishes_risks_and_holds_a_misstatement("gitlab/sharded.gitlab-ci.yml", false);
}

#[test]
fn gitlab_sharded_to_object_storage() {
    publishes_risks_and_holds_a_misstatement("gitlab/sharded.gitlab-ci.yml", true);
}

#[test]
fn gitea_single_runner() {
    publishes_risks_and_holds_a_misstatement("gitea/single-runner.yml", false);
}

#[test]
fn gitea_single_runner_to_object_storage() {
    publishes_risks_and_holds_a_misstatement("gitea/single-runner.yml", true);
}

#[test]
fn gitea_sharded() {
    publishes_risks_and_holds_a_misstatement("gitea/sharded.yml", false);
}

#[test]
fn gitea_sharded_to_object_storage() {
    publishes_risks_and_holds_a_misstatement("gitea/sharded.yml", true);
}

#[test]
fn github_single_runner() {
    publishes_risks_and_holds_a_misstatement("github/single-runner.yml", false);
}

#[test]
fn github_sharded() {
    publishes_risks_and_holds_a_misstatement("github/sharded.yml", false);
}

/// Every pipeline file is one of the six tested above.
#[test]
fn every_pipeline_file_is_tested() {
    let mut files: Vec<String> = read_tree(&repo_root().join("docs/ci"))
        .into_keys()
        .filter(|p| p.ends_with(".yml") || p.ends_with(".yaml"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "gitea/sharded.yml",
            "gitea/single-runner.yml",
            "github/sharded.yml",
            "github/single-runner.yml",
            "gitlab/sharded.gitlab-ci.yml",
            "gitlab/single-runner.gitlab-ci.yml"
        ]
    );
}
