//! cleanroomsml-wasm: build, validate, sign and send AWS Clean Rooms ML
//! `CreateConfiguredModelAlgorithmAssociation` requests from a browser.
//!
//! This file is only the JavaScript API; each concern lives in its own module:
//! `model` (types), `schema` + `validate` (constraints), `endpoint` (URL resolution),
//! `serialize` (restJson1 request), `sign` (SigV4), `js` (the value boundary).

use wasm_bindgen::prelude::*;

mod client;
pub mod endpoint;
#[doc(hidden)]
pub mod fuzzing;
pub mod error;
pub mod guard;
mod js;
pub mod json;
pub mod model;
pub mod patterns;
pub mod response;
pub mod retry;
pub mod schema;
pub mod serialize;
pub mod sign;
pub mod validate;
pub mod value;

pub use client::CleanRoomsMlClient;
use error::{ApiError, ErrorKind};
use js::Reader;

#[wasm_bindgen(typescript_custom_section)]
const TS_API: &str = r#"
/** Credentials, as the AWS SDK for JavaScript v3's `AwsCredentialIdentity`. */
export interface AwsCredentialIdentity {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    /** Signing at or after this time is refused. */
    expiration?: Date;
}

/** Where requests go: as the SDK's client configuration. */
export interface EndpointConfig {
    region?: string;
    /** A custom endpoint such as `http://127.0.0.1:4566`; it excludes FIPS and dual-stack. */
    endpoint?: string;
    useFipsEndpoint?: boolean;
    useDualstackEndpoint?: boolean;
}

export interface SigningConfig extends EndpointConfig {
    region: string;
    credentials: AwsCredentialIdentity;
    /** The signing time; the current time (`Date.now()`) when left out. */
    signingDate?: Date | number;
}

export interface SignOptions {
    region: string;
    credentials: AwsCredentialIdentity;
    signingDate?: Date | number;
    /** The signing name; `cleanrooms-ml` when left out. */
    service?: string;
}

export interface CleanRoomsMlClientConfig extends EndpointConfig {
    region: string;
    /** Fixed credentials, or a function returning them (called again before they expire). */
    credentials: AwsCredentialIdentity | (() => AwsCredentialIdentity | Promise<AwsCredentialIdentity>);
    /** Attempts per call, retries included (default 3). */
    maxAttempts?: number;
    /** A hung attempt fails with a retryable `TimeoutError` after this long (default: none). */
    requestTimeoutMs?: number;
    /** Used instead of `globalThis.fetch`. */
    fetch?: typeof fetch;
    /** Returns a number in [0, 1] for the backoff's full jitter (default `Math.random`). */
    jitter?: () => number;
}

export interface CallOptions {
    abortSignal?: AbortSignal;
}

export interface ResponseMetadata {
    httpStatusCode?: number;
    /** `x-amzn-requestid` */
    requestId?: string;
    attempts: number;
    /** Milliseconds spent waiting between attempts. */
    totalRetryDelay: number;
}

export interface CreateConfiguredModelAlgorithmAssociationOutput extends CreateConfiguredModelAlgorithmAssociationResponse {
    $metadata: ResponseMetadata;
}

/** A failed call: the service's error type as `name` (`ConflictException`, `ThrottlingException`,
 * `UnrecognizedClientException`, …), or `NetworkError`, `TimeoutError`, `InvalidResponseError`, `AbortError`. */
export interface ServiceError extends Error {
    $fault: "client" | "server";
    /** Set when the error is of a retryable kind, as in the AWS SDK. */
    $retryable?: { throttling: boolean };
    $metadata: ResponseMetadata;
    /** With `ServiceQuotaExceededException`. */
    quotaName?: string;
    quotaValue?: number;
}

/** What every function of this module throws: a JavaScript `Error` with these fields. */
export interface CleanRoomsMlError extends Error {
    name: "ValidationError" | "ConfigurationError" | "RequestError" | "InternalError";
    code: "invalidInput" | "required" | "type" | "invalid" | "expired" | "tooLarge" | "unusable";
    /** The argument member at fault, e.g. `config.credentials.accessKeyId`, or `input`. */
    path: string;
    /** With `ValidationError`: every issue of the input. */
    report?: ValidationReport;
}
"#;

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
    let value = js::read(&schema::REQUEST, &input);
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

fn build(input: &JsValue, config: &JsValue) -> Result<serialize::HttpRequest, ApiError> {
    js::request_from_input(input, || {
        let config = Reader::new(config, "config", ErrorKind::Configuration)?;
        endpoint::resolve(&js::read_endpoint_params(&config)?).map_err(|e| ApiError::endpoint("config", e))
    })
}

fn sign_request(request: &JsValue, options: &JsValue) -> Result<serialize::HttpRequest, ApiError> {
    guard::check()?;
    let request = js::read_http_request(request)?;
    let options = Reader::new(options, "options", ErrorKind::Configuration)?;
    let service = options.string("service")?.unwrap_or_else(|| sign::SIGNING_NAME.into());
    sign::sign(&request, &js::read_signing_options(&options, service)?).map_err(|e| ApiError::signing("options", e))
}

fn create_signed_request(input: &JsValue, config: &JsValue) -> Result<serialize::HttpRequest, ApiError> {
    let request = build(input, config)?;
    let config = Reader::new(config, "config", ErrorKind::Configuration)?;
    let signing = js::read_signing_options(&config, sign::SIGNING_NAME.into())?;
    sign::sign(&request, &signing).map_err(|e| ApiError::signing("config", e))
}
