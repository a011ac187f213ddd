//! Endpoint resolution: every official test case of the service's rule set, read from
//! `../shared/data/cleanroomsml-endpoint-tests.json`, plus the checks beyond the rule set.

use cleanroomsml_wasm::model::{generated::cleanroomsml, Service};
use cleanroomsml_wasm::protocol::endpoint::{self, parse_base_url, EndpointParams, Endpoint, EndpointError};

/// Clean Rooms ML's endpoint for `params`.
fn resolve(params: &EndpointParams) -> Result<Endpoint, EndpointError> {
    endpoint::resolve(Service::get(cleanroomsml::ID), params)
}
use serde_json::Value;

#[test]
fn every_official_endpoint_test_case() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/cleanroomsml-endpoint-tests.json");
    let text = std::fs::read_to_string(path).expect("../shared/data/cleanroomsml-endpoint-tests.json");
    let tests: Value = serde_json::from_str(&text).unwrap();
    let cases = tests["testCases"].as_array().unwrap();
    assert_eq!(cases.len(), 21);
    for case in cases {
        let params = &case["params"];
        let input = EndpointParams {
            region: params["Region"].as_str().map(str::to_owned),
            use_fips: params["UseFIPS"].as_bool().unwrap_or(false),
            use_dual_stack: params["UseDualStack"].as_bool().unwrap_or(false),
            endpoint: params["Endpoint"].as_str().map(str::to_owned),
        };
        let doc = case["documentation"].as_str().unwrap();
        match (&case["expect"]["endpoint"]["url"], &case["expect"]["error"], resolve(&input)) {
            (Value::String(url), _, Ok(endpoint)) => assert_eq!(&endpoint.url(), url, "{doc}"),
            (_, Value::String(message), Err(err)) => assert_eq!(&err.message, message, "{doc}"),
            (_, _, got) => panic!("{doc}: expected {}, got {got:?}", case["expect"]),
        }
    }
}

fn region(r: &str) -> EndpointParams {
    EndpointParams { region: Some(r.into()), ..Default::default() }
}

#[test]
fn partitions_beyond_the_official_cases() {
    let url = |p: EndpointParams| resolve(&p).map(|e| e.url()).map_err(|e| e.message);
    assert_eq!(url(region("eu-isoe-west-1")), Ok("https://cleanrooms-ml.eu-isoe-west-1.cloud.adc-e.uk".into()));
    assert_eq!(url(region("us-isof-south-1")), Ok("https://cleanrooms-ml.us-isof-south-1.csp.hci.ic.gov".into()));
    assert_eq!(url(region("eusc-de-east-1")), Ok("https://cleanrooms-ml.eusc-de-east-1.amazonaws.eu".into()));
    assert_eq!(url(region("aws-us-gov-global")), Ok("https://cleanrooms-ml.aws-us-gov-global.amazonaws.com".into()));
    // A region no partition claims falls back to `aws`, as the rules engine does.
    assert_eq!(url(region("xx-new-1")), Ok("https://cleanrooms-ml.xx-new-1.amazonaws.com".into()));
    let fips_dual = EndpointParams { use_fips: true, use_dual_stack: true, ..region("us-isof-south-1") };
    assert_eq!(url(fips_dual), Err("FIPS and DualStack are enabled, but this partition does not support one or both".into()));
    let dual = EndpointParams { use_dual_stack: true, ..region("us-iso-east-1") };
    assert_eq!(url(dual), Err("DualStack is enabled but this partition does not support DualStack".into()));
}

#[test]
fn a_bad_region_is_an_error_never_a_malformed_url() {
    for bad in ["", "US-EAST-1", "us east 1", "us-east-1.evil.com/x", "-us-east-1", "us-east-1-", "us_east_1", "ü"] {
        let err = resolve(&region(bad)).unwrap_err();
        assert_eq!(err.member, "region", "{bad:?}");
        assert!(err.message.contains("is not a region name"), "{bad:?}: {}", err.message);
    }
}

#[test]
fn custom_endpoints() {
    let base = |u: &str| parse_base_url(u).map(|e| (e.url(), e.authority)).map_err(|e| e.message);
    assert_eq!(base("http://127.0.0.1:4566"), Ok(("http://127.0.0.1:4566".into(), "127.0.0.1:4566".into())));
    assert_eq!(base("https://Example.COM:443/"), Ok(("https://example.com".into(), "example.com".into())));
    assert_eq!(base("http://localhost:80/prefix/"), Ok(("http://localhost/prefix".into(), "localhost".into())));
    assert_eq!(base("http://[::1]:8080"), Ok(("http://[::1]:8080".into(), "[::1]:8080".into())));
    for bad in [
        "example.com",
        "ftp://example.com",
        "https://",
        "https://user:pw@example.com",
        "https://example.com:0",
        "https://example.com:99999",
        "https://example.com:8o",
        "https://exa mple.com",
        "https://example.com/?q=1",
        "https://example.com/#top",
        "https://example.com/a b",
    ] {
        let err = parse_base_url(bad).unwrap_err();
        assert_eq!(err.member, "endpoint", "{bad}");
        assert!(err.message.contains("is not a usable endpoint URL"), "{bad}: {}", err.message);
    }
}
