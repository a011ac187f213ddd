//! Shared by the native tests: JSON text as the validator's input value, a full valid
//! request, and a seeded generator.
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

/// xorshift64*: small, deterministic, good enough to spread test inputs.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }
    pub fn chance(&mut self) -> bool {
        self.next() & 1 == 1
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn text(&mut self, pool: &[char], len: usize) -> String {
        (0..len).map(|_| *self.pick(pool)).collect()
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}
