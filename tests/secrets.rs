//! Secrets never show in `Debug` output or in errors.

use cleanroomsml_wasm::protocol::request::HttpRequest;
use cleanroomsml_wasm::sign::{sign, Credentials, SigningOptions};

const SECRET: &str = "SECRET-CANARY-wJalrXUtnFEMIK7MDENG";
const TOKEN: &str = "TOKEN-CANARY-FwoGZXIvYXdzE";

fn options(expiration_ms: Option<f64>) -> SigningOptions {
    SigningOptions {
        region: "us-east-1".into(),
        service: "cleanrooms-ml".into(),
        credentials: Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: SECRET.into(),
            session_token: Some(TOKEN.into()),
            expiration_ms,
        },
        time_ms: 1_767_225_600_000.0,
    }
}

#[test]
fn debug_output_of_credentials_is_redacted() {
    let shown = format!("{:?} {:#?}", options(None), options(Some(1.0)).credentials);
    assert!(!shown.contains(SECRET) && !shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("AKIDEXAMPLE") && shown.contains("redacted"), "{shown}");
}

#[test]
fn signing_errors_carry_no_secret() {
    let request = |url: &str, body: String| HttpRequest { method: "POST".into(), url: url.into(), headers: Default::default(), body };
    let failures = [
        sign(&request("not a url", String::new()), &options(None)),
        sign(&request("https://example.com/", String::new()), &options(Some(0.0))),
        sign(&request("https://example.com/", "x".repeat(11 << 20)), &options(None)),
        sign(&HttpRequest { headers: [("bad header".to_owned(), SECRET.to_owned())].into(), ..request("https://example.com/", String::new()) }, &options(None)),
    ];
    for failure in failures {
        let err = failure.expect_err("each of these fails");
        let shown = format!("{err:?} {}", err.message);
        assert!(!shown.contains(SECRET) && !shown.contains(TOKEN), "{shown}");
    }
}
