//! The fast path of signing: requests whose canonical form is the request as it is —
//! no query, a path without `.` or empty segments, lower-case header names, header
//! values with no spaces to trim — which is every request `build_request` makes.
//!
//! For those the canonical request (SigV4 task 1) is written directly, and the signing
//! key is derived with `aws_sigv4::sign::v4::generate_signing_key` once per secret, day,
//! region and service, as the AWS SDKs cache it: the crate's HTTP signer derives it on
//! every call (4 HMACs) and cannot be handed one. The signature itself is still the
//! crate's `calculate_signature`. Everything else goes to the crate's HTTP signer, and
//! `tests/sign_paths.rs` checks that both give the same headers for every request this
//! path takes.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::sign::v4;
use sha2::{Digest, Sha256};

use super::Credentials;

/// Headers the crate's signer leaves unsigned (`SigningSettings::default`); a request
/// carrying one takes the crate's path.
const UNSIGNED: [&str; 3] = ["user-agent", "x-amzn-trace-id", "transfer-encoding"];

/// Whether the canonical request is the request as it is (see the module comment), for
/// `headers` to sign and the session token, if any.
pub fn applies(path: &str, query: Option<&str>, headers: &BTreeMap<String, String>, token: Option<&str>) -> bool {
    let plain_path = path.is_empty() || (path.starts_with('/') && !path.contains('.') && !path.contains("//"));
    let plain_name = |name: &str| !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    // The crate trims values and collapses runs of spaces; such values take its path.
    let plain_value = |value: &str| {
        value.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
            && !value.starts_with(' ')
            && !value.ends_with(' ')
            && !value.contains("  ")
    };
    query.is_none()
        && plain_path
        && token.is_none_or(plain_value)
        && headers.iter().all(|(name, value)| plain_name(name) && plain_value(value) && !UNSIGNED.contains(&name.as_str()))
}

/// `x-amz-date`: `YYYYMMDD'T'HHMMSS'Z'` of the signing time (whole seconds, UTC).
pub fn amz_date(time_ms: f64) -> String {
    let seconds = (time_ms / 1000.0).floor() as i64;
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let (h, m, s) = (second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
    format!("{year:04}{month:02}{day:02}T{h:02}{m:02}{s:02}Z")
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The `authorization` header for a request that `applies`: `canonical_uri` is the path
/// as signed, `headers` every header to sign (lower-case names, sorted by the map),
/// `x-amz-date` and the token included.
pub fn authorization(
    method: &str,
    canonical_uri: &str,
    headers: &BTreeMap<String, String>,
    body: &[u8],
    credentials: &Credentials,
    scope: &Scope,
) -> String {
    let amz_date = scope.amz_date;
    let signed_headers = headers.keys().map(String::as_str).collect::<Vec<_>>().join(";");
    let mut canonical = String::with_capacity(256 + canonical_uri.len() + headers.len() * 48);
    for part in [method, "\n", canonical_uri, "\n\n"] {
        canonical.push_str(part);
    }
    for (name, value) in headers {
        for part in [name.as_str(), ":", value, "\n"] {
            canonical.push_str(part);
        }
    }
    for part in ["\n", &signed_headers, "\n", &hex(&Sha256::digest(body))] {
        canonical.push_str(part);
    }
    let credential_scope = format!("{}/{}/{}/aws4_request", &amz_date[..8], scope.region, scope.service);
    let string_to_sign = format!("AWS4-HMAC-SHA256\n{amz_date}\n{credential_scope}\n{}", hex(&Sha256::digest(canonical.as_bytes())));
    let key = signing_key(&credentials.secret_access_key, scope);
    let signature = v4::calculate_signature(key, string_to_sign.as_bytes());
    format!(
        "AWS4-HMAC-SHA256 Credential={}/{credential_scope}, SignedHeaders={signed_headers}, Signature={signature}",
        credentials.access_key_id
    )
}

/// When, where and for which service the request is signed.
pub struct Scope<'a> {
    pub region: &'a str,
    pub service: &'a str,
    /// `amz_date(time_ms)`
    pub amz_date: &'a str,
    pub time_ms: f64,
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
        let time = UNIX_EPOCH + Duration::from_millis(scope.time_ms as u64);
        let derived = v4::generate_signing_key(secret, time, scope.region, scope.service);
        let mut key = [0u8; 32];
        key.copy_from_slice(derived.as_ref());
        *cached = Some(CachedKey { secret: secret.into(), day: day.into(), region: scope.region.into(), service: scope.service.into(), key });
        key
    })
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes.iter().flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]]).map(char::from).collect()
}
