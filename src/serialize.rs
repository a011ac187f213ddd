//! restJson1 serialization of the operation, as the model's `http` trait says:
//! `POST /memberships/{membershipIdentifier}/configured-model-algorithm-associations`,
//! the label percent-encoded, a JSON body of the members that are set.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::endpoint::Endpoint;
use crate::validate::ValidRequest;
use crate::value::Value;

/// An HTTP request as plain data: what `buildRequest` returns and `signRequest` takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    /// Lower-case names. `host` is signed but set by the browser, not by `fetch`.
    #[tsify(type = "Record<string, string>")]
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

/// Builds the unsigned request for an input that passed validation.
pub fn build_request(input: &ValidRequest<'_>, endpoint: &Endpoint) -> HttpRequest {
    let url = format!(
        "{}/memberships/{}/configured-model-algorithm-associations",
        endpoint.url(),
        encode_label(input.membership_identifier)
    );
    let mut body = String::new();
    write_object(&mut body, input.body_members());
    let headers = BTreeMap::from([
        ("content-type".to_owned(), "application/json".to_owned()),
        ("host".to_owned(), endpoint.authority.clone()),
    ]);
    HttpRequest { method: "POST".into(), url, headers, body }
}

/// Percent-encodes a path label: everything but RFC 3986 unreserved characters, as the
/// SDKs' `extendedEncodeURIComponent` does.
pub fn encode_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for b in label.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Writes JSON as `JSON.stringify` would, leaving out members that are `undefined` or `null`.
fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, *n),
        Value::String(s) => write_string(out, &s.text),
        Value::Array { items, .. } => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => write_object(out, members.iter().map(|(k, v)| (k.text.as_str(), v))),
        // Validation admits none of these where a value is written.
        Value::Undefined | Value::Null | Value::Other(_) => out.push_str("null"),
    }
}

fn write_object<'a>(out: &mut String, members: impl Iterator<Item = (&'a str, &'a Value)>) {
    out.push('{');
    let mut first = true;
    for (key, value) in members.filter(|(_, v)| !v.is_absent()) {
        if !first {
            out.push(',');
        }
        first = false;
        write_string(out, key);
        out.push(':');
        write_value(out, value);
    }
    out.push('}');
}

/// Numbers as JavaScript prints them: `10`, not `10.0` (validation admits only finite ones).
fn write_number(out: &mut String, n: f64) {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let _ = write!(out, "{}", n as i64);
    } else {
        let _ = write!(out, "{n}");
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
