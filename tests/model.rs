//! The model types read and write the wire/CLI JSON with the service's member names.

mod common;

use cleanroomsml_wasm::model::*;
use common::FULL_REQUEST;


#[test]
fn full_request_round_trips_with_wire_names() {
    let request: CreateConfiguredModelAlgorithmAssociationRequest =
        serde_json::from_str(FULL_REQUEST).unwrap();
    let policies = &request.privacy_configuration.as_ref().unwrap().policies;
    let logs = &policies.trained_models.as_ref().unwrap().container_logs.as_ref().unwrap()[0];
    assert_eq!(logs.log_type, Some(LogType::ErrorSummary));
    assert_eq!(
        logs.log_redaction_configuration.as_ref().unwrap().entities_to_redact,
        vec![EntityType::Custom, EntityType::Numbers]
    );
    assert_eq!(
        policies.trained_model_exports.as_ref().unwrap().files_to_export,
        vec![TrainedModelExportFileType::Model, TrainedModelExportFileType::Output]
    );

    let written = serde_json::to_value(&request).unwrap();
    let original: serde_json::Value = serde_json::from_str(FULL_REQUEST).unwrap();
    assert_eq!(written, original);
}

#[test]
fn unset_members_are_left_out_of_the_json() {
    let request = CreateConfiguredModelAlgorithmAssociationRequest {
        membership_identifier: "m".into(),
        configured_model_algorithm_arn: "a".into(),
        name: "n".into(),
        description: None,
        privacy_configuration: None,
        tags: None,
    };
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"membershipIdentifier":"m","configuredModelAlgorithmArn":"a","name":"n"}"#
    );
}

#[test]
fn misspelled_member_is_rejected() {
    let typo = FULL_REQUEST.replace("\"containerLogs\"", "\"containerLog\"");
    let err = serde_json::from_str::<CreateConfiguredModelAlgorithmAssociationRequest>(&typo)
        .unwrap_err();
    assert!(err.to_string().contains("containerLog"), "{err}");
}

#[test]
fn enums_use_the_model_strings() {
    let wire: Vec<&str> = NoiseLevelType::ALL.iter().map(|v| v.as_str()).collect();
    assert_eq!(wire, ["HIGH", "MEDIUM", "LOW", "NONE"]);
    assert!(serde_json::from_str::<NoiseLevelType>("\"high\"").is_err());
}
