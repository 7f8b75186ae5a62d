//! `zhanqun serve`: the editor's preview that rebuilds on save. The library reports what happens
//! as [`ServeEvent`]s; this file writes them in the chosen language.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::io::Write as _;
use std::path::PathBuf;
use zhanqun::serve::{Rebuild, ServeEvent};
use zhanqun::t;

/// `zhanqun serve`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, default_value_t = 1111)]
    port: u16,
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    today: Option<String>,
}

/// Serves until stopped.
pub(crate) fn run(a: Args) -> Result<Outcome> {
    let today = a.today.map(|t| super::parse_today(&t)).transpose()?;
    let opts = zhanqun::serve::ServeOptions { root: a.root, out: a.out, port: a.port, today };
    zhanqun::serve::serve(&opts, &print)?;
    Ok(Outcome::Success)
}

/// Writes one event: the address on stdout (a script may read it), everything else on stderr.
fn print(event: ServeEvent<'_>) {
    match event {
        ServeEvent::Listening { url, root } => {
            println!("{}", t!("serve-listening", url = url));
            let _ = std::io::stdout().flush();
            eprintln!("{}", t!("serve-watching", root = root.display().to_string()));
        }
        ServeEvent::Built { pages, out, seconds } => eprintln!(
            "{}",
            t!("serve-built", pages = pages, out = out.display().to_string(), seconds = format!("{seconds:.2}"))
        ),
        ServeEvent::Warnings(warnings) => {
            for w in warnings {
                eprintln!("{w}");
            }
        }
        ServeEvent::Failed { errors } => {
            for e in errors {
                eprintln!("{e}");
            }
            eprintln!("{}", t!("serve-still-serving", count = errors.len()));
        }
        ServeEvent::Rebuilt { ms, rendered, changed, how, flush_ms, flushed } => {
            let files = if flushed.is_empty() { t!("serve-nothing") } else { flushed.join(", ") };
            let (ms, flush) = (format!("{ms:.0}"), format!("{flush_ms:.0}"));
            let (r, c, f, files) = (rendered, changed, flush.as_str(), files.as_str());
            let line = match how {
                Rebuild::InPlace => {
                    t!("serve-rebuilt-in-place", ms = ms.as_str(), rendered = r, changed = c, flush = f, files = files)
                }
                Rebuild::Spliced => {
                    t!("serve-rebuilt-spliced", ms = ms.as_str(), rendered = r, changed = c, flush = f, files = files)
                }
                Rebuild::Reassembled => {
                    t!(
                        "serve-rebuilt-reassembled",
                        ms = ms.as_str(),
                        rendered = r,
                        changed = c,
                        flush = f,
                        files = files
                    )
                }
            };
            eprintln!("{line}");
        }
        ServeEvent::Trace(phases) => eprintln!("  {}", t!("serve-trace", phases = phases)),
        ServeEvent::SearchReindexed { ms, changed, kept, rescored } => {
            let ms = format!("{ms:.0}");
            match rescored {
                Some(terms) => eprintln!(
                    "{}",
                    t!("serve-search-updated", ms = ms, changed = changed, kept = kept, rescored = terms)
                ),
                None => eprintln!("{}", t!("serve-search-reindexed", ms = ms, changed = changed)),
            }
        }
        ServeEvent::SettingsChanged { paths } => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            eprintln!("{}", t!("serve-settings-changed", paths = names.join(", ")))
        }
        ServeEvent::WatcherWarning { message } => eprintln!("{}", t!("serve-watcher-warning", message = message)),
    }
}
