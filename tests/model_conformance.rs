//! Model conformance: reads the service model at test time (not the generated tables) and,
//! for every constrained member each supported operation's input reaches, checks values
//! on both sides of each boundary against `validate` — required members, string lengths,
//! patterns, ranges, enums, list and map sizes. It fails when the generated constraints
//! and the model disagree.
//!
//! `CLEANROOMSML_MODEL=path/to/service-2.json cargo test --test model_conformance` runs
//! it against another copy of the model (an edited range there must make it fail).

mod common;

use cleanroomsml_wasm::model::{rules, OPERATIONS};
use cleanroomsml_wasm::validate::{validate_shape, IssueCode, Severity};
use common::value;
use serde_json::{json, Map, Value as Json};

fn model() -> Json {
    let path = std::env::var("CLEANROOMSML_MODEL")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/model/cleanroomsml/service-2.json").into());
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

/// One step from a value to a member inside it.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path as `validate` writes it: `a.b[0]`, `tags["k"]`.
fn js_path(at: &[Step], map_keys: &[bool]) -> String {
    let mut out = String::new();
    for (i, step) in at.iter().enumerate() {
        match step {
            Step::Key(k) if map_keys[i] => out.push_str(&format!("[{}]", serde_json::to_string(k).unwrap())),
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => out.push_str(&format!(".{k}")),
            Step::Index(n) => out.push_str(&format!("[{n}]")),
        }
    }
    out
}

fn slot<'a>(root: &'a mut Json, at: &[Step]) -> &'a mut Json {
    at.iter().fold(root, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

fn remove(root: &mut Json, at: &[Step]) {
    let (last, parent) = at.split_last().unwrap();
    if let (Step::Key(k), Json::Object(members)) = (last, slot(root, parent)) {
        members.remove(k);
    }
}

/// `prefix` and as many `a` as make `n` characters, when `prefix` is shorter.
fn pad(prefix: &str, n: usize) -> Option<String> {
    (n > prefix.len()).then(|| format!("{prefix}{}", "a".repeat(n - prefix.len())))
}

/// Strings that match each pattern of the model the operations use (`good`, any length
/// from `min` where the pattern allows) and one of a valid length that does not (`bad`).
struct Samples {
    good: fn(usize) -> Option<String>,
    bad: &'static str,
}

fn samples(pattern: &str) -> Samples {
    const UUID: &str = "0d0a0c1e-1111-4222-8333-944455556666";
    const ALGORITHM: &str = "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/";
    const ASSOCIATION: &str = "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-association/";
    match pattern {
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" => {
            Samples { good: |n| (n == 36).then(|| UUID.into()), bad: "0D0A0C1E-1111-4222-8333-944455556666" }
        }
        p if p.ends_with(":configured-model-algorithm/[-a-zA-Z0-9_/.]+") => {
            Samples { good: |n| pad(ALGORITHM, n), bad: "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithms/a" }
        }
        p if p.ends_with("/configured-model-algorithm-association/[-a-zA-Z0-9_/.]+") => {
            Samples { good: |n| pad(ASSOCIATION, n), bad: "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/x/configured-model-algorithm-association/a" }
        }
        p if p.starts_with(r"(?!\s*$)") => Samples { good: |n| Some("n".repeat(n)).filter(|_| n > 0), bad: " \t " },
        p if p.ends_with(r"\t\r\n]*") => Samples { good: |n| Some("d".repeat(n)), bad: "bell \u{7}" },
        p if p.starts_with(r"[a-zA-Z0-9\_\#") => Samples { good: |n| Some("c".repeat(n)).filter(|_| n > 0), bad: "no ! here" },
        other => panic!("a pattern this test has no samples for: {other}; add good and bad samples"),
    }
}

struct Conformance<'m> {
    shapes: &'m Map<String, Json>,
    base: Json,
    operation: &'static str,
    checks: usize,
    failures: Vec<String>,
}

impl<'m> Conformance<'m> {
    fn shape(&self, name: &str) -> &'m Json {
        &self.shapes[name]
    }

    /// A valid value of `name`, with every optional member set, so that every constrained
    /// member is reached.
    fn valid(&self, name: &str) -> Json {
        let shape = self.shape(name);
        let min = shape["min"].as_f64();
        let max = shape["max"].as_f64();
        match shape["type"].as_str().unwrap() {
            "structure" => Json::Object(
                shape["members"].as_object().unwrap().iter().map(|(k, m)| (k.clone(), self.valid(m["shape"].as_str().unwrap()))).collect(),
            ),
            "list" => {
                let n = min.unwrap_or(1.0).max(1.0) as usize;
                Json::Array((0..n).map(|i| self.item(name, i)).collect())
            }
            "map" => json!({ "k1": self.valid(shape["value"]["shape"].as_str().unwrap()) }),
            "string" => match shape["enum"].as_array() {
                Some(values) => values[0].clone(),
                None => Json::String(self.text(name, min.unwrap_or(0.0) as usize, max.map(|m| m as usize)).unwrap()),
            },
            "double" | "float" => json!(min.unwrap_or(1.0)),
            "integer" | "long" => json!(min.unwrap_or(1.0) as i64),
            "boolean" => json!(true),
            other => panic!("{name}: type {other} in an input"),
        }
    }

    /// Item `i` of the list `name`: enum items run through the values, so that a list
    /// whose items must differ can reach its maximum.
    fn item(&self, list: &str, i: usize) -> Json {
        let member = self.shape(list)["member"]["shape"].as_str().unwrap();
        match self.shape(member)["enum"].as_array() {
            Some(values) => values[i % values.len()].clone(),
            None => self.valid(member),
        }
    }

    /// A string of the shape `name` with `n` code points that matches its pattern, or
    /// None when its pattern allows no such length. Strings without a pattern are digits,
    /// which also makes them account IDs where a rule beyond the model wants one.
    fn text(&self, name: &str, min: usize, max: Option<usize>) -> Option<String> {
        let max = max.unwrap_or(usize::MAX);
        let preferred = (min..=max).contains(&12).then_some(12);
        preferred.into_iter().chain(min.max(1)..=max.min(min + 300)).find_map(|n| self.text_of_length(name, n))
    }

    fn text_of_length(&self, name: &str, n: usize) -> Option<String> {
        match self.shape(name)["pattern"].as_str() {
            Some(pattern) => (samples(pattern).good)(n),
            None => Some("123456789012".chars().cycle().take(n).collect()),
        }
    }

    /// Sets the member at `at` to `new` (None: removes it) and checks the issues at its
    /// path: `expected` is the code that must be reported there, or None for no error.
    fn expect(&mut self, at: &[Step], map_keys: &[bool], new: Option<Json>, expected: Option<IssueCode>, what: &str) {
        let mut input = self.base.clone();
        match new {
            Some(v) => *slot(&mut input, at) = v,
            None => remove(&mut input, at),
        }
        self.check(&input, &js_path(at, map_keys), expected, what);
    }

    /// Validates `input` and checks the errors at `path`.
    fn check(&mut self, input: &Json, path: &str, expected: Option<IssueCode>, what: &str) {
        let shape = OPERATIONS.iter().find(|op| op.name == self.operation).unwrap().input;
        let report = validate_shape(shape, &value(input));
        let errors: Vec<_> = report.issues.iter().filter(|i| i.path == path && i.severity == Severity::Error).collect();
        self.checks += 1;
        let ok = match expected {
            Some(code) => errors.iter().any(|i| i.code == code),
            None => errors.is_empty(),
        };
        if !ok {
            self.failures.push(format!("{path} {what}: expected {expected:?}, got {errors:?}"));
        }
    }

    /// Every boundary of the shape `name` at `at`, then of the members inside it.
    fn walk(&mut self, name: &str, at: &mut Vec<Step>, map_keys: &mut Vec<bool>) {
        let shape = self.shape(name);
        let min = shape["min"].as_f64();
        let max = shape["max"].as_f64();
        match shape["type"].as_str().unwrap() {
            "structure" => {
                let required: Vec<&str> = shape["required"].as_array().into_iter().flatten().filter_map(Json::as_str).collect();
                for (member, m) in shape["members"].as_object().unwrap() {
                    at.push(Step::Key(member.clone()));
                    map_keys.push(false);
                    if required.contains(&member.as_str()) {
                        self.expect(at, map_keys, None, Some(IssueCode::Required), "left out");
                    } else {
                        self.expect(at, map_keys, None, None, "left out");
                    }
                    self.walk(m["shape"].as_str().unwrap(), at, map_keys);
                    at.pop();
                    map_keys.pop();
                }
            }
            "list" => {
                let item = |c: &Self, n: usize| Json::Array((0..n).map(|i| c.item(name, i)).collect());
                let (lo, hi) = (min.unwrap_or(0.0) as usize, max.map(|m| m as usize));
                if lo > 0 {
                    self.expect(at, map_keys, Some(item(self, lo - 1)), Some(IssueCode::Count), "below its minimum count");
                }
                self.expect(at, map_keys, Some(item(self, lo.max(1))), None, "at its minimum count");
                if let Some(hi) = hi {
                    self.expect(at, map_keys, Some(item(self, hi)), None, "at its maximum count");
                    self.expect(at, map_keys, Some(item(self, hi + 1)), Some(IssueCode::Count), "above its maximum count");
                }
                at.push(Step::Index(0));
                map_keys.push(false);
                self.walk(shape["member"]["shape"].as_str().unwrap(), at, map_keys);
                at.pop();
                map_keys.pop();
            }
            "map" => {
                let value = self.valid(shape["value"]["shape"].as_str().unwrap());
                let entries = |n: usize| Json::Object((0..n).map(|i| (format!("k{i}"), value.clone())).collect());
                // Beyond the model: AWS allows at most 50 tags on a resource (src/model/rules.rs).
                let hi = max.map(|m| m as usize).map(|m| if name == "TagMap" { m.min(rules::MAX_TAGS) } else { m });
                if let Some(hi) = hi {
                    self.expect(at, map_keys, Some(entries(hi)), None, "at its maximum size");
                    self.expect(at, map_keys, Some(entries(hi + 1)), Some(IssueCode::Count), "above its maximum size");
                }
                // The keys' lengths, one key at a time.
                let key_shape = self.shape(shape["key"]["shape"].as_str().unwrap());
                let (klo, khi) = (key_shape["min"].as_u64().unwrap_or(0), key_shape["max"].as_u64());
                let mut keys = vec![(klo.max(1), None)];
                if klo > 0 {
                    keys.push((klo - 1, Some(IssueCode::Length)));
                }
                if let Some(khi) = khi {
                    keys.extend([(khi, None), (khi + 1, Some(IssueCode::Length))]);
                }
                for (n, expected) in keys {
                    let key = "k".repeat(n as usize);
                    let mut input = self.base.clone();
                    *slot(&mut input, at) = json!({ key.clone(): value.clone() });
                    let path = js_path(&[at.clone(), vec![Step::Key(key)]].concat(), &[map_keys.clone(), vec![true]].concat());
                    self.check(&input, &path, expected, &format!("a key of {n} characters"));
                }
                at.push(Step::Key("k1".into()));
                map_keys.push(true);
                self.walk(shape["value"]["shape"].as_str().unwrap(), at, map_keys);
                at.pop();
                map_keys.pop();
            }
            "string" => match shape["enum"].as_array() {
                Some(values) => {
                    for v in values {
                        self.expect(at, map_keys, Some(v.clone()), None, "an enum value");
                        let lower = Json::String(v.as_str().unwrap().to_lowercase() + "x");
                        self.expect(at, map_keys, Some(lower), Some(IssueCode::Enum), "not an enum value");
                    }
                }
                None => {
                    let (lo, hi) = (min.map(|m| m as usize), max.map(|m| m as usize));
                    let filler = |c: &Self, n: usize| Json::String(c.text_of_length(name, n).unwrap_or_else(|| "a".repeat(n)));
                    if let Some(lo) = lo.filter(|&lo| lo > 0) {
                        let short = filler(self, lo - 1);
                        self.expect(at, map_keys, Some(short), Some(IssueCode::Length), "one character short");
                    }
                    if let Some(hi) = hi {
                        let long = filler(self, hi + 1);
                        self.expect(at, map_keys, Some(long), Some(IssueCode::Length), "one character long");
                    }
                    for n in [lo, hi].into_iter().flatten() {
                        if let Some(s) = self.text_of_length(name, n) {
                            self.expect(at, map_keys, Some(Json::String(s)), None, "at a length bound");
                        }
                    }
                    if let Some(pattern) = shape["pattern"].as_str() {
                        let bad = samples(pattern).bad;
                        self.expect(at, map_keys, Some(json!(bad)), Some(IssueCode::Pattern), "outside its pattern");
                    }
                }
            },
            "double" | "float" | "integer" | "long" => {
                let integer = matches!(shape["type"].as_str(), Some("integer" | "long"));
                let step = |x: f64| if integer { 1.0 } else { x.abs() * 1e-9 + 1e-12 };
                for (bound, outside) in [(min, min.map(|m| m - step(m))), (max, max.map(|m| m + step(m)))] {
                    if let (Some(bound), Some(outside)) = (bound, outside) {
                        self.expect(at, map_keys, Some(json!(bound)), None, "at a bound of its range");
                        self.expect(at, map_keys, Some(json!(outside)), Some(IssueCode::Range), "just outside its range");
                    }
                }
            }
            _ => {}
        }
    }

}

#[test]
fn every_constraint_of_each_operation_input_holds_at_its_boundaries() {
    let model = model();
    let shapes = model["shapes"].as_object().unwrap();
    assert!(!OPERATIONS.is_empty());
    for op in OPERATIONS {
        let input = model["operations"][op.name]["input"]["shape"].as_str().unwrap();
        let mut run = Conformance { shapes, base: Json::Null, operation: op.name, checks: 0, failures: Vec::new() };
        run.base = run.valid(input);
        let report = validate_shape(op.input, &value(&run.base));
        assert!(report.ok, "{}: the valid input built from the model is valid: {:?}\n{}", op.name, report.issues, run.base);
        run.walk(input, &mut Vec::new(), &mut Vec::new());
        // Every member gets a few checks at least (type, required or not, its edges).
        let members = op.input_members().len();
        assert!(run.checks >= 4 * members, "{}: only {} checks for {members} members", op.name, run.checks);
        assert!(run.failures.is_empty(), "{}: {} of {} checks disagree with the model:\n{}", op.name, run.failures.len(), run.checks, run.failures.join("\n"));
        eprintln!("{}: {} boundary checks against {}", op.name, run.checks, input);
    }
}

/// The rules beyond the model name shapes the model has, and say what the Smithy model
/// says where it says more than botocore's format (`uniqueItems`, the `AccountId` shape).
#[test]
fn the_rules_beyond_the_model_name_its_shapes() {
    let model = model();
    let shapes = model["shapes"].as_object().unwrap();
    for (name, _) in rules::RULES {
        assert!(shapes.contains_key(name), "src/model/rules.rs names {name}, which the model does not have");
    }
    let smithy_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/cleanroomsml-create-association-shapes.json");
    let smithy: Json = serde_json::from_str(&std::fs::read_to_string(smithy_path).unwrap()).unwrap();
    let mut unique: Vec<&str> = smithy
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, s)| s["traits"].get("smithy.api#uniqueItems").is_some())
        .map(|(id, _)| id.trim_start_matches("com.amazonaws.cleanroomsml#"))
        .collect();
    let mut ours: Vec<&str> = rules::RULES.iter().filter(|(_, r)| *r == rules::Rule::UniqueItems).map(|(n, _)| *n).collect();
    unique.sort();
    ours.sort();
    assert_eq!(ours, unique, "the lists the Smithy model marks uniqueItems");
    let account_id = &shapes["AccountId"];
    let cleanroomsml_wasm::model::Shape::String(ours) = &rules::ACCOUNT_ID else { panic!("ACCOUNT_ID is a string shape") };
    assert_eq!((ours.min as u64, ours.max.map(|m| m as u64)), (account_id["min"].as_u64().unwrap(), account_id["max"].as_u64()));
    // The generator maps this pattern to `Pattern::AccountId` (codegen's tests).
    assert_eq!(account_id["pattern"].as_str(), Some("[0-9]{12}"));
    assert_eq!(ours.pattern, Some(cleanroomsml_wasm::model::Pattern::AccountId));
}

/// The generated operation table says what the model's operation says: method, URI,
/// success code, idempotency, and each error with its HTTP status and fault.
#[test]
fn the_operation_table_is_the_models() {
    let model = model();
    for op in OPERATIONS {
        let m = &model["operations"][op.name];
        assert_eq!(op.method, m["http"]["method"].as_str().unwrap(), "{}", op.name);
        assert_eq!(op.uri, m["http"]["requestUri"].as_str().unwrap(), "{}", op.name);
        assert_eq!(u64::from(op.success_code), m["http"]["responseCode"].as_u64().unwrap_or(200), "{}", op.name);
        assert_eq!(op.idempotent, m["idempotent"].as_bool().unwrap_or(false), "{}", op.name);
        let expected: Vec<(String, u64, bool)> = m["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let shape = &model["shapes"][e["shape"].as_str().unwrap()];
                (e["shape"].as_str().unwrap().to_owned(), shape["error"]["httpStatusCode"].as_u64().unwrap(), shape["error"]["senderFault"].as_bool().unwrap_or(false))
            })
            .collect();
        let ours: Vec<(String, u64, bool)> = op.errors.iter().map(|e| (e.name.to_owned(), u64::from(e.status), e.sender_fault)).collect();
        assert_eq!(ours, expected, "{}", op.name);
        assert!(!ours.is_empty());
    }
}
