//! The request body is the JSON `JSON.stringify` would write for the set members.

mod common;

use cleanroomsml_wasm::protocol::endpoint::parse_base_url;
use cleanroomsml_wasm::protocol::request::{build_request, encode_label};
use cleanroomsml_wasm::model::generated::cleanroomsml::operations::CREATE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION as CREATE;
use common::ml_operation;
use cleanroomsml_wasm::validate::check;
use common::{full_request, value};
use serde_json::{json, Value as Json};

fn body_of(input: &Json) -> String {
    let v = value(input);
    let valid = check(ml_operation(CREATE), &v).expect("valid");
    build_request(&valid, &parse_base_url("https://example.com").unwrap()).body
}

#[test]
fn body_is_the_input_without_the_label() {
    let mut expected = full_request();
    expected.as_object_mut().unwrap().remove("membershipIdentifier");
    let body = body_of(&full_request());
    assert_eq!(serde_json::from_str::<Json>(&body).unwrap(), expected);
    // Member order is the input's, as JSON.stringify keeps it.
    assert!(body.starts_with(r#"{"configuredModelAlgorithmArn":"#), "{body}");
}

#[test]
fn numbers_and_strings_as_javascript_writes_them() {
    let mut input = full_request();
    // Tag values admit any character (odd ones are only a warning).
    input["tags"] = json!({ "t": "q\"b\\s\n\t\r\u{8}\u{c}\u{1}é😀\u{2028}" });
    input["privacyConfiguration"]["policies"]["trainedModels"]["maxArtifactSize"]["value"] = json!(10.0);
    input["privacyConfiguration"]["policies"]["trainedModelExports"]["maxSize"]["value"] = json!(0.1);
    let body = body_of(&input);
    assert!(body.contains("\"tags\":{\"t\":\"q\\\"b\\\\s\\n\\t\\r\\b\\f\\u0001é😀\u{2028}\"}"), "{body}");
    assert!(body.contains(r#""maxArtifactSize":{"unit":"GB","value":10}"#), "{body}");
    assert!(body.contains(r#""maxSize":{"unit":"GB","value":0.1}"#), "{body}");
}

#[test]
fn null_members_are_left_out() {
    let mut input = full_request();
    input["description"] = Json::Null;
    input["privacyConfiguration"]["policies"]["trainedModels"]["containerMetrics"] = Json::Null;
    let body = body_of(&input);
    assert!(!body.contains("description") && !body.contains("containerMetrics") && !body.contains("null"), "{body}");
}

#[test]
fn url_and_headers() {
    let v = value(&full_request());
    let request = build_request(&check(ml_operation(CREATE), &v).unwrap(), &parse_base_url("http://127.0.0.1:9000/base/").unwrap());
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.url,
        "http://127.0.0.1:9000/base/memberships/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-associations"
    );
    assert_eq!(&request.headers["host"], "127.0.0.1:9000");
    assert_eq!(&request.headers["content-type"], "application/json");
    assert_eq!(encode_label("a b/c~d_e.f-g"), "a%20b%2Fc~d_e.f-g");
}

#[test]
fn invalid_input_builds_nothing() {
    let mut input = full_request();
    input["name"] = json!("");
    assert!(check(ml_operation(CREATE), &value(&input)).is_err());
}

/// GET and DELETE: labels in the path, ARNs percent-encoded (`:` and `/` included), the
/// page's token and size in the query, no body and no content type.
#[test]
fn get_list_and_delete_have_no_body() {
    use cleanroomsml_wasm::model::generated::cleanroomsml::operations::{
        DELETE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION as DELETE, GET_CONFIGURED_MODEL_ALGORITHM as GET_ALGORITHM,
        LIST_CONFIGURED_MODEL_ALGORITHMS as LIST_ALGORITHMS, LIST_CONFIGURED_MODEL_ALGORITHM_ASSOCIATIONS as LIST,
    };
    let endpoint = parse_base_url("https://example.com").unwrap();
    let membership = "0d0a0c1e-1111-4222-8333-944455556666";
    let arn = format!("arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/{membership}/configured-model-algorithm-association/a.b_c");
    let delete = value(&json!({ "membershipIdentifier": membership, "configuredModelAlgorithmAssociationArn": arn }));
    let request = build_request(&check(ml_operation(DELETE), &delete).unwrap(), &endpoint);
    assert_eq!(request.method, "DELETE");
    assert_eq!(
        request.url,
        format!("https://example.com/memberships/{membership}/configured-model-algorithm-associations/arn%3Aaws%3Acleanrooms-ml%3Aus-east-1%3A123456789012%3Amembership%2F{membership}%2Fconfigured-model-algorithm-association%2Fa.b_c")
    );
    assert_eq!((request.body.as_str(), request.headers.get("content-type")), ("", None));

    let list = value(&json!({ "membershipIdentifier": membership, "maxResults": 5, "nextToken": "a b+c/=" }));
    let request = build_request(&check(ml_operation(LIST), &list).unwrap(), &endpoint);
    assert_eq!((request.method.as_str(), request.body.as_str()), ("GET", ""));
    // The query in the input's order, as botocore writes it (the signature sorts it anyway).
    assert_eq!(request.url, format!("https://example.com/memberships/{membership}/configured-model-algorithm-associations?maxResults=5&nextToken=a%20b%2Bc%2F%3D"));

    let request = build_request(&check(ml_operation(LIST_ALGORITHMS), &value(&json!({}))).unwrap(), &endpoint);
    assert_eq!(request.url, "https://example.com/configured-model-algorithms");
    let algorithm = "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/x";
    let request = build_request(&check(ml_operation(GET_ALGORITHM), &value(&json!({ "configuredModelAlgorithmArn": algorithm }))).unwrap(), &endpoint);
    assert_eq!(request.url, "https://example.com/configured-model-algorithms/arn%3Aaws%3Acleanrooms-ml%3Aus-east-1%3A123456789012%3Aconfigured-model-algorithm%2Fx");
    // A page size out of the model's range, or a token that is not a string, builds nothing.
    for bad in [json!({ "maxResults": 0 }), json!({ "maxResults": 101 }), json!({ "maxResults": 1.5 }), json!({ "nextToken": 5 })] {
        assert!(check(ml_operation(LIST_ALGORITHMS), &value(&bad)).is_err(), "{bad}");
    }
}
