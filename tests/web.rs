//! Runs inside headless Chromium (`wasm-pack test --headless --chrome`): the exports take
//! JavaScript values and give back plain JavaScript objects, as the SDK's shapes are.
#![cfg(target_arch = "wasm32")]

use cleanroomsml_wasm::{build_request_js, register_service, validate_js, version};
use js_sys::{Array, Map, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const REQUEST: &str = r#"{
    "membershipIdentifier": "0d0a0c1e-1111-4222-8333-944455556666",
    "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc",
    "name": "n",
    "privacyConfiguration": {"policies": {"trainedModelExports": {
        "maxSize": {"unit": "GB", "value": 2.5}, "filesToExport": ["OUTPUT"]}}},
    "tags": {"team": "ml"}
}"#;

/// Clean Rooms ML, registered as its entry point registers it (its tables handed over).
fn ml() -> u8 {
    register_service(include_str!("../src/model/generated/cleanroomsml.tables").to_owned()).unwrap()
}

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn issues(report: &JsValue) -> Vec<String> {
    Array::from(&get(report, "issues"))
        .iter()
        .map(|i| format!("{} {}", get(&i, "path").as_string().unwrap(), get(&i, "code").as_string().unwrap()))
        .collect()
}

#[wasm_bindgen_test]
fn runs_in_a_browser_page() {
    assert!(Reflect::has(&js_sys::global(), &"document".into()).unwrap(), "no document: not a page");
}

#[wasm_bindgen_test]
fn validate_returns_a_plain_report() {
    let report = validate_js(ml(), js(REQUEST), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&report, "ok"), JsValue::TRUE);
    assert!(Array::is_array(&get(&report, "issues")));
    assert_eq!(Object::get_prototype_of(&report), Object::get_prototype_of(&Object::new()));
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_reach_validation() {
    let input = js(REQUEST);
    let max_size = get(&get(&get(&get(&input, "privacyConfiguration"), "policies"), "trainedModelExports"), "maxSize");
    Reflect::set(&max_size, &"value".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    Reflect::set(&input, &"tags".into(), &Map::new()).unwrap();
    let report = validate_js(ml(), input, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        issues(&report),
        ["privacyConfiguration.policies.trainedModelExports.maxSize.value notFinite", "tags type"]
    );
}

#[wasm_bindgen_test]
fn wrong_enum_string_is_reported() {
    let input = js(&REQUEST.replace("\"OUTPUT\"", "\"output\""));
    let report = validate_js(ml(), input, JsValue::UNDEFINED).unwrap();
    assert_eq!(issues(&report), ["privacyConfiguration.policies.trainedModelExports.filesToExport[0] enum"]);
}

#[wasm_bindgen_test]
fn build_request_returns_plain_objects() {
    let config = js(r#"{"region": "eu-west-1"}"#);
    let request = build_request_js(ml(), js(REQUEST), config, JsValue::UNDEFINED).unwrap();
    let headers = get(&request, "headers");
    assert!(!headers.is_instance_of::<Map>(), "headers must be a plain object like the SDK's");
    assert_eq!(get(&headers, "host"), "cleanrooms-ml.eu-west-1.amazonaws.com");
    let body = js(&get(&request, "body").as_string().unwrap());
    let keys: Vec<String> = Object::keys(body.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect();
    assert_eq!(keys, ["configuredModelAlgorithmArn", "name", "privacyConfiguration", "tags"]);
}

#[wasm_bindgen_test]
fn version_export_matches_the_crate() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}
