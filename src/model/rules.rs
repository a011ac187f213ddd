//! Rules beyond the service model: what users need checked although `service-2.json`
//! does not say it. Each is listed here and nowhere else, with where it comes from, by
//! shape name; the generator (which includes this file) writes each shape's rule into the
//! tables, as its number.

/// A rule beyond the model, on one shape.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rule {
    None,
    /// A list whose items must not repeat: the Smithy model's `uniqueItems` trait, which
    /// botocore's JSON format does not carry.
    UniqueItems,
    /// Items are AWS account IDs: the generator has them checked as the model's own
    /// `AccountId` shape (12 digits), which `AccountIdList` does not use although anything
    /// else would only fail at the service; a repeated one is a warning.
    AccountIds,
    /// AWS tagging (the Tagging API reference): at most `MAX_TAGS` tags on a resource
    /// (the model's `TagMap` allows 200), keys must not start with `aws:` in any case, and
    /// characters outside `[\p{L}\p{Z}\p{N}_.:/=+\-@]` are a warning (some AWS services
    /// reject them).
    AwsTags,
    /// `CUSTOM` in `entitiesToRedact` needs `customEntityConfig`, and `customEntityConfig`
    /// does nothing without `CUSTOM` (warnings).
    CustomRedaction,
    /// `filterPattern` is a regular expression: a warning when its syntax is invalid.
    RegexSyntax,
}

/// The rules, by the number the tables give.
pub const ALL: [Rule; 6] = [Rule::None, Rule::UniqueItems, Rule::AccountIds, Rule::AwsTags, Rule::CustomRedaction, Rule::RegexSyntax];

/// The shapes that have a rule, by their name in the model.
pub const RULES: [(&str, Rule); 8] = [
    ("LogsConfigurationPolicyList", Rule::UniqueItems),
    ("EntityTypeList", Rule::UniqueItems),
    ("CustomDataIdentifierList", Rule::UniqueItems),
    ("TrainedModelExportFileTypeList", Rule::UniqueItems),
    ("AccountIdList", Rule::AccountIds),
    ("TagMap", Rule::AwsTags),
    ("LogRedactionConfiguration", Rule::CustomRedaction),
    ("LogsConfigurationPolicyFilterPatternString", Rule::RegexSyntax),
];

/// The rule for the model's shape `name` (the generator asks).
pub fn of(name: &str) -> Rule {
    RULES.iter().find(|(shape, _)| *shape == name).map_or(Rule::None, |(_, rule)| *rule)
}

/// At most this many tags on a resource.
pub const MAX_TAGS: usize = 50;
