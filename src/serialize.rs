//! restJson1 serialization of the operation, as the model's `http` trait says:
//! `POST /memberships/{membershipIdentifier}/configured-model-algorithm-associations`,
//! the label percent-encoded, a JSON body of the members that are set.

use std::collections::BTreeMap;

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
            out.extend(['%', char::from(HEX[usize::from(b >> 4)]), char::from(HEX[usize::from(b & 15)])]);
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";
