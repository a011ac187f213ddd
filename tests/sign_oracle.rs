//! `sign` writes SigV4's canonical request itself; the `aws-sigv4` crate's HTTP signer is
//! the oracle. Both sign over ten thousand generated requests — methods, queries with
//! repeated and empty names and values, unicode and reserved characters in paths and
//! queries, dot segments and `//`, headers to trim and headers left unsigned, session
//! tokens, dates across day, month and year edges from 1970 to 9999, changing secrets,
//! regions and days so the key cache is hit and missed — and must give the same headers,
//! `authorization` included (the same signature means the same string to sign and the
//! same canonical request), or both refuse.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::http_request::{sign as sigv4_sign, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use cleanroomsml_wasm::protocol::endpoint::parse_url;
use cleanroomsml_wasm::protocol::request::{percent_encode, Headers, HttpRequest};
use cleanroomsml_wasm::sign::{canonical, sign, signed_path, Credentials, SigningOptions};
use common::Rng;

/// The crate's HTTP signer, given the request as `sign` prepares it: names lower-cased,
/// `host` added, the path escaped as the SDKs escape it. What it refuses, it refuses.
fn sign_with_crate(request: &HttpRequest, options: &SigningOptions) -> Option<BTreeMap<String, String>> {
    let url = parse_url(&request.url).ok()?;
    let mut headers: BTreeMap<String, String> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
        .filter(|(name, _)| !["authorization", "x-amz-date", "x-amz-security-token"].contains(&name.as_str()))
        .collect();
    headers.entry("host".into()).or_insert_with(|| url.authority.clone());
    // Only bytes a URI cannot hold raw are escaped: the crate decodes and re-escapes each
    // parameter itself.
    let raw: Vec<u8> = (0x21..0x7f).filter(|b| !b"\"<>\\^`{|}".contains(b)).collect();
    let query = url.query.map(|q| format!("?{}", percent_encode(q, &raw)));
    let uri = format!("{}://{}{}{}", url.scheme, url.authority, signed_path(&url), query.unwrap_or_default());
    let creds = &options.credentials;
    let identity: Identity = aws_credential_types::Credentials::new(
        &creds.access_key_id,
        &creds.secret_access_key,
        creds.session_token.clone(),
        None,
        "oracle",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&options.region)
        .name(&options.service)
        .time(UNIX_EPOCH + Duration::from_millis(options.time_ms as u64))
        .settings(settings)
        .build()
        .ok()?
        .into();
    let signable = SignableRequest::new(
        &request.method,
        uri.as_str(),
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(request.body.as_bytes()),
    )
    .ok()?;
    let (instructions, _) = sigv4_sign(signable, &params).ok()?.into_parts();
    for (name, value) in instructions.headers() {
        headers.insert(name.to_ascii_lowercase(), value.to_owned());
    }
    Some(headers)
}

fn ours(request: &HttpRequest, options: &SigningOptions) -> Option<BTreeMap<String, String>> {
    sign(request, options).ok().map(|signed| signed.headers.iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect())
}

const BASES: &[&str] = &[
    "https://cleanrooms-ml.us-east-1.amazonaws.com",
    "https://cleanrooms-ml-fips.us-gov-west-1.api.aws",
    "http://127.0.0.1:4566",
    "http://localhost:8081/prefix",
    "https://example.com:443",
];
/// Path characters: unreserved, reserved, escapes (valid and not), unicode, space.
const SEGMENT: &[char] = &['a', 'Z', '0', '-', '_', '~', '%', '2', 'F', 'é', '€', '😀', ' ', '+', '=', '@', ':', '!', '$', '\'', '(', '*', ',', ';'];
/// Query characters, `&` and `=` included, escapes valid and not.
const QUERY: &[char] = &['a', 'b', 'Z', '0', '%', '2', '0', 'f', 'G', '+', ' ', 'é', '😀', '/', '?', ':', '@', '~', '-', '.', '_', '*', '\'', '!', '"', '<', '{', '^', '`', '|'];
const VALUE: &[char] = &['a', 'Z', '0', '/', ';', '=', ',', '"', '(', ' ', ' ', '\t', '*', 'é'];
const NAMES: &[&str] = &[
    "content-type", "x-amz-target", "x-custom", "accept", "content-length", "x-amz-meta-1",
    "user-agent", "x-amzn-trace-id", "transfer-encoding", "x-amz-security-token", "authorization",
];
const METHODS: &[&str] = &["POST", "GET", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];
const REGIONS: &[&str] = &["us-east-1", "eu-west-2", "cn-north-1", "us-gov-west-1"];
const SECRETS: &[&str] = &["wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "secret-2", "x"];
const LAST_MS: u64 = 253_402_300_799_999;
const DAY_MS: u64 = 86_400_000;

fn request(r: &mut Rng) -> HttpRequest {
    let segments: Vec<String> = (0..r.range(0, 5))
        .map(|_| match r.below(6) {
            0 => [".", "..", "", "a.b", "...", ".a"][r.below(6)].to_owned(),
            _ => {
                let len = r.range(1, 10);
                r.text(SEGMENT, len)
            }
        })
        .collect();
    let mut url = format!("{}{}", r.pick(BASES), segments.iter().map(|s| format!("/{s}")).collect::<String>());
    if r.chance() && !segments.is_empty() {
        url.push('/');
    }
    if r.below(3) > 0 {
        // Parameters with repeated names, empty names and values, no `=`, doubled `&`.
        let params: Vec<String> = (0..r.range(0, 6))
            .map(|_| {
                let name_len = r.range(0, 5);
                let name = if r.below(4) == 0 { "a".to_owned() } else { r.text(QUERY, name_len) };
                match r.below(4) {
                    0 => name,
                    _ => {
                        let value_len = r.range(0, 6);
                        format!("{name}={}", r.text(QUERY, value_len).replace('&', ""))
                    }
                }
            })
            .collect();
        url.push('?');
        url.push_str(&params.join(if r.below(5) == 0 { "&&" } else { "&" }));
    }
    let mut headers = Headers::new();
    for _ in 0..r.range(0, 5) {
        let name = *r.pick(NAMES);
        let len = r.range(0, 20);
        let mut value = r.text(VALUE, len);
        if r.below(4) == 0 {
            value = format!("  {value}  ");
        }
        headers.insert(if r.chance() { name.to_owned() } else { name.to_ascii_uppercase() }, value);
    }
    let body_len = r.range(0, 300);
    let body = r.text(VALUE, body_len);
    HttpRequest { method: (*r.pick(METHODS)).into(), url, headers, body }
}

/// A signing time: often the same day (the key cache hits), often the last or first
/// millisecond of a day, month or year, otherwise any time from 1970 to 9999.
fn time_ms(r: &mut Rng) -> u64 {
    match r.below(4) {
        0 => 1_767_225_600_000 + r.next() % DAY_MS,
        1 => {
            // 00:00:00.000 or 23:59:59.999 of a day that starts a month or a year.
            let edges = [0, 951_782_400_000, 951_868_800_000, 1_704_067_200_000, 1_735_689_600_000, 4_107_542_400_000, 253_370_764_800_000];
            let day = r.pick(&edges);
            if r.chance() { *day } else { day.saturating_sub(1) }
        }
        _ => r.next() % (LAST_MS + 1),
    }
}

fn options(r: &mut Rng) -> SigningOptions {
    SigningOptions {
        region: (*r.pick(REGIONS)).into(),
        service: if r.below(5) == 0 { "execute-api".into() } else { "cleanrooms-ml".into() },
        credentials: Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: (*r.pick(SECRETS)).into(),
            session_token: match r.below(3) {
                0 => Some("FwoGZXIvYXdzEJr//////////wEaDOKEN+/=".into()),
                1 => Some("  token  with  spaces ".into()),
                _ => None,
            },
            expiration_ms: None,
        },
        time_ms: time_ms(r) as f64,
    }
}

#[test]
fn ten_thousand_generated_requests_sign_as_the_crate_signs_them() {
    let mut r = Rng(0x516E_0002);
    let (mut signed, mut refused, mut with_query, mut with_dots) = (0, 0, 0, 0);
    for i in 0..12_000 {
        let request = request(&mut r);
        let options = options(&mut r);
        let (ours, oracle) = (ours(&request, &options), sign_with_crate(&request, &options));
        assert_eq!(ours, oracle, "request {i}: {request:?} at {}", options.time_ms);
        if ours.is_some() {
            signed += 1;
            with_query += usize::from(request.url.contains('?'));
            with_dots += usize::from(request.url.contains("/.") || request.url.contains("//"));
        } else {
            refused += 1;
        }
    }
    assert!(signed >= 10_000, "{signed} signed, {refused} refused alike");
    assert!(with_query > 5_000 && with_dots > 3_000, "{with_query} with a query, {with_dots} with dot segments or //");
}

#[test]
fn dates_at_the_edges_of_days_months_years_and_leap_days() {
    let request = HttpRequest {
        method: "POST".into(),
        url: "https://cleanrooms-ml.us-east-1.amazonaws.com/memberships/m/configured-model-algorithm-associations".into(),
        headers: Headers::from([("content-type", "application/json")]),
        body: "{}".into(),
    };
    let mut r = Rng(7);
    let edges = [0.0, 951_782_400_000.0, 951_868_799_999.0, 4_107_542_400_000.0, 1_767_225_599_999.0, LAST_MS as f64];
    for time_ms in edges {
        let options = SigningOptions { time_ms, ..options(&mut r) };
        let signed = sign(&request, &options).unwrap();
        assert_eq!(ours(&request, &options), sign_with_crate(&request, &options), "at {time_ms}");
        assert!(signed.headers["authorization"].starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    }
    let after_9999 = SigningOptions { time_ms: LAST_MS as f64 + 1.0, ..options(&mut r) };
    assert_eq!(sign(&request, &after_9999).unwrap_err().member, "signingDate");
}

#[test]
fn unusual_urls_and_headers_are_signed_alike_or_refused_alike() {
    let mut r = Rng(11);
    let urls = [
        "https://a_b.example.com/x",
        "https://[::1]:8080/x",
        "https://user@host.example/x",
        "https://host.example:99999/x",
        "https://ho%20st.example/x",
        "https://host.example/x#fragment",
        "https://host.example/é/ü",
        "https://host.example",
        "https://host.example?",
        "https://host.example/?&&=",
        "https://host.example/x?a=1&a=0&A=2&b&=c",
        "https://host.example:443/x",
        "http://host.example:80/x",
        "https://HOST.Example/x",
        "https://host.example/a%2Fb/%7E",
        "https://host.example/a b",
        "https://host.example/a\"b",
        "https://host.example/a<b>",
        "https://host.example/./a/../../b/./",
    ];
    for url in urls {
        let request = HttpRequest { method: "POST".into(), url: url.into(), headers: Headers::new(), body: "{}".into() };
        let options = options(&mut r);
        assert_eq!(ours(&request, &options), sign_with_crate(&request, &options), "{url}");
    }
    let headers = [("x-a", "a\nb"), ("x-a", "a\u{7f}"), ("x a", "v"), ("x-a", "tab\there"), ("x-é", "v"), ("", "v"), ("x-a", "é")];
    for (name, value) in headers {
        let request = HttpRequest {
            method: "POST".into(),
            url: "https://host.example/x".into(),
            headers: Headers::from([(name, value)]),
            body: String::new(),
        };
        let options = options(&mut r);
        assert_eq!(ours(&request, &options), sign_with_crate(&request, &options), "{name:?}: {value:?}");
    }
}

#[test]
fn the_canonical_parts_follow_the_sigv4_rules() {
    assert_eq!(canonical::canonical_uri(""), "/");
    assert_eq!(canonical::canonical_uri("/a/./b/../c//d/"), "/a/c/d/");
    assert_eq!(canonical::canonical_uri("/../a/.."), "/");
    assert_eq!(canonical::canonical_query(Some("b=2&a=1&a=0&c")), "a=0&a=1&b=2&c=");
    assert_eq!(canonical::canonical_query(Some("k=a+b%20c%zz&%E2%82%AC=~")), "%E2%82%AC=~&k=a%20b%20c%25zz");
    assert_eq!(canonical::trim_spaces("  a   b \t c  "), "a b \t c");
}
