//! Front matter parsing of arbitrary page files (`cargo +nightly fuzz run front_matter`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static CLUSTER: OnceLock<zhanqun::load::Cluster> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let cluster = CLUSTER.get_or_init(|| {
        zhanqun::fuzzing::cluster(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/basic"))
    });
    zhanqun::fuzzing::front_matter(cluster, data);
});
