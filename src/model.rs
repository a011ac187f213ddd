//! The operation's shapes, as in the AWS service model (`../shared/data/`,
//! `cleanroomsml-create-association-shapes.json`), with the AWS SDK for JavaScript v3's
//! names so that its users can switch without rewriting.
//!
//! Member names are camelCase exactly as on the wire; optional members are left out of
//! the JSON when unset. Constraints (lengths, patterns, ranges) are not encoded in these
//! types: they are checked by validation, which reports every problem at once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Input of `CreateConfiguredModelAlgorithmAssociation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateConfiguredModelAlgorithmAssociationRequest {
    /// The membership's UUID; sent in the URL path, not the body.
    pub membership_identifier: String,
    pub configured_model_algorithm_arn: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub privacy_configuration: Option<PrivacyConfiguration>,
    /// A plain object in JavaScript, as in the SDK (not a `Map`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Record<string, string>")]
    pub tags: Option<BTreeMap<String, String>>,
}

/// Output of `CreateConfiguredModelAlgorithmAssociation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CreateConfiguredModelAlgorithmAssociationResponse {
    pub configured_model_algorithm_association_arn: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PrivacyConfiguration {
    pub policies: PrivacyConfigurationPolicies,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PrivacyConfigurationPolicies {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub trained_models: Option<TrainedModelsConfigurationPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub trained_model_exports: Option<TrainedModelExportsConfigurationPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub trained_model_inference_jobs: Option<TrainedModelInferenceJobsConfigurationPolicy>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainedModelsConfigurationPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub container_logs: Option<Vec<LogsConfigurationPolicy>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub container_metrics: Option<MetricsConfigurationPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub max_artifact_size: Option<TrainedModelArtifactMaxSize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogsConfigurationPolicy {
    pub allowed_account_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub filter_pattern: Option<String>,
    /// The service applies `ALL` when this is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub log_type: Option<LogType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub log_redaction_configuration: Option<LogRedactionConfiguration>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogRedactionConfiguration {
    pub entities_to_redact: Vec<EntityType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub custom_entity_config: Option<CustomEntityConfig>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomEntityConfig {
    pub custom_data_identifiers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricsConfigurationPolicy {
    pub noise_level: NoiseLevelType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainedModelArtifactMaxSize {
    pub unit: TrainedModelArtifactMaxSizeUnitType,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainedModelExportsConfigurationPolicy {
    pub max_size: TrainedModelExportsMaxSize,
    pub files_to_export: Vec<TrainedModelExportFileType>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainedModelExportsMaxSize {
    pub unit: TrainedModelExportsMaxSizeUnitType,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainedModelInferenceJobsConfigurationPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub container_logs: Option<Vec<LogsConfigurationPolicy>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub max_output_size: Option<TrainedModelInferenceMaxOutputSize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainedModelInferenceMaxOutputSize {
    pub unit: TrainedModelInferenceMaxOutputSizeUnitType,
    pub value: f64,
}

/// Declares a model enum: a string union in TypeScript, the same strings on the wire.
macro_rules! model_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Tsify)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant,)+
        }

        impl $name {
            /// Every value, in the model's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire strings, in the model's order.
            pub const WIRE: &'static [&'static str] = &[$($wire),+];

            /// The value as sent on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }
        }
    };
}

model_enum!(NoiseLevelType { High = "HIGH", Medium = "MEDIUM", Low = "LOW", None = "NONE" });
model_enum!(LogType { All = "ALL", ErrorSummary = "ERROR_SUMMARY" });
model_enum!(EntityType {
    AllPersonallyIdentifiableInformation = "ALL_PERSONALLY_IDENTIFIABLE_INFORMATION",
    Numbers = "NUMBERS",
    Custom = "CUSTOM",
});
model_enum!(TrainedModelExportFileType { Model = "MODEL", Output = "OUTPUT" });
model_enum!(TrainedModelArtifactMaxSizeUnitType { Gb = "GB" });
model_enum!(TrainedModelExportsMaxSizeUnitType { Gb = "GB" });
model_enum!(TrainedModelInferenceMaxOutputSizeUnitType { Gb = "GB" });
