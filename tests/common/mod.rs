//! Shared by the native tests: JSON text as the validator's input value, a full valid
//! request, the model's patterns in the `regex` crate's syntax, and a seeded generator.
#![allow(dead_code)]

use cleanroomsml_wasm::model::generated::{cleanrooms, cleanroomsml};
use cleanroomsml_wasm::model::{Operation, Service};
use cleanroomsml_wasm::validate::{validate_shape, ValidationReport};
use cleanroomsml_wasm::value::{Text, Value};

/// Clean Rooms ML's tables.
pub fn ml() -> &'static Service {
    Service::get(cleanroomsml::ID)
}

/// Clean Rooms' tables.
pub fn clean_rooms() -> &'static Service {
    Service::get(cleanrooms::ID)
}

/// Every service.
pub fn services() -> [&'static Service; 2] {
    [ml(), clean_rooms()]
}

/// Clean Rooms ML's operation `index` (`cleanroomsml::operations::…`).
pub fn ml_operation(index: usize) -> &'static Operation {
    &ml().operations[index]
}

/// Validates a Clean Rooms ML `CreateConfiguredModelAlgorithmAssociationRequest`.
pub fn validate(input: &Value) -> ValidationReport {
    validate_shape(ml_operation(cleanroomsml::operations::CREATE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION).input(), input)
}
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

/// JavaScript's white space (`\s`), as inclusive ranges.
const JS_SPACE: [(char, char); 10] = [
    ('\t', '\r'),
    (' ', ' '),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{FEFF}', '\u{FEFF}'),
];

/// JavaScript's `\s`.
pub fn is_js_space(c: char) -> bool {
    JS_SPACE.iter().any(|&(a, b)| (a..=b).contains(&c))
}

/// `pattern` without a `.*` that must match nothing: one before a group that starts with
/// `^` (`.*(?!^…)`), or after one that ends with `$` (`…$).*`), where `^` and `$` are the
/// string's ends (no `m` flag). Clean Rooms' `.*(?!^(\d+\.)+\d+$)(^…$).*` is then a leading
/// look-ahead, which the tests' engines can run.
pub fn without_empty_wildcards(pattern: &str) -> &str {
    let pattern = if pattern.starts_with(".*(?!^") || pattern.starts_with(".*(?=^") || pattern.starts_with(".*(^") { &pattern[2..] } else { pattern };
    pattern.strip_suffix("$).*").map_or(pattern, |rest| &pattern[..rest.len() + 2])
}

/// A model pattern (an ECMAScript regular expression) in the `regex` crate's syntax, and
/// whether it starts with the `(?!\s*$)` look-ahead, which that crate lacks (check "not
/// only white space" with `is_js_space` beside it); another leading negative look-ahead
/// (`(?!^(\d+\.)+\d+$)`) is the third, a pattern in that syntax no match may match. `\d`, `\w`, `\s`, `\S` and `.` keep
/// their JavaScript meaning (ASCII digits and word characters; JavaScript's white space;
/// anything but a line terminator), not the crate's Unicode one. Read over code points,
/// the surrogates in a class name nothing a Rust string holds, so they are left out.
pub fn js_regex(pattern: &str) -> (String, bool, Option<String>) {
    let pattern = without_empty_wildcards(pattern);
    let (body, not_blank) = match pattern.strip_prefix(r"(?!\s*$)") {
        Some(rest) => (rest, true),
        None => (pattern, false),
    };
    if let Some(look) = body.strip_prefix("(?!").filter(|_| !not_blank) {
        let end = look.char_indices().scan(1i32, |depth, (i, c)| {
            *depth += match c { '(' => 1, ')' => -1, _ => 0 };
            Some((i, *depth))
        });
        let end = end.filter(|&(_, depth)| depth == 0).map(|(i, _)| i).next().expect("a closed look-ahead");
        let (main, _, _) = js_regex(&look[end + 1..]);
        let (forbidden, _, _) = js_regex(&look[..end]);
        return (main, false, Some(forbidden));
    }
    let space: String = JS_SPACE.iter().map(|(a, b)| format!("\\x{{{:X}}}-\\x{{{:X}}}", *a as u32, *b as u32)).collect();
    let chars: Vec<char> = body.chars().collect();
    let hex = |at: usize| u32::from_str_radix(&chars[at..at + 4].iter().collect::<String>(), 16).unwrap();
    let surrogate = |u: u32| (0xD800..=0xDFFF).contains(&u);
    let (mut out, mut in_class, mut i) = (String::new(), false, 0);
    // What `\d`, `\w`, `\s`, `\S` stand for inside a class; outside, a class of it.
    let class = |inner: String, in_class: bool| if in_class || inner.starts_with('[') { inner } else { format!("[{inner}]") };
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        i += 1;
        match (c, next) {
            ('\\', Some('u')) => {
                let u = hex(i + 1);
                let range_to = (chars.get(i + 5) == Some(&'-') && chars.get(i + 7) == Some(&'u')).then(|| hex(i + 8));
                assert!(in_class || !surrogate(u), "{pattern}: a surrogate outside a class");
                match range_to {
                    Some(v) if surrogate(u) != surrogate(v) => panic!("{pattern}: a range from a surrogate to a character"),
                    // A range of surrogates, gone with its `-`.
                    Some(_) if surrogate(u) => i += 12,
                    _ if surrogate(u) => i += 5,
                    _ => {
                        out.push_str(&format!("\\x{{{u:04X}}}"));
                        i += 5;
                    }
                }
            }
            ('\\', Some(e @ ('d' | 'w' | 's' | 'S'))) => {
                let inner = match e {
                    'd' => "0-9".to_owned(),
                    'w' => "0-9A-Za-z_".to_owned(),
                    's' => space.clone(),
                    _ => format!("[^{space}]"),
                };
                out.push_str(&class(inner, in_class));
                i += 1;
            }
            ('\\', Some(e)) => {
                // `\p{…}` reads the same in both (the Unicode versions aside).
                assert!(!e.is_ascii_alphanumeric() || "tnrpP".contains(e), "extend the translation for \\{e} in {pattern}");
                out.push(c);
                out.push(e);
                i += 1;
            }
            ('[', _) if !in_class => {
                in_class = true;
                out.push(c);
            }
            (']', _) if in_class => {
                in_class = false;
                out.push(c);
            }
            ('.', _) if !in_class => out.push_str("[^\\n\\r\\x{2028}\\x{2029}]"),
            ('(', Some('?')) if !in_class => {
                assert_eq!(chars.get(i + 1), Some(&':'), "{pattern}: a look-around other than a leading (?!\\s*$)");
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    (out, not_blank, None)
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
