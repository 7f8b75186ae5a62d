//! `zhanqun theme list`, `zhanqun theme eject FILE` and `zhanqun theme diff`.

use crate::cli::exit::Outcome;
use anyhow::Result;
use std::path::PathBuf;
use zhanqun::commands::{EjectError, FileState, ThemeListing};
use zhanqun::load::Origin;
use zhanqun::t;

/// `zhanqun theme …`.
#[derive(clap::Subcommand)]
pub(crate) enum Action {
    List {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        json: bool,
    },
    Eject {
        file: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Diff {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Runs one theme subcommand.
pub(crate) fn run(action: Action) -> Result<Outcome> {
    match action {
        Action::List { root, json } => listing(&root, |l| {
            if json {
                println!("{}", serde_json::to_string_pretty(l).unwrap_or_default());
            } else {
                print_list(l);
            }
        }),
        Action::Diff { root } => listing(&root, print_diff),
        Action::Eject { file, root } => match zhanqun::commands::theme_eject(&root, &file) {
            Ok(path) => {
                println!("{}", path.display());
                eprintln!("{}", t!("theme-eject-done", path = path.display().to_string()));
                Ok(Outcome::Success)
            }
            Err(EjectError::Invalid(diags)) => {
                super::print_diagnostics(diags.as_slice());
                Ok(Outcome::Unreadable)
            }
            Err(e @ EjectError::Unknown(_)) => {
                eprintln!("{}", t!("cli-error", message = e.to_string()));
                eprintln!("{}", t!("theme-eject-unknown-help"));
                Ok(Outcome::Findings)
            }
            Err(e) => Err(e.into()),
        },
    }
}

fn listing(root: &std::path::Path, show: impl FnOnce(&ThemeListing)) -> Result<Outcome> {
    match zhanqun::commands::theme_list(root) {
        Ok(l) => {
            show(&l);
            Ok(Outcome::Success)
        }
        Err(diags) => {
            super::print_diagnostics(diags.as_slice());
            Ok(Outcome::Unreadable)
        }
    }
}

fn print_list(l: &ThemeListing) {
    println!("{}", t!("theme-list-head", name = l.name.as_str()));
    let width = l.files.iter().map(|f| f.path.len()).max().unwrap_or(0);
    for f in &l.files {
        let from = match f.state {
            FileState::BuiltIn => t!("theme-from-builtin"),
            FileState::Changed => t!("theme-from-cluster-changed"),
            FileState::Same => t!("theme-from-cluster-same"),
            FileState::Own => t!("theme-from-cluster-own"),
        };
        println!("  {:width$}  {from}", f.path);
    }
    let own = l.files.iter().filter(|f| f.origin == Origin::Cluster).count();
    println!("{}", t!("theme-list-total", total = l.files.len(), own = own, builtin = l.files.len() - own));
}

fn print_diff(l: &ThemeListing) {
    let of = |state: FileState| -> Vec<String> {
        l.files.iter().filter(|f| f.state == state).map(|f| format!("  themes/{}/{}", l.name, f.path)).collect()
    };
    let same = of(FileState::Same);
    if same.is_empty() {
        println!("{}", t!("theme-diff-none-same", name = l.name.as_str()));
    } else {
        println!("{}", t!("theme-diff-same", count = same.len()));
        println!("{}", same.join("\n"));
    }
    let changed = of(FileState::Changed);
    if !changed.is_empty() {
        println!("{}", t!("theme-diff-changed", count = changed.len()));
        println!("{}", changed.join("\n"));
    }
    let own = of(FileState::Own);
    if !own.is_empty() {
        println!("{}", t!("theme-diff-own", count = own.len()));
        println!("{}", own.join("\n"));
    }
}
