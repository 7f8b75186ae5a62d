//! `zhanqun keygen`: a new key pair for signed manifests.

use crate::cli::exit::Outcome;
use anyhow::{Context, Result};

/// Prints the secret seed (for the CI's `ZHANQUN_SIGNING_KEY`) and the public key. The seed
/// comes from the operating system's random source through `getrandom` (getrandom(2) on Linux,
/// `ProcessPrng` on Windows), so the same code runs on every target of `scripts/dist`.
pub(crate) fn run() -> Result<Outcome> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("{e}")).context(zhanqun::t!("keygen-no-randomness"))?;
    let key = zhanqun::emit::signature::signing_key(&hex::encode(seed))?;
    println!("ZHANQUN_SIGNING_KEY={}", hex::encode(seed));
    println!("ZHANQUN_PUBLIC_KEY={}", zhanqun::emit::signature::public_key_hex(&key));
    Ok(Outcome::Success)
}
