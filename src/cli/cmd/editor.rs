//! `zhanqun editor`: writes the web editor (Decap CMS) of the cluster, or one per site.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;
use zhanqun::editor::{EditorError, EditorOptions};
use zhanqun::load::EditorBackend;
use zhanqun::t;

/// `zhanqun editor …`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    sites: Option<Vec<String>>,
    #[arg(long, value_enum)]
    backend: Option<EditorBackend>,
    #[arg(long, value_name = "OWNER/NAME")]
    repo: Option<String>,
    #[arg(long)]
    branch: Option<String>,
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    #[arg(long, value_name = "URL")]
    api_root: Option<String>,
    #[arg(long, value_name = "ID")]
    app_id: Option<String>,
    #[arg(long, value_name = "PATH")]
    auth_endpoint: Option<String>,
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    local_backend: Option<String>,
}

/// Exit 2 when the settings do not load, a forge setting is missing or a file cannot be written.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let cluster = match zhanqun::load::load(&a.root, None) {
        Ok(c) => c,
        Err(diags) => {
            super::print_diagnostics(&diags.into_sorted());
            return Ok(Outcome::Unreadable);
        }
    };
    let options = EditorOptions {
        backend: a.backend,
        repo: a.repo,
        branch: a.branch,
        base_url: a.base_url,
        api_root: a.api_root,
        app_id: a.app_id,
        auth_endpoint: a.auth_endpoint,
        local_backend: a.local_backend,
    };
    match zhanqun::editor::write_editors(&cluster, a.sites.as_deref(), &options, &a.out) {
        Ok(written) => {
            for w in &written {
                let sites = w.sites.join(t!("audit-list-separator").as_str());
                eprintln!(
                    "{}",
                    t!("editor-written", dir = w.dir.display().to_string(), sites = sites, collections = w.collections)
                );
            }
            eprintln!("{}", t!("editor-written-next", version = zhanqun::editor::DECAP_VERSION));
            Ok(Outcome::Success)
        }
        Err(e @ EditorError::Missing(_)) => {
            eprintln!("{e}");
            eprintln!("{}", t!("editor-missing-setting-help"));
            Ok(Outcome::Unreadable)
        }
        Err(e) => {
            eprintln!("{}", zhanqun::t!("cli-error", message = crate::cli::exit::describe(&e.into())));
            Ok(Outcome::Unreadable)
        }
    }
}
