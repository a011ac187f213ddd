//! The boundary between JavaScript values and this crate's Rust values.
//!
//! Reading is guided by the schema: only what validation will look at is read, so a
//! cyclic object, a huge unrelated member or a proxy cannot make it do unbounded work,
//! and every JavaScript operation that can throw (getters, proxy traps) is caught.

use js_sys::{Array, JsString, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{ApiError, ErrorKind};
use crate::json::{self, ToJson};
use crate::model::{member_named, Kind, Member, Operation, Service, Shape};
use crate::protocol::endpoint::{Endpoint, EndpointParams};
use crate::protocol::request::{self, Headers, HttpRequest};
use crate::sign::{Credentials, SigningOptions};
use crate::text::{concat, decimal};
use crate::validate;
use crate::value::{Text, Value, MAX_INPUT_BYTES};

#[wasm_bindgen(module = "/src/js/values.js")]
extern "C" {
    /// The value as tagged JSON text (see `json`); None when it must be read member by member.
    fn encode(value: &JsValue) -> Option<String>;
    /// `"a Map"`, `"a Date"`, … for a built-in object that is not plain data (the one list
    /// of them, shared with `encode`).
    #[wasm_bindgen(js_name = builtinKind)]
    fn builtin_kind(value: &JsValue) -> Option<String>;
    /// A `Date`'s milliseconds since the epoch (NaN when invalid); None for anything else.
    #[wasm_bindgen(js_name = dateTime)]
    fn date_time(value: &JsValue) -> Option<f64>;
    /// `{ method, url, headers, body }` from the text `request_to_js` writes.
    #[wasm_bindgen(js_name = httpRequest)]
    fn http_request(text: &str) -> JsValue;
    /// `globalThis.fetch` (undefined when reading it throws): smaller than `js_sys::global()`,
    /// which probes `globalThis`, `self`, `window` and `global` through four imports.
    #[wasm_bindgen(js_name = platformFetch)]
    pub(crate) fn platform_fetch() -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, caught: a proxy's `ownKeys` trap may throw.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// The arguments this boundary reads: credentials, endpoint and signing configuration.
#[wasm_bindgen(typescript_custom_section)]
const TS_ARGUMENTS: &str = r#"
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

/** `SigningConfig` with a credentials function, called once for the signature. */
export interface SigningConfigWithProvider extends Omit<SigningConfig, "credentials"> {
    credentials: AwsCredentialIdentityProvider;
}

/** A credentials function, as the AWS SDK's `AwsCredentialIdentityProvider`:
 * `forceRefresh` asks for new credentials even if cached ones are still fresh. */
export type AwsCredentialIdentityProvider = (options?: { forceRefresh?: boolean }) => AwsCredentialIdentity | Promise<AwsCredentialIdentity>;

export interface SignOptions {
    region: string;
    credentials: AwsCredentialIdentity;
    signingDate?: Date | number;
    /** The signing name; `cleanrooms-ml` when left out. */
    service?: string;
}
"#;

/// Reads a JavaScript value: as one JSON text when it can be, otherwise member by member
/// as far as `shape` reaches.
pub fn read(shape: &'static Shape, value: &JsValue) -> Value {
    let text = encode(value);
    if let Some(bytes) = text.as_ref().map(String::len).filter(|&n| n > MAX_INPUT_BYTES) {
        return Value::TooLarge { bytes };
    }
    match text.as_deref().and_then(json::parse) {
        Some(Value::Object(mut wrapper)) if wrapper.len() == 1 => wrapper.pop().map(|(_, v)| v).unwrap_or(Value::Undefined),
        _ => read_members_of(shape, value),
    }
}

/// The slow path: every JavaScript operation that can throw is caught, and nothing the
/// shape does not reach is read (a cycle or a huge unrelated member costs nothing).
fn read_members_of(shape: &'static Shape, value: &JsValue) -> Value {
    if let Some(scalar) = read_scalar(value) {
        return scalar;
    }
    if Array::is_array(value) {
        return match shape.kind() {
            Kind::List(list) => read_array(value, list.member, list.checked_items()),
            // Every item of a document: there is no maximum to stop at but the input's size.
            Kind::Document => read_array(value, shape, usize::MAX),
            _ => Value::array(Vec::new()), // only its type matters
        };
    }
    if let Some(ms) = date_time(value) {
        return Value::Date(ms);
    }
    if let Some(kind) = builtin_kind(value) {
        return Value::Other(kind);
    }
    match shape.kind() {
        Kind::Structure(structure) => read_members(value, |key| member_shape(structure.members, key)),
        Kind::Map(map) => read_members(value, |_| Some(map.value)),
        Kind::Document => read_members(value, |_| Some(shape)),
        _ => Value::Object(Vec::new()), // only its type matters
    }
}

fn member_shape(members: &'static [Member], key: &str) -> Option<&'static Shape> {
    member_named(members, key).map(Member::shape)
}

fn read_scalar(value: &JsValue) -> Option<Value> {
    Some(if value.is_undefined() {
        Value::Undefined
    } else if value.is_null() {
        Value::Null
    } else if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Value::Number(n)
    } else if let Some(s) = value.dyn_ref::<JsString>() {
        Value::String(read_text(s))
    } else if value.is_bigint() {
        Value::Other("a bigint".into())
    } else if value.is_symbol() {
        Value::Other("a symbol".into())
    } else if value.is_function() {
        Value::Other("a function".into())
    } else {
        return None;
    })
}

fn read_text(s: &JsString) -> Text {
    // Lone surrogates become U+FFFD in the Rust copy; the flag keeps that visible.
    Text { text: String::from(s), well_formed: s.is_well_formed() }
}

fn read_array(array: &JsValue, item_shape: &'static Shape, checked_items: usize) -> Value {
    let length = Reflect::get(array, &"length".into()).ok().and_then(|l| l.as_f64()).unwrap_or(0.0) as u32;
    let items = (0..length.min(checked_items.min(u32::MAX as usize) as u32))
        .map(|i| match Reflect::get_u32(array, i) {
            Ok(item) => read_members_of(item_shape, &item),
            Err(_) => threw(),
        })
        .collect();
    Value::Array { items, length: length as usize }
}

/// Own enumerable string keys in JavaScript's order; `shape_of` says how far to read each
/// value (None: an unknown member, whose value is never looked at).
fn read_members(object: &JsValue, shape_of: impl Fn(&str) -> Option<&'static Shape>) -> Value {
    let Ok(keys) = object_keys(object) else {
        return Value::Other("an object whose keys could not be read".into());
    };
    let members = keys
        .iter()
        .filter_map(|key| {
            let name = read_text(key.dyn_ref::<JsString>()?);
            let value = match shape_of(&name.text) {
                None => Value::Other("an unknown member".into()),
                Some(shape) => match Reflect::get(object, &key) {
                    Ok(v) => read_members_of(shape, &v),
                    Err(_) => threw(),
                },
            };
            Some((name, value))
        })
        .collect();
    Value::Object(members)
}

fn threw() -> Value {
    Value::Other("a value whose getter threw".into())
}

/// An operation's input, validated and built into the request for the endpoint that
/// `endpoint` gives; the endpoint is asked only once the input is valid, so input errors
/// come first.
pub fn request_from_input(
    operation: &'static Operation,
    input: &JsValue,
    endpoint: impl FnOnce() -> Result<Endpoint, ApiError>,
) -> Result<HttpRequest, ApiError> {
    let value = read(operation.input(), input);
    let valid = validate::check(operation, &value).map_err(ApiError::invalid_input)?;
    Ok(request::build_request(&valid, &endpoint()?))
}

/// The operation of `service` that `name` names (the model's name); a `ConfigurationError` otherwise.
pub fn operation(service: &'static Service, name: &JsValue) -> Result<&'static Operation, ApiError> {
    let text = name.as_string();
    text.as_deref().and_then(|name| service.operation(name)).ok_or_else(|| {
        let what = match &text {
            Some(text) => validate::quoted(text),
            None => read_scalar(name).map_or_else(|| "an object".into(), |v| v.kind()),
        };
        let operations = service.operations.iter().map(|op| op.name());
        let message = match text.as_deref().and_then(|t| validate::closest(t, operations)) {
            Some(name) => concat(&[&what, " is not an operation of this module; did you mean \"", name, "\"?"]),
            None => concat(&[
                &what,
                " is not an operation of this module: its ",
                &decimal(service.operations.len()),
                " operations have the model's names (the type OperationName lists them)",
            ]),
        };
        ApiError::new(ErrorKind::Configuration, "invalid", "operation", message)
    })
}

/// Converts a Rust value to a JavaScript one (plain objects and arrays) in one crossing.
pub fn to_js(value: &impl ToJson) -> JsValue {
    JSON::parse(&value.to_json()).unwrap_or(JsValue::NULL)
}

/// Makes the times of `shape` in `js` (the JavaScript copy of `value`, where JSON wrote
/// them as text) `Date`s, as the AWS SDKs return them.
pub fn timestamps_to_dates(shape: &Shape, value: &Value, js: &JsValue) {
    let convert = |shape: &Shape, value: &Value, key: JsValue| match (shape.kind(), value) {
        (Kind::Timestamp, Value::Date(ms)) => {
            let _ = Reflect::set(js, &key, &js_sys::Date::new(&(*ms).into()));
        }
        _ if has_timestamp(shape, 0) => {
            if let Ok(child) = Reflect::get(js, &key) {
                timestamps_to_dates(shape, value, &child);
            }
        }
        _ => {}
    };
    match (shape.kind(), value) {
        (Kind::Structure(structure), Value::Object(members)) => {
            for (key, value) in members {
                if let Some(member) = member_named(structure.members, &key.text) {
                    convert(member.shape(), value, key.text.as_str().into());
                }
            }
        }
        (Kind::Map(map), Value::Object(entries)) => {
            entries.iter().for_each(|(key, value)| convert(map.value, value, key.text.as_str().into()))
        }
        (Kind::List(list), Value::Array { items, .. }) => {
            items.iter().enumerate().for_each(|(i, item)| convert(list.member, item, (i as u32).into()))
        }
        _ => {}
    }
}

/// Whether a value of `shape` can hold a timestamp (a model's shapes nest a few levels).
fn has_timestamp(shape: &Shape, depth: usize) -> bool {
    depth < 16
        && match shape.kind() {
            Kind::Timestamp => true,
            Kind::Structure(s) => s.members.iter().any(|m| has_timestamp(m.shape(), depth + 1)),
            Kind::List(l) => has_timestamp(l.member, depth + 1),
            Kind::Map(m) => has_timestamp(m.value, depth + 1),
            _ => false,
        }
}

/// An `HttpRequest` as a plain JavaScript object, in one crossing. The body follows the
/// JSON of the rest as it is: escaped inside JSON and parsed back, it was the largest cost
/// of the crossing in a profile.
pub fn request_to_js(request: &HttpRequest) -> JsValue {
    let mut w = json::Writer::default();
    w.begin_array();
    w.string(&request.method);
    w.string(&request.url);
    w.begin_object();
    for (name, value) in &request.headers {
        w.key(name);
        w.string(value);
    }
    w.end_object();
    w.end_array();
    let mut text = w.finish();
    text.push('\n');
    text.push_str(&request.body);
    http_request(&text)
}

/// Throws as a JavaScript `Error` with `name`, `code`, `path`, `message` (and `report`).
pub fn to_js_error(err: ApiError) -> JsValue {
    let error = js_sys::Error::new(&err.message);
    error.set_name(err.kind.name());
    let _ = Reflect::set(&error, &"code".into(), &err.code.into());
    let _ = Reflect::set(&error, &"path".into(), &err.path.as_str().into());
    if let Some(report) = &err.report {
        let _ = Reflect::set(&error, &"report".into(), &to_js(report));
    }
    error.into()
}

/// Reads the members of one argument object, each error naming `argument.member`.
pub struct Reader<'a> {
    object: &'a JsValue,
    argument: String,
    kind: ErrorKind,
}

impl<'a> Reader<'a> {
    /// Fails unless `object` is a non-null object.
    pub fn new(object: &'a JsValue, argument: &str, kind: ErrorKind) -> Result<Self, ApiError> {
        if !object.is_object() || object.is_function() {
            let got = read_scalar(object).map(|v| v.kind()).unwrap_or_else(|| "an array".into());
            return Err(ApiError::new(kind, "type", argument, concat(&[argument, " must be an object; got ", &got])));
        }
        Ok(Reader { object, argument: argument.into(), kind })
    }

    fn path(&self, name: &str) -> String {
        concat(&[&self.argument, ".", name])
    }

    fn error(&self, code: &'static str, name: &str, message: String) -> ApiError {
        ApiError::new(self.kind, code, self.path(name), message)
    }

    /// The member, or None when it is `undefined` or `null`.
    pub fn get(&self, name: &str) -> Result<Option<JsValue>, ApiError> {
        let value = Reflect::get(self.object, &property_key(name))
            .map_err(|_| self.error("type", name, concat(&[&self.path(name), " could not be read: its getter threw"])))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    fn type_error(&self, name: &str, expected: &str, value: &JsValue) -> ApiError {
        let got = read_scalar(value).map(|v| v.kind()).unwrap_or_else(|| "an object".into());
        self.error("type", name, concat(&[&self.path(name), " must be ", expected, "; got ", &got]))
    }

    pub fn string(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name)? {
            None => Ok(None),
            Some(v) => match v.dyn_ref::<JsString>() {
                Some(s) if s.is_well_formed() => Ok(Some(String::from(s))),
                Some(_) => Err(self.error("invalid", name, concat(&[&self.path(name), " contains a lone surrogate"]))),
                None => Err(self.type_error(name, "a string", &v)),
            },
        }
    }

    pub fn required_string(&self, name: &str) -> Result<String, ApiError> {
        self.string(name)?.ok_or_else(|| self.error("required", name, concat(&[&self.path(name), " is required"])))
    }

    pub fn bool(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name)? {
            None => Ok(false),
            Some(v) => v.as_bool().ok_or_else(|| self.type_error(name, "a boolean", &v)),
        }
    }

    /// A time as a `Date` or milliseconds since the epoch; an invalid `Date` is an error.
    pub fn time_ms(&self, name: &str) -> Result<Option<f64>, ApiError> {
        let Some(v) = self.get(name)? else { return Ok(None) };
        let ms = match v.dyn_ref::<js_sys::Date>() {
            Some(date) => date.get_time(),
            None => v.as_f64().ok_or_else(|| self.type_error(name, "a Date or a number of milliseconds", &v))?,
        };
        if ms.is_finite() {
            Ok(Some(ms))
        } else {
            Err(self.error("invalid", name, concat(&[&self.path(name), " is not a valid time"])))
        }
    }

    /// A finite number from `min` up; None when not set.
    pub fn number(&self, name: &str, min: f64) -> Result<Option<f64>, ApiError> {
        let Some(v) = self.get(name)? else { return Ok(None) };
        let n = v.as_f64().ok_or_else(|| self.type_error(name, "a number", &v))?;
        if n.is_finite() && n >= min {
            Ok(Some(n))
        } else {
            Err(self.error("invalid", name, concat(&[&self.path(name), " must be a finite number of at least ", &crate::number::to_string(min)])))
        }
    }

    /// A function; None when not set.
    pub fn function(&self, name: &str) -> Result<Option<js_sys::Function>, ApiError> {
        let Some(v) = self.get(name)? else { return Ok(None) };
        v.dyn_into::<js_sys::Function>().map(Some).map_err(|v| self.type_error(name, "a function", &v))
    }

    pub fn object(&self, name: &str) -> Result<Option<(JsValue, String)>, ApiError> {
        Ok(self.get(name)?.map(|v| (v, self.path(name))))
    }
}

/// `name` as a JavaScript string, made once: making it decodes UTF-8 in JavaScript, which
/// costs more than the property read. Only the first few names are kept (the fixed member
/// names of the arguments; header names are unbounded).
fn property_key(name: &str) -> JsValue {
    const KEPT: usize = 32;
    thread_local! {
        static KEYS: std::cell::RefCell<Vec<(String, JsValue)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    KEYS.with_borrow_mut(|keys| {
        if let Some((_, key)) = keys.iter().find(|(n, _)| n == name) {
            return key.clone();
        }
        let key = JsValue::from_str(name);
        if keys.len() < KEPT {
            keys.push((name.to_owned(), key.clone()));
        }
        key
    })
}

/// `{ region?, endpoint?, useFipsEndpoint?, useDualstackEndpoint? }` of a configuration.
pub fn read_endpoint_params(config: &Reader) -> Result<EndpointParams, ApiError> {
    Ok(EndpointParams {
        region: config.string("region")?,
        endpoint: config.string("endpoint")?,
        use_fips: config.bool("useFipsEndpoint")?,
        use_dual_stack: config.bool("useDualstackEndpoint")?,
    })
}

/// The `credentials` member: `{ accessKeyId, secretAccessKey, sessionToken?, expiration? }`.
pub fn read_credentials(owner: &Reader) -> Result<Credentials, ApiError> {
    let Some((value, path)) = owner.object("credentials")? else {
        return Err(owner.error("required", "credentials", concat(&[&owner.path("credentials"), " is required"])));
    };
    read_credentials_value(&value, &path)
}

/// A credentials object, from the member `path` or from a credentials function.
pub fn read_credentials_value(value: &JsValue, path: &str) -> Result<Credentials, ApiError> {
    let creds = Reader::new(value, path, ErrorKind::Configuration)?;
    Ok(Credentials {
        access_key_id: creds.required_string("accessKeyId")?,
        secret_access_key: creds.required_string("secretAccessKey")?,
        session_token: creds.string("sessionToken")?,
        expiration_ms: creds.time_ms("expiration")?,
    })
}

/// `{ region, credentials, signingDate? }`; without `signingDate`, now from JavaScript's
/// clock (`SystemTime::now()` panics on wasm32).
pub fn read_signing_options(owner: &Reader, service: String) -> Result<SigningOptions, ApiError> {
    Ok(SigningOptions {
        region: owner.required_string("region")?,
        service,
        credentials: read_credentials(owner)?,
        time_ms: owner.time_ms("signingDate")?.unwrap_or_else(js_sys::Date::now),
    })
}

/// An `HttpRequest` given by the caller, checked member by member.
pub fn read_http_request(value: &JsValue) -> Result<HttpRequest, ApiError> {
    let request = Reader::new(value, "request", ErrorKind::Request)?;
    let method = request.required_string("method")?;
    if method.is_empty() || !method.bytes().all(|c| c.is_ascii_alphabetic()) {
        return Err(request.error("invalid", "method", "request.method must be an HTTP method such as POST".into()));
    }
    let url = request.required_string("url")?;
    let body = request.string("body")?.unwrap_or_default();
    let mut headers = Headers::new();
    if let Some((value, path)) = request.object("headers")? {
        let header_reader = Reader::new(&value, &path, ErrorKind::Request)?;
        let names = object_keys(&value).map_err(|_| request.error("type", "headers", "request.headers could not be read".into()))?;
        for name in names.iter().filter_map(|n| n.as_string()) {
            let header_value = header_reader.required_string(&name)?;
            headers.insert(name.to_ascii_lowercase(), header_value);
        }
    }
    Ok(HttpRequest { method, url, headers, body })
}
