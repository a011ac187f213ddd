//! A panic reaches JavaScript as a plain error naming the module, never as an opaque
//! `unreachable`, and every later call says the module must be reloaded. In its own test
//! binary: it leaves its module instance unusable on purpose.
#![cfg(all(target_arch = "wasm32", feature = "test-hooks"))]

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn text(value: &JsValue, key: &str) -> String {
    Reflect::get(value, &key.into()).unwrap().as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn a_panic_is_a_clear_error_and_later_calls_say_reload() {
    assert!(cleanroomsml_wasm::validate_js(JsValue::NULL, JsValue::UNDEFINED).is_ok(), "usable before");
    // The test runner installs its own hook over the module's; put the module's back.
    cleanroomsml_wasm::guard::install_panic_hook();
    let panic: Function = Reflect::get(&wasm_bindgen::exports(), &"__panicForTests".into()).unwrap().dyn_into().unwrap();
    let thrown = panic.call0(&JsValue::UNDEFINED).unwrap_err();
    assert!(thrown.is_instance_of::<js_sys::Error>(), "an Error, not an opaque trap");
    let message = text(&thrown, "message");
    assert!(message.starts_with("cleanroomsml-wasm: internal error (a panic on purpose"), "{message}");
    assert!(message.contains("reload it"), "{message}");

    let later = cleanroomsml_wasm::validate_js(JsValue::NULL, JsValue::UNDEFINED).unwrap_err();
    assert_eq!(text(&later, "name"), "InternalError");
    assert_eq!(text(&later, "code"), "unusable");
    assert!(text(&later, "message").contains("reload it"));
}
