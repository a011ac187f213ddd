//! restJson1 serialization of the operation, as the model's `http` trait says:
//! `POST /memberships/{membershipIdentifier}/configured-model-algorithm-associations`,
//! the label percent-encoded, a JSON body of the members that are set.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::endpoint::Endpoint;
use crate::json;
use crate::validate::ValidRequest;

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
    let mut body = json::Writer::default();
    body.object(input.body_members());
    let headers = BTreeMap::from([
        ("content-type".to_owned(), "application/json".to_owned()),
        ("host".to_owned(), endpoint.authority.clone()),
    ]);
    HttpRequest { method: "POST".into(), url, headers, body: body.finish() }
}

/// Percent-encodes a path label: everything but RFC 3986 unreserved characters, as the
/// SDKs' `extendedEncodeURIComponent` does.
pub fn encode_label(label: &str) -> String {
    percent_encode(label, |_| false)
}

/// Percent-encodes every byte of `s` but RFC 3986 unreserved characters and those `keep`
/// accepts.
pub fn percent_encode(s: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep(b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

impl json::ToJson for HttpRequest {
    fn write(&self, w: &mut json::Writer) {
        w.begin_object();
        w.key("method");
        w.string(&self.method);
        w.key("url");
        w.string(&self.url);
        w.key("headers");
        w.begin_object();
        for (name, value) in &self.headers {
            w.key(name);
            w.string(value);
        }
        w.end_object();
        w.key("body");
        w.string(&self.body);
        w.end_object();
    }
}
