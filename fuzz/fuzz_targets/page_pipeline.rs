//! The page pipeline on arbitrary page files: parse, Markdown, sanitize, rewrite, search text
//! (`cargo +nightly fuzz run page_pipeline`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static CLUSTER: OnceLock<zhanqun::load::Cluster> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let cluster = CLUSTER.get_or_init(|| {
        zhanqun::fuzzing::cluster(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/basic"))
    });
    zhanqun::fuzzing::page(cluster, data);
});
