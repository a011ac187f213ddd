//! AWS Clean Rooms, the second service: requests with each HTTP binding the Clean Rooms model uses (labels,
//! query strings, a query list, integers in the query, PATCH and DELETE), as botocore 1.44.8's
//! rest-json serializer writes them for the same inputs; its endpoint and signing name; and
//! its `document` shape (any JSON value) in an answer.
mod common;

use cleanroomsml_wasm::model::generated::cleanrooms::{operations, shapes};
use cleanroomsml_wasm::protocol::endpoint::{parse_base_url, resolve, EndpointParams};
use cleanroomsml_wasm::protocol::request::build_request;
use cleanroomsml_wasm::validate::{check, validate_output, validate_shape, IssueCode};
use common::{clean_rooms, value};
use serde_json::{json, Value as Json};

const COLLABORATION: &str = "11111111-2222-3333-4444-555555555555";

/// (method, URL, body) of the request for `input`.
fn request(operation: usize, input: Json) -> (String, String, String) {
    let input = value(&input);
    let valid = check(&clean_rooms().operations[operation], &input).unwrap_or_else(|r| panic!("{:?}", r.issues));
    let request = build_request(&valid, &parse_base_url("https://cleanrooms.us-east-1.amazonaws.com").unwrap());
    (request.method, request.url, request.body)
}

#[test]
fn the_operations_and_paginators_are_the_models() {
    let service = clean_rooms();
    assert_eq!(service.operations.len(), 103);
    assert_eq!(service.paginators.len(), 23);
    assert!(service.operation("ListMemberships").is_some());
    assert_eq!((service.signing_name, service.endpoint_prefix), ("cleanrooms", "cleanrooms"));
    let params = EndpointParams { region: Some("eu-west-2".into()), use_fips: true, ..Default::default() };
    assert_eq!(resolve(service, &params).unwrap().url(), "https://cleanrooms-fips.eu-west-2.amazonaws.com");
}

// Each expectation is what botocore's `create_serializer('rest-json')` gives for the same
// input and this model (its query as a dict: the order here is the input's).
#[test]
fn labels_and_a_query_list() {
    let arn = "arn:aws:cleanrooms:us-east-1:123456789012:membership/abc";
    let (method, url, body) = request(operations::UNTAG_RESOURCE, json!({ "resourceArn": arn, "tagKeys": ["a b", "c/d"] }));
    assert_eq!(method, "DELETE");
    assert_eq!(
        url,
        "https://cleanrooms.us-east-1.amazonaws.com/tags/arn%3Aaws%3Acleanrooms%3Aus-east-1%3A123456789012%3Amembership%2Fabc?tagKeys=a%20b&tagKeys=c%2Fd"
    );
    assert_eq!(body, "");
    let (method, url, _) = request(operations::DELETE_MEMBER, json!({ "collaborationIdentifier": COLLABORATION, "accountId": "123456789012" }));
    assert_eq!((method.as_str(), url.as_str()), ("DELETE", "https://cleanrooms.us-east-1.amazonaws.com/collaborations/11111111-2222-3333-4444-555555555555/member/123456789012"));
}

#[test]
fn strings_and_integers_in_the_query() {
    let (method, url, body) = request(operations::LIST_MEMBERSHIPS, json!({ "status": "ACTIVE", "maxResults": 5, "nextToken": "t=1" }));
    assert_eq!(method, "GET");
    assert_eq!(url, "https://cleanrooms.us-east-1.amazonaws.com/memberships?status=ACTIVE&maxResults=5&nextToken=t%3D1");
    assert_eq!(body, "");
    let input = value(&json!({ "maxResults": 101 }));
    let report = check(&clean_rooms().operations[operations::LIST_MEMBERSHIPS], &input).err().unwrap();
    assert_eq!(report.issues.iter().map(|i| (i.path.as_str(), i.code)).collect::<Vec<_>>(), [("maxResults", IssueCode::Range)]);
}

#[test]
fn a_patch_with_a_body() {
    let input = json!({ "collaborationIdentifier": COLLABORATION, "name": "Name 1", "analyticsEngine": "SPARK" });
    let (method, url, body) = request(operations::UPDATE_COLLABORATION, input);
    assert_eq!((method.as_str(), url.as_str()), ("PATCH", "https://cleanrooms.us-east-1.amazonaws.com/collaborations/11111111-2222-3333-4444-555555555555"));
    assert_eq!(serde_json::from_str::<Json>(&body).unwrap(), json!({ "name": "Name 1", "analyticsEngine": "SPARK" }));
}

/// `SnowflakeDatabaseName`: `[\p{L}\p{M}\p{N}\p{Pc}\p{Pd}\p{Zs}]+`, compiled from Unicode's
/// tables (`tests/patterns.rs` compares it with the `regex` crate at length).
#[test]
fn unicode_property_classes() {
    let name = clean_rooms().shape(shapes::SNOWFLAKE_DATABASE_NAME);
    for good in ["Ana-María_1", "東京 チーム", "Ωmega ١٢٣", "a\u{3000}b"] {
        assert!(validate_shape(name, &value(&json!(good))).ok, "{good}");
    }
    for bad in ["a.b", "a/b", "😀", "a\tb"] {
        let report = validate_shape(name, &value(&json!(bad)));
        assert_eq!(report.issues.iter().map(|i| i.code).collect::<Vec<_>>(), [IssueCode::Pattern], "{bad}");
    }
}

#[test]
fn a_document_is_any_json_value() {
    let properties = clean_rooms().shape(shapes::ID_NAMESPACE_ASSOCIATION_INPUT_REFERENCE_PROPERTIES);
    let answer = json!({ "idNamespaceType": "SOURCE", "idMappingWorkflowsSupported": [{ "a": [1, "x", null, { "b": true }] }, 2.5, "s", null, false] });
    let report = validate_output(properties, &value(&answer));
    assert!(report.ok, "{:?}", report.issues);
    let report = validate_shape(clean_rooms().shape(shapes::DOCUMENT), &cleanroomsml_wasm::value::Value::Date(0.0));
    assert_eq!(report.issues.iter().map(|i| i.code).collect::<Vec<_>>(), [IssueCode::Type]);
}
