//! The `zhanqun` command line: parses arguments and hands them to the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use zhanqun::catalog::{ChangeKind, DiffInputs};
use zhanqun::{BuildError, BuildOptions};

#[derive(Parser)]
#[command(name = "zhanqun", version, about = "Static-site generator for government website clusters (站群)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build every site of the cluster into the output directory.
    Build {
        /// Cluster root (the directory holding zhanqun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output directory [default: ROOT/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Worker threads [default: all cores].
        #[arg(long)]
        jobs: Option<usize>,
        /// Override base_url from zhanqun.yaml (e.g. /sub/path/).
        #[arg(long)]
        base_url: Option<String>,
        /// Print nothing but errors.
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print the wall time of every pipeline stage.
        #[arg(long, short)]
        verbose: bool,
        /// Render only these sites (comma-separated ids): one shard of a sharded CI build,
        /// combined with `zhanqun merge`. The shard holding the portal writes the cluster-wide files.
        #[arg(long, value_delimiter = ',')]
        sites: Option<Vec<String>>,
        /// Build as of this day (YYYY-MM-DD): pages dated later are left out (scheduled
        /// publishing), review notices fall due [default: today].
        #[arg(long)]
        today: Option<String>,
        /// Ignore the build cache (ROOT/.zhanqun-cache) and build everything; the cache is
        /// not written either.
        #[arg(long)]
        no_cache: bool,
    },
    /// Preview: build, serve on 127.0.0.1, rebuild what a saved file affects and reload the
    /// browser tabs; errors show in the terminal and as an overlay in the browser.
    Serve {
        /// Cluster root (the directory holding zhanqun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Output directory [default: ROOT/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build as of this day (YYYY-MM-DD) [default: today].
        #[arg(long)]
        today: Option<String>,
    },
    /// Inspect the cluster against the national inspection indicators (政府网站检查指标).
    Check {
        /// Cluster root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Evaluate staleness as of this day (YYYY-MM-DD) [default: today].
        #[arg(long)]
        today: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Also fail (exit 1) on scored findings, not only on veto findings.
        #[arg(long, value_enum)]
        deny: Option<DenyLevel>,
        /// Write the HTML dashboard here [default: ROOT/check-report.html].
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// Combine the outputs of `build --sites …` shards into one cluster output.
    Merge {
        /// The cluster the shards were built from (read again for the one search index).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The merged output directory.
        #[arg(long)]
        out: PathBuf,
        /// Shard output directories.
        #[arg(required = true)]
        shards: Vec<PathBuf>,
    },
    /// Check a deployed copy against its manifest.json: every file hashed again; files added,
    /// changed or missing are listed (exit 1). With a public key, the manifest's signature too.
    Verify {
        /// The directory to check (a built or deployed output).
        dir: PathBuf,
        /// The trusted ed25519 public key (hex) the manifest must be signed with
        /// [env: ZHANQUN_PUBLIC_KEY].
        #[arg(long)]
        public_key: Option<String>,
        /// Print JSON instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Print a new ed25519 key pair for signed manifests: the secret seed goes into the CI's
    /// ZHANQUN_SIGNING_KEY, the public key to whoever runs `zhanqun verify`.
    Keygen,
    /// Compare two builds' manifest.json for an incremental deploy.
    Manifest {
        #[command(subcommand)]
        action: ManifestCommand,
    },
    /// Machine-readable disclosure catalog tools.
    Catalog {
        #[command(subcommand)]
        action: CatalogCommand,
    },
    /// Create a new cluster skeleton from the embedded theme and column convention.
    Init {
        /// Directory to create (must be empty or absent).
        dir: PathBuf,
    },
    /// Create a correctly named page with front matter (assigns 索引号 in disclosure columns).
    New {
        /// Site id (sites/<id>.yaml).
        site: String,
        /// Column path, e.g. zwdt/gzdt or xxgk/zcwj.
        column: String,
        /// Title of the page.
        title: String,
        /// Cluster root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Publish date (YYYY-MM-DD) [default: today].
        #[arg(long)]
        date: Option<String>,
    },
}

/// `zhanqun catalog …`.
#[derive(Subcommand)]
enum CatalogCommand {
    /// Documents proactively disclosed in a year, per organisation, column, topic and genre.
    Stats {
        /// Cluster root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The year [default: this year].
        #[arg(long)]
        year: Option<i32>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Compare two disclosure catalogs: added, removed, changed, renumbered, back-dated documents.
    ///
    /// Documents are keyed by 索引号 and compared field by field. Flagged: removed documents;
    /// renumbered ones (same 标题 and 文号 under a new 索引号); back-dated ones (发布日期 moved
    /// earlier, or a new document dated before the newest 发布日期 in OLD).
    ///
    /// OLD and NEW are catalog.json files or build output directories; with --git they are
    /// revisions of the cluster's git repository, read without a checkout or a build.
    ///
    /// Exit status: 0 when no kind listed in --fail-on occurs, 1 when one does, 2 when OLD or
    /// NEW cannot be read.
    #[command(after_help = "Examples:\n  zhanqun catalog diff old/catalog.json public/\n  \
        zhanqun catalog diff --git v2026.05 HEAD --fail-on removed,renumbered,backdated\n  \
        zhanqun catalog diff --git HEAD~1 HEAD --json > diff.json")]
    Diff {
        /// OLD: a catalog.json, an output directory, or (with --git) a revision.
        old: String,
        /// NEW: a catalog.json, an output directory, or (with --git) a revision.
        new: String,
        /// OLD and NEW are git revisions of the cluster repository.
        #[arg(long)]
        git: bool,
        /// Cluster root within the git work tree (with --git) [default: .].
        #[arg(long, requires = "git", value_name = "DIR")]
        root: Option<PathBuf>,
        /// Print the report as JSON (described by schemas/catalog-diff-v1.schema.json).
        #[arg(long)]
        json: bool,
        /// Exit 1 when any of these kinds occurs: added, removed, changed, renumbered, backdated.
        #[arg(long, value_delimiter = ',', value_name = "KINDS")]
        fail_on: Vec<ChangeKind>,
    },
}

/// `zhanqun manifest …`.
#[derive(Subcommand)]
enum ManifestCommand {
    /// Files to upload (added or changed) and to delete, from OLD to NEW (manifest.json files
    /// or output directories).
    Diff {
        /// The deployed build.
        old: PathBuf,
        /// The new build.
        new: PathBuf,
        /// Print JSON instead of `upload PATH` / `delete PATH` lines.
        #[arg(long)]
        json: bool,
    },
}

/// `zhanqun check --format`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    /// Grouped by site and severity, for people.
    Text,
    /// The whole report, for CI.
    Json,
}

/// `zhanqun check --deny`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DenyLevel {
    /// Exit 1 on scored findings too.
    Scored,
    /// Exit 1 on any finding, advice included.
    Advice,
}

/// Parses a `--today` argument.
fn parse_today(t: &str) -> Result<chrono::NaiveDate> {
    zhanqun::parse::parse_day(t).with_context(|| format!("--today `{t}` is not a date; write it as YYYY-MM-DD"))
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build { root, out, jobs, base_url, quiet, verbose, today, sites, no_cache } => {
            let today = today.map(|t| parse_today(&t)).transpose()?;
            use zhanqun::progress::Progress;
            let progress = match (quiet, std::io::stderr().is_terminal()) {
                (true, _) => Progress::Off,
                (false, true) => Progress::Bar,
                (false, false) => Progress::Lines,
            };
            let signing_key = std::env::var(zhanqun::emit::signature::SIGNING_KEY_ENV).ok().filter(|k| !k.is_empty());
            let opts = BuildOptions { root, out, jobs, base_url, progress, today, sites, no_cache, signing_key };
            match zhanqun::build(&opts) {
                Ok(report) => {
                    for w in report.warnings.iter().filter(|_| !quiet) {
                        eprintln!("{w}");
                    }
                    if !quiet && report.up_to_date {
                        eprintln!(
                            "{} is up to date ({} pages; no input changed since the last build), checked in {:.2} s",
                            report.out.display(),
                            report.pages,
                            report.elapsed.as_secs_f64()
                        );
                    } else if !quiet {
                        let secs = report.elapsed.as_secs_f64();
                        eprintln!(
                            "built {} pages into {} ({} files, {:.1} MB) in {secs:.2} s ({:.0} pages/s), {} warning(s)",
                            report.pages,
                            report.out.display(),
                            report.files,
                            report.bytes as f64 / 1e6,
                            report.pages as f64 / secs.max(1e-9),
                            report.warnings.len()
                        );
                        if report.scheduled > 0 {
                            eprintln!("{} page(s) dated after today are scheduled and were left out", report.scheduled);
                        }
                        if report.reused > 0 {
                            eprintln!(
                                "{} of {} pages unchanged since the last build (from the cache)",
                                report.reused, report.pages
                            );
                        }
                    }
                    if verbose {
                        for (stage, took) in &report.timings {
                            eprintln!("  {stage:<34} {:>8.3} s", took.as_secs_f64());
                        }
                        if let Some(s) = &report.search {
                            eprintln!(
                                "  search index: {} pages, {} terms, {} postings, {} gzipped presences, {} shards, \
                                 {} pages per chunk, {} files, {:.1} MB (heads {:.1} MB, tails {:.1} MB, metadata {:.1} MB, \
                                 text {:.1} MB); {} groups of pages tokenized during the render",
                                s.pages,
                                s.terms,
                                s.postings,
                                s.packed,
                                s.shards,
                                s.chunk,
                                s.files,
                                s.bytes as f64 / 1e6,
                                s.head_bytes as f64 / 1e6,
                                s.tail_bytes as f64 / 1e6,
                                s.meta_bytes as f64 / 1e6,
                                s.text_bytes as f64 / 1e6,
                                s.early_groups
                            );
                        }
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(BuildError::Invalid(diags)) => {
                    for d in &diags {
                        eprintln!("{d}");
                    }
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    eprintln!("error: the build found {errors} error(s); the output directory was not changed");
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(e).context("build failed; the output directory was not changed"),
            }
        }
        Command::Serve { root, port, out, today } => {
            let today = today.map(|t| parse_today(&t)).transpose()?;
            zhanqun::serve::serve(&zhanqun::serve::ServeOptions { root, out, port, today })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { root, today, format, deny, html } => {
            let today = match today {
                Some(t) => parse_today(&t)?,
                None => chrono::Local::now().date_naive(),
            };
            let report = match zhanqun::inspect::inspect(&root, today) {
                Ok(r) => r,
                Err(zhanqun::inspect::CheckError::Invalid(diags)) => {
                    for d in &diags {
                        eprintln!("{d}");
                    }
                    eprintln!("error: the cluster cannot be inspected until these are fixed");
                    return Ok(ExitCode::from(2));
                }
            };
            match format {
                CheckFormat::Text => print!("{}", report.to_text()),
                CheckFormat::Json => print!("{}", report.to_json()),
            }
            let html = html.unwrap_or_else(|| root.join("check-report.html"));
            std::fs::write(&html, zhanqun::inspect::dashboard_html(&report))
                .with_context(|| format!("cannot write the dashboard to {}", html.display()))?;
            eprintln!("dashboard: {}", html.display());
            use zhanqun::inspect::Level;
            let fails = report.count(Level::Veto) > 0
                || (matches!(deny, Some(DenyLevel::Scored | DenyLevel::Advice)) && report.count(Level::Scored) > 0)
                || (matches!(deny, Some(DenyLevel::Advice)) && report.count(Level::Advice) > 0);
            Ok(if fails { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Catalog { action: CatalogCommand::Stats { root, year, json } } => {
            use chrono::Datelike;
            let year = year.unwrap_or_else(|| chrono::Local::now().year());
            match zhanqun::commands::catalog_stats(&root, year, json) {
                Ok(out) => {
                    print!("{out}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(BuildError::Invalid(diags)) => {
                    for d in &diags {
                        eprintln!("{d}");
                    }
                    Ok(ExitCode::from(2))
                }
                Err(e) => Err(e).context("cannot read the catalog"),
            }
        }
        Command::Manifest { action: ManifestCommand::Diff { old, new, json } } => {
            use zhanqun::emit::{DeployPlan, Manifest};
            let plan = DeployPlan::between(&Manifest::read(&old)?, &Manifest::read(&new)?);
            if json {
                println!("{}", serde_json::to_string_pretty(&plan)?);
            } else {
                print!("{}", plan.to_lines());
            }
            eprintln!(
                "{} to upload ({} new, {} changed), {} to delete, {} unchanged",
                plan.added.len() + plan.changed.len(),
                plan.added.len(),
                plan.changed.len(),
                plan.deleted.len(),
                plan.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { dir, public_key, json } => {
            let key = public_key.or_else(|| std::env::var("ZHANQUN_PUBLIC_KEY").ok().filter(|k| !k.is_empty()));
            match zhanqun::commands::verify(&dir, key.as_deref()) {
                Ok(report) => {
                    if json {
                        println!("{}", serde_json::to_string_pretty(&report)?);
                    } else {
                        print!("{}", report.to_text());
                    }
                    Ok(if report.ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
                }
                Err(e) => {
                    eprintln!("error: cannot verify {}: {e}", dir.display());
                    Ok(ExitCode::from(2))
                }
            }
        }
        Command::Keygen => {
            use std::io::Read;
            let mut seed = [0u8; 32];
            std::fs::File::open("/dev/urandom")
                .and_then(|mut f| f.read_exact(&mut seed))
                .context("cannot read random bytes from /dev/urandom")?;
            let key = zhanqun::emit::signature::signing_key(&zhanqun::emit::hex(&seed))?;
            println!("ZHANQUN_SIGNING_KEY={}", zhanqun::emit::hex(&seed));
            println!("ZHANQUN_PUBLIC_KEY={}", zhanqun::emit::signature::public_key_hex(&key));
            Ok(ExitCode::SUCCESS)
        }
        Command::Merge { root, out, shards } => {
            let report = zhanqun::commands::merge(&root, &out, &shards)
                .with_context(|| format!("cannot merge into {}; it was not changed", out.display()))?;
            eprintln!("merged {} shards into {} ({} files)", report.shards, out.display(), report.files);
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            zhanqun::commands::init(&dir).with_context(|| format!("cannot create a cluster in {}", dir.display()))?;
            eprintln!(
                "created a new cluster in {}; build it with `zhanqun build --root {}`",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::New { site, column, title, root, date } => {
            let path = zhanqun::commands::new_page(&root, &site, &column, &title, date.as_deref())?;
            println!("{}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Catalog { action: CatalogCommand::Diff { old, new, git, root, json, fail_on } } => {
            Ok(catalog_diff(&old, &new, git, root, json, &fail_on))
        }
    }
}

/// `catalog diff`: exit 2 on unreadable input, 1 when a `--fail-on` kind occurs, else 0.
fn catalog_diff(
    old: &str,
    new: &str,
    git: bool,
    root: Option<PathBuf>,
    json: bool,
    fail_on: &[ChangeKind],
) -> ExitCode {
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    let inputs = if git {
        DiffInputs::Git { root: &root, old, new }
    } else {
        DiffInputs::Paths { old: old.as_ref(), new: new.as_ref() }
    };
    let outcome = match zhanqun::catalog::compare(inputs).context("catalog diff cannot read its input") {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    for w in &outcome.warnings {
        eprintln!("{w}");
    }
    let report = &outcome.report;
    if json {
        print!("{}", report.to_json());
    } else {
        print!("{}", zhanqun::catalog::render_table(report));
    }
    let hit = report.diff.occurring(fail_on);
    let code = if hit.is_empty() {
        0
    } else {
        let found: Vec<String> = hit.iter().map(|k| format!("{} {k}", report.diff.count(*k))).collect();
        eprintln!("catalog diff: {} (--fail-on)", found.join(", "));
        1
    };
    // Exit now rather than free two whole catalogs one record at a time.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::process::exit(code)
}
