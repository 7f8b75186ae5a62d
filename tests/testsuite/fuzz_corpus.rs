//! Replays the committed seed corpus of both cargo-fuzz targets (`fuzz/corpus/*`) and every
//! crash reproducer kept in `fuzz/artifacts/*` through the same entry points, on stable Rust:
//! a smoke run of the fuzz harnesses in every CI run, and a regression test for anything a
//! fuzzer once found. (The long coverage-guided runs need nightly: see fuzz/README.md.)

use std::path::Path;

fn inputs(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).expect("read corpus file")).collect()
}

#[test]
fn seed_corpus_and_crash_reproducers_run_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cluster = zhanqun::fuzzing::cluster(&root.join("tests/fixtures/basic"));
    let front = inputs(&root.join("fuzz/corpus/front_matter"));
    let page = inputs(&root.join("fuzz/corpus/page_pipeline"));
    assert!(front.len() >= 50 && page.len() >= 90, "the seed corpus is missing");
    for data in front.iter().chain(&inputs(&root.join("fuzz/artifacts/front_matter"))) {
        zhanqun::fuzzing::front_matter(&cluster, data);
    }
    for data in page.iter().chain(&inputs(&root.join("fuzz/artifacts/page_pipeline"))) {
        zhanqun::fuzzing::page(&cluster, data);
    }
    // Mutations a fuzzer tries first: truncations and byte flips of every seed.
    for data in &page {
        for cut in [1, data.len() / 3, data.len() / 2] {
            zhanqun::fuzzing::page(&cluster, &data[..cut.min(data.len())]);
        }
        let mut flipped = data.clone();
        for i in (0..flipped.len()).step_by(7) {
            flipped[i] ^= 0x80;
        }
        zhanqun::fuzzing::front_matter(&cluster, &flipped);
        zhanqun::fuzzing::page(&cluster, &flipped);
    }
}
