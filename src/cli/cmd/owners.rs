//! `zhanqun owners`: writes CODEOWNERS from the operators and each site's reviewers.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::{Path, PathBuf};
use zhanqun::audit::Forge;
use zhanqun::t;

/// `zhanqun owners …`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, value_enum, default_value = "gitlab")]
    forge: Forge,
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Exit 2 when the settings do not load or the file cannot be written.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let cluster = match zhanqun::load::load_settings(&a.root, None) {
        Ok(c) => c,
        Err(diags) => {
            super::print_diagnostics(&diags.into_sorted());
            return Ok(Outcome::Unreadable);
        }
    };
    let (prefix, top) = repository_of(&a.root);
    let (text, left_out) = zhanqun::audit::codeowners(&cluster, &prefix, a.forge);
    if !left_out.is_empty() {
        eprintln!("{}", t!("audit-owners-left-out", emails = left_out.join(t!("audit-list-separator").as_str())));
    }
    let out = a.out.unwrap_or_else(|| top.join("CODEOWNERS"));
    if out == Path::new("-") {
        print!("{text}");
        return Ok(Outcome::Success);
    }
    if let Err(e) = std::fs::write(&out, text) {
        let reason = zhanqun::messages::io_reason(&e);
        eprintln!("{}", t!("audit-cannot-write", path = out.display().to_string(), reason = reason));
        return Ok(Outcome::Unreadable);
    }
    let sites = cluster.sites.iter().filter(|s| !s.reviewers.is_empty()).count();
    let operators = cluster.config.operators.len();
    eprintln!("{}", t!("audit-owners-written", path = out.display().to_string(), operators = operators, sites = sites));
    Ok(Outcome::Success)
}

/// The cluster's directory within its repository (`sub/dir/`, empty at the top) and the
/// repository's top directory; outside git, the root itself.
fn repository_of(root: &Path) -> (String, PathBuf) {
    let ask = |what: &str| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["rev-parse", what])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match (ask("--show-prefix"), ask("--show-toplevel")) {
        (Some(prefix), Some(top)) => (prefix, PathBuf::from(top)),
        _ => (String::new(), root.to_path_buf()),
    }
}
