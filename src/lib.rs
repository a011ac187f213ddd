//! cleanroomsml-wasm: build, validate, sign and send AWS Clean Rooms ML
//! `CreateConfiguredModelAlgorithmAssociation` requests from a browser.
//!
//! This file is only the JavaScript API; each concern lives in its own module.

use wasm_bindgen::prelude::*;

mod js;
pub mod model;
pub mod patterns;
pub mod schema;
pub mod validate;
pub mod value;

/// The version of this package, so a page can show which build it loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Checks a `CreateConfiguredModelAlgorithmAssociationRequest` against every constraint of
/// the service model and reports all problems at once. Never throws: any value gets a report.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "ValidationReport")]
pub fn validate_js(#[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue) -> JsValue {
    let value = js::read(&schema::REQUEST, &input);
    js::to_js(&validate::validate(&value))
}
