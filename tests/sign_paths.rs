//! `sign` has a fast path (a canonical request written directly, a cached signing key)
//! for requests whose canonical form is the request itself; everything else goes to the
//! aws-sigv4 crate's HTTP signer. Here both sign thousands of generated requests — times
//! from 1970 to 9999, changing secrets, regions and days so the key cache is hit and
//! missed — and must give the same headers.

mod common;

use std::collections::BTreeMap;

use cleanroomsml_wasm::protocol::request::HttpRequest;
use cleanroomsml_wasm::sign::{sign, sign_with_crate, Credentials, SigningOptions};
use common::Rng;

const BASES: &[&str] = &[
    "https://cleanrooms-ml.us-east-1.amazonaws.com",
    "https://cleanrooms-ml-fips.us-gov-west-1.api.aws",
    "http://127.0.0.1:4566",
    "http://localhost:8081/prefix",
    "https://example.com:443",
];
const SEGMENT: &[char] = &['a', 'Z', '0', '-', '_', '~', '%', '2', 'F', 'é', '€', ' ', '+', '=', '@', ':'];
const VALUE: &[char] = &['a', 'Z', '0', '/', ';', '=', ',', '"', '(', ' ', '\t', '*'];
const NAMES: &[&str] = &["content-type", "x-amz-target", "x-custom", "accept", "content-length", "x-amz-meta-1", "user-agent"];
const REGIONS: &[&str] = &["us-east-1", "eu-west-2", "cn-north-1"];
const SECRETS: &[&str] = &["wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "secret-2", "x"];
const LAST_MS: u64 = 253_402_300_799_999;

/// A request the fast path takes when `plain`; otherwise one that often needs the crate
/// (a query, dot segments, `//`, spaces to trim, a header it leaves unsigned).
fn request(r: &mut Rng, plain: bool) -> HttpRequest {
    let segments: Vec<String> = (0..r.range(0, 4))
        .map(|_| {
            let len = r.range(1, 12);
            let s = r.text(SEGMENT, len);
            if !plain && r.below(4) == 0 { [".", "..", "", "a.b"][r.below(4)].to_owned() } else { s }
        })
        .collect();
    let mut url = format!("{}{}", r.pick(BASES), segments.iter().map(|s| format!("/{s}")).collect::<String>());
    if !plain && r.chance() {
        url.push_str(["?b=2&a=1", "?x", "?a=%20b&a=c"][r.below(3)]);
    }
    let mut headers = BTreeMap::new();
    for _ in 0..r.range(0, 4) {
        let name = *r.pick(NAMES);
        if plain && name == "user-agent" {
            continue;
        }
        let len = r.range(0, 20);
        let mut value = r.text(VALUE, len);
        if plain {
            value = value.replace('\t', "*").split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        }
        headers.insert(if r.chance() { name.to_owned() } else { name.to_ascii_uppercase() }, value);
    }
    let body_len = r.range(0, 300);
    let body = r.text(VALUE, body_len);
    HttpRequest { method: ["POST", "GET", "PUT"][r.below(3)].into(), url, headers, body }
}

fn options(r: &mut Rng) -> SigningOptions {
    let day_ms = 86_400_000u64;
    // Same day often (the cache hits), any day from 1970 to 9999 otherwise.
    let time_ms = if r.chance() { 1_767_225_600_000 + r.next() % day_ms } else { r.next() % (LAST_MS + 1) };
    SigningOptions {
        region: (*r.pick(REGIONS)).into(),
        service: if r.below(5) == 0 { "execute-api".into() } else { "cleanrooms-ml".into() },
        credentials: Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: (*r.pick(SECRETS)).into(),
            session_token: r.chance().then(|| "FwoGZXIvYXdzEJr//////////wEaDOKEN+/=".into()),
            expiration_ms: None,
        },
        time_ms: time_ms as f64,
    }
}

#[test]
fn fast_path_and_crate_sign_generated_requests_alike() {
    let mut r = Rng(0x516E_0001);
    for i in 0..4000 {
        let request = request(&mut r, i % 2 == 0);
        let options = options(&mut r);
        let fast = sign(&request, &options);
        let reference = sign_with_crate(&request, &options);
        assert_eq!(fast, reference, "request {i}: {request:?} at {}", options.time_ms);
    }
}

#[test]
fn dates_at_the_edges_of_days_months_years_and_leap_days() {
    let request = HttpRequest {
        method: "POST".into(),
        url: "https://cleanrooms-ml.us-east-1.amazonaws.com/memberships/m/configured-model-algorithm-associations".into(),
        headers: BTreeMap::from([("content-type".into(), "application/json".into())]),
        body: "{}".into(),
    };
    let mut r = Rng(7);
    let edges = [0.0, 951_782_400_000.0, 951_868_799_999.0, 4_107_542_400_000.0, 1_767_225_599_999.0, LAST_MS as f64];
    for time_ms in edges {
        let options = SigningOptions { time_ms, ..options(&mut r) };
        let signed = sign(&request, &options).unwrap();
        assert_eq!(signed, sign_with_crate(&request, &options).unwrap(), "at {time_ms}");
        assert!(signed.headers["authorization"].starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    }
}

#[test]
fn unusual_urls_are_signed_alike_or_refused_alike() {
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
        "https://host.example:443/x",
        "http://host.example:80/x",
        "https://HOST.Example/x",
        "https://host.example/a%2Fb/%7E",
        "https://host.example/a b",
        "https://host.example/a\"b",
        "https://host.example/a<b>",
    ];
    for url in urls {
        let request = HttpRequest { method: "POST".into(), url: url.into(), headers: BTreeMap::new(), body: "{}".into() };
        let options = options(&mut r);
        let (fast, reference) = (sign(&request, &options), sign_with_crate(&request, &options));
        assert_eq!(fast.is_ok(), reference.is_ok(), "{url}: {fast:?} / {reference:?}");
        if let (Ok(fast), Ok(reference)) = (fast, reference) {
            assert_eq!(fast, reference, "{url}");
        }
    }
}
