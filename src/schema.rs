//! The constraints of every shape the operation reaches, transcribed from the service
//! model (`cleanroomsml-create-association-shapes.json`), as data the validator walks.
//! Rules the model does not state but users need are marked as such.

use crate::model::{
    EntityType, LogType, NoiseLevelType, TrainedModelArtifactMaxSizeUnitType, TrainedModelExportFileType,
    TrainedModelExportsMaxSizeUnitType, TrainedModelInferenceMaxOutputSizeUnitType,
};

pub enum Shape {
    Structure(&'static [Member], Check),
    List(List),
    String(Str),
    /// A double with an inclusive `range`; it must also be finite.
    Double { min: f64, max: f64 },
    Enum(&'static [&'static str]),
    /// `TagMap`: its rules come from AWS tagging, see `validate::tags`.
    Tags,
}

/// A rule over a whole structure, beyond its members' own constraints.
#[derive(Clone, Copy, PartialEq)]
pub enum Check {
    None,
    /// Not in the model: `CUSTOM` in `entitiesToRedact` needs `customEntityConfig`, and
    /// `customEntityConfig` does nothing without `CUSTOM` (warnings).
    CustomRedaction,
}

pub struct Member {
    pub name: &'static str,
    pub shape: &'static Shape,
    pub required: bool,
}

pub struct List {
    pub member: &'static Shape,
    pub min: usize,
    pub max: Option<usize>,
    pub unique: Unique,
}

impl List {
    /// How many leading items are read and checked one by one: those up to the maximum
    /// (the ones past it are covered by the count error), and at most 100 where the model
    /// sets no maximum, so that a hostile `length` costs no time.
    pub fn checked_items(&self) -> usize {
        self.max.unwrap_or(100)
    }
}

/// What a repeated list item is.
#[derive(Clone, Copy, PartialEq)]
pub enum Unique {
    Any,
    /// The model's `uniqueItems`.
    Error,
    /// Not in the model, but a repeat is certainly a mistake.
    Warn,
}

pub struct Str {
    pub min: usize,
    pub max: usize,
    pub pattern: Pattern,
}

/// The model's string patterns, each matched by `crate::patterns`.
#[derive(Clone, Copy, PartialEq)]
pub enum Pattern {
    None,
    Uuid,
    ConfiguredModelAlgorithmArn,
    ConfiguredModelAlgorithmAssociationArn,
    /// Not in the model (its `AccountIdList` holds plain strings); an AWS account ID is
    /// always 12 digits, and anything else would only fail at the service.
    AccountId,
    /// `NameString`: the text class, and not only white space.
    Name,
    /// `ResourceDescription`: the text class with line breaks.
    Description,
    CustomDataIdentifier,
    /// Not in the model: a warning when `filterPattern` is not a valid regular expression.
    Regex,
}

const fn member(name: &'static str, shape: &'static Shape) -> Member {
    Member { name, shape, required: false }
}

const fn required(name: &'static str, shape: &'static Shape) -> Member {
    Member { name, shape, required: true }
}

const fn structure(members: &'static [Member]) -> Shape {
    Shape::Structure(members, Check::None)
}

const fn string(min: usize, max: usize, pattern: Pattern) -> Shape {
    Shape::String(Str { min, max, pattern })
}

/// The `{ unit, value }` size shapes: only the unit `GB`, and a value from 0.01 up to `max`.
macro_rules! size {
    ($unit:ty, $max:literal) => {
        Shape::Structure(
            &[
                required("unit", &Shape::Enum(<$unit>::WIRE)),
                required("value", &Shape::Double { min: 0.01, max: $max }),
            ],
            Check::None,
        )
    };
}

pub const REQUEST: Shape = structure(&[
    required("membershipIdentifier", &string(36, 36, Pattern::Uuid)),
    required("configuredModelAlgorithmArn", &string(20, 2048, Pattern::ConfiguredModelAlgorithmArn)),
    required("name", &string(1, 63, Pattern::Name)),
    member("description", &string(0, 255, Pattern::Description)),
    member("privacyConfiguration", &PRIVACY_CONFIGURATION),
    member("tags", &Shape::Tags),
]);

const PRIVACY_CONFIGURATION: Shape = structure(&[required(
    "policies",
    &structure(&[
        member("trainedModels", &TRAINED_MODELS),
        member("trainedModelExports", &TRAINED_MODEL_EXPORTS),
        member("trainedModelInferenceJobs", &TRAINED_MODEL_INFERENCE_JOBS),
    ]),
)]);

const TRAINED_MODELS: Shape = structure(&[
    member("containerLogs", &LOGS_CONFIGURATION_POLICY_LIST),
    member("containerMetrics", &structure(&[required("noiseLevel", &Shape::Enum(NoiseLevelType::WIRE))])),
    member("maxArtifactSize", &size!(TrainedModelArtifactMaxSizeUnitType, 10.0)),
]);

const TRAINED_MODEL_EXPORTS: Shape = structure(&[
    required("maxSize", &size!(TrainedModelExportsMaxSizeUnitType, 10.0)),
    required(
        "filesToExport",
        &Shape::List(List {
            member: &Shape::Enum(TrainedModelExportFileType::WIRE),
            min: 1,
            max: Some(2),
            unique: Unique::Error,
        }),
    ),
]);

const TRAINED_MODEL_INFERENCE_JOBS: Shape = structure(&[
    member("containerLogs", &LOGS_CONFIGURATION_POLICY_LIST),
    member("maxOutputSize", &size!(TrainedModelInferenceMaxOutputSizeUnitType, 50.0)),
]);

const LOGS_CONFIGURATION_POLICY_LIST: Shape =
    Shape::List(List { member: &LOGS_CONFIGURATION_POLICY, min: 1, max: Some(5), unique: Unique::Error });

const LOGS_CONFIGURATION_POLICY: Shape = structure(&[
    required(
        "allowedAccountIds",
        &Shape::List(List { member: &string(12, 12, Pattern::AccountId), min: 1, max: Some(5), unique: Unique::Warn }),
    ),
    member("filterPattern", &string(0, 1024, Pattern::Regex)),
    member("logType", &Shape::Enum(LogType::WIRE)),
    member("logRedactionConfiguration", &LOG_REDACTION_CONFIGURATION),
]);

const LOG_REDACTION_CONFIGURATION: Shape = Shape::Structure(
    &[
        required(
            "entitiesToRedact",
            &Shape::List(List { member: &Shape::Enum(EntityType::WIRE), min: 1, max: None, unique: Unique::Error }),
        ),
        member(
            "customEntityConfig",
            &structure(&[required(
                "customDataIdentifiers",
                &Shape::List(List {
                    member: &string(1, 200, Pattern::CustomDataIdentifier),
                    min: 1,
                    max: Some(10),
                    unique: Unique::Error,
                }),
            )]),
        ),
    ],
    Check::CustomRedaction,
);

/// The operation's output.
pub const RESPONSE: Shape = structure(&[required(
    "configuredModelAlgorithmAssociationArn",
    &string(20, 2048, Pattern::ConfiguredModelAlgorithmAssociationArn),
)]);

/// `TagMap` allows 200 entries, but AWS allows at most 50 tags on a resource.
pub const MAX_TAGS: usize = 50;
/// `TagKey` and `TagValue` lengths, in Unicode code points.
pub const TAG_KEY_LENGTH: (usize, usize) = (1, 128);
pub const TAG_VALUE_LENGTH: (usize, usize) = (0, 256);
