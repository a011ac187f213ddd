//! Rules beyond the service model: what users need checked although `service-2.json`
//! does not say it. Each is listed here and nowhere else, with where it comes from; the
//! generated shapes take theirs from `of` by shape name, at compile time.

use super::{same, Shape};

/// A rule beyond the model, on one shape.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rule {
    None,
    /// A list whose items must not repeat: the Smithy model's `uniqueItems` trait, which
    /// botocore's JSON format does not carry.
    UniqueItems,
    /// Items are AWS account IDs (`ACCOUNT_ID`); a repeated one is a warning. The model's
    /// `AccountIdList` holds plain strings, but an account ID is always 12 digits, and
    /// anything else would only fail at the service.
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

/// The rule for the model's shape `name` (the generated shapes call this).
pub const fn of(name: &str) -> Rule {
    let mut i = 0;
    while i < RULES.len() {
        if same(name, RULES[i].0) {
            return RULES[i].1;
        }
        i += 1;
    }
    Rule::None
}

/// At most this many tags on a resource.
pub const MAX_TAGS: usize = 50;

/// An account ID: the model's own `AccountId` shape (12 characters, `[0-9]{12}`), which
/// `AccountIdList` does not use.
pub fn account_id() -> &'static Shape {
    super::shape(super::generated::shapes::ACCOUNT_ID)
}
