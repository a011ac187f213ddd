//! Every fuzz corpus entry and crash reproducer (`tests/fuzz-corpus/<target>/`) runs
//! through the same function as the fuzz target, so a fixed crash stays fixed.

use std::path::Path;

fn run_all(target: &str, f: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| f(&data));
        assert!(result.is_ok(), "{} panics", path.display());
        count += 1;
    }
    count
}

#[test]
fn request_corpus() {
    assert!(run_all("request", cleanroomsml_wasm::fuzzing::request) >= 5);
}

#[test]
fn response_corpus() {
    assert!(run_all("response", cleanroomsml_wasm::fuzzing::response) >= 5);
}
