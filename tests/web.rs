//! Runs inside headless Chromium (`wasm-pack test --headless --chrome`): the model types
//! cross the JavaScript boundary with the SDK's shapes.
#![cfg(target_arch = "wasm32")]

use cleanroomsml_wasm::model::*;
use js_sys::{Array, Map, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

#[wasm_bindgen_test]
fn runs_in_a_browser_page() {
    let global = js_sys::global();
    assert!(Reflect::has(&global, &"document".into()).unwrap(), "no document: not a page");
}

#[wasm_bindgen_test]
fn request_object_from_javascript_becomes_the_model() {
    let input = js(r#"{
        "membershipIdentifier": "0d0a0c1e-1111-4222-8333-944455556666",
        "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc",
        "name": "n",
        "privacyConfiguration": {"policies": {"trainedModelExports": {
            "maxSize": {"unit": "GB", "value": 2.5}, "filesToExport": ["OUTPUT"]}}},
        "tags": {"team": "ml"}
    }"#);
    let request: CreateConfiguredModelAlgorithmAssociationRequest =
        serde_wasm_bindgen::from_value(input).unwrap();
    let exports = request.privacy_configuration.as_ref().unwrap().policies.trained_model_exports.as_ref().unwrap();
    assert_eq!(exports.max_size.value, 2.5);
    assert_eq!(exports.files_to_export, vec![TrainedModelExportFileType::Output]);
    assert_eq!(request.tags.as_ref().unwrap()["team"], "ml");
}

#[wasm_bindgen_test]
fn model_goes_back_to_javascript_as_plain_objects() {
    let request = CreateConfiguredModelAlgorithmAssociationRequest {
        membership_identifier: "m".into(),
        configured_model_algorithm_arn: "a".into(),
        name: "n".into(),
        description: None,
        privacy_configuration: None,
        tags: Some([("team".to_owned(), "ml".to_owned())].into()),
    };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = serde::Serialize::serialize(&request, &serializer).unwrap();
    let tags = Reflect::get(&value, &"tags".into()).unwrap();
    assert!(!tags.is_instance_of::<Map>(), "tags must be a plain object like the SDK's");
    assert_eq!(Reflect::get(&tags, &"team".into()).unwrap(), "ml");
    let keys: Vec<String> = Object::keys(value.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(keys, ["membershipIdentifier", "configuredModelAlgorithmArn", "name", "tags"]);
}

#[wasm_bindgen_test]
fn wrong_enum_string_is_rejected() {
    let bad = Array::of1(&"model".into());
    assert!(serde_wasm_bindgen::from_value::<Vec<TrainedModelExportFileType>>(bad.into()).is_err());
}

#[wasm_bindgen_test]
fn version_export_matches_the_crate() {
    assert_eq!(cleanroomsml_wasm::version(), env!("CARGO_PKG_VERSION"));
}
