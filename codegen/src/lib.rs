//! The code generator: reads the service model (botocore's `service-2.json`) and its
//! paginators, and writes what the library and the page know about every operation. One
//! file per thing it emits:
//!
//! - `model.rs` reads the model, and refuses (by shape name) anything the runtime cannot
//!   handle rather than generate it wrongly;
//! - `rust.rs` writes `src/model/generated.rs`: the shapes with their constraints, the
//!   operation table, the paginators, the compiled patterns (`patterns.rs`), and the
//!   TypeScript (`typescript.rs`) as a custom section;
//! - `client.rs` writes `src/client/methods.js`: the client's method per operation and
//!   the paginators;
//! - `page.rs` writes `www/model.generated.js`: the page's copy of the shapes and operations.

mod client;
mod model;
mod page;
mod patterns;
mod rust;
mod typescript;

use serde_json::Value;

pub use model::{lower_first, screaming};

/// The generated files, by path from the repository root.
pub struct Output {
    pub files: Vec<(&'static str, String)>,
}

pub const RUST_PATH: &str = "src/model/generated.rs";
pub const CLIENT_PATH: &str = "src/client/methods.js";
pub const PAGE_PATH: &str = "www/model.generated.js";

/// Generates the files for every operation of the model text `model` and its paginators
/// (`paginators-1.json`'s text).
pub fn generate(model: &str, paginators: &str) -> Result<Output, String> {
    let model: Value = serde_json::from_str(model).map_err(|e| format!("the model is not JSON: {e}"))?;
    let paginators: Value = serde_json::from_str(paginators).map_err(|e| format!("the paginators are not JSON: {e}"))?;
    let read = model::read(&model, &paginators)?;
    let typescript = typescript::generate(&read)?;
    let rust = rust::generate(&read, &model["metadata"], &typescript)?;
    Ok(Output {
        files: vec![(RUST_PATH, rust), (CLIENT_PATH, client::generate(&read)), (PAGE_PATH, page::generate(&read)?)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(screaming("TagMap"), "TAG_MAP");
        assert_eq!(screaming("UUID"), "UUID");
        assert_eq!(screaming("MLInputChannelArn"), "ML_INPUT_CHANNEL_ARN");
        assert_eq!(screaming("CreateConfiguredModelAlgorithmAssociationRequest"), "CREATE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION_REQUEST");
    }

    const NO_PAGINATORS: &str = "{\"pagination\": {}}";

    fn model(shapes: Value, op_extra: Value) -> String {
        let mut op = serde_json::json!({
            "name": "Op", "http": { "method": "POST", "requestUri": "/x/{id}" },
            "input": { "shape": "In" }, "output": { "shape": "Out" }, "errors": []
        });
        op.as_object_mut().unwrap().extend(op_extra.as_object().unwrap().clone());
        serde_json::json!({ "metadata": { "protocol": "rest-json" }, "operations": { "Op": op }, "shapes": shapes }).to_string()
    }

    #[test]
    fn unsupported_things_are_refused_with_the_shape_named() {
        let out = serde_json::json!({ "Out": { "type": "structure", "members": {} } });
        let with_in = |input: Value| {
            let mut shapes = out.clone();
            shapes.as_object_mut().unwrap().extend(input.as_object().unwrap().clone());
            generate(&model(shapes, serde_json::json!({})), NO_PAGINATORS).err().unwrap_or_default()
        };
        let blob = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "b": { "shape": "B" } } }, "B": { "type": "blob" } }));
        assert!(blob.contains("shape B: type \"blob\""), "{blob}");
        let pattern = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "s": { "shape": "S" } } }, "S": { "type": "string", "pattern": "(a)\\1" } }));
        assert!(pattern.contains("shape S"), "{pattern}");
        let map_in_query = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "m": { "shape": "M", "location": "querystring", "locationName": "m" } } }, "M": { "type": "map", "key": { "shape": "T" }, "value": { "shape": "T" } }, "T": { "type": "string" } }));
        assert!(map_in_query.contains("In.m: a map bound to Some(\"querystring\")"), "{map_in_query}");
        let epoch = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "t": { "shape": "T" } } }, "T": { "type": "timestamp" } }));
        assert!(epoch.contains("shape T: type \"timestamp\" in an input"), "{epoch}");
        let token = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "t": { "shape": "T", "idempotencyToken": true } } }, "T": { "type": "string" } }));
        assert!(token.contains("In.t: idempotencyToken"), "{token}");
        let renamed = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "t": { "shape": "T", "locationName": "u" } } }, "T": { "type": "string" } }));
        assert!(renamed.contains("renamed on the wire"), "{renamed}");
        let not_json = generate("{\"metadata\":{\"protocol\":\"json\"}}", NO_PAGINATORS).err().unwrap();
        assert!(not_json.contains("only rest-json"), "{not_json}");
    }
}
