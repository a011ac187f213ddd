//! The two fuzz targets' bodies (`fuzz/`), here so that the corpus and every crash
//! reproducer also run as plain regression tests (`tests/fuzz_regressions.rs`).

use crate::json;
use crate::model::generated::cleanroomsml::{operations::CREATE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION, ID};
use crate::model::{Operation, Service};
use crate::protocol::endpoint::{resolve, EndpointParams};
use crate::protocol::request::build_request;
use crate::protocol::response::{read, HttpResponse};
use crate::sign::{sign, Credentials, SigningOptions};
use crate::validate::{check, validate_output, validate_shape, Severity};
use crate::value::{Text, Value};

/// Clean Rooms ML's `CreateConfiguredModelAlgorithmAssociation`, which the targets exercise.
fn create() -> &'static Operation {
    &Service::get(ID).operations[CREATE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION]
}

/// JSON text → model value → validation → serialization → signing. Panics on a broken
/// invariant: `ok` agrees with the issues, a valid input builds a body that reads back as
/// a valid request again, and it always signs.
pub fn request(data: &[u8]) {
    let Some(value) = std::str::from_utf8(data).ok().and_then(json::parse) else { return };
    let report = validate_shape(create().input(), &value);
    assert_eq!(report.ok, report.issues.iter().all(|i| i.severity == Severity::Warning));
    let Ok(valid) = check(create(), &value) else {
        assert!(!report.ok, "check refused an input that validate accepted");
        return;
    };
    let endpoint = resolve(create().service(), &EndpointParams { region: Some("us-east-1".into()), ..Default::default() })
        .expect("us-east-1 resolves");
    let request = build_request(&valid, &endpoint);
    let Some(Value::Object(mut members)) = json::parse(&request.body) else { panic!("the body is not a JSON object") };
    // The path's label, back into the input.
    let label = request.url.split('/').nth(4).expect("the path has the membership");
    members.insert(0, (Text::from("membershipIdentifier"), Value::String(Text::from(label))));
    let again = validate_shape(create().input(), &Value::Object(members));
    assert!(again.ok, "the body does not read back as a valid request: {:?}", again.issues);
    let options = SigningOptions {
        region: "us-east-1".into(),
        service: "cleanrooms-ml".into(),
        credentials: Credentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
            session_token: None,
            expiration_ms: None,
        },
        time_ms: 1_767_225_600_000.0,
    };
    let signed = sign(&request, &options).expect("a valid request signs");
    assert!(signed.headers["authorization"].starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/"));
}

/// Status (2 bytes), `name: value` header lines, a blank line, the body → output or a
/// named error, never a panic.
pub fn response(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let status = u16::from_be_bytes([data[0], data[1]]) % 600;
    let text = String::from_utf8_lossy(&data[2..]);
    let (head, body) = text.split_once("\n\n").unwrap_or(("", &text));
    let headers = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let response = HttpResponse {
        status,
        status_text: String::new(),
        headers,
        body: body.to_owned(),
        json: json::parse(&body),
    };
    let create = create();
    match read(create, &response) {
        Ok(members) => assert!(create.output().is_some_and(|output| validate_output(output, &Value::Object(members)).ok)),
        Err(error) => assert!(!error.name.is_empty() && !error.message.is_empty()),
    }
}
