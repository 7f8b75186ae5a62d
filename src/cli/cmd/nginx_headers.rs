//! `zhanqun nginx-headers`: the security headers of `_headers` as nginx `add_header` lines, from
//! the same settings (`content_security_policy` in `zhanqun.yaml`), for the include file
//! `docs/deploy/nginx.conf` reads in every place that adds headers.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;

/// `zhanqun nginx-headers`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// Prints the lines; a `zhanqun.yaml` that does not load is reported like a build's.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    match zhanqun::load::load_settings(&a.root, None) {
        Ok(cluster) => {
            print!("{}", zhanqun::emit::headers::nginx_snippet(&cluster.config.content_security_policy));
            Ok(Outcome::Success)
        }
        Err(diags) => {
            super::print_diagnostics(&diags.into_sorted());
            Ok(Outcome::Unreadable)
        }
    }
}
