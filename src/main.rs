//! The `zhanqun` command line: chooses the language, parses the arguments and hands them to the
//! library; `cli::exit::code` turns the outcome into the exit status.

mod cli;

use std::process::ExitCode;
use zhanqun::messages::{self, Lang};

/// A build allocates and frees millions of short strings on every thread (rendered pages,
/// links, tokens): mimalloc does that in 15% less CPU time than the system allocator at
/// 100,000 pages, with the same peak memory. Built with `--cfg zhanqun_system_alloc` (in
/// RUSTFLAGS) the system allocator is kept, for heap profilers that watch malloc (heaptrack).
#[cfg(not(zhanqun_system_alloc))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Transparent huge pages off for this process: mimalloc asks the kernel for them, and a 2 MiB
/// page partly in use stays resident as a whole. At 100,000 pages a build's peak is 40–65 MiB
/// lower without them (653–678 vs 701–718 MiB), for ~3% more CPU time. Set before anything is
/// allocated; the setting is the process's own, the system's is left as it is.
fn no_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and changes only this process's
    // memory policy; a kernel that does not know it returns an error, which is ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    no_transparent_huge_pages();
    let env = std::env::var(messages::LANG_ENV).ok();
    messages::set_lang(Lang::from_args_and_env(std::env::args_os(), env.as_deref()));
    let cli = cli::localize::parse();
    cli::exit::quiet_on_closed_pipe(&cli.command);
    cli::exit::code(cli.command.run())
}
