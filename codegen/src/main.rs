//! `cargo run --manifest-path codegen/Cargo.toml` (or `make generate`): writes the generated
//! files from `model/cleanroomsml/` (`service-2.json`, `paginators-1.json`). With `--check`,
//! writes nothing and fails when a generated file differs from what the model gives (run by
//! `make test`).

use std::path::Path;
use std::process::ExitCode;

const MODEL: &str = "model/cleanroomsml/service-2.json";
const PAGINATORS: &str = "model/cleanroomsml/paginators-1.json";

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"));
    let (model, paginators) = match (read(MODEL), read(PAGINATORS)) {
        (Ok(model), Ok(paginators)) => (model, paginators),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let output = match cleanroomsml_codegen::generate(&model, &paginators) {
        Ok(output) => output,
        Err(e) => return fail(&e),
    };
    let mut stale = Vec::new();
    for (path, text) in &output.files {
        let file = root.join(path);
        let current = std::fs::read_to_string(&file).unwrap_or_default();
        if current == *text {
            continue;
        }
        if check {
            stale.push(*path);
        } else if let Err(e) = std::fs::write(&file, text) {
            return fail(&format!("cannot write {path}: {e}"));
        } else {
            println!("codegen: wrote {path}");
        }
    }
    if !stale.is_empty() {
        return fail(&format!(
            "stale generated files (the model or the generator changed; run `make generate` and commit): {}",
            stale.join(", ")
        ));
    }
    if check {
        println!("codegen: {} generated files match {MODEL}", output.files.len());
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("codegen: {message}");
    ExitCode::FAILURE
}
