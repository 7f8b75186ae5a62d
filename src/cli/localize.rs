//! clap in the user's language: every about and help text comes from the message catalogs
//! (keys `cli-<command path>-about` and `cli-<command path>-<argument>`), and in Chinese clap's
//! own words — headings, usage, errors — are given in Chinese too.

use crate::cli::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};
use zhanqun::messages::{self, Lang};
use zhanqun::t;

/// Arguments every command has, whose help is one catalog entry wherever they appear.
const GLOBAL_ARGS: [&str; 3] = ["lang", "help", "version"];

/// The whole command tree with every text from the catalog of the current language.
pub(crate) fn command() -> clap::Command {
    localize(Cli::command(), "")
}

/// Parses the process's arguments; on a mistake or `--help`, prints in the current language and
/// exits as clap would (2 for a mistake, 0 for help and version).
pub(crate) fn parse() -> Cli {
    let matches = command().try_get_matches_from(std::env::args_os());
    match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => print!("{}", chinese_headings(&e.to_string())),
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    eprint!("{}", chinese_headings(&e.to_string()))
                }
                _ if messages::lang() == Lang::En => eprint!("{e}"),
                _ => eprint!("{}", error_text(&e)),
            }
            std::process::exit(code)
        }
    }
}

/// The catalog key of a command path and one of its parts: `cli-catalog-diff-fail-on`.
fn key(path: &str, part: &str) -> String {
    let part = part.replace('_', "-");
    if path.is_empty() { format!("cli-{part}") } else { format!("cli-{path}-{part}") }
}

fn localize(mut cmd: clap::Command, path: &str) -> clap::Command {
    cmd = cmd.about(messages::text(&key(path, "about"), &[]));
    let long = key(path, "long");
    if messages::has(messages::lang(), &long) {
        cmd = cmd.long_about(messages::text(&long, &[]));
    }
    let after = key(path, "after");
    if messages::has(messages::lang(), &after) {
        cmd = cmd.after_help(messages::text(&after, &[]));
    }
    let args: Vec<(String, Vec<String>, Vec<String>)> = cmd
        .get_arguments()
        .map(|a| {
            let defaults = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            let possible = if a.get_action().takes_values() {
                a.get_possible_values().iter().map(|p| p.get_name().to_string()).collect()
            } else {
                Vec::new()
            };
            (a.get_id().to_string(), defaults, possible)
        })
        .collect();
    for (id, defaults, possible) in args {
        let mut help = if GLOBAL_ARGS.contains(&id.as_str()) {
            messages::text(&key("arg", &id), &[])
        } else {
            messages::text(&key(path, &id), &[])
        };
        if !defaults.is_empty() {
            help.push_str(&t!("cli-default", value = defaults.join(",")));
        }
        if !possible.is_empty() {
            let quoted: Vec<String> = possible.iter().map(|v| format!("`{v}`")).collect();
            help.push_str(&t!("cli-possible", values = quoted.join(", ")));
        }
        cmd = cmd.mut_arg(id, |a| a.help(help).hide_default_value(true).hide_possible_values(true));
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path}-{name}") };
        cmd = cmd.mut_subcommand(name, |s| localize(s, &sub_path));
    }
    cmd
}

/// clap's fixed English words in help and usage, in Chinese when Chinese is chosen.
fn chinese_headings(text: &str) -> String {
    if messages::lang() == Lang::En {
        return text.to_string();
    }
    [
        ("Usage: ", t!("cli-heading-usage")),
        ("Usage:", t!("cli-heading-usage")),
        ("Options:", t!("cli-heading-options")),
        ("Arguments:", t!("cli-heading-arguments")),
        ("Commands:", t!("cli-heading-commands")),
        ("[OPTIONS]", t!("cli-placeholder-options")),
        ("<COMMAND>", t!("cli-placeholder-command")),
    ]
    .iter()
    .fold(text.to_string(), |acc, (en, zh)| acc.replace(en, zh))
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(&t!("cli-list-separator")),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => {
            v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(&t!("cli-list-separator"))
        }
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    })
}

/// A clap error in Chinese: what is wrong, the nearest valid word, the usage line.
fn error_text(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut out = match e.kind() {
        ErrorKind::InvalidValue => {
            let mut s = t!("cli-err-invalid-value", arg = arg.clone(), value = value.clone());
            if let Some(valid) = context(e, ContextKind::ValidValue) {
                s.push_str(&t!("cli-err-valid-values", values = valid));
            }
            s
        }
        ErrorKind::UnknownArgument => t!("cli-err-unknown-argument", arg = arg.clone()),
        ErrorKind::InvalidSubcommand => {
            t!("cli-err-unknown-command", command = context(e, ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::ValueValidation => t!("cli-err-invalid-value", arg = arg.clone(), value = value.clone()),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("cli-err-value-count", arg = arg.clone())
        }
        ErrorKind::ArgumentConflict => {
            t!("cli-err-conflict", arg = arg.clone(), other = context(e, ContextKind::PriorArg).unwrap_or_default())
        }
        ErrorKind::MissingRequiredArgument => t!("cli-err-missing-argument", args = arg.clone()),
        ErrorKind::MissingSubcommand => t!("cli-err-missing-command"),
        ErrorKind::InvalidUtf8 => t!("cli-err-invalid-utf8"),
        _ => t!("cli-err-other"),
    };
    let suggestion = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context(e, ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        out.push('\n');
        out.push_str(&t!("cli-err-did-you-mean", suggestion = s));
    }
    let usage = context(e, ContextKind::Usage).unwrap_or_default();
    let usage = chinese_headings(usage.trim());
    if !usage.is_empty() {
        out.push_str("\n\n");
        out.push_str(&usage);
    }
    out.push_str("\n\n");
    out.push_str(&t!("cli-err-more-help"));
    format!("{}\n", t!("cli-error", message = out))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every catalog key the command tree asks for, with the command path it belongs to.
    fn keys(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        out.push(key(path, "about"));
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            out.push(if GLOBAL_ARGS.contains(&id) { key("arg", id) } else { key(path, id) });
        }
        for s in cmd.get_subcommands() {
            let name = s.get_name();
            keys(s, &if path.is_empty() { name.to_string() } else { format!("{path}-{name}") }, out);
        }
    }

    /// A help line missing from a catalog shows its bare key (`cli-build-drafts`) to the editor.
    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let mut all = Vec::new();
        keys(&Cli::command(), "", &mut all);
        assert!(all.len() > 50, "the whole tree is walked: {}", all.len());
        let missing: Vec<String> = [Lang::Zh, Lang::En]
            .into_iter()
            .flat_map(|lang| all.iter().filter(move |k| !messages::has(lang, k)).map(move |k| format!("{lang:?}: {k}")))
            .collect();
        assert!(missing.is_empty(), "help texts missing from the catalogs:\n{}", missing.join("\n"));
    }
}
