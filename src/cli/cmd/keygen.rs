//! `zhanqun keygen`: a new key pair for signed manifests.

use crate::cli::exit::Outcome;
use anyhow::{Context, Result};

/// Prints the secret seed (for the CI's `ZHANQUN_SIGNING_KEY`) and the public key.
pub(crate) fn run() -> Result<Outcome> {
    use std::io::Read;
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .context(zhanqun::t!("keygen-no-randomness"))?;
    let key = zhanqun::emit::signature::signing_key(&hex::encode(seed))?;
    println!("ZHANQUN_SIGNING_KEY={}", hex::encode(seed));
    println!("ZHANQUN_PUBLIC_KEY={}", zhanqun::emit::signature::public_key_hex(&key));
    Ok(Outcome::Success)
}
