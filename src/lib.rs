//! cleanroomsml-wasm: build, validate, sign and send AWS Clean Rooms ML
//! `CreateConfiguredModelAlgorithmAssociation` requests from a browser.
//!
//! This file is only the JavaScript API; each layer lives in its own folder:
//! `model` (the shapes and operations generated from the service model, and the rules
//! beyond it), `validate`, `protocol` (endpoint, request, response), `sign` (SigV4),
//! `client` (fetch, retries), `js` (the boundary with JavaScript values).

use wasm_bindgen::prelude::*;

pub mod client;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod guard;
mod js;
pub mod json;
pub mod model;
pub mod number;
pub mod protocol;
pub mod sign;
pub mod validate;
pub mod value;

pub use client::CleanRoomsMlClient;
use error::{ApiError, ErrorKind};
use js::Reader;
use model::operations::CREATE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION as CREATE;
use protocol::{endpoint, request::HttpRequest};

/// The allocator: a free list, smaller than std's dlmalloc. The module runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32-unknown-unknown without atomics has one thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
fn start() {
    guard::install_panic_hook();
}

/// Only in builds with the `test-hooks` feature (the panic tests): panics on purpose.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    panic!("a panic on purpose");
}

/// The version of this package, so a page can show which build it loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Checks a `CreateConfiguredModelAlgorithmAssociationRequest` against every constraint of
/// the service model and reports all problems at once. Any value gets a report; it throws
/// only an `InternalError` after an earlier panic left the module unusable.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "ValidationReport")]
pub fn validate_js(#[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue) -> Result<JsValue, JsValue> {
    guard::check().map_err(js::to_js_error)?;
    let value = js::read(CREATE.input, &input);
    Ok(js::to_js(&validate::validate(&value)))
}

/// Validates the input and builds the unsigned HTTP request (restJson1). Throws a
/// `ValidationError` with the report when the input is invalid.
#[wasm_bindgen(js_name = buildRequest, unchecked_return_type = "HttpRequest")]
pub fn build_request_js(
    #[wasm_bindgen(unchecked_param_type = "CreateConfiguredModelAlgorithmAssociationRequest")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EndpointConfig")] config: JsValue,
) -> Result<JsValue, JsValue> {
    build(&input, &config).map(|request| js::request_to_js(&request)).map_err(js::to_js_error)
}

/// Signs any request for this service with SigV4: returns it with `x-amz-date`,
/// `authorization` and, with a session token, `x-amz-security-token`.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "HttpRequest")]
pub fn sign_request_js(
    #[wasm_bindgen(unchecked_param_type = "HttpRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SignOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    sign_request(&request, &options).map(|request| js::request_to_js(&request)).map_err(js::to_js_error)
}

/// Validates, builds and signs in one call.
#[wasm_bindgen(js_name = createSignedRequest, unchecked_return_type = "HttpRequest")]
pub fn create_signed_request_js(
    #[wasm_bindgen(unchecked_param_type = "CreateConfiguredModelAlgorithmAssociationRequest")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SigningConfig")] config: JsValue,
) -> Result<JsValue, JsValue> {
    create_signed_request(&input, &config).map(|request| js::request_to_js(&request)).map_err(js::to_js_error)
}

fn build(input: &JsValue, config: &JsValue) -> Result<HttpRequest, ApiError> {
    js::request_from_input(&CREATE, input, || {
        let config = Reader::new(config, "config", ErrorKind::Configuration)?;
        endpoint::resolve(&js::read_endpoint_params(&config)?).map_err(|e| ApiError::endpoint("config", e))
    })
}

fn sign_request(request: &JsValue, options: &JsValue) -> Result<HttpRequest, ApiError> {
    guard::check()?;
    let request = js::read_http_request(request)?;
    let options = Reader::new(options, "options", ErrorKind::Configuration)?;
    let service = options.string("service")?.unwrap_or_else(|| sign::SIGNING_NAME.into());
    sign::sign(&request, &js::read_signing_options(&options, service)?).map_err(|e| ApiError::signing("options", e))
}

fn create_signed_request(input: &JsValue, config: &JsValue) -> Result<HttpRequest, ApiError> {
    let request = build(input, config)?;
    let config = Reader::new(config, "config", ErrorKind::Configuration)?;
    let signing = js::read_signing_options(&config, sign::SIGNING_NAME.into())?;
    sign::sign(&request, &signing).map_err(|e| ApiError::signing("config", e))
}
