//! Reading responses: output checks, error names as the SDKs derive them, bodies that are
//! not JSON, and which retry rule each error falls under.

mod common;

use cleanroomsml_wasm::model::generated::cleanroomsml::operations::{self, CREATE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION as CREATE};
use common::ml_operation;
use cleanroomsml_wasm::protocol::response::{self, sanitize_error_code, ErrorClass, HttpResponse, ServiceError};
use cleanroomsml_wasm::value::{Text, Value};
use common::value;
use serde_json::json;

const ARN: &str = "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-association/abc";

fn read(response: &HttpResponse) -> Result<Vec<(Text, Value)>, ServiceError> {
    response::read(ml_operation(CREATE), response)
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
    HttpResponse {
        status,
        status_text: String::new(),
        headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        body: body.into(),
        json: serde_json::from_str(body).ok().map(|j| value(&j)),
    }
}

#[test]
fn success_is_checked_against_the_output_shape() {
    let ok = response(200, &[], &json!({ "configuredModelAlgorithmAssociationArn": ARN, "later": 1 }).to_string());
    // Only the modelled members, as the SDKs return them.
    assert_eq!(read(&ok).unwrap(), vec![(Text::from("configuredModelAlgorithmAssociationArn"), Value::String(Text::from(ARN)))]);
    for body in [
        json!({}).to_string(),
        json!({ "configuredModelAlgorithmAssociationArn": 5 }).to_string(),
        "[]".into(),
        "<html>".into(),
        "".into(),
        "{\"configuredModelAlgorithmAssociationArn\": \"arn:aws:clean".into(),
    ] {
        let err = read(&response(200, &[], &body)).unwrap_err();
        assert_eq!(err.name, "InvalidResponseError", "{body}");
        assert_eq!(err.class, ErrorClass::Other);
        assert!(err.message.starts_with("HTTP 200"), "{}", err.message);
    }
}

/// Outputs are checked for types and required members, not for the model's constraints:
/// what the service sends beyond them (a new enum value, an `aws:` tag, a longer name) is
/// read as sent, as the SDKs read it.
#[test]
fn outputs_are_read_as_the_service_sends_them() {
    let unusual = json!({
        "configuredModelAlgorithmAssociationArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/x/configured-model-algorithm-association/a",
    });
    assert_eq!(read(&response(200, &[], &unusual.to_string())).unwrap().len(), 1);

    let get = json!({
        "createTime": 1767225600.5, "updateTime": 1767225601,
        "configuredModelAlgorithmAssociationArn": ARN,
        "membershipIdentifier": "0d0a0c1e-1111-4222-8333-944455556666",
        "collaborationIdentifier": "1d0a0c1e-1111-4222-8333-944455556666",
        "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/x",
        "name": "n".repeat(200),
        "tags": { "aws:cloudformation:stack-name": "s" },
        "privacyConfiguration": { "policies": { "trainedModels": { "containerLogs": [{ "allowedAccountIds": ["1", "1"] }] } } },
    });
    let members = response::read(ml_operation(operations::GET_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION), &response(200, &[], &get.to_string())).unwrap();
    assert_eq!(members.len(), 9);
    // …but a wrong type or a missing required member is an invalid response.
    for (member, wrong) in [("createTime", json!("yesterday")), ("name", json!(null)), ("tags", json!([]))] {
        let mut body = get.clone();
        body[member] = wrong;
        let err = response::read(ml_operation(operations::GET_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION), &response(200, &[], &body.to_string())).unwrap_err();
        assert_eq!(err.name, "InvalidResponseError", "{member}");
        assert!(err.message.contains(member), "{}", err.message);
    }

    // An operation without output members takes any body: its client discards it unread.
    for op in [operations::DELETE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION, operations::TAG_RESOURCE, operations::UNTAG_RESOURCE] {
        for body in ["", "{}", "null", "<html>not JSON", r#"{"tr"#] {
            let members = response::read(ml_operation(op), &response(200, &[], body)).unwrap();
            assert!(members.is_empty(), "{body}");
        }
    }
}

#[test]
fn operations_whose_output_has_no_members_read_no_output_as_the_model_says() {
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/model/cleanroomsml/service-2.json")).unwrap()).unwrap();
    let mut without = 0;
    for op in common::ml().operations.iter() {
        let output = model["operations"][op.name()]["output"]["shape"].as_str();
        let members = output.map_or(0, |o| model["shapes"][o]["members"].as_object().map_or(0, |m| m.len()));
        assert_eq!(op.output().is_some(), members > 0, "{}", op.name());
        without += usize::from(members == 0);
    }
    // TagResource and UntagResource have an output shape without members; 15 have none.
    assert_eq!(without, 17);
}

#[test]
fn error_names_as_the_sdks_read_them() {
    assert_eq!(sanitize_error_code("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"), "ValidationException");
    assert_eq!(sanitize_error_code("com.amazonaws.cleanroomsml#ConflictException"), "ConflictException");
    assert_eq!(sanitize_error_code("aws.protocoltests#FooError:http://x,Other"), "FooError");
    assert_eq!(sanitize_error_code("ThrottlingException"), "ThrottlingException");

    // The header wins over the body; the body's code over its __type.
    let both = response(409, &[("x-amzn-errortype", "ConflictException:http://x")], r#"{"__type":"a#Other","message":"m"}"#);
    assert_eq!(read(&both).unwrap_err().name, "ConflictException");
    let code = response(400, &[], r#"{"code":"UnrecognizedClientException","__type":"a#Other"}"#);
    assert_eq!(read(&code).unwrap_err().name, "UnrecognizedClientException");
    let type_only = response(404, &[], r#"{"__type":"com.amazonaws.cleanroomsml#ResourceNotFoundException","Message":"no such"}"#);
    let err = read(&type_only).unwrap_err();
    assert_eq!((err.name.as_str(), err.message.as_str(), err.fault()), ("ResourceNotFoundException", "no such", "client"));
}

#[test]
fn quota_and_request_id() {
    let quota = response(
        402,
        &[("x-amzn-errortype", "ServiceQuotaExceededException"), ("x-amzn-requestid", "req-1")],
        r#"{"message":"too many","quotaName":"associations","quotaValue":100}"#,
    );
    let err = read(&quota).unwrap_err();
    let member = |key: &str| err.members.iter().find(|(k, _)| k.text == key).map(|(_, v)| v.clone());
    assert_eq!(member("quotaName"), Some(Value::String(Text::from("associations"))));
    assert_eq!(member("quotaValue"), Some(Value::Number(100.0)));
    assert_eq!(member("message"), None, "the message is the error's message, not a detail");
    assert_eq!(err.request_id.as_deref(), Some("req-1"));
    assert_eq!(err.status, Some(402));
}

#[test]
fn bodies_that_are_not_json_give_clear_errors() {
    let html = response(502, &[("content-type", "text/html")], "<html><body>Bad Gateway</body></html>");
    let err = read(&html).unwrap_err();
    assert_eq!(err.name, "UnknownError");
    assert_eq!(err.message, "HTTP 502 with a body that is not JSON (text/html): <html><body>Bad Gateway</body></html>");
    assert_eq!((err.fault(), err.class), ("server", ErrorClass::Transient));
    let empty = read(&response(403, &[("x-amzn-errortype", "AccessDeniedException")], "")).unwrap_err();
    assert_eq!((empty.name.as_str(), empty.message.as_str()), ("AccessDeniedException", "HTTP 403 with an empty body"));
    let truncated = read(&response(500, &[], r#"{"message":"bo"#)).unwrap_err();
    assert!(truncated.message.starts_with("HTTP 500 with a body that is not JSON"), "{}", truncated.message);
}

#[test]
fn retry_classes() {
    let class = |status: u16, name: &str| {
        read(&response(status, &[("x-amzn-errortype", name)], r#"{"message":"m"}"#)).unwrap_err().class
    };
    assert_eq!(class(429, "ThrottlingException"), ErrorClass::Throttling);
    assert_eq!(class(400, "ThrottlingException"), ErrorClass::Throttling);
    assert_eq!(class(429, "Anything"), ErrorClass::Throttling);
    for status in [500, 502, 503, 504] {
        assert_eq!(class(status, "InternalServerException"), ErrorClass::Transient);
    }
    assert_eq!(class(501, "NotImplemented"), ErrorClass::Other);
    assert_eq!(class(403, "InvalidSignatureException"), ErrorClass::ClockSkew);
    assert_eq!(class(400, "RequestTimeTooSkewed"), ErrorClass::ClockSkew);
    assert_eq!(class(403, "ExpiredTokenException"), ErrorClass::ExpiredCredentials);
    assert_eq!(class(400, "ExpiredToken"), ErrorClass::ExpiredCredentials);
    for name in ["ValidationException", "ConflictException", "AccessDeniedException", "ResourceNotFoundException", "ServiceQuotaExceededException"] {
        assert_eq!(class(400, name), ErrorClass::Other, "{name}");
    }
}

#[test]
fn response_as_the_transport_hands_it_over() {
    let text = serde_json::json!({
        "status": 409,
        "statusText": "Conflict",
        "headers": { "X-Amzn-ErrorType": "ConflictException:http://x", "x-amzn-requestid": "r-1", "odd": 5 },
        "body": "{\"message\":\"exists\"}",
    })
    .to_string();
    let response = HttpResponse::from_json(&text);
    assert_eq!((response.status, response.status_text.as_str()), (409, "Conflict"));
    assert_eq!(response.headers.get("x-amzn-errortype"), Some("ConflictException:http://x"));
    assert!(!response.headers.contains_key("odd"), "non-string header values are dropped");
    let err = read(&response).unwrap_err();
    assert_eq!((err.name.as_str(), err.message.as_str(), err.request_id.as_deref()), ("ConflictException", "exists", Some("r-1")));

    let huge = serde_json::json!({ "status": 200, "body": "x".repeat((1 << 20) + 1) }).to_string();
    let response = HttpResponse::from_json(&huge);
    assert!(response.json.is_none(), "a body over the limit is not parsed");
    assert!(read(&response).unwrap_err().message.contains("this module reads at most 1048576"));
    assert_eq!(HttpResponse::from_json("not json").status, 0);
}
