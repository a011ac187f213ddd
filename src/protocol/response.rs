//! Reading a response: a 2xx becomes the operation's output (checked against the output
//! shape of the model), anything else a `ServiceError` named as the AWS SDKs name it.

use crate::json;
use crate::protocol::headers::Headers;
use crate::model::{member_named, Kind, Operation, Shape};
use crate::text::{concat, decimal};
use crate::validate::{validate_output, IssueCode, Severity};
use crate::value::{Text, Value};

/// A response as received; `json` is the body parsed as JSON, when it is JSON.
#[derive(Debug, Clone, Default)]
pub struct HttpResponse {
    pub status: u16,
    pub status_text: String,
    /// Lower-case names.
    pub headers: Headers,
    pub body: String,
    pub json: Option<Value>,
}

impl HttpResponse {
    /// Reads `{ status, statusText, headers, body }` as `src/client/transport.js` hands it over; the
    /// body is parsed as JSON when it is JSON and no larger than this module reads.
    pub fn from_json(text: &str) -> Self {
        let Some(Value::Object(members)) = json::parse(text) else { return HttpResponse::default() };
        let mut response = HttpResponse::default();
        for (key, value) in members {
            match (key.text.as_str(), value) {
                ("status", Value::Number(n)) => response.status = n as u16,
                ("statusText", Value::String(s)) => response.status_text = s.text,
                ("body", Value::String(s)) => response.body = s.text,
                ("headers", Value::Object(headers)) => {
                    for (name, value) in headers {
                        if let Value::String(v) = value {
                            response.headers.insert(name.text.to_ascii_lowercase(), v.text);
                        }
                    }
                }
                _ => {}
            }
        }
        if response.body.len() <= MAX_RESPONSE_BYTES {
            response.json = json::parse(&response.body);
        }
        response
    }

    pub fn request_id(&self) -> Option<String> {
        self.headers.get("x-amzn-requestid").or_else(|| self.headers.get("x-amz-request-id")).map(str::to_owned)
    }
}

/// Which retry rule an error falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    Throttling,
    /// 5xx, timeouts, network failures.
    Transient,
    /// The service rejected the signing time; retried once the clock offset is corrected.
    ClockSkew,
    /// The session token expired: retried once with refreshed credentials.
    ExpiredCredentials,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError {
    /// The error type: `ConflictException`, `UnrecognizedClientException`, …
    pub name: String,
    pub message: String,
    pub status: Option<u16>,
    pub request_id: Option<String>,
    /// The body's other members (`quotaName`, `resourceId`, `reason`, …): the caller's error
    /// carries them, as the SDK's `decorateServiceException` puts them on its exceptions.
    pub members: Vec<(Text, Value)>,
    pub class: ErrorClass,
}

impl ServiceError {
    /// `server` for 5xx and failures without a response, as the SDKs' `$fault`.
    pub fn fault(&self) -> &'static str {
        match self.status {
            Some(s) if s < 500 => "client",
            _ => "server",
        }
    }

    /// An error without a response: a network failure or a timeout.
    pub fn without_response(name: &str, message: String) -> Self {
        ServiceError {
            name: name.into(),
            message,
            status: None,
            request_id: None,
            members: Vec::new(),
            class: ErrorClass::Transient,
        }
    }
}

const THROTTLING: &[&str] = &[
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];
const TRANSIENT: &[&str] = &["TimeoutError", "RequestTimeout", "RequestTimeoutException"];
const CLOCK_SKEW: &[&str] = &[
    "AuthFailure",
    "InvalidSignatureException",
    "RequestExpired",
    "RequestInTheFuture",
    "RequestTimeTooSkewed",
    "SignatureDoesNotMatch",
];
const EXPIRED_CREDENTIALS: &[&str] = &["ExpiredToken", "ExpiredTokenException"];

/// The largest response body read; the output and every error body are a few hundred bytes.
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;

/// The operation's output members, or why there are none.
pub fn read(operation: &Operation, response: &HttpResponse) -> Result<Vec<(Text, Value)>, ServiceError> {
    if response.body.len() > MAX_RESPONSE_BYTES {
        return Err(ServiceError {
            name: "InvalidResponseError".into(),
            message: concat(&[
                &status_line(response),
                " with a body of ",
                &decimal(response.body.len()),
                " bytes; this module reads at most ",
                &decimal(MAX_RESPONSE_BYTES),
            ]),
            status: Some(response.status),
            request_id: response.request_id(),
            members: Vec::new(),
            class: ErrorClass::Other,
        });
    }
    if (200..300).contains(&response.status) {
        return read_output(operation, response);
    }
    let field = |name: &str| match &response.json {
        Some(Value::Object(members)) => members.iter().find(|(k, _)| k.text == name).map(|(_, v)| v),
        _ => None,
    };
    // An empty string says nothing: treated as absent.
    let text = |name: &str| match field(name) {
        Some(Value::String(s)) if !s.text.trim().is_empty() => Some(s.text.clone()),
        _ => None,
    };
    let name = response
        .headers
        .get("x-amzn-errortype")
        .map(str::to_owned)
        .or_else(|| text("code"))
        .or_else(|| text("__type"))
        .map(|raw| sanitize_error_code(&raw))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "UnknownError".into());
    let message = text("message")
        .or_else(|| text("Message"))
        .unwrap_or_else(|| concat(&[&status_line(response), " ", &describe_body(response)]));
    let class = if response.status == 429 || THROTTLING.contains(&name.as_str()) {
        ErrorClass::Throttling
    } else if matches!(response.status, 500 | 502 | 503 | 504) || TRANSIENT.contains(&name.as_str()) {
        ErrorClass::Transient
    } else if CLOCK_SKEW.contains(&name.as_str()) {
        ErrorClass::ClockSkew
    } else if EXPIRED_CREDENTIALS.contains(&name.as_str()) {
        ErrorClass::ExpiredCredentials
    } else {
        ErrorClass::Other
    };
    // The members that say what the error is are the error's own; the rest are details.
    let members = match &response.json {
        Some(Value::Object(members)) => members
            .iter()
            .filter(|(k, v)| !v.is_absent() && !ERROR_KEYS.contains(&k.text.as_str()) && !k.text.starts_with('$'))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    Err(ServiceError {
        name,
        message,
        status: Some(response.status),
        request_id: response.request_id(),
        members,
        class,
    })
}

/// The members of an error's body that name it or are its message: not copied as details.
const ERROR_KEYS: [&str; 7] = ["message", "Message", "__type", "code", "name", "stack", "cause"];

/// As the AWS SDKs read an error type: `Name:namespace…` or `namespace#Name`, first of a list.
/// Control characters are dropped: they belong to no error name.
pub fn sanitize_error_code(raw: &str) -> String {
    let mut code = raw.split(',').next().unwrap_or(raw);
    code = code.split(':').next().unwrap_or(code);
    if let Some((_, name)) = code.split_once('#') {
        code = name;
    }
    without_controls(code.trim(), usize::MAX)
}

/// The first `max` characters of `s` that are not control characters.
fn without_controls(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max));
    for c in s.chars().filter(|c| !c.is_control()).take(max) {
        out.push(c);
    }
    out
}

fn status_line(response: &HttpResponse) -> String {
    let mut line = concat(&["HTTP ", &decimal(response.status.into()), " ", &response.status_text]);
    line.truncate(line.trim_end().len());
    line
}

/// What a body that carries no message is, for an error message: never a parse crash.
fn describe_body(response: &HttpResponse) -> String {
    let body = response.body.trim();
    if body.is_empty() {
        return "with an empty body".into();
    }
    let kind = response.headers.get("content-type").map(|t| concat(&[" (", t, ")"])).unwrap_or_default();
    let excerpt = without_controls(body, 200);
    let what = if response.json.is_some() { "a JSON body without a message" } else { "a body that is not JSON" };
    concat(&["with ", what, &kind, ": ", &excerpt])
}

fn read_output(operation: &Operation, response: &HttpResponse) -> Result<Vec<(Text, Value)>, ServiceError> {
    // An operation without output members answers with any body (the service sends `{}`).
    let Some(shape) = operation.output() else { return Ok(Vec::new()) };
    let invalid = |why: String| ServiceError {
        name: "InvalidResponseError".into(),
        message: concat(&[&status_line(response), " ", &why]),
        status: Some(response.status),
        request_id: response.request_id(),
        members: Vec::new(),
        class: ErrorClass::Other,
    };
    let Some(json) = &response.json else {
        return Err(invalid(describe_body(response)));
    };
    // Members the service adds later are fine; a wrong type or a missing member is not.
    let report = validate_output(shape, json);
    if let Some(issue) = report
        .issues
        .iter()
        .find(|i| i.severity == Severity::Error && i.code != IssueCode::UnknownMember)
    {
        let at = if issue.path.is_empty() { "the body".to_owned() } else { issue.path.clone() };
        return Err(invalid(concat(&["but the body does not match the output shape: ", &at, " ", &issue.message])));
    }
    match modelled(shape, json) {
        Value::Object(members) => Ok(members),
        _ => Err(invalid("but the body is not an object".into())),
    }
}

/// An answer's value as the SDKs return it: only the modelled members, at every depth;
/// a union's member this version does not know as `$unknown: [name, value]`; times as
/// `Value::Date` (ISO 8601 text or epoch seconds on the wire).
fn modelled(shape: &Shape, value: &Value) -> Value {
    match (shape.kind(), value) {
        (Kind::Structure(structure), Value::Object(entries)) => {
            let mut kept: Vec<(Text, Value)> = entries
                .iter()
                .filter(|(_, v)| !v.is_absent())
                .filter_map(|(k, v)| member_named(structure.members, &k.text).map(|m| (k.clone(), modelled(m.shape(), v))))
                .collect();
            if structure.union && kept.is_empty() {
                if let Some((name, v)) = entries.iter().find(|(_, v)| !v.is_absent()) {
                    kept.push(("$unknown".into(), Value::array(vec![Value::String(name.clone()), v.clone()])));
                }
            }
            Value::Object(kept)
        }
        (Kind::List(list), Value::Array { items, .. }) => Value::array(items.iter().map(|item| modelled(list.member, item)).collect()),
        (Kind::Map(map), Value::Object(entries)) => {
            Value::Object(entries.iter().filter(|(_, v)| !v.is_absent()).map(|(k, v)| (k.clone(), modelled(map.value, v))).collect())
        }
        (Kind::Timestamp, Value::Number(seconds)) => Value::Date((seconds * 1000.0).round()),
        (Kind::Timestamp, Value::String(text)) => Value::Date(crate::time::parse_iso8601(&text.text).unwrap_or(f64::NAN)),
        _ => value.clone(),
    }
}
