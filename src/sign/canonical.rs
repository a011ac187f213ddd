//! SigV4's canonical request and string to sign, written directly for every request, and
//! the signing key kept per secret, day, region and service as the AWS SDKs keep it.
//! The key and the signature are HMAC-SHA256 over `sha256` (RFC 2104, a few lines: `aws-sigv4`
//! for them cost 2.4 KB of gzip); `aws-sigv4`'s HTTP signer is the oracle
//! `tests/sign_oracle.rs` compares this module with on generated requests.

use std::cell::RefCell;

use super::sha256::{self, Sha256};

use super::{Credentials, Headers};
use crate::protocol::request::percent_encode;
use crate::text::{concat, LOWER_HEX};
use crate::value::join;

/// Headers left unsigned, as `aws-sigv4`'s default settings (and the SDKs) leave them:
/// proxies and the platform may change them.
pub const UNSIGNED: [&str; 3] = ["user-agent", "x-amzn-trace-id", "transfer-encoding"];

/// The canonical URI: the (already escaped) path with `.` and `..` segments removed and
/// empty segments dropped (RFC 3986 §5.2.4, as SigV4 normalizes every service's path but
/// S3's); `/` when nothing is left; a trailing `/` kept.
pub fn canonical_uri(path: &str) -> String {
    if path.is_empty() {
        return "/".into();
    }
    let absolute = if path.starts_with('/') { path.to_owned() } else { concat(&["/", path]) };
    if !absolute.contains('.') && !absolute.as_bytes().windows(2).any(|pair| pair == b"//") {
        return absolute;
    }
    let mut kept: Vec<&str> = Vec::new();
    for segment in absolute.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            segment => kept.push(segment),
        }
    }
    let mut uri = concat(&["/", &join(kept, "/")]);
    let ends_in_directory = absolute.ends_with('/') || absolute.ends_with("/.") || absolute.ends_with("/..");
    if ends_in_directory && !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The canonical query string: each parameter decoded as `application/x-www-form-urlencoded`
/// (`+` is a space; a `%` not followed by two hex digits stays as it is), encoded again
/// with only the unreserved characters left as they are, sorted by name then value, and
/// joined; `name=` for a parameter without a value.
pub fn canonical_query(query: Option<&str>) -> String {
    let Some(query) = query else { return String::new() };
    let encode = |s: &str| percent_encode(s, b"");
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (encode(&form_decode(name)), encode(&form_decode(value)))
        })
        .collect();
    // Equal pairs are identical, so an unstable sort gives the same order (and is smaller).
    pairs.sort_unstable();
    let mut out = String::with_capacity(query.len() + 8);
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        for part in [name.as_str(), "=", value] {
            out.push_str(part);
        }
    }
    out
}

/// `application/x-www-form-urlencoded` decoding of one name or value; bytes that are not
/// UTF-8 become U+FFFD.
fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16).map(|d| d as u8);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A header value as signed: spaces at either end removed and runs of spaces made one
/// (only spaces: tabs and other white space stay).
pub fn trim_spaces(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// When, where and for which service the request is signed.
pub struct Scope<'a> {
    pub region: &'a str,
    pub service: &'a str,
    /// `amz_date(time_ms)`
    pub amz_date: &'a str,
    pub time_ms: f64,
}

/// The canonical request (SigV4 task 1). `headers` are the ones to sign, names lower-case
/// and sorted, values as signed (`trim_spaces`), `x-amz-date` and the token included.
pub fn canonical_request(method: &str, uri: &str, query: &str, headers: &Headers, body: &[u8]) -> String {
    let mut canonical = String::with_capacity(256 + uri.len() + query.len() + headers.len() * 48);
    for part in [method, "\n", uri, "\n", query, "\n"] {
        canonical.push_str(part);
    }
    for (name, value) in headers {
        for part in [name, ":", value, "\n"] {
            canonical.push_str(part);
        }
    }
    canonical.push('\n');
    canonical.push_str(&signed_headers(headers));
    canonical.push('\n');
    canonical.push_str(&hex(&sha256::digest(body)));
    canonical
}

fn signed_headers(headers: &Headers) -> String {
    join(headers.iter().map(|(name, _)| name), ";")
}

/// The string to sign (task 2) for a canonical request.
pub fn string_to_sign(canonical_request: &str, scope: &Scope) -> String {
    let digest = hex(&sha256::digest(canonical_request.as_bytes()));
    concat(&["AWS4-HMAC-SHA256\n", scope.amz_date, "\n", &credential_scope(scope), "\n", &digest])
}

fn credential_scope(scope: &Scope) -> String {
    concat(&[&scope.amz_date[..8], "/", scope.region, "/", scope.service, "/aws4_request"])
}

/// The `authorization` header (tasks 3 and 4).
pub fn authorization(canonical_request: &str, headers: &Headers, credentials: &Credentials, scope: &Scope) -> String {
    let key = signing_key(&credentials.secret_access_key, scope);
    let signature = hex(&hmac(&key, string_to_sign(canonical_request, scope).as_bytes()));
    concat(&[
        "AWS4-HMAC-SHA256 Credential=",
        &credentials.access_key_id,
        "/",
        &credential_scope(scope),
        ", SignedHeaders=",
        &signed_headers(headers),
        ", Signature=",
        &signature,
    ])
}

/// `x-amz-date`: `YYYYMMDD'T'HHMMSS'Z'` of the signing time (whole seconds, UTC).
pub fn amz_date(time_ms: f64) -> String {
    let (mut out, _) = crate::time::date_time(time_ms, "", "");
    out.push('Z');
    out
}

/// The last signing key derived, and what it was derived from. The secret is kept to
/// compare with (it is in memory anyway while credentials are); nothing prints this.
struct CachedKey {
    secret: String,
    day: String,
    region: String,
    service: String,
    key: [u8; 32],
}

thread_local! {
    static SIGNING_KEY: RefCell<Option<CachedKey>> = const { RefCell::new(None) };
}

/// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request"),
/// derived by the crate and reused while secret, day, region and service stay the same.
fn signing_key(secret: &str, scope: &Scope) -> [u8; 32] {
    let day = &scope.amz_date[..8];
    SIGNING_KEY.with_borrow_mut(|cached| {
        if let Some(c) = cached.as_ref().filter(|c| c.secret == secret && c.day == day && c.region == scope.region && c.service == scope.service) {
            return c.key;
        }
        let k_date = hmac(concat(&["AWS4", secret]).as_bytes(), day.as_bytes());
        let k_region = hmac(&k_date, scope.region.as_bytes());
        let k_service = hmac(&k_region, scope.service.as_bytes());
        let key = hmac(&k_service, b"aws4_request");
        *cached = Some(CachedKey { secret: secret.into(), day: day.into(), region: scope.region.into(), service: scope.service.into(), key });
        key
    })
}

/// HMAC-SHA256 (RFC 2104).
fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::default();
    inner.update(&block.map(|b| b ^ 0x36));
    inner.update(data);
    let mut outer = Sha256::default();
    outer.update(&block.map(|b| b ^ 0x5c));
    outer.update(&inner.finish());
    outer.finish()
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(LOWER_HEX[usize::from(b >> 4)]));
        out.push(char::from(LOWER_HEX[usize::from(b & 15)]));
    }
    out
}
