//! No idle dependency: every crate in Cargo.toml's `[dependencies]` (the wasm32 target's
//! included) is named as `crate_name::` in the code that ships (`src/`), and every
//! `[dev-dependencies]` crate in the tests or in `src/` (its unit tests). What each one's
//! job is: docs/dependencies.md.

use std::path::Path;

/// The names under the tables of `manifest` for which `wanted` is true, each as its crate
/// is named in Rust (`-` as `_`). One entry a line (`name = …`), as Cargo.toml is written.
fn dependencies(manifest: &str, wanted: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut inside = false;
    for line in manifest.lines().map(str::trim) {
        if let Some(table) = line.strip_prefix('[') {
            inside = wanted(table.trim_end_matches(']'));
            continue;
        }
        if !inside || line.is_empty() || line.starts_with('#') {
            continue;
        }
        let name = line.split('=').next().unwrap_or("").trim().trim_matches('"');
        names.push(name.replace('-', "_"));
    }
    names
}

fn shipped(table: &str) -> bool {
    table == "dependencies" || table.starts_with("target.") && table.ends_with(".dependencies")
}

fn dev(table: &str) -> bool {
    table == "dev-dependencies"
}

/// The Rust code of the `.rs` files under `dirs`, comment lines left out.
fn code_under(dirs: &[&str]) -> String {
    fn walk(dir: &Path, code: &mut String) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, code);
            } else if path.extension().is_some_and(|e| e == "rs") {
                code.push_str(&without_comment_lines(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut code = String::new();
    for dir in dirs {
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut code);
    }
    code
}

/// `text` without its comment lines (a crate named only in a comment does no job).
fn without_comment_lines(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with("//")).flat_map(|l| [l, "\n"]).collect()
}

/// The names that `code` never uses as a path (`name::`).
fn idle<'a>(names: &'a [String], code: &str) -> Vec<&'a str> {
    names.iter().map(String::as_str).filter(|name| !code.contains(&format!("{name}::"))).collect()
}

fn manifest() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap()
}

#[test]
fn every_dependency_is_used_by_the_code_that_ships() {
    let names = dependencies(&manifest(), shipped);
    assert!(names.len() >= 3 && names.contains(&"wasm_bindgen".to_owned()), "{names:?}");
    let idle = idle(&names, &code_under(&["src"]));
    assert!(idle.is_empty(), "in [dependencies] but not used in src/ (docs/dependencies.md): {idle:?}");
}

#[test]
fn every_dev_dependency_is_used_by_a_test() {
    let names = dependencies(&manifest(), dev);
    assert!(names.contains(&"aws_sigv4".to_owned()), "{names:?}");
    let idle = idle(&names, &code_under(&["src", "tests"]));
    assert!(idle.is_empty(), "in [dev-dependencies] but used by no test: {idle:?}");
}

#[test]
fn the_check_finds_an_idle_dependency() {
    let manifest = r#"
[package]
name = "x"

[dependencies]
# a comment
wasm-bindgen = "=0.2.130"
web-sys = { version = "0.3", features = ["console"] }

[target.'cfg(target_arch = "wasm32")'.dependencies]
lol_alloc = "0.4.1"

[dev-dependencies]
sha2 = "0.11"
"#;
    let names = dependencies(manifest, shipped);
    assert_eq!(names, ["wasm_bindgen", "web_sys", "lol_alloc"]);
    assert_eq!(dependencies(manifest, dev), ["sha2"]);
    let code = without_comment_lines("use wasm_bindgen::prelude::*;\nstatic A: lol_alloc::X = X;\n    // web_sys::console\n");
    assert_eq!(idle(&names, &code), ["web_sys"]);
}
