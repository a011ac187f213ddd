//! AWS Signature Version 4 for any request to this service.
//!
//! The signing time comes from the caller (`SystemTime::now()` panics on wasm32);
//! credentials, the URL and every header are checked before anything is signed; the path
//! is escaped once more, as the AWS SDKs do for every service but S3 (a raw path is
//! escaped once, an already-escaped one twice); the canonical request is written by
//! `canonical`, with the signing key and signature of the `aws-sigv4` crate.

pub mod canonical;
mod sha256;

use std::fmt;

use crate::protocol::endpoint::{parse_url, Url};
use crate::protocol::request::{percent_encode, HttpRequest};
use crate::text::{concat, decimal};

pub use crate::protocol::headers::Headers;

/// Credentials; `Debug` never shows the secret or the token.
#[derive(Clone, PartialEq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    /// Milliseconds since the Unix epoch.
    pub expiration_ms: Option<f64>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .field("expiration_ms", &self.expiration_ms)
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct SigningOptions {
    pub region: String,
    pub service: String,
    pub credentials: Credentials,
    /// The signing time, milliseconds since the Unix epoch.
    pub time_ms: f64,
}

/// Why a request was not signed. Messages never contain secrets.
#[derive(Debug, Clone, PartialEq)]
pub struct SignError {
    /// The member at fault, as the caller wrote it: `credentials.secretAccessKey`, `url`, …
    pub member: &'static str,
    pub code: &'static str,
    pub message: String,
}

fn error(member: &'static str, code: &'static str, message: impl Into<String>) -> SignError {
    SignError { member, code, message: message.into() }
}

/// The largest body `sign` signs (what `build_request` makes is under 100 KB).
pub const MAX_BODY_BYTES: usize = 10 << 20;

/// 9999-12-31T23:59:59.999Z: `x-amz-date` has four digits for the year.
const LAST_MS_OF_9999: f64 = 253_402_300_799_999.0;

/// Headers this module computes; any given ones are replaced.
const COMPUTED: [&str; 3] = ["authorization", "x-amz-date", "x-amz-security-token"];

/// Signs `request`: returns it with `x-amz-date`, `authorization` and, with a session
/// token, `x-amz-security-token`; every other header given is signed as well, but
/// `canonical::UNSIGNED`.
pub fn sign(request: &HttpRequest, options: &SigningOptions) -> Result<HttpRequest, SignError> {
    let (url, mut headers) = checked(request, options)?;
    let amz_date = canonical::amz_date(options.time_ms);
    headers.insert("x-amz-date".into(), amz_date.clone());
    if let Some(token) = &options.credentials.session_token {
        headers.insert("x-amz-security-token".into(), token.clone());
    }
    // Values are signed with their spaces trimmed; the token as it is, as `aws-sigv4`
    // signs it (a real token has no spaces).
    let signed: Headers = headers
        .iter()
        .filter(|(name, _)| !canonical::UNSIGNED.contains(name))
        .map(|(name, value)| match name {
            "x-amz-security-token" => (name, value.to_owned()),
            _ => (name, canonical::trim_spaces(value)),
        })
        .collect();
    let scope = canonical::Scope { region: &options.region, service: &options.service, amz_date: &amz_date, time_ms: options.time_ms };
    let canonical_request = canonical::canonical_request(
        &request.method,
        &canonical::canonical_uri(&signed_path(&url)),
        &canonical::canonical_query(url.query),
        &signed,
        request.body.as_bytes(),
    );
    let authorization = canonical::authorization(&canonical_request, &signed, &options.credentials, &scope);
    headers.insert("authorization".into(), authorization);
    Ok(HttpRequest { method: request.method.clone(), url: request.url.clone(), headers, body: request.body.clone() })
}

/// Refuses what cannot be signed or sent (before anything is signed); returns the URL and
/// the headers to send (lower-case names, computed ones left out, `host` added).
fn checked<'a>(request: &'a HttpRequest, options: &SigningOptions) -> Result<(Url<'a>, Headers), SignError> {
    let creds = &options.credentials;
    if creds.access_key_id.is_empty() {
        return Err(error("credentials.accessKeyId", "required", "the access key ID is empty"));
    }
    if creds.secret_access_key.is_empty() {
        return Err(error("credentials.secretAccessKey", "required", "the secret access key is empty"));
    }
    if creds.session_token.as_deref().is_some_and(|token| !is_header_value(token)) {
        return Err(error("credentials.sessionToken", "invalid", "the session token holds characters a header cannot carry"));
    }
    if !options.time_ms.is_finite() || options.time_ms < 0.0 || options.time_ms > LAST_MS_OF_9999 {
        return Err(error("signingDate", "invalid", "the signing date is not a valid time from 1970 to 9999"));
    }
    if let Some(expiration) = creds.expiration_ms {
        if expiration <= options.time_ms {
            return Err(error(
                "credentials.expiration",
                "expired",
                "the credentials expired before the signing date; refresh them",
            ));
        }
    }
    if request.body.len() > MAX_BODY_BYTES {
        let message = concat(&["the body is ", &decimal(request.body.len()), " bytes; this module signs at most ", &decimal(MAX_BODY_BYTES)]);
        return Err(error("body", "tooLarge", message));
    }
    if options.region.is_empty() {
        return Err(error("region", "required", "a region is required for signing"));
    }

    let url = parse_url(&request.url).map_err(|why| error("url", "invalid", concat(&["the URL is not usable: ", why])))?;
    let mut headers = Headers::new();
    for (name, value) in &request.headers {
        let name = name.to_ascii_lowercase();
        if COMPUTED.contains(&name.as_str()) {
            continue; // replaced
        }
        if !is_header_name(&name) {
            return Err(error("headers", "invalid", concat(&["the header name ", &crate::validate::quoted(&name), " is not a valid HTTP header name"])));
        }
        if !is_header_value(value) {
            return Err(error("headers", "invalid", concat(&["the header ", &name, " holds a control character, which a header cannot carry"])));
        }
        headers.insert(name, value.to_owned());
    }
    headers.insert_if_absent("host", || url.authority.clone());
    Ok((url, headers))
}

/// RFC 9110's `token`: what an HTTP header name may hold.
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// What an HTTP header value may hold: no control character but tab.
fn is_header_value(value: &str) -> bool {
    value.bytes().all(|b| b == b'\t' || (b >= 0x20 && b != 0x7F))
}

/// The URL's path as signed (`/` when empty): every byte but unreserved characters and
/// `/` escaped, `%` included, so an escaped path is escaped twice, as SigV4 requires for
/// every service but S3.
pub fn signed_path(url: &Url) -> String {
    percent_encode(if url.path.is_empty() { "/" } else { url.path }, b"/")
}
