//! cleanroomsml-wasm: build, validate, sign and send AWS Clean Rooms ML requests from a
//! browser, for every operation of the service model (generated: `model`).
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
mod js;
pub mod json;
pub mod model;
pub mod number;
pub mod protocol;
pub mod sign;
pub mod text;
pub mod time;
pub mod validate;
pub mod value;

pub use client::Client;
use error::{ApiError, ErrorKind};
use js::Reader;
use model::{Operation, Service};
use protocol::{endpoint, request::HttpRequest};

/// The allocator: a free list, smaller than std's dlmalloc. The module runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32-unknown-unknown without atomics has one thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// The version of this package, so a page can show which build it loaded.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

// Every function below but `version` takes a service's number first: each entry point
// (`src/entries/NAME.js`, through `src/js/entry.js`) registers its service's tables and binds
// these to it, and its `.d.ts` declares them without that number (hence `skip_typescript`).

/// Reads a service's tables (`src/model/generated/NAME.tables`) and returns its number.
#[wasm_bindgen(js_name = registerService, skip_typescript)]
pub fn register_service(tables: String) -> Result<u8, JsValue> {
    Service::register(tables).ok_or_else(|| {
        js::to_js_error(ApiError::new(ErrorKind::Configuration, "invalid", "tables", "these are not a service's tables for this module"))
    })
}

/// The functions that take an operation are called either with the operation's name first,
/// or, for Clean Rooms ML only, without it for `CreateConfiguredModelAlgorithmAssociation`
/// (the first form this module had). One function per verb keeps the module's surface the
/// same size whatever number of operations is generated.
#[wasm_bindgen(js_name = validate, skip_typescript)]
pub fn validate_js(service: u8, first: JsValue, second: JsValue) -> Result<JsValue, JsValue> {
    let report = || {
        let (operation, [input]) = operation_form(Service::get(service), &first, [&second])?;
        Ok(js::to_js(&validate::validate_shape(operation.input(), &js::read(operation.input(), input))))
    };
    report().map_err(js::to_js_error)
}

#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request_js(service: u8, first: JsValue, second: JsValue, third: JsValue) -> Result<JsValue, JsValue> {
    let (operation, [input, config]) = operation_form(Service::get(service), &first, [&second, &third]).map_err(js::to_js_error)?;
    build(operation, input, config).map(|request| js::request_to_js(&request)).map_err(js::to_js_error)
}

/// Signs any request for this service with SigV4: returns it with `x-amz-date`,
/// `authorization` and, with a session token, `x-amz-security-token`.
#[wasm_bindgen(js_name = signRequest, skip_typescript)]
pub fn sign_request_js(service: u8, request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    sign_request(Service::get(service), &request, &options).map(|request| js::request_to_js(&request)).map_err(js::to_js_error)
}

#[wasm_bindgen(js_name = createSignedRequest, skip_typescript)]
pub fn create_signed_request_js(service: u8, first: JsValue, second: JsValue, third: JsValue) -> Result<JsValue, JsValue> {
    let (operation, [input, config]) = operation_form(Service::get(service), &first, [&second, &third]).map_err(js::to_js_error)?;
    // With a credentials function the request is signed when its credentials arrive.
    let provider = Reader::new(config, "config", ErrorKind::Configuration).ok().and_then(|c| c.function("credentials").ok().flatten());
    if provider.is_some() {
        return Ok(client::signed_request(operation, input, config).into());
    }
    create_signed_request(operation, input, config).map(|request| js::request_to_js(&request)).map_err(js::to_js_error)
}

/// `(operation, …rest)` when `first` names an operation, or is a string followed by all the
/// arguments of the operation form; else, where the service has a default operation, that
/// one with `first` and the rest but the last (so `validate("text")` still reports a wrong input).
fn operation_form<'a, const N: usize>(
    service: &'static Service,
    first: &'a JsValue,
    rest: [&'a JsValue; N],
) -> Result<(&'static Operation, [&'a JsValue; N]), ApiError> {
    let name = first.as_string();
    let named = name.as_deref().and_then(|name| service.operation(name));
    if let (None, Some(default)) = (named, service.default_operation) {
        if name.is_none() || rest[N - 1].is_undefined() {
            let mut arguments = [first; N];
            arguments[1..].copy_from_slice(&rest[..N - 1]);
            return Ok((&service.operations[default], arguments));
        }
    }
    Ok((js::operation(service, first)?, rest))
}

fn build(operation: &'static Operation, input: &JsValue, config: &JsValue) -> Result<HttpRequest, ApiError> {
    js::request_from_input(operation, input, || {
        let config = Reader::new(config, "config", ErrorKind::Configuration)?;
        endpoint::resolve(operation.service(), &js::read_endpoint_params(&config)?).map_err(|e| ApiError::endpoint("config", e))
    })
}

fn sign_request(service: &Service, request: &JsValue, options: &JsValue) -> Result<HttpRequest, ApiError> {
    let request = js::read_http_request(request)?;
    let options = Reader::new(options, "options", ErrorKind::Configuration)?;
    let signing_name = options.string("service")?.unwrap_or_else(|| service.signing_name.into());
    sign::sign(&request, &js::read_signing_options(&options, signing_name)?).map_err(|e| ApiError::signing("options", e))
}

fn create_signed_request(operation: &'static Operation, input: &JsValue, config: &JsValue) -> Result<HttpRequest, ApiError> {
    let request = build(operation, input, config)?;
    let config = Reader::new(config, "config", ErrorKind::Configuration)?;
    let signing = js::read_signing_options(&config, operation.service().signing_name.into())?;
    sign::sign(&request, &signing).map_err(|e| ApiError::signing("config", e))
}
