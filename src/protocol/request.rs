//! restJson1 serialization of an operation's input, as the operation table generated from
//! the model's `http` trait and member locations says.

use tsify::Tsify;

use crate::json;
use crate::model::Location;
use crate::protocol::endpoint::Endpoint;
pub use crate::protocol::headers::Headers;
use crate::validate::ValidRequest;
use crate::value::Value;

/// An HTTP request as plain data: what `buildRequest` returns and `signRequest` takes.
#[derive(Debug, Clone, PartialEq, Tsify)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    /// Lower-case names. `host` is signed but set by the browser, not by `fetch`.
    #[tsify(type = "Record<string, string>")]
    pub headers: Headers,
    pub body: String,
}

/// Builds the unsigned request for an input that passed validation: each member where
/// the operation puts it — `{labels}` of the URI template percent-encoded, query
/// parameters, headers — and the body members as a JSON object (no body when the
/// operation's input has no body members).
pub fn build_request(input: &ValidRequest<'_>, endpoint: &Endpoint) -> HttpRequest {
    let operation = input.operation;
    let mut labels: Vec<(&str, String)> = Vec::new();
    let mut query = String::new();
    // botocore writes `?` once a query member is set, even a list with no items.
    let mut has_query = false;
    let mut headers = Headers::from([("host", endpoint.authority.clone())]);
    let mut body = json::Writer::default();
    body.begin_object();
    for (member, value) in input.members() {
        match member.location() {
            Location::Body => {
                body.key(member.name());
                body.value(value);
            }
            Location::Label => labels.push((member.name(), scalar_text(value))),
            // A list is the parameter repeated, one item each, as botocore writes it.
            Location::Query(name) => {
                has_query = true;
                match value {
                    Value::Array { items, .. } => items.iter().for_each(|item| push_query(&mut query, name, item)),
                    _ => push_query(&mut query, name, value),
                }
            }
            Location::Header(name) => {
                headers.insert(name.to_owned(), scalar_text(value));
            }
        }
    }
    body.end_object();
    let has_body = operation.input_members().iter().any(|m| m.location() == Location::Body);
    if has_body {
        headers.insert("content-type".to_owned(), "application/json".to_owned());
    }
    let path = expand(operation.uri(), &labels);
    let mut url = endpoint.url();
    url.push_str(&path);
    if has_query {
        url.push(if path.contains('?') { '&' } else { '?' });
        url.push_str(&query);
    }
    let body = if has_body { body.finish() } else { String::new() };
    HttpRequest { method: operation.method.to_owned(), url, headers, body }
}

/// The URI template with each `{label}` replaced by its value percent-encoded, and each
/// greedy `{label+}` with `/` kept.
fn expand(template: &str, labels: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|i| open + i) else { break };
        let name = &rest[open + 1..close];
        let (name, greedy) = match name.strip_suffix('+') {
            Some(name) => (name, true),
            None => (name, false),
        };
        if let Some((_, value)) = labels.iter().find(|(n, _)| *n == name) {
            out.push_str(&percent_encode(value, if greedy { b"/" } else { b"" }));
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Appends `name=value` to a query string, both percent-encoded.
fn push_query(query: &mut String, name: &str, value: &Value) {
    for part in [if query.is_empty() { "" } else { "&" }, &encode_label(name), "=", &encode_label(&scalar_text(value))] {
        query.push_str(part);
    }
}

/// A label, query or header value as text: strings as they are, numbers and booleans as
/// JSON writes them.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.text.clone(),
        other => {
            let mut w = json::Writer::default();
            w.value(other);
            w.finish()
        }
    }
}

/// Percent-encodes a path label: everything but RFC 3986 unreserved characters, as the
/// SDKs' `extendedEncodeURIComponent` does.
pub fn encode_label(label: &str) -> String {
    percent_encode(label, b"")
}

/// Percent-encodes every byte of `s` but RFC 3986 unreserved characters and those in
/// `keep`.
pub fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.extend(['%', char::from(HEX[usize::from(b >> 4)]), char::from(HEX[usize::from(b & 15)])]);
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";
