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

pub use client::CleanRoomsMlClient;
use error::{ApiError, ErrorKind};
use js::Reader;
use model::{operations, OPERATIONS};
use model::Operation;
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

/// The functions that take an operation: each is called either with the operation's name
/// first, or without it for `CreateConfiguredModelAlgorithmAssociation` (the first form this
/// module had). One function per verb keeps the module's surface the same size whatever
/// number of operations is generated.
#[wasm_bindgen(typescript_custom_section)]
const TS_FUNCTIONS: &str = r#"
/**
 * Checks an operation's input against every constraint of the service model and reports all
 * problems at once. Any input gets a report; an unknown operation name throws a
 * `ConfigurationError`, and only an `InternalError` after the module failed (a trap) otherwise.
 */
export function validate(input: unknown): ValidationReport;
export function validate(operation: OperationName, input: unknown): ValidationReport;
/** Validates the input and builds the unsigned HTTP request (restJson1). Throws a
 * `ValidationError` with the report when the input is invalid. */
export function buildRequest(input: CreateConfiguredModelAlgorithmAssociationRequest, config: EndpointConfig): HttpRequest;
export function buildRequest<O extends OperationName>(operation: O, input: OperationInputs[O], config: EndpointConfig): HttpRequest;
/** Validates, builds and signs in one call. With a credentials function (a provider) in
 * `config.credentials`, it returns a promise of the signed request, which rejects with the
 * error instead of throwing it. */
export function createSignedRequest(input: CreateConfiguredModelAlgorithmAssociationRequest, config: SigningConfig): HttpRequest;
export function createSignedRequest<O extends OperationName>(operation: O, input: OperationInputs[O], config: SigningConfig): HttpRequest;
export function createSignedRequest(input: CreateConfiguredModelAlgorithmAssociationRequest, config: SigningConfigWithProvider): Promise<HttpRequest>;
export function createSignedRequest<O extends OperationName>(operation: O, input: OperationInputs[O], config: SigningConfigWithProvider): Promise<HttpRequest>;
"#;

#[wasm_bindgen(js_name = validate, skip_typescript)]
pub fn validate_js(first: JsValue, second: JsValue) -> Result<JsValue, JsValue> {
    let report = || {
        let (operation, [input]) = operation_form(&first, [&second])?;
        Ok(js::to_js(&validate::validate_shape(operation.input(), &js::read(operation.input(), input))))
    };
    report().map_err(js::to_js_error)
}

#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request_js(first: JsValue, second: JsValue, third: JsValue) -> Result<JsValue, JsValue> {
    let (operation, [input, config]) = operation_form(&first, [&second, &third]).map_err(js::to_js_error)?;
    build(operation, input, config).map(|request| js::request_to_js(&request)).map_err(js::to_js_error)
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

#[wasm_bindgen(js_name = createSignedRequest, skip_typescript)]
pub fn create_signed_request_js(first: JsValue, second: JsValue, third: JsValue) -> Result<JsValue, JsValue> {
    let (operation, [input, config]) = operation_form(&first, [&second, &third]).map_err(js::to_js_error)?;
    // With a credentials function the request is signed when its credentials arrive.
    let provider = Reader::new(config, "config", ErrorKind::Configuration).ok().and_then(|c| c.function("credentials").ok().flatten());
    if provider.is_some() {
        return Ok(client::signed_request(operation, input, config).into());
    }
    create_signed_request(operation, input, config).map(|request| js::request_to_js(&request)).map_err(js::to_js_error)
}

/// `(operation, …rest)` when `first` names an operation, or is a string followed by all the
/// arguments of the operation form; else `CreateConfiguredModelAlgorithmAssociation` with
/// `first` and the rest but the last (so `validate("text")` still reports a wrong input).
fn operation_form<'a, const N: usize>(
    first: &'a JsValue,
    rest: [&'a JsValue; N],
) -> Result<(&'static Operation, [&'a JsValue; N]), ApiError> {
    let name = first.as_string();
    let named = name.as_deref().and_then(Operation::named);
    if named.is_none() && (name.is_none() || rest[N - 1].is_undefined()) {
        let mut arguments = [first; N];
        arguments[1..].copy_from_slice(&rest[..N - 1]);
        return Ok((&OPERATIONS[operations::DEFAULT], arguments));
    }
    Ok((js::operation(first)?, rest))
}

fn build(operation: &'static Operation, input: &JsValue, config: &JsValue) -> Result<HttpRequest, ApiError> {
    js::request_from_input(operation, input, || {
        let config = Reader::new(config, "config", ErrorKind::Configuration)?;
        endpoint::resolve(&js::read_endpoint_params(&config)?).map_err(|e| ApiError::endpoint("config", e))
    })
}

fn sign_request(request: &JsValue, options: &JsValue) -> Result<HttpRequest, ApiError> {
    let request = js::read_http_request(request)?;
    let options = Reader::new(options, "options", ErrorKind::Configuration)?;
    let service = options.string("service")?.unwrap_or_else(|| sign::SIGNING_NAME.into());
    sign::sign(&request, &js::read_signing_options(&options, service)?).map_err(|e| ApiError::signing("options", e))
}

fn create_signed_request(operation: &'static Operation, input: &JsValue, config: &JsValue) -> Result<HttpRequest, ApiError> {
    let request = build(operation, input, config)?;
    let config = Reader::new(config, "config", ErrorKind::Configuration)?;
    let signing = js::read_signing_options(&config, sign::SIGNING_NAME.into())?;
    sign::sign(&request, &signing).map_err(|e| ApiError::signing("config", e))
}
