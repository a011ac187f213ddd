//! What `validate` returns: every issue with its path, a stable code and a message.

use tsify::Tsify;

use crate::json;

/// The result of `validate`: `ok` is true exactly when no issue is an error.
#[derive(Debug, Clone, PartialEq, Tsify)]
pub struct ValidationReport {
    pub ok: bool,
    pub issues: Vec<Issue>,
}

#[derive(Debug, Clone, PartialEq, Tsify)]
pub struct Issue {
    /// Where: `""` is the input itself, otherwise a member path as written in JavaScript.
    pub path: String,
    pub code: IssueCode,
    pub message: String,
    pub severity: Severity,
}

/// The stable set of issue codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Tsify)]
#[serde(rename_all = "camelCase")]
pub enum IssueCode {
    /// A required member is missing, `undefined` or `null`.
    Required,
    /// The value has the wrong JavaScript type.
    Type,
    /// A string has too few or too many characters (Unicode code points).
    Length,
    /// A string does not match the model's pattern.
    Pattern,
    /// A number is outside the model's range.
    Range,
    /// A string is not one of the enum's values.
    Enum,
    /// A list or the tags have too few or too many entries.
    Count,
    /// A list repeats an item.
    Duplicate,
    /// A tag key starts with the reserved `aws:`.
    ReservedPrefix,
    /// A member the shape does not have (a typo, usually).
    UnknownMember,
    /// A union has no member set, or more than one.
    Union,
    /// A number is `NaN` or infinite.
    NotFinite,
    /// A string holds a lone surrogate, which cannot be sent as UTF-8.
    Encoding,
    /// (warning) A tag holds characters some AWS services reject.
    Characters,
    /// (warning) `filterPattern` is not a valid regular expression.
    Regex,
    /// (warning) Members that only make sense together: `CUSTOM` and `customEntityConfig`.
    Dependency,
    /// The input is larger than this module reads (1 MiB as JSON); nothing else was checked.
    TooLarge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}


impl json::ToJson for ValidationReport {
    fn write(&self, w: &mut json::Writer) {
        w.begin_object();
        w.key("ok");
        w.bool(self.ok);
        w.key("issues");
        w.begin_array();
        for issue in &self.issues {
            w.begin_object();
            w.key("path");
            w.string(&issue.path);
            w.key("code");
            w.string(issue.code.as_str());
            w.key("message");
            w.string(&issue.message);
            w.key("severity");
            w.string(match issue.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            });
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
}

impl IssueCode {
    /// The code as JavaScript sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::Type => "type",
            IssueCode::Length => "length",
            IssueCode::Pattern => "pattern",
            IssueCode::Range => "range",
            IssueCode::Enum => "enum",
            IssueCode::Count => "count",
            IssueCode::Duplicate => "duplicate",
            IssueCode::ReservedPrefix => "reservedPrefix",
            IssueCode::UnknownMember => "unknownMember",
            IssueCode::Union => "union",
            IssueCode::NotFinite => "notFinite",
            IssueCode::Encoding => "encoding",
            IssueCode::Characters => "characters",
            IssueCode::Regex => "regex",
            IssueCode::Dependency => "dependency",
            IssueCode::TooLarge => "tooLarge",
        }
    }
}
