//! `cargo run --manifest-path codegen/Cargo.toml` (or `make generate`): writes the generated
//! files of every service of `SERVICES` from `model/NAME/` (`service-2.json`,
//! `paginators-1.json`, `endpoint-rule-set-1.json`). With `--check`, writes nothing and fails
//! when a generated file differs from what the models give (run by `make test`). With
//! `--unicode-property NAME`, prints the code point ranges the compiled patterns give NAME.

use std::path::Path;
use std::process::ExitCode;

use cleanroomsml_codegen::{generate, services, SERVICES, SERVICES_PATH};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--unicode-property") {
        let ranges = args.get(at + 1).and_then(|name| cleanroomsml_codegen::patterns::unicode_property(name));
        let Some(ranges) = ranges else { return fail("--unicode-property takes a Unicode property's name (L, Pd, …)") };
        let json: Vec<String> = ranges.iter().map(|(a, b)| format!("[{a},{b}]")).collect();
        println!("[{}]", json.join(","));
        return ExitCode::SUCCESS;
    }
    let check = args.iter().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |path: &str| std::fs::read_to_string(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"));
    let mut files = vec![(SERVICES_PATH.to_owned(), services())];
    for (id, name) in SERVICES.iter().enumerate() {
        let [model, paginators, rules] = ["service-2.json", "paginators-1.json", "endpoint-rule-set-1.json"].map(|file| read(&format!("model/{name}/{file}")));
        let output = match (model, paginators, rules) {
            (Ok(model), Ok(paginators), Ok(rules)) => generate(name, id, &model, &paginators, &rules).map_err(|e| format!("model/{name}: {e}")),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(e),
        };
        match output {
            Ok(output) => files.extend(output.files),
            Err(e) => return fail(&e),
        }
    }
    let mut stale = Vec::new();
    for (path, text) in &files {
        let file = root.join(path);
        let current = std::fs::read_to_string(&file).unwrap_or_default();
        if current == *text {
            continue;
        }
        if check {
            stale.push(path.as_str());
        } else if let Err(e) = file.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&file, text)) {
            return fail(&format!("cannot write {path}: {e}"));
        } else {
            println!("codegen: wrote {path}");
        }
    }
    if !stale.is_empty() {
        return fail(&format!(
            "stale generated files (a model or the generator changed; run `make generate` and commit): {}",
            stale.join(", ")
        ));
    }
    if check {
        println!("codegen: {} generated files match the models of {}", files.len(), SERVICES.join(", "));
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("codegen: {message}");
    ExitCode::FAILURE
}
