//! Property tests with a seeded generator: generated valid requests have no errors, and
//! each single mutation of one produces the expected issue at the expected path, and no
//! error anywhere else.

mod common;

use cleanroomsml_wasm::validate::{IssueCode, Severity};
use cleanroomsml_wasm::value::Value;
use common::{Rng, set_value, validate, value};
use serde_json::{json, Map, Value as Json};

const HEX: &[char] = &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'];
const DIGITS: &[char] = &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
// The model's text class is read over code points: nothing above U+FFFF (see src/validate/patterns.rs).
const TEXT: &[char] = &['a', 'Z', '7', ' ', '\t', 'é', 'ß', '中', '\u{D7FF}', '-', '"', '\\', '\u{FFFD}', '\u{E000}'];
const TAG_TEXT: &[char] = &['a', 'Z', '7', ' ', 'é', '中', '_', '.', ':', '/', '=', '+', '-', '@'];
const ID_CHARS: &[char] = &['a', 'Z', '0', '_', '#', '=', '@', '/', ';', ',', '-', ' ', '^', '$', '?', '[', ']', '|', '*', '+', '.', '(', ')'];
const REGEXES: &[&str] = &["", "ERROR", "^WARN.*$", "(a|b)+", "[0-9]{3,4}", "x\\d+?", "(?:ab)*c"];

fn uuid(r: &mut Rng) -> String {
    [8, 4, 4, 4, 12].iter().map(|&n| r.text(HEX, n)).collect::<Vec<_>>().join("-")
}

fn account(r: &mut Rng) -> String {
    r.text(DIGITS, 12)
}

fn distinct<T: PartialEq>(r: &mut Rng, n: usize, mut make: impl FnMut(&mut Rng) -> T) -> Vec<T> {
    let mut items = Vec::new();
    while items.len() < n {
        let item = make(r);
        if !items.contains(&item) {
            items.push(item);
        }
    }
    items
}

fn subset(r: &mut Rng, of: &[&str]) -> Vec<Json> {
    let mut chosen: Vec<Json> = of.iter().filter(|_| r.chance()).map(|s| json!(s)).collect();
    if chosen.is_empty() {
        chosen.push(json!(r.pick(of)));
    }
    chosen
}

fn size(r: &mut Rng, max: f64) -> Json {
    json!({ "unit": "GB", "value": 0.01 + r.unit() * (max - 0.01) })
}

fn logs(r: &mut Rng) -> Json {
    let n = r.range(1, 5);
    Json::Array(
        (0..n)
            .map(|i| {
                let mut policy = Map::new();
                let ids = r.range(1, 5);
                // The index in the first account keeps entries distinct, as the model requires.
                let mut accounts = distinct(r, ids, account);
                accounts[0].replace_range(0..1, &i.to_string());
                policy.insert("allowedAccountIds".into(), json!(accounts));
                if r.chance() {
                    policy.insert("filterPattern".into(), json!(r.pick(REGEXES)));
                }
                if r.chance() {
                    policy.insert("logType".into(), json!(r.pick(&["ALL", "ERROR_SUMMARY"])));
                }
                if r.chance() {
                    let entities = subset(r, &["ALL_PERSONALLY_IDENTIFIABLE_INFORMATION", "NUMBERS", "CUSTOM"]);
                    let mut redaction = Map::new();
                    if entities.contains(&json!("CUSTOM")) {
                        let n = r.range(1, 10);
                        let ids = distinct(r, n, |r| {
                            let len = r.range(1, 200);
                            r.text(ID_CHARS, len)
                        });
                        redaction.insert("customEntityConfig".into(), json!({ "customDataIdentifiers": ids }));
                    }
                    redaction.insert("entitiesToRedact".into(), Json::Array(entities));
                    policy.insert("logRedactionConfiguration".into(), Json::Object(redaction));
                }
                Json::Object(policy)
            })
            .collect(),
    )
}

fn valid_request(r: &mut Rng) -> Json {
    let mut request = Map::new();
    request.insert("membershipIdentifier".into(), json!(uuid(r)));
    let partition = r.pick(&["aws", "aws-cn", "aws-us-gov", "aws-iso-b"]).to_string();
    let id_len = r.range(1, 60);
    let id = r.text(&['a', 'Z', '0', '-', '_', '/', '.'], id_len);
    let arn = format!("arn:{partition}:cleanrooms-ml:us-west-{}:{}:configured-model-algorithm/{id}", r.below(9), account(r));
    request.insert("configuredModelAlgorithmArn".into(), json!(arn));
    let name_len = r.range(0, 62);
    request.insert("name".into(), json!(format!("n{}", r.text(TEXT, name_len))));
    if r.chance() {
        let len = r.range(0, 255);
        request.insert("description".into(), json!(r.text(&[TEXT, &['\r', '\n']].concat(), len)));
    }
    if r.chance() {
        let mut policies = Map::new();
        if r.chance() {
            let mut trained = Map::new();
            if r.chance() {
                trained.insert("containerLogs".into(), logs(r));
            }
            if r.chance() {
                trained.insert("containerMetrics".into(), json!({ "noiseLevel": r.pick(&["HIGH", "MEDIUM", "LOW", "NONE"]) }));
            }
            if r.chance() {
                trained.insert("maxArtifactSize".into(), size(r, 100.0));
            }
            policies.insert("trainedModels".into(), Json::Object(trained));
        }
        if r.chance() {
            let files = subset(r, &["MODEL", "OUTPUT"]);
            policies.insert("trainedModelExports".into(), json!({ "maxSize": size(r, 50.0), "filesToExport": files }));
        }
        if r.chance() {
            let mut inference = Map::new();
            if r.chance() {
                inference.insert("containerLogs".into(), logs(r));
            }
            if r.chance() {
                inference.insert("maxOutputSize".into(), size(r, 100.0));
            }
            policies.insert("trainedModelInferenceJobs".into(), Json::Object(inference));
        }
        request.insert("privacyConfiguration".into(), json!({ "policies": policies }));
    }
    if r.chance() {
        let n = r.range(0, 50);
        let keys = distinct(r, n, |r| {
            let len = r.range(0, 127);
            format!("k{}", r.text(TAG_TEXT, len))
        });
        let tags: Map<String, Json> = keys
            .into_iter()
            .map(|k| {
                let len = r.range(0, 256);
                (k, json!(r.text(TAG_TEXT, len)))
            })
            .collect();
        request.insert("tags".into(), Json::Object(tags));
    }
    Json::Object(request)
}

#[test]
fn generated_valid_requests_have_no_errors() {
    let mut r = Rng(0x5EED_0001);
    for case in 0..2000 {
        let request = valid_request(&mut r);
        let report = validate(&value(&request));
        assert!(report.ok && report.issues.is_empty(), "case {case}: {:?}\n{request:#}", report.issues);
    }
}

/// What a mutation must produce: an issue with this code at this path.
struct Mutation {
    issue_path: String,
    code: IssueCode,
}

/// Changes a request, or None when it does not apply; Some(value) replaces the JSON input.
type MutationFn<'a> = dyn Fn(&mut Rng, &mut Json) -> Option<(Option<Value>, Mutation)> + 'a;

/// Applies a random applicable mutation and returns what it must produce.
fn mutate(r: &mut Rng, request: &mut Json) -> (Value, Mutation) {
    let expect = |path: &str, code| Mutation { issue_path: path.to_owned(), code };
    let mut candidates: Vec<Box<MutationFn<'_>>> = vec![
        Box::new(|_, q| {
            q["name"] = json!("");
            Some((None, expect("name", IssueCode::Length)))
        }),
        Box::new(|r, q| {
            let len = r.range(64, 100);
            q["name"] = json!(r.text(&['x', '😀'], len));
            Some((None, expect("name", IssueCode::Length)))
        }),
        Box::new(|_, q| {
            q.as_object_mut()?.remove("membershipIdentifier");
            Some((None, expect("membershipIdentifier", IssueCode::Required)))
        }),
        Box::new(|r, q| {
            let mut id: Vec<char> = q["membershipIdentifier"].as_str()?.chars().collect();
            let at = *r.pick(&[0, 9, 35]);
            id[at] = 'G';
            q["membershipIdentifier"] = json!(id.into_iter().collect::<String>());
            Some((None, expect("membershipIdentifier", IssueCode::Pattern)))
        }),
        Box::new(|_, q| {
            q["nmae"] = json!("typo");
            Some((None, expect("nmae", IssueCode::UnknownMember)))
        }),
        Box::new(|_, q| {
            let arn = q["configuredModelAlgorithmArn"].as_str()?.replace("cleanrooms-ml", "cleanrooms");
            q["configuredModelAlgorithmArn"] = json!(arn);
            Some((None, expect("configuredModelAlgorithmArn", IssueCode::Pattern)))
        }),
        Box::new(|_, q| {
            let tags = q.get_mut("tags")?.as_object_mut().filter(|t| t.len() < 50)?;
            tags.insert("aws:owner".into(), json!("x"));
            Some((None, expect("tags[\"aws:owner\"]", IssueCode::ReservedPrefix)))
        }),
        Box::new(|r, q| {
            let size = q.pointer_mut("/privacyConfiguration/policies/trainedModels/maxArtifactSize")?;
            size["value"] = json!(*r.pick(&[0.0099, 100.0001, 1e9, -1.0]));
            Some((None, expect("privacyConfiguration.policies.trainedModels.maxArtifactSize.value", IssueCode::Range)))
        }),
        Box::new(|r, q| {
            q.pointer("/privacyConfiguration/policies/trainedModelInferenceJobs/maxOutputSize")?;
            let mut v = value(q);
            let bad = *r.pick(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
            set_value(&mut v, &["privacyConfiguration", "policies", "trainedModelInferenceJobs", "maxOutputSize", "value"], Value::Number(bad));
            Some((Some(v), expect("privacyConfiguration.policies.trainedModelInferenceJobs.maxOutputSize.value", IssueCode::NotFinite)))
        }),
        Box::new(|_, q| {
            let files = q.pointer_mut("/privacyConfiguration/policies/trainedModelExports/filesToExport")?;
            files[0] = json!("Model");
            Some((None, expect("privacyConfiguration.policies.trainedModelExports.filesToExport[0]", IssueCode::Enum)))
        }),
        Box::new(|r, q| {
            let logs = q.pointer_mut("/privacyConfiguration/policies/trainedModels/containerLogs")?.as_array_mut()?;
            let i = r.below(logs.len());
            logs[i]["allowedAccountIds"][0] = json!("12345678901x");
            Some((None, expect(&format!("privacyConfiguration.policies.trainedModels.containerLogs[{i}].allowedAccountIds[0]"), IssueCode::Pattern)))
        }),
        Box::new(|_, q| {
            let logs = q.pointer_mut("/privacyConfiguration/policies/trainedModelInferenceJobs/containerLogs")?.as_array_mut()?;
            let n = 6 - logs.len();
            for i in 0..n {
                logs.push(json!({ "allowedAccountIds": [format!("{i:012}")] }));
            }
            Some((None, expect("privacyConfiguration.policies.trainedModelInferenceJobs.containerLogs", IssueCode::Count)))
        }),
    ];
    // Shuffle by rotating, then take the first mutation that applies to this request.
    let start = r.below(candidates.len());
    candidates.rotate_left(start);
    for candidate in &candidates {
        let mut attempt = request.clone();
        if let Some((v, mutation)) = candidate(r, &mut attempt) {
            let v = v.unwrap_or_else(|| value(&attempt));
            *request = attempt;
            return (v, mutation);
        }
    }
    unreachable!("the name mutations always apply")
}

#[test]
fn each_single_mutation_produces_its_issue_and_no_other_error() {
    let mut r = Rng(0x5EED_0002);
    for case in 0..2000 {
        let mut request = valid_request(&mut r);
        let (input, mutation) = mutate(&mut r, &mut request);
        let report = validate(&input);
        assert!(!report.ok, "case {case}: no error for {:?}", mutation.code);
        assert!(
            report.issues.iter().any(|i| i.path == mutation.issue_path && i.code == mutation.code),
            "case {case}: expected {:?} at {}, got {:?}",
            mutation.code,
            mutation.issue_path,
            report.issues
        );
        for issue in report.issues.iter().filter(|i| i.severity == Severity::Error) {
            assert!(
                issue.path.starts_with(&mutation.issue_path),
                "case {case}: stray error {issue:?} for a mutation at {}",
                mutation.issue_path
            );
        }
    }
}
