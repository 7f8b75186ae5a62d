//! The command line: the arguments of every subcommand (one file each under [`cmd`]), the
//! catalog texts clap shows ([`localize`]) and the one place that decides exit codes ([`exit`]).

pub(crate) mod cmd;
pub(crate) mod exit;
pub(crate) mod localize;

use clap::{ArgAction, Parser, Subcommand};

/// `zhanqun [--lang zh|en] <command> …`: every help text comes from the message catalogs.
#[derive(Parser)]
#[command(name = "zhanqun", version = env!("ZHANQUN_LONG_VERSION"), disable_help_flag = true, disable_version_flag = true)]
#[command(disable_help_subcommand = true, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    // Read before parsing (messages::Lang::from_args_and_env); declared so clap accepts it.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[arg(short = 'h', long, global = true, action = ArgAction::Help)]
    help: Option<bool>,
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

/// The subcommands, each with its arguments in its own file.
#[derive(Subcommand)]
pub(crate) enum Command {
    Build(cmd::build::Args),
    Serve(cmd::serve::Args),
    Check(cmd::check::Args),
    Merge(cmd::merge::Args),
    Verify(cmd::verify::Args),
    Keygen,
    Manifest {
        #[command(subcommand)]
        action: cmd::manifest::Action,
    },
    Catalog {
        #[command(subcommand)]
        action: cmd::catalog::Action,
    },
    Init(cmd::init::Args),
    New(cmd::new::Args),
    Theme {
        #[command(subcommand)]
        action: cmd::theme::Action,
    },
    NginxHeaders(cmd::nginx_headers::Args),
    AuditChanges(cmd::audit_changes::Args),
    Owners(cmd::owners::Args),
    Log(cmd::log::Args),
    Editor(cmd::editor::Args),
    Assign(cmd::assign::Args),
}

impl Command {
    /// Runs the subcommand; what it returns decides the exit code ([`exit::code`]).
    pub(crate) fn run(self) -> anyhow::Result<exit::Outcome> {
        match self {
            Command::Build(a) => cmd::build::run(a),
            Command::Serve(a) => cmd::serve::run(a),
            Command::Check(a) => cmd::check::run(a),
            Command::Merge(a) => cmd::merge::run(a),
            Command::Verify(a) => cmd::verify::run(a),
            Command::Keygen => cmd::keygen::run(),
            Command::Manifest { action } => cmd::manifest::run(action),
            Command::Catalog { action } => cmd::catalog::run(action),
            Command::Init(a) => cmd::init::run(a),
            Command::New(a) => cmd::new::run(a),
            Command::Theme { action } => cmd::theme::run(action),
            Command::NginxHeaders(a) => cmd::nginx_headers::run(a),
            Command::AuditChanges(a) => cmd::audit_changes::run(a),
            Command::Owners(a) => cmd::owners::run(a),
            Command::Log(a) => cmd::log::run(a),
            Command::Editor(a) => cmd::editor::run(a),
            Command::Assign(a) => cmd::assign::run(a),
        }
    }
}
