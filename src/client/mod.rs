//! `CleanRoomsMlClient`: validates, builds, signs and sends through `fetch`, with the AWS
//! SDKs' standard retries, clock-skew correction, abort and timeouts. Every decision is
//! made here and in `retry` and `response` (pure Rust), synchronously; the waiting — the
//! credentials function, `fetch`, the backoff — is `transport.js`'s loop, which asks a
//! `Call` what to do at each step. (Rust futures would cost about 5 KB of gzip.) A
//! credentials function is put behind `credentials/cache.js`, the cache the providers use.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

pub mod retry;

use crate::error::{ApiError, ErrorKind};
use crate::js::{self, Reader};
use crate::json::{self, ToJson};
use crate::model::{Operation, Service};
use crate::protocol::endpoint::{self, Endpoint};
use crate::protocol::request::HttpRequest;
use crate::protocol::response::{self, ServiceError};
use crate::sign::{self, Credentials, SigningOptions};
use crate::text::concat;
use crate::value::{Text, Value};
use retry::RetryQuota;

#[wasm_bindgen(module = "/src/client/transport.js")]
extern "C" {
    /// Drives `call` to its end: resolves with the output, rejects with the error.
    /// `reads_output`: false when the operation's output has no members, so that a 2xx
    /// answer's body is discarded unread (as the SDK and botocore do).
    #[wasm_bindgen(js_name = run)]
    fn transport_run(call: JsValue, fetch: &JsValue, timeout_ms: f64, signal: &JsValue, provider: &JsValue, reads_output: bool) -> Promise;

    /// Resolves with `call`'s first attempt, signed with what `provider` gives.
    #[wasm_bindgen(js_name = signed)]
    fn transport_signed(call: JsValue, provider: &JsValue) -> Promise;

    /// The pages of a list operation: an async generator calling `client.send`.
    #[wasm_bindgen(js_name = pages)]
    #[allow(clippy::too_many_arguments)]
    fn transport_paginate(
        client: &JsValue,
        operation: &str,
        input: &JsValue,
        input_token: &str,
        output_token: &str,
        limit_key: Option<&str>,
        page_size: Option<f64>,
        starting_token: Option<String>,
        stop_on_same_token: bool,
        options: &JsValue,
    ) -> JsValue;
}

#[wasm_bindgen(module = "/src/credentials/cache.js")]
extern "C" {
    /// The function behind the credentials cache (itself, when it already is).
    #[wasm_bindgen(js_name = cachedCredentials)]
    fn cached_credentials(provider: &Function) -> Function;
}

/// The client's configuration, options, metadata and errors.
#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT: &str = r#"
/** The configuration of a service's client (`CleanRoomsMlClientConfig`, `CleanRoomsClientConfig` extend it). */
export interface ClientConfig extends EndpointConfig {
    region: string;
    /** Fixed credentials, or a function returning them: the client caches what it returns
     * until five minutes before expiry (half the lifetime of credentials that live less than
     * ten minutes), and asks again with `{ forceRefresh: true }` when the service answers
     * `ExpiredTokenException`. The providers of `cleanroomsml-wasm/credential-providers`
     * are such functions. */
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
    /** Attempts per call, retries included (default 3). */
    maxAttempts?: number;
    /** A hung attempt fails with a retryable `TimeoutError` after this long (default: none). */
    requestTimeoutMs?: number;
    /** Used instead of `globalThis.fetch`. */
    fetch?: typeof fetch;
    /** Returns a number in [0, 1] for the backoff's full jitter (default `Math.random`). */
    jitter?: () => number;
}

/** The last argument of every client method; it may be left out. */
export interface CallOptions {
    abortSignal?: AbortSignal;
}

/** The first argument of the paginators but its `client` (each entry's `PaginationConfiguration`). */
export interface PaginationOptions {
    /** The page size (`maxResults`) when the input sets none. */
    pageSize?: number;
    /** The token to start from, instead of the input's `nextToken`. */
    startingToken?: string;
    /** Stop when a page returns the token it was asked with. */
    stopOnSameToken?: boolean;
}

export interface ResponseMetadata {
    httpStatusCode?: number;
    /** `x-amzn-requestid` */
    requestId?: string;
    attempts: number;
    /** Milliseconds spent waiting between attempts. */
    totalRetryDelay: number;
}

/** A failed call: the service's error type as `name` (`ConflictException`, `ThrottlingException`,
 * `UnrecognizedClientException`, …), or `NetworkError`, `TimeoutError`, `InvalidResponseError`, `AbortError`. */
export interface ServiceError extends Error {
    $fault: "client" | "server";
    /** Set when the error is of a retryable kind, as in the AWS SDK. */
    $retryable?: { throttling: boolean };
    $metadata: ResponseMetadata;
    /** `true` on a `ConflictException` ("already exists", "in use") when an earlier attempt of
     * the same call got no answer (a timeout, or a connection lost after sending): that attempt
     * may have been applied, so the conflict may be with what it did (a retried `Create…` or
     * `Start…` may have made its resource). Absent otherwise, e.g. when every earlier attempt
     * was answered with an error (a 500, a 429). The message ends with a sentence saying so. */
    earlierAttemptMayHaveSucceeded?: true;
    /** With `ServiceQuotaExceededException`. */
    quotaName?: string;
    quotaValue?: number;
    /** The other members of the error's body, as the model declares them for its type
     * (`resourceId` and `resourceType` of a `ResourceNotFoundException`, a `ValidationException`'s
     * `reason` and `fieldList`, …), as the SDK's exceptions carry them. */
    [member: string]: unknown;
}
"#;

const DEFAULT_MAX_ATTEMPTS: u32 = 3;

enum CredentialSource {
    Fixed(Credentials),
    Provider(Function),
}

struct Settings {
    endpoint: Endpoint,
    region: String,
    credentials: CredentialSource,
    max_attempts: u32,
    /// 0: no timeout.
    timeout_ms: f64,
    fetch: Option<Function>,
    jitter: Option<Function>,
    /// `createSignedRequest`'s `signingDate`: the time to sign at instead of now.
    signing_time_ms: Option<f64>,
}

impl Settings {
    /// The credentials function (behind the cache), or `undefined` with fixed credentials.
    fn provider(&self) -> JsValue {
        match &self.credentials {
            CredentialSource::Provider(provider) => provider.into(),
            CredentialSource::Fixed(_) => JsValue::UNDEFINED,
        }
    }
}

#[derive(Default)]
struct State {
    /// Service time − local time, learnt from responses' `Date` or clock-skew errors.
    clock_offset_ms: f64,
    quota: RetryQuota,
}

/// A client of one service (each entry point's client class extends it, with a method per
/// operation named as the SDK's).
#[wasm_bindgen(skip_typescript)]
pub struct Client {
    service: &'static Service,
    settings: Rc<Settings>,
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Client {
    /// Checks the configuration now: a wrong region, endpoint or credentials object throws
    /// a `ConfigurationError` here rather than at the first call.
    #[wasm_bindgen(constructor)]
    pub fn new(service: u8, config: JsValue) -> Result<Client, JsValue> {
        let service = Service::get(service);
        read_settings(service, &config)
            .map(|settings| Client { service, settings: Rc::new(settings), state: Rc::default() })
            .map_err(js::to_js_error)
    }

    /// Sends the operation named `operation` with `input`: resolves with its output and
    /// `$metadata`; rejects with a `ValidationError` (nothing was sent), a
    /// `ConfigurationError` (an unknown operation too), an `AbortError`, or the service's
    /// error after the retries it allows. The methods named after each operation call this.
    /// (Typed in `TS_CLIENT`: the operation's name is a type parameter.)
    #[wasm_bindgen(skip_typescript)]
    pub fn send(&self, operation: JsValue, input: JsValue, options: Option<JsValue>) -> Promise {
        match js::operation(self.service, &operation) {
            Ok(operation) => self.call(operation, &input, options),
            Err(err) => Promise::reject(&js::to_js_error(err)),
        }
    }

    /// The clock correction in use, in milliseconds (service time − local time).
    #[wasm_bindgen(getter, js_name = clockOffsetMs)]
    pub fn clock_offset_ms(&self) -> f64 {
        self.state.borrow().clock_offset_ms
    }
}

impl Client {
    /// One operation's call: the input is read and checked now (a caller that changes it
    /// after the call changes nothing); the rest happens in the promise.
    fn call(&self, operation: &'static Operation, input: &JsValue, options: Option<JsValue>) -> Promise {
        let prepared = prepare(&self.settings, operation, input, &options.unwrap_or(JsValue::UNDEFINED))
            .and_then(|(request, signal)| Ok((request, signal, fetch(&self.settings)?)));
        let (request, signal, fetch) = match prepared {
            Ok(prepared) => prepared,
            Err(err) => return Promise::reject(&js::to_js_error(err)),
        };
        let call = Call::new(self.settings.clone(), self.state.clone(), operation, request);
        transport_run(call.into(), &fetch, self.settings.timeout_ms, &signal, &self.settings.provider(), operation.output().is_some())
    }
}

/// Every page of the list operation named `operation`, as the SDK's paginators: an async
/// iterator. The arguments are checked now (the input is read and validated as a call
/// reads it, and the paginator keeps its own copy); the loop is `transport.js`'s. The
/// `paginate…` function named after each paginated operation calls this.
/// (Typed in `TS_CLIENT`: the operation's name is a type parameter.)
#[wasm_bindgen(skip_typescript)]
pub fn paginate(service: u8, operation: JsValue, config: JsValue, input: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let pages = || -> Result<JsValue, ApiError> {
        let service = Service::get(service);
        let operation = js::operation(service, &operation)?;
        let paginator = service.paginator(operation.name()).ok_or_else(|| {
            let message = concat(&[operation.name(), " has no paginator"]);
            ApiError::new(ErrorKind::Configuration, "invalid", "operation", message)
        })?;
        let config = Reader::new(&config, "config", ErrorKind::Configuration)?;
        let client = config.get("client")?.filter(|client| {
            Reflect::get(client, &"send".into()).is_ok_and(|m| m.is_function())
        });
        let Some(client) = client else {
            let message = "config.client must be a client of this service";
            return Err(ApiError::new(ErrorKind::Configuration, "type", "config.client", message));
        };
        let page_size = config.number("pageSize", 1.0)?;
        let starting_token = config.string("startingToken")?;
        let stop_on_same_token = config.bool("stopOnSameToken")?;
        let value = js::read(operation.input(), &input);
        crate::validate::check(operation, &value).map_err(ApiError::invalid_input)?;
        let copy = js::to_js(&value);
        js::timestamps_to_dates(operation.input(), &value, &copy);
        Ok(transport_paginate(
            &client,
            operation.name(),
            &copy,
            paginator.input_token,
            paginator.output_token,
            paginator.limit_key,
            page_size,
            starting_token,
            stop_on_same_token,
            &options.unwrap_or(JsValue::UNDEFINED),
        ))
    };
    pages().map_err(js::to_js_error)
}

/// `createSignedRequest` with a credentials function: the input is checked and the request
/// built now; the promise resolves with it signed when the function's credentials arrive,
/// and rejects with the error otherwise.
pub fn signed_request(operation: &'static Operation, input: &JsValue, config: &JsValue) -> Promise {
    let call = || -> Result<(Call, JsValue), ApiError> {
        let mut settings = read_settings(operation.service(), config)?;
        settings.signing_time_ms = Reader::new(config, "config", ErrorKind::Configuration)?.time_ms("signingDate")?;
        let (request, _) = prepare(&settings, operation, input, &JsValue::UNDEFINED)?;
        let provider = settings.provider();
        Ok((Call::new(Rc::new(settings), Rc::default(), operation, request), provider))
    };
    match call() {
        Ok((call, provider)) => transport_signed(call.into(), &provider),
        Err(err) => Promise::reject(&js::to_js_error(err)),
    }
}

/// `config.fetch`, or the platform's.
fn fetch(settings: &Settings) -> Result<JsValue, ApiError> {
    let fetch = match &settings.fetch {
        Some(f) => f.clone().into(),
        None => js::platform_fetch(),
    };
    if !fetch.is_function() {
        let message = "no fetch: this platform has no globalThis.fetch; pass config.fetch";
        return Err(ApiError::new(ErrorKind::Configuration, "required", "config.fetch", message));
    }
    Ok(fetch)
}

/// One client call in flight, driven by `transport.js`'s `run`: it asks for the next
/// signed attempt, then what the attempt's outcome means. Not part of the package's API.
#[wasm_bindgen(skip_typescript)]
pub struct Call {
    settings: Rc<Settings>,
    state: Rc<RefCell<State>>,
    operation: &'static Operation,
    request: HttpRequest,
    attempts: u32,
    /// Retry tokens the call's last retry took from the client's quota (0: none yet).
    last_cost: u32,
    /// Whether an attempt got no answer (a timeout, a lost connection): it may have been applied.
    outcome_unknown: bool,
    /// Milliseconds waited between attempts so far; the wait in progress is `pending_delay`.
    total_delay: f64,
    pending_delay: f64,
    /// Whether the credentials were already refreshed for an expired token.
    refreshed: bool,
}

/// What `outcome` returns to ask `transport.js` for fresh credentials (`forceRefresh`)
/// and an attempt at once; any other number is the wait before the next attempt.
const REFRESH_CREDENTIALS: f64 = -1.0;

#[wasm_bindgen]
impl Call {
    /// The error for a credentials function that threw or rejected with `failure`: a
    /// provider's errors, already shaped (a service's error with `$metadata`, or this
    /// module's with `code` and `path`), as they are; anything else as a `ConfigurationError`.
    #[wasm_bindgen(js_name = credentialsFailed)]
    pub fn credentials_failed(&self, failure: JsValue) -> JsValue {
        let has = |key: &str| Reflect::get(&failure, &key.into()).is_ok_and(|v| !v.is_undefined());
        if failure.is_instance_of::<js_sys::Error>() && (has("$metadata") || has("code") && has("path")) {
            return failure;
        }
        let why = Reflect::get(&failure, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "it threw".into());
        let message = concat(&["the credentials function failed: ", &why]);
        js::to_js_error(ApiError::new(ErrorKind::Configuration, "invalid", "config.credentials", message))
    }

    /// The next attempt, signed now (with the clock correction learnt so far), or at the
    /// configured signing time, as an `HttpRequest`; `credentials` are what the credentials
    /// function gave. Throws a `ConfigurationError` when they cannot be used.
    pub fn attempt(&mut self, credentials: JsValue) -> Result<JsValue, JsValue> {
        self.attempts += 1;
        self.total_delay += std::mem::take(&mut self.pending_delay);
        let credentials = match &self.settings.credentials {
            CredentialSource::Fixed(credentials) => credentials.clone(),
            CredentialSource::Provider(_) => js::read_credentials_value(&credentials, "config.credentials()").map_err(js::to_js_error)?,
        };
        let signing = SigningOptions {
            region: self.settings.region.clone(),
            service: self.operation.service().signing_name.into(),
            credentials,
            time_ms: self.settings.signing_time_ms.unwrap_or_else(|| js_sys::Date::now() + self.state.borrow().clock_offset_ms),
        };
        // Each attempt is signed afresh: a retry carries its own time.
        let signed = sign::sign(&self.request, &signing).map_err(|e| js::to_js_error(ApiError::signing("config", e)))?;
        Ok(js::request_to_js(&signed))
    }

    /// What the attempt's outcome means: `outcome` is the response as `send` hands it over
    /// (one JSON string), or its `{ kind, message }` failure. Returns the output, the
    /// milliseconds to wait before the next attempt, or `REFRESH_CREDENTIALS`; throws the
    /// error to reject with.
    pub fn outcome(&mut self, outcome: JsValue) -> Result<JsValue, JsValue> {
        let (error, clock_corrected) = match outcome.as_string() {
            Some(raw) => {
                let response = response::HttpResponse::from_json(&raw);
                let corrected = correct_clock(&self.state, response.headers.get("date").map(js_sys::Date::parse));
                match response::read(self.operation, &response) {
                    Ok(members) => {
                        self.state.borrow_mut().quota.release(self.last_cost);
                        let metadata = self.metadata(Some(response.status), response.request_id());
                        let output = Output { members, metadata };
                        let js_output = js::to_js(&output);
                        if let Some(shape) = self.operation.output() {
                            js::timestamps_to_dates(shape, &Value::Object(output.members), &js_output);
                        }
                        return Ok(js_output);
                    }
                    // A page cannot read `Date` unless CORS exposes it, and the service's CORS
                    // does not: the server's time is then read from the skew error's message.
                    Err(error) if error.class == response::ErrorClass::ClockSkew && !corrected => {
                        let server_time = retry::server_time_in_message(&error.message);
                        let corrected = correct_clock(&self.state, server_time.as_deref().map(js_sys::Date::parse));
                        (error, corrected)
                    }
                    Err(error) => (error, corrected),
                }
            }
            None => match Reflect::get(&outcome, &"kind".into()).ok().and_then(|k| k.as_string()).as_deref() {
                Some("abort") => return Err(self.abort_error()),
                Some("timeout") => (ServiceError::without_response("TimeoutError", failure_message(&outcome)), false),
                _ => (ServiceError::without_response("NetworkError", failure_message(&outcome)), false),
            },
        };
        let provider = matches!(self.settings.credentials, CredentialSource::Provider(_));
        if error.class == response::ErrorClass::ExpiredCredentials && provider && !self.refreshed && self.attempts < self.settings.max_attempts {
            self.refreshed = true;
            return Ok(REFRESH_CREDENTIALS.into());
        }
        let retry = self.attempts < self.settings.max_attempts
            && retry::is_retryable(&error, clock_corrected)
            && self.state.borrow_mut().quota.acquire(&error).map(|cost| self.last_cost = cost).is_some();
        if !retry {
            let metadata = self.metadata(error.status, error.request_id.clone());
            return Err(service_error(&error, metadata, retry::may_echo_earlier_attempt(&error, self.outcome_unknown)));
        }
        // No answer: the attempt may have been applied.
        self.outcome_unknown |= error.status.is_none();
        self.pending_delay = retry::backoff_ms(self.attempts, error.class, jitter(&self.settings));
        Ok(self.pending_delay.into())
    }

    /// The `AbortError` to reject with, when the signal aborted while waiting.
    #[wasm_bindgen(js_name = abortError)]
    pub fn abort_error(&self) -> JsValue {
        abort_error(self.metadata(None, None))
    }
}

impl Call {
    fn new(settings: Rc<Settings>, state: Rc<RefCell<State>>, operation: &'static Operation, request: HttpRequest) -> Call {
        Call { settings, state, operation, request, attempts: 0, last_cost: 0, outcome_unknown: false, total_delay: 0.0, pending_delay: 0.0, refreshed: false }
    }

    fn metadata(&self, http_status_code: Option<u16>, request_id: Option<String>) -> Metadata {
        Metadata { http_status_code, request_id, attempts: self.attempts, total_retry_delay: self.total_delay }
    }
}

fn read_settings(service: &Service, config: &JsValue) -> Result<Settings, ApiError> {
    let config = Reader::new(config, "config", ErrorKind::Configuration)?;
    let endpoint = endpoint::resolve(service, &js::read_endpoint_params(&config)?).map_err(|e| ApiError::endpoint("config", e))?;
    let credentials = match config.function("credentials") {
        Ok(Some(provider)) => CredentialSource::Provider(cached_credentials(&provider)),
        _ => CredentialSource::Fixed(js::read_credentials(&config)?),
    };
    let max_attempts = config.number("maxAttempts", 1.0)?;
    if max_attempts.is_some_and(|n| n.fract() != 0.0 || n > 100.0) {
        let message = "config.maxAttempts must be a whole number from 1 to 100";
        return Err(ApiError::new(ErrorKind::Configuration, "invalid", "config.maxAttempts", message));
    }
    Ok(Settings {
        endpoint,
        region: config.required_string("region")?,
        credentials,
        max_attempts: max_attempts.map_or(DEFAULT_MAX_ATTEMPTS, |n| n as u32),
        timeout_ms: config.number("requestTimeoutMs", 1.0)?.unwrap_or(0.0),
        fetch: config.function("fetch")?,
        jitter: config.function("jitter")?,
        signing_time_ms: None,
    })
}

/// Validation and building: everything that needs no network.
fn prepare(
    settings: &Settings,
    operation: &'static Operation,
    input: &JsValue,
    options: &JsValue,
) -> Result<(HttpRequest, JsValue), ApiError> {
    let request = js::request_from_input(operation, input, || Ok(settings.endpoint.clone()))?;
    let signal = if options.is_undefined() || options.is_null() {
        JsValue::UNDEFINED
    } else {
        Reader::new(options, "options", ErrorKind::Configuration)?.get("abortSignal")?.unwrap_or(JsValue::UNDEFINED)
    };
    Ok((request, signal))
}

/// `$metadata`, as the AWS SDK's `ResponseMetadata`.
struct Metadata {
    http_status_code: Option<u16>,
    request_id: Option<String>,
    attempts: u32,
    total_retry_delay: f64,
}

impl ToJson for Metadata {
    fn write(&self, w: &mut json::Writer) {
        w.begin_object();
        if let Some(status) = self.http_status_code {
            w.key("httpStatusCode");
            w.number(status.into());
        }
        if let Some(id) = &self.request_id {
            w.key("requestId");
            w.string(id);
        }
        w.key("attempts");
        w.number(self.attempts.into());
        w.key("totalRetryDelay");
        w.number(self.total_retry_delay);
        w.end_object();
    }
}

/// An operation's output members and `$metadata`.
struct Output {
    members: Vec<(Text, Value)>,
    metadata: Metadata,
}

impl ToJson for Output {
    fn write(&self, w: &mut json::Writer) {
        w.begin_object();
        for (name, value) in &self.members {
            w.key(&name.text);
            w.value(value);
        }
        w.key("$metadata");
        self.metadata.write(w);
        w.end_object();
    }
}

/// Learns the clock offset from the service's time, if known; true when it changed.
fn correct_clock(state: &RefCell<State>, server_ms: Option<f64>) -> bool {
    let Some(server_ms) = server_ms else { return false };
    let mut state = state.borrow_mut();
    match retry::corrected_offset(server_ms, js_sys::Date::now(), state.clock_offset_ms) {
        Some(offset) => {
            state.clock_offset_ms = offset;
            true
        }
        None => false,
    }
}

fn jitter(settings: &Settings) -> f64 {
    settings
        .jitter
        .as_ref()
        .and_then(|f| f.call0(&JsValue::UNDEFINED).ok())
        .and_then(|v| v.as_f64())
        .filter(|j| (0.0..=1.0).contains(j))
        .unwrap_or_else(js_sys::Math::random)
}

fn failure_message(failure: &JsValue) -> String {
    Reflect::get(failure, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default()
}

fn abort_error(metadata: Metadata) -> JsValue {
    let error = js_sys::Error::new("the request was aborted");
    error.set_name("AbortError");
    let _ = Reflect::set(&error, &"$metadata".into(), &js::to_js(&metadata));
    error.into()
}

/// The service's error as the SDKs shape it: `name`, `message`, `$fault`, `$retryable`,
/// `$metadata`, and the quota for `ServiceQuotaExceededException`; with
/// `earlierAttemptMayHaveSucceeded: true` and a sentence to say so when `echo` (an earlier
/// attempt with no answer may be what the error is about).
fn service_error(error: &ServiceError, metadata: Metadata, echo: bool) -> JsValue {
    let message = if echo { concat(&[&error.message, retry::EARLIER_ATTEMPT_NOTE]) } else { error.message.clone() };
    let js_error = js_sys::Error::new(&message);
    js_error.set_name(&error.name);
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&js_error, &key.into(), &value);
    };
    set("$fault", error.fault().into());
    if let Some(throttling) = match error.class {
        response::ErrorClass::Throttling => Some(true),
        response::ErrorClass::Transient => Some(false),
        _ => None,
    } {
        let retryable = js_sys::Object::new();
        let _ = Reflect::set(&retryable, &"throttling".into(), &throttling.into());
        set("$retryable", retryable.into());
    }
    set("$metadata", js::to_js(&metadata));
    if echo {
        set("earlierAttemptMayHaveSucceeded", true.into());
    }
    for (key, value) in &error.members {
        set(&key.text, js::to_js(value));
    }
    js_error.into()
}
