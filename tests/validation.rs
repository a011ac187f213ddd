//! Every validation rule at its boundary, on both sides: one change to a valid request
//! gives exactly the expected issue (or none).

mod common;

use cleanroomsml_wasm::validate::{IssueCode, IssueCode::*, Severity};
use cleanroomsml_wasm::value::{Text, Value};
use common::{full_request, set_value, validate, value};
use serde_json::{json, Value as Json};

const TM: &str = "/privacyConfiguration/policies/trainedModels";
const LOG0: &str = "/privacyConfiguration/policies/trainedModels/containerLogs/0";
const EXPORTS: &str = "/privacyConfiguration/policies/trainedModelExports";
const INFERENCE: &str = "/privacyConfiguration/policies/trainedModelInferenceJobs";
const REDACTION: &str = "/privacyConfiguration/policies/trainedModels/containerLogs/0/logRedactionConfiguration";

/// Issues as (path, code, severity).
type Issues = Vec<(String, IssueCode, Severity)>;

fn issues_of(input: &Json) -> Issues {
    let report = validate(&value(input));
    assert_eq!(report.ok, report.issues.iter().all(|i| i.severity == Severity::Warning));
    report.issues.into_iter().map(|i| (i.path, i.code, i.severity)).collect()
}

/// The full valid request with the value at `pointer` replaced (None: removed).
fn with(pointer: &str, new: Option<Json>) -> Json {
    let mut request = full_request();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = request.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
    match (parent, new) {
        (Json::Object(map), Some(v)) => {
            map.insert(key.to_owned(), v);
        }
        (Json::Object(map), None) => {
            map.remove(key).unwrap();
        }
        (Json::Array(items), Some(v)) => items[key.parse::<usize>().unwrap()] = v,
        _ => unreachable!(),
    }
    request
}

fn s(len: usize, c: char) -> Json {
    Json::String(std::iter::repeat_n(c, len).collect())
}

fn error(path: &str, code: IssueCode) -> Issues {
    vec![(path.to_owned(), code, Severity::Error)]
}

fn warning(path: &str, code: IssueCode) -> Issues {
    vec![(path.to_owned(), code, Severity::Warning)]
}

fn none() -> Issues {
    Vec::new()
}

const TM_PATH: &str = "privacyConfiguration.policies.trainedModels";
const LOG0_PATH: &str = "privacyConfiguration.policies.trainedModels.containerLogs[0]";

#[test]
fn the_full_request_is_valid() {
    assert_eq!(issues_of(&full_request()), none());
}

#[test]
fn every_rule_at_its_boundaries() {
    let redaction_path = format!("{LOG0_PATH}.logRedactionConfiguration");
    let accounts = |n: usize| Json::Array((0..n).map(|i| json!(format!("{:012}", 100000000000u64 + i as u64))).collect());
    let logs = |n: usize| {
        Json::Array((0..n).map(|i| json!({ "allowedAccountIds": [format!("{:012}", i)] })).collect())
    };
    let identifiers = |n: usize| Json::Array((0..n).map(|i| json!(format!("id{i}"))).collect());
    let tags = |n: usize| Json::Object((0..n).map(|i| (format!("k{i}"), json!("v"))).collect());

    let cases: Vec<(&str, Json, Issues)> = vec![
        // required members
        ("membership missing", with("/membershipIdentifier", None), error("membershipIdentifier", Required)),
        ("arn null", with("/configuredModelAlgorithmArn", Some(Json::Null)), error("configuredModelAlgorithmArn", Required)),
        ("name missing", with("/name", None), error("name", Required)),
        ("description optional", with("/description", None), none()),
        ("privacyConfiguration optional", with("/privacyConfiguration", None), none()),
        ("tags optional", with("/tags", None), none()),
        ("policies missing", with("/privacyConfiguration/policies", None), error("privacyConfiguration.policies", Required)),
        ("allowedAccountIds missing", with(&format!("{LOG0}/allowedAccountIds"), None), error(&format!("{LOG0_PATH}.allowedAccountIds"), Required)),
        ("entitiesToRedact missing", with(&format!("{REDACTION}/entitiesToRedact"), None), error(&format!("{redaction_path}.entitiesToRedact"), Required)),
        ("noiseLevel missing", with(&format!("{TM}/containerMetrics/noiseLevel"), None), error(&format!("{TM_PATH}.containerMetrics.noiseLevel"), Required)),
        ("export maxSize missing", with(&format!("{EXPORTS}/maxSize"), None), error("privacyConfiguration.policies.trainedModelExports.maxSize", Required)),
        ("filesToExport missing", with(&format!("{EXPORTS}/filesToExport"), None), error("privacyConfiguration.policies.trainedModelExports.filesToExport", Required)),
        ("size unit missing", with(&format!("{TM}/maxArtifactSize/unit"), None), error(&format!("{TM_PATH}.maxArtifactSize.unit"), Required)),
        ("size value missing", with(&format!("{TM}/maxArtifactSize/value"), None), error(&format!("{TM_PATH}.maxArtifactSize.value"), Required)),
        ("customDataIdentifiers missing", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers"), None), error(&format!("{redaction_path}.customEntityConfig.customDataIdentifiers"), Required)),
        // membership UUID
        ("uuid 35", with("/membershipIdentifier", Some(json!("0d0a0c1e-1111-4222-8333-94445555666"))), vec![("membershipIdentifier".into(), Length, Severity::Error), ("membershipIdentifier".into(), Pattern, Severity::Error)]),
        ("uuid 37", with("/membershipIdentifier", Some(json!("0d0a0c1e-1111-4222-8333-9444555566660"))), vec![("membershipIdentifier".into(), Length, Severity::Error), ("membershipIdentifier".into(), Pattern, Severity::Error)]),
        ("uuid uppercase", with("/membershipIdentifier", Some(json!("0D0A0C1E-1111-4222-8333-944455556666"))), error("membershipIdentifier", Pattern)),
        ("uuid no dashes at 36", with("/membershipIdentifier", Some(json!("0d0a0c1e01111042220833309444555566660"[..36].to_owned()))), error("membershipIdentifier", Pattern)),
        // configured model algorithm ARN: length 20..=2048 and pattern
        ("arn 2048", with("/configuredModelAlgorithmArn", Some(json!(format!("arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/{}", "a".repeat(2048 - 72))))), none()),
        ("arn 2049", with("/configuredModelAlgorithmArn", Some(json!(format!("arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/{}", "a".repeat(2049 - 72))))), error("configuredModelAlgorithmArn", Length)),
        ("arn under 20", with("/configuredModelAlgorithmArn", Some(json!("arn:aws:cleanrooms"))), vec![("configuredModelAlgorithmArn".into(), Length, Severity::Error), ("configuredModelAlgorithmArn".into(), Pattern, Severity::Error)]),
        ("arn other partition", with("/configuredModelAlgorithmArn", Some(json!("arn:aws-cn:cleanrooms-ml:cn-north-1:123456789012:configured-model-algorithm/a.b_c/d-e"))), none()),
        ("arn wrong service", with("/configuredModelAlgorithmArn", Some(json!("arn:aws:cleanrooms:us-east-1:123456789012:configured-model-algorithm/abc"))), error("configuredModelAlgorithmArn", Pattern)),
        ("arn 11-digit account", with("/configuredModelAlgorithmArn", Some(json!("arn:aws:cleanrooms-ml:us-east-1:12345678901:configured-model-algorithm/abc"))), error("configuredModelAlgorithmArn", Pattern)),
        ("arn wrong resource", with("/configuredModelAlgorithmArn", Some(json!("arn:aws:cleanrooms-ml:us-east-1:123456789012:training-dataset/abc"))), error("configuredModelAlgorithmArn", Pattern)),
        ("arn bad id char", with("/configuredModelAlgorithmArn", Some(json!("arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/a:b"))), error("configuredModelAlgorithmArn", Pattern)),
        ("arn empty region", with("/configuredModelAlgorithmArn", Some(json!("arn:aws:cleanrooms-ml::123456789012:configured-model-algorithm/abc"))), error("configuredModelAlgorithmArn", Pattern)),
        // name: 1..=63, text class, not only white space
        ("name 1", with("/name", Some(s(1, 'n'))), none()),
        ("name 63", with("/name", Some(s(63, 'n'))), none()),
        ("name 64", with("/name", Some(s(64, 'n'))), error("name", Length)),
        ("name empty", with("/name", Some(json!(""))), error("name", Length)),
        // Lengths count code points; the name's class holds nothing above U+FFFF (code-point reading).
        ("name 63 code points", with("/name", Some(s(63, '中'))), none()),
        ("name astral", with("/name", Some(json!("churn 😀"))), error("name", Pattern)),
        ("name 64 code points", with("/name", Some(s(64, '中'))), error("name", Length)),
        ("name only spaces", with("/name", Some(json!("  \t "))), error("name", Pattern)),
        ("name only no-break spaces", with("/name", Some(json!("\u{a0}\u{3000}"))), error("name", Pattern)),
        ("name with tab", with("/name", Some(json!("a\tb"))), none()),
        ("name with newline", with("/name", Some(json!("a\nb"))), error("name", Pattern)),
        ("name with U+FFFE", with("/name", Some(json!("a\u{fffe}"))), error("name", Pattern)),
        ("name with U+FFFD", with("/name", Some(json!("a\u{fffd}"))), none()),
        // description: 0..=255, text class with line breaks
        ("description empty", with("/description", Some(json!(""))), none()),
        ("description 255", with("/description", Some(s(255, 'é'))), none()),
        ("description 256", with("/description", Some(s(256, 'é'))), error("description", Length)),
        ("description line breaks", with("/description", Some(json!("a\r\nb\tc"))), none()),
        ("description control char", with("/description", Some(json!("a\u{7}"))), error("description", Pattern)),
        // containerLogs 1..=5, unique
        ("containerLogs 5", with(&format!("{TM}/containerLogs"), Some(logs(5))), none()),
        ("containerLogs 6", with(&format!("{TM}/containerLogs"), Some(logs(6))), error(&format!("{TM_PATH}.containerLogs"), Count)),
        ("containerLogs 0", with(&format!("{TM}/containerLogs"), Some(logs(0))), error(&format!("{TM_PATH}.containerLogs"), Count)),
        ("inference containerLogs 6", with(&format!("{INFERENCE}/containerLogs"), Some(logs(6))), error("privacyConfiguration.policies.trainedModelInferenceJobs.containerLogs", Count)),
        ("containerLogs repeated", with(&format!("{TM}/containerLogs"), Some(json!([{"allowedAccountIds": ["123456789012"]}, {"allowedAccountIds": ["123456789012"]}]))), error(&format!("{TM_PATH}.containerLogs[1]"), Duplicate)),
        // allowedAccountIds 1..=5, 12 digits each, repeats warned
        ("accounts 5", with(&format!("{LOG0}/allowedAccountIds"), Some(accounts(5))), none()),
        ("accounts 6", with(&format!("{LOG0}/allowedAccountIds"), Some(accounts(6))), error(&format!("{LOG0_PATH}.allowedAccountIds"), Count)),
        ("accounts 0", with(&format!("{LOG0}/allowedAccountIds"), Some(accounts(0))), error(&format!("{LOG0_PATH}.allowedAccountIds"), Count)),
        ("account 11 digits", with(&format!("{LOG0}/allowedAccountIds/1"), Some(json!("12345678901"))), vec![(format!("{LOG0_PATH}.allowedAccountIds[1]"), Length, Severity::Error), (format!("{LOG0_PATH}.allowedAccountIds[1]"), Pattern, Severity::Error)]),
        ("account with letter", with(&format!("{LOG0}/allowedAccountIds/0"), Some(json!("12345678901a"))), error(&format!("{LOG0_PATH}.allowedAccountIds[0]"), Pattern)),
        ("account repeated", with(&format!("{LOG0}/allowedAccountIds/1"), Some(json!("123456789012"))), warning(&format!("{LOG0_PATH}.allowedAccountIds[1]"), Duplicate)),
        // filterPattern 0..=1024, a valid regular expression (warning)
        ("filterPattern empty", with(&format!("{LOG0}/filterPattern"), Some(json!(""))), none()),
        ("filterPattern 1024", with(&format!("{LOG0}/filterPattern"), Some(s(1024, 'x'))), none()),
        ("filterPattern 1025", with(&format!("{LOG0}/filterPattern"), Some(s(1025, 'x'))), error(&format!("{LOG0_PATH}.filterPattern"), Length)),
        ("filterPattern unclosed group", with(&format!("{LOG0}/filterPattern"), Some(json!("(ERROR"))), warning(&format!("{LOG0_PATH}.filterPattern"), Regex)),
        // logType
        ("logType ALL", with(&format!("{LOG0}/logType"), Some(json!("ALL"))), none()),
        ("logType lowercase", with(&format!("{LOG0}/logType"), Some(json!("all"))), error(&format!("{LOG0_PATH}.logType"), Enum)),
        // entitiesToRedact: at least 1, enum, unique
        ("entities empty", with(&format!("{REDACTION}/entitiesToRedact"), Some(json!([]))), error(&format!("{redaction_path}.entitiesToRedact"), Count)),
        ("entities all three", with(&format!("{REDACTION}/entitiesToRedact"), Some(json!(["ALL_PERSONALLY_IDENTIFIABLE_INFORMATION", "NUMBERS", "CUSTOM"]))), none()),
        ("entities unknown", with(&format!("{REDACTION}/entitiesToRedact/1"), Some(json!("EMAILS"))), error(&format!("{redaction_path}.entitiesToRedact[1]"), Enum)),
        ("entities repeated", with(&format!("{REDACTION}/entitiesToRedact/1"), Some(json!("CUSTOM"))), error(&format!("{redaction_path}.entitiesToRedact[1]"), Duplicate)),
        // customDataIdentifiers 1..=10, each 1..=200 with its pattern, unique
        ("identifiers 10", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers"), Some(identifiers(10))), none()),
        ("identifiers 11", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers"), Some(identifiers(11))), error(&format!("{redaction_path}.customEntityConfig.customDataIdentifiers"), Count)),
        ("identifiers 0", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers"), Some(identifiers(0))), error(&format!("{redaction_path}.customEntityConfig.customDataIdentifiers"), Count)),
        ("identifier 200", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers/0"), Some(s(200, 'a'))), none()),
        ("identifier 201", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers/0"), Some(s(201, 'a'))), error(&format!("{redaction_path}.customEntityConfig.customDataIdentifiers[0]"), Length)),
        ("identifier empty", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers/0"), Some(json!(""))), error(&format!("{redaction_path}.customEntityConfig.customDataIdentifiers[0]"), Length)),
        ("identifier every allowed symbol", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers/0"), Some(json!("aZ09_#=@/;,- ^$?[]{}|\\*+.()"))), none()),
        ("identifier with quote", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers/0"), Some(json!("a'b"))), error(&format!("{redaction_path}.customEntityConfig.customDataIdentifiers[0]"), Pattern)),
        ("identifier with é", with(&format!("{REDACTION}/customEntityConfig/customDataIdentifiers/0"), Some(json!("é"))), error(&format!("{redaction_path}.customEntityConfig.customDataIdentifiers[0]"), Pattern)),
        // cross-field: CUSTOM and customEntityConfig
        ("CUSTOM without config", with(&format!("{REDACTION}/customEntityConfig"), None), warning(&format!("{redaction_path}.customEntityConfig"), Dependency)),
        ("config without CUSTOM", with(&format!("{REDACTION}/entitiesToRedact"), Some(json!(["NUMBERS"]))), warning(&format!("{redaction_path}.customEntityConfig"), Dependency)),
        // noiseLevel
        ("noiseLevel NONE", with(&format!("{TM}/containerMetrics/noiseLevel"), Some(json!("NONE"))), none()),
        ("noiseLevel wrong", with(&format!("{TM}/containerMetrics/noiseLevel"), Some(json!("MAX"))), error(&format!("{TM_PATH}.containerMetrics.noiseLevel"), Enum)),
        // sizes: the model's ranges, finite numbers, unit GB
        ("artifact 0.01", with(&format!("{TM}/maxArtifactSize/value"), Some(json!(0.01))), none()),
        ("artifact 0.0099", with(&format!("{TM}/maxArtifactSize/value"), Some(json!(0.0099))), error(&format!("{TM_PATH}.maxArtifactSize.value"), Range)),
        ("artifact 100", with(&format!("{TM}/maxArtifactSize/value"), Some(json!(100))), none()),
        ("artifact 100.001", with(&format!("{TM}/maxArtifactSize/value"), Some(json!(100.001))), error(&format!("{TM_PATH}.maxArtifactSize.value"), Range)),
        ("artifact zero", with(&format!("{TM}/maxArtifactSize/value"), Some(json!(0))), error(&format!("{TM_PATH}.maxArtifactSize.value"), Range)),
        ("artifact string", with(&format!("{TM}/maxArtifactSize/value"), Some(json!("1"))), error(&format!("{TM_PATH}.maxArtifactSize.value"), Type)),
        ("artifact unit MB", with(&format!("{TM}/maxArtifactSize/unit"), Some(json!("MB"))), error(&format!("{TM_PATH}.maxArtifactSize.unit"), Enum)),
        ("export 50", with(&format!("{EXPORTS}/maxSize/value"), Some(json!(50))), none()),
        ("export 50.01", with(&format!("{EXPORTS}/maxSize/value"), Some(json!(50.01))), error("privacyConfiguration.policies.trainedModelExports.maxSize.value", Range)),
        ("export 0.009", with(&format!("{EXPORTS}/maxSize/value"), Some(json!(0.009))), error("privacyConfiguration.policies.trainedModelExports.maxSize.value", Range)),
        ("output 100", with(&format!("{INFERENCE}/maxOutputSize/value"), Some(json!(100))), none()),
        ("output 100.01", with(&format!("{INFERENCE}/maxOutputSize/value"), Some(json!(100.01))), error("privacyConfiguration.policies.trainedModelInferenceJobs.maxOutputSize.value", Range)),
        ("output 0.01", with(&format!("{INFERENCE}/maxOutputSize/value"), Some(json!(0.01))), none()),
        ("output unit gb", with(&format!("{INFERENCE}/maxOutputSize/unit"), Some(json!("gb"))), error("privacyConfiguration.policies.trainedModelInferenceJobs.maxOutputSize.unit", Enum)),
        // filesToExport 1..=2, enum, no repeats
        ("files 1", with(&format!("{EXPORTS}/filesToExport"), Some(json!(["OUTPUT"]))), none()),
        ("files 0", with(&format!("{EXPORTS}/filesToExport"), Some(json!([]))), error("privacyConfiguration.policies.trainedModelExports.filesToExport", Count)),
        ("files 3: only the count", with(&format!("{EXPORTS}/filesToExport"), Some(json!(["MODEL", "OUTPUT", "LOGS"]))), error("privacyConfiguration.policies.trainedModelExports.filesToExport", Count)),
        ("files repeated", with(&format!("{EXPORTS}/filesToExport"), Some(json!(["MODEL", "MODEL"]))), error("privacyConfiguration.policies.trainedModelExports.filesToExport[1]", Duplicate)),
        ("files wrong", with(&format!("{EXPORTS}/filesToExport/0"), Some(json!("model"))), error("privacyConfiguration.policies.trainedModelExports.filesToExport[0]", Enum)),
        // tags
        ("tags 50", with("/tags", Some(tags(50))), none()),
        ("tags 51", with("/tags", Some(tags(51))), error("tags", Count)),
        ("tags empty object", with("/tags", Some(json!({}))), none()),
        ("tag key 128", with("/tags", Some(json!({ "k".repeat(128): "v" }))), none()),
        ("tag key 129", with("/tags", Some(json!({ "k".repeat(129): "v" }))), error(&format!("tags[\"{}\"]", "k".repeat(129)), Length)),
        ("tag key 128 astral", with("/tags", Some(json!({ "😀".repeat(128): "v" }))), warning(&format!("tags[\"{}\"]", "😀".repeat(128)), Characters)),
        ("tag key empty", with("/tags", Some(json!({ "": "v" }))), error("tags[\"\"]", Length)),
        ("tag value 256", with("/tags", Some(json!({ "k": "v".repeat(256) }))), none()),
        ("tag value 256 accented", with("/tags", Some(json!({ "k": "é".repeat(256) }))), none()),
        ("tag value 257", with("/tags", Some(json!({ "k": "v".repeat(257) }))), error("tags[\"k\"]", Length)),
        ("tag value empty", with("/tags", Some(json!({ "k": "" }))), none()),
        ("tag aws: prefix", with("/tags", Some(json!({ "aws:team": "x" }))), error("tags[\"aws:team\"]", ReservedPrefix)),
        ("tag AWS: prefix", with("/tags", Some(json!({ "AwS:team": "x" }))), error("tags[\"AwS:team\"]", ReservedPrefix)),
        ("tag aws without colon", with("/tags", Some(json!({ "awsteam": "x" }))), none()),
        ("tag keys differ by case", with("/tags", Some(json!({ "Team": "a", "team": "b" }))), none()),
        ("tag allowed characters", with("/tags", Some(json!({ "a b_.:/=+-@ é 9": "ü ١٢ x" }))), none()),
        ("tag key odd character", with("/tags", Some(json!({ "team!": "x" }))), warning("tags[\"team!\"]", Characters)),
        ("tag value odd character", with("/tags", Some(json!({ "team": "a*b" }))), warning("tags[\"team\"]", Characters)),
        ("tag value number", with("/tags", Some(json!({ "team": 5 }))), error("tags[\"team\"]", Type)),
        ("tags array", with("/tags", Some(json!([["k", "v"]]))), error("tags", Type)),
        // unknown members
        ("unknown root member", with("/nmae", Some(json!("x"))), error("nmae", UnknownMember)),
        ("unknown nested member", with(&format!("{TM}/containerLog"), Some(json!([]))), error(&format!("{TM_PATH}.containerLog"), UnknownMember)),
        ("unknown member with space", with(&format!("{EXPORTS}/max size"), Some(json!(1))), error("privacyConfiguration.policies.trainedModelExports[\"max size\"]", UnknownMember)),
        // types
        ("name number", with("/name", Some(json!(5))), error("name", Type)),
        ("policies array", with("/privacyConfiguration/policies", Some(json!([]))), error("privacyConfiguration.policies", Type)),
        ("containerLogs object", with(&format!("{TM}/containerLogs"), Some(json!({}))), error(&format!("{TM_PATH}.containerLogs"), Type)),
        ("account null in list", with(&format!("{LOG0}/allowedAccountIds/0"), Some(Json::Null)), error(&format!("{LOG0_PATH}.allowedAccountIds[0]"), Type)),
        ("optional null", with(&format!("{LOG0}/filterPattern"), Some(Json::Null)), none()),
    ];

    let mut failures = Vec::new();
    for (name, input, expected) in &cases {
        let got = issues_of(input);
        if &got != expected {
            failures.push(format!("{name}: expected {expected:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn numbers_that_json_cannot_carry() {
    let at = |v: f64| {
        let mut request = value(&full_request());
        set_value(&mut request, &["privacyConfiguration", "policies", "trainedModels", "maxArtifactSize", "value"], Value::Number(v));
        validate(&request).issues.into_iter().map(|i| (i.path, i.code)).collect::<Vec<_>>()
    };
    let path = format!("{TM_PATH}.maxArtifactSize.value");
    assert_eq!(at(f64::NAN), [(path.clone(), NotFinite)]);
    assert_eq!(at(f64::INFINITY), [(path.clone(), NotFinite)]);
    assert_eq!(at(f64::NEG_INFINITY), [(path.clone(), NotFinite)]);
    assert_eq!(at(-0.0), [(path.clone(), Range)]);
    assert_eq!(at(10.0), []);
}

#[test]
fn lone_surrogates_and_other_javascript_values() {
    let mut request = value(&full_request());
    set_value(&mut request, &["name"], Value::String(Text { text: "a\u{fffd}".into(), well_formed: false }));
    set_value(&mut request, &["description"], Value::Undefined);
    set_value(&mut request, &["tags"], Value::Other("a Map".into()));
    let report = validate(&request);
    let got: Vec<_> = report.issues.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(got, [("name", Encoding), ("tags", Type)]);
    assert_eq!(report.issues[1].message, "must be an object of tag keys to values; got a Map");
    assert!(!report.ok);

    for input in [Value::Undefined, Value::Null, Value::Number(1.0), Value::array(vec![]), Value::Bool(true)] {
        let report = validate(&input);
        assert_eq!(report.issues.len(), 1, "{input:?}");
        assert_eq!((report.issues[0].path.as_str(), report.issues[0].code), ("", Type));
    }
    let empty = validate(&Value::Object(vec![]));
    let missing: Vec<_> = empty.issues.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(
        missing,
        [("membershipIdentifier", Required), ("configuredModelAlgorithmArn", Required), ("name", Required)]
    );
}

#[test]
fn all_issues_at_once_in_document_order() {
    let input = json!({
        "name": "",
        "tags": { "aws:x": "y", "ok": "fine" },
        "membershipIdentifier": "nope",
        "privacyConfiguration": { "policies": { "trainedModels": { "containerLogs": [
            { "allowedAccountIds": ["123456789012"] },
            { "allowedAccountIds": ["1", "123456789012"], "logType": "SOME" }
        ] } } }
    });
    let got: Vec<String> = issues_of(&input).into_iter().map(|(p, c, _)| format!("{p} {c:?}")).collect();
    assert_eq!(
        got,
        [
            "name Length",
            "tags[\"aws:x\"] ReservedPrefix",
            "membershipIdentifier Length",
            "membershipIdentifier Pattern",
            "privacyConfiguration.policies.trainedModels.containerLogs[1].allowedAccountIds[0] Length",
            "privacyConfiguration.policies.trainedModels.containerLogs[1].allowedAccountIds[0] Pattern",
            "privacyConfiguration.policies.trainedModels.containerLogs[1].logType Enum",
            "configuredModelAlgorithmArn Required",
        ]
    );
}

#[test]
fn messages_say_what_to_do() {
    let message = |input: Json| validate(&value(&input)).issues[0].message.clone();
    assert_eq!(
        message(with(&format!("{TM}/containerLog"), Some(json!([])))),
        "is not a member here; did you mean \"containerLogs\"? (members: containerLogs, containerMetrics, maxArtifactSize)"
    );
    assert_eq!(message(with("/name", Some(s(64, 'n')))), "must be 1 to 63 characters long; is 64");
    assert_eq!(
        message(with(&format!("{TM}/containerMetrics/noiseLevel"), Some(json!("high")))),
        "must be one of \"HIGH\", \"MEDIUM\", \"LOW\", \"NONE\"; got \"high\" (did you mean \"HIGH\"?)"
    );
    assert_eq!(
        message(with(&format!("{TM}/maxArtifactSize/value"), Some(json!(120)))),
        "must be from 0.01 to 100; is 120"
    );
    assert_eq!(message(with("/tags", Some(tags_json(51)))), "must have at most 50 tags; has 51");
    assert_eq!(message(with("/name", None)), "is required; is missing");
    assert_eq!(
        message(with(&format!("{LOG0}/filterPattern"), Some(json!("a{3,1}")))),
        "is not a valid regular expression: it has a `{m,n}` with m greater than n"
    );
}

fn tags_json(n: usize) -> Json {
    Json::Object((0..n).map(|i| (format!("k{i}"), json!("v"))).collect())
}

#[test]
fn hostile_array_lengths_cost_nothing() {
    // A sparse JavaScript array can claim four billion items; only the first few are read.
    let mut request = value(&full_request());
    set_value(
        &mut request,
        &["privacyConfiguration", "policies", "trainedModelExports", "filesToExport"],
        Value::Array { items: vec![], length: u32::MAX as usize },
    );
    let report = validate(&request);
    assert_eq!(report.issues.len(), 1);
    assert_eq!(report.issues[0].message, "must have 1 to 2 items; has 4294967295");
}
