//! AWS Signature Version 4 for this service, with the `aws-sigv4` crate.
//!
//! What this module adds around the crate: the signing time comes from the caller
//! (`SystemTime::now()` panics on wasm32), credentials are checked before anything is
//! signed, the path is escaped once more as the AWS SDKs do for every service but S3
//! (a raw path is escaped once, an already-escaped one twice), and requests whose
//! canonical form is the request itself take a fast path with a cached signing key
//! (`canonical`).

mod canonical;

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::http_request::{
    sign as sigv4_sign, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::protocol::endpoint::{parse_url, Url};
use crate::protocol::request::{percent_encode, HttpRequest};

/// The service's signing name (`aws.auth#sigv4` in the service model).
pub const SIGNING_NAME: &str = "cleanrooms-ml";

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
/// token, `x-amz-security-token`; every other header given is signed as well.
pub fn sign(request: &HttpRequest, options: &SigningOptions) -> Result<HttpRequest, SignError> {
    let (url, mut headers) = checked(request, options)?;
    let token = options.credentials.session_token.as_deref();
    if options.time_ms > LAST_MS_OF_9999 || !canonical::applies(url.path, url.query, &headers, token) {
        return sign_checked_with_crate(request, options, &url, headers);
    }
    let amz_date = canonical::amz_date(options.time_ms);
    headers.insert("x-amz-date".into(), amz_date.clone());
    if let Some(token) = token {
        headers.insert("x-amz-security-token".into(), token.into());
    }
    let scope = canonical::Scope { region: &options.region, service: &options.service, amz_date: &amz_date, time_ms: options.time_ms };
    let authorization = canonical::authorization(&request.method, &signed_path(&url), &headers, request.body.as_bytes(), &options.credentials, &scope);
    headers.insert("authorization".into(), authorization);
    Ok(HttpRequest { method: request.method.clone(), url: request.url.clone(), headers, body: request.body.clone() })
}

/// Signs with the crate's HTTP signer alone, never the fast path: what `sign` does for
/// the requests the fast path does not take (public so tests can compare the two).
pub fn sign_with_crate(request: &HttpRequest, options: &SigningOptions) -> Result<HttpRequest, SignError> {
    let (url, headers) = checked(request, options)?;
    sign_checked_with_crate(request, options, &url, headers)
}

/// Refuses what cannot be signed (before anything is); returns the URL and the headers to
/// sign (lower-case names, computed ones left out, `host` added).
fn checked<'a>(request: &'a HttpRequest, options: &SigningOptions) -> Result<(Url<'a>, BTreeMap<String, String>), SignError> {
    let creds = &options.credentials;
    if creds.access_key_id.is_empty() {
        return Err(error("credentials.accessKeyId", "required", "the access key ID is empty"));
    }
    if creds.secret_access_key.is_empty() {
        return Err(error("credentials.secretAccessKey", "required", "the secret access key is empty"));
    }
    if !options.time_ms.is_finite() || options.time_ms < 0.0 {
        return Err(error("signingDate", "invalid", "the signing date is not a valid time"));
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
        let message = format!("the body is {} bytes; this module signs at most {MAX_BODY_BYTES}", request.body.len());
        return Err(error("body", "tooLarge", message));
    }
    if options.region.is_empty() {
        return Err(error("region", "required", "a region is required for signing"));
    }

    let url = parse_url(&request.url).map_err(|why| error("url", "invalid", format!("the URL is not usable: {why}")))?;
    let mut headers: BTreeMap<String, String> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
        .filter(|(name, _)| !COMPUTED.contains(&name.as_str()))
        .collect();
    headers.entry("host".into()).or_insert_with(|| url.authority.clone());
    Ok((url, headers))
}

fn sign_checked_with_crate(
    request: &HttpRequest,
    options: &SigningOptions,
    url: &Url,
    mut headers: BTreeMap<String, String>,
) -> Result<HttpRequest, SignError> {
    let creds = &options.credentials;
    let signable_uri = format!(
        "{}://{}{}{}",
        url.scheme,
        url.authority,
        signed_path(url),
        url.query.map(|q| format!("?{}", escape_query(q))).unwrap_or_default()
    );
    let identity: Identity = aws_credential_types::Credentials::new(
        &creds.access_key_id,
        &creds.secret_access_key,
        creds.session_token.clone(),
        None,
        "cleanroomsml-wasm",
    )
    .into();
    let mut settings = SigningSettings::default();
    // `signed_path` already escaped the path the way the SDKs do.
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    let time = UNIX_EPOCH + Duration::from_millis(options.time_ms as u64);
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&options.region)
        .name(&options.service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| error("options", "invalid", format!("cannot sign: {e}")))?
        .into();
    let signable = SignableRequest::new(
        &request.method,
        signable_uri.as_str(),
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(request.body.as_bytes()),
    )
    .map_err(|e| error("url", "invalid", format!("the request cannot be signed: {e}")))?;
    let (instructions, _signature) = sigv4_sign(signable, &params)
        .map_err(|e| error("headers", "invalid", format!("the request cannot be signed: {e}")))?
        .into_parts();
    for (name, value) in instructions.headers() {
        headers.insert(name.to_ascii_lowercase(), value.to_owned());
    }
    Ok(HttpRequest { method: request.method.clone(), url: request.url.clone(), headers, body: request.body.clone() })
}

/// The URL's path as both signing paths sign it (`/` when empty): every byte but
/// unreserved characters and `/` escaped, `%` included, so an escaped path is escaped
/// twice, as SigV4 requires for every service but S3.
fn signed_path(url: &Url) -> String {
    percent_encode(if url.path.is_empty() { "/" } else { url.path }, |b| b == b'/')
}

/// Makes a query parseable as a URI without changing what it means: escapes only bytes a
/// URI cannot hold raw (the signer decodes and re-escapes each parameter canonically).
fn escape_query(query: &str) -> String {
    percent_encode(query, |b| b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b))
}
