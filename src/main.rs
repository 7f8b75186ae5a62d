//! The `zhanqun` command line: parses arguments and hands them to the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
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
        Command::Build { root, out, jobs, base_url, quiet, verbose } => {
            let opts = BuildOptions { root, out, jobs, base_url, progress: !quiet && std::io::stderr().is_terminal() };
            match zhanqun::build(&opts) {
                Ok(report) => {
                    for w in &report.warnings {
                        eprintln!("{w}");
                    }
                    if !quiet {
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
                    }
                    if verbose {
                        for (stage, took) in &report.timings {
                            eprintln!("  {stage:<34} {:>8.3} s", took.as_secs_f64());
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
    }
}
