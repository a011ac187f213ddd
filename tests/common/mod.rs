//! Shared by the native tests: JSON text as the validator's input value, and a full
//! valid request.
#![allow(dead_code)]

use cleanroomsml_wasm::value::{Text, Value};
use serde_json::Value as Json;

/// Reads JSON as JavaScript would hand it over (objects keep their key order).
pub fn value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Value::Number(n.as_f64().unwrap()),
        Json::String(s) => Value::String(Text::from(s.as_str())),
        Json::Array(items) => Value::array(items.iter().map(value).collect()),
        Json::Object(members) => {
            Value::Object(members.iter().map(|(k, v)| (Text::from(k.as_str()), value(v))).collect())
        }
    }
}

pub const FULL_REQUEST: &str = r#"{
  "membershipIdentifier": "0d0a0c1e-1111-4222-8333-944455556666",
  "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/abc",
  "name": "churn model",
  "description": "weekly",
  "privacyConfiguration": {
    "policies": {
      "trainedModels": {
        "containerLogs": [{
          "allowedAccountIds": ["123456789012", "210987654321"],
          "filterPattern": "ERROR.*",
          "logType": "ERROR_SUMMARY",
          "logRedactionConfiguration": {
            "entitiesToRedact": ["CUSTOM", "NUMBERS"],
            "customEntityConfig": { "customDataIdentifiers": ["[0-9]{4}"] }
          }
        }],
        "containerMetrics": { "noiseLevel": "MEDIUM" },
        "maxArtifactSize": { "unit": "GB", "value": 1.5 }
      },
      "trainedModelExports": {
        "maxSize": { "unit": "GB", "value": 0.01 },
        "filesToExport": ["MODEL", "OUTPUT"]
      },
      "trainedModelInferenceJobs": {
        "containerLogs": [{ "allowedAccountIds": ["123456789012"] }],
        "maxOutputSize": { "unit": "GB", "value": 12.5 }
      }
    }
  },
  "tags": { "team": "ml", "cost-center": "42" }
}"#;

pub fn full_request() -> Json {
    serde_json::from_str(FULL_REQUEST).unwrap()
}

/// Replaces a member inside a `Value` tree, following member names from the root.
pub fn set_value(root: &mut Value, path: &[&str], new: Value) {
    let Value::Object(members) = root else { panic!("not an object") };
    let slot = members.iter_mut().find(|(k, _)| k.text == path[0]).map(|(_, v)| v).expect("member");
    if path.len() == 1 {
        *slot = new;
    } else {
        set_value(slot, &path[1..], new);
    }
}
