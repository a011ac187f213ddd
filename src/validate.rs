//! Validation: every problem with a request at once, in document order, each with the
//! path a user writes (`privacyConfiguration.policies.trainedModels.containerLogs[1]`,
//! `tags["aws:team"]`), a stable code and a message.

use serde::Serialize;
use tsify::Tsify;

use crate::json;
use crate::patterns;
use crate::schema::{self, Check, List, Member, Pattern, Shape, Str, Unique};
use crate::value::{Text, Value};

/// The result of `validate`: `ok` is true exactly when no issue is an error.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
pub struct ValidationReport {
    pub ok: bool,
    pub issues: Vec<Issue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
pub struct Issue {
    /// Where: `""` is the input itself, otherwise a member path as written in JavaScript.
    pub path: String,
    pub code: IssueCode,
    pub message: String,
    pub severity: Severity,
}

/// The stable set of issue codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Validates a `CreateConfiguredModelAlgorithmAssociationRequest`.
pub fn validate(input: &Value) -> ValidationReport {
    validate_shape(&schema::REQUEST, input)
}

/// Validates a value against any shape of the schema.
pub fn validate_shape(shape: &Shape, input: &Value) -> ValidationReport {
    let mut walk = Walk { issues: Vec::new(), at: Vec::new() };
    walk.check(shape, input);
    let ok = walk.issues.iter().all(|issue| issue.severity == Severity::Warning);
    ValidationReport { ok, issues: walk.issues }
}

/// An input with no validation errors: what a request is built from.
#[derive(Debug, Clone, Copy)]
pub struct ValidRequest<'a> {
    pub membership_identifier: &'a str,
    members: &'a [(Text, Value)],
}

/// The member sent in the path instead of the body.
const LABEL: &str = "membershipIdentifier";

impl<'a> ValidRequest<'a> {
    /// The members that go into the JSON body, in the input's order.
    pub fn body_members(&self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        self.members.iter().filter(|(k, _)| k.text != LABEL).map(|(k, v)| (k.text.as_str(), v))
    }
}

/// Validates, and on success hands out the input as a `ValidRequest`.
pub fn check(input: &Value) -> Result<ValidRequest<'_>, ValidationReport> {
    let report = validate(input);
    let Value::Object(members) = input else { return Err(report) };
    let membership = members.iter().find_map(|(k, v)| match v {
        Value::String(s) if k.text == LABEL => Some(s.text.as_str()),
        _ => None,
    });
    match membership {
        Some(membership_identifier) if report.ok => Ok(ValidRequest { membership_identifier, members }),
        _ => Err(report),
    }
}

struct Walk<'v> {
    issues: Vec<Issue>,
    /// Where the walk is; written out as a path only when there is something to report.
    at: Vec<Segment<'v>>,
}

impl<'v> Walk<'v> {
    fn report(&mut self, severity: Severity, code: IssueCode, message: String) {
        self.issues.push(Issue { path: self.path(), code, message, severity });
    }

    /// The path as written in JavaScript: `a.b[0]["not an identifier"]`.
    fn path(&self) -> String {
        let mut path = String::new();
        for segment in &self.at {
            match *segment {
                Segment::Member(name) if is_identifier(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Segment::Member(name) | Segment::Key(name) => {
                    path.push('[');
                    push_quoted(&mut path, name);
                    path.push(']');
                }
                Segment::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        path
    }

    fn error(&mut self, code: IssueCode, message: String) {
        self.report(Severity::Error, code, message);
    }

    fn warn(&mut self, code: IssueCode, message: String) {
        self.report(Severity::Warning, code, message);
    }

    /// Runs `f` with `segment` appended to the path.
    fn at(&mut self, segment: Segment<'v>, f: impl FnOnce(&mut Self)) {
        self.at.push(segment);
        f(self);
        self.at.pop();
    }

    fn check(&mut self, shape: &Shape, value: &'v Value) {
        if let Value::TooLarge { bytes } = value {
            let message = format!(
                "is {bytes} bytes as JSON; this module reads at most {} bytes (a valid request is under 100 KB)",
                crate::value::MAX_INPUT_BYTES
            );
            return self.error(IssueCode::TooLarge, message);
        }
        match shape {
            Shape::Structure(members, check) => self.structure(members, *check, value),
            Shape::List(list) => self.list(list, value),
            Shape::String(rules) => self.string(rules, value),
            Shape::Double { min, max } => self.double(*min, *max, value),
            Shape::Enum(values) => self.enumeration(values, value),
            Shape::Tags => self.tags(value),
        }
    }

    fn type_error(&mut self, expected: &str, value: &Value) {
        self.error(IssueCode::Type, format!("must be {expected}; got {}", value.kind()));
    }

    fn structure(&mut self, members: &[Member], check: Check, value: &'v Value) {
        let Value::Object(entries) = value else {
            return self.type_error("an object", value);
        };
        for (key, member_value) in entries {
            let key = key.text.as_str();
            match members.iter().find(|m| m.name == key) {
                None => self.at(Segment::Member(key), |w| {
                    w.error(IssueCode::UnknownMember, unknown_member_message(key, members))
                }),
                Some(member) if member_value.is_absent() => {
                    if member.required {
                        self.at(Segment::Member(key), |w| w.missing(member_value));
                    }
                }
                Some(member) => self.at(Segment::Member(key), |w| w.check(member.shape, member_value)),
            }
        }
        for member in members.iter().filter(|m| m.required) {
            if !entries.iter().any(|(key, _)| key.text == member.name) {
                self.at(Segment::Member(member.name), |w| w.missing(&Value::Undefined));
            }
        }
        if check == Check::CustomRedaction {
            self.custom_redaction(entries);
        }
    }

    fn missing(&mut self, value: &Value) {
        let got = if matches!(value, Value::Null) { "null" } else { "missing" };
        self.error(IssueCode::Required, format!("is required; is {got}"));
    }

    fn custom_redaction(&mut self, entries: &[(Text, Value)]) {
        let get = |name: &str| entries.iter().find(|(k, _)| k.text == name).map(|(_, v)| v);
        // An empty or malformed list is already an error of its own.
        let Some(Value::Array { items: entities, .. }) = get("entitiesToRedact").filter(|v| !matches!(v, Value::Array { length: 0, .. })) else {
            return;
        };
        let has_custom = entities.iter().any(|e| matches!(e, Value::String(t) if t.text == "CUSTOM"));
        let has_config = get("customEntityConfig").is_some_and(|v| !v.is_absent());
        self.at(Segment::Member("customEntityConfig"), |w| match (has_custom, has_config) {
            (true, false) => w.warn(
                IssueCode::Dependency,
                "is not set, but entitiesToRedact includes CUSTOM: no custom data identifiers will be redacted"
                    .into(),
            ),
            (false, true) => w.warn(
                IssueCode::Dependency,
                "has no effect unless entitiesToRedact includes CUSTOM".into(),
            ),
            _ => {}
        });
    }

    fn list(&mut self, list: &List, value: &'v Value) {
        let Value::Array { items, length: n } = value else {
            return self.type_error("an array", value);
        };
        let n = *n;
        if n < list.min || list.max.is_some_and(|max| n > max) {
            let bounds = match list.max {
                Some(max) => format!("{} to {max}", list.min),
                None => format!("at least {}", list.min),
            };
            self.error(IssueCode::Count, format!("must have {bounds} items; has {n}"));
        }
        for (i, item) in items.iter().enumerate().take(list.checked_items()) {
            self.at(Segment::Index(i), |w| {
                let earlier = items[..i].iter().position(|e| e == item);
                if let (Some(j), true) = (earlier, list.unique != Unique::Any && !item.is_absent()) {
                    let message = format!("repeats item [{j}]");
                    match list.unique {
                        Unique::Error => w.error(IssueCode::Duplicate, message),
                        _ => w.warn(IssueCode::Duplicate, message),
                    }
                }
                w.check(list.member, item);
            });
        }
    }

    /// Checks a string's type and encoding; returns its text when it is a string.
    fn text<'a>(&mut self, value: &'a Value) -> Option<&'a str> {
        let Value::String(text) = value else {
            self.type_error("a string", value);
            return None;
        };
        if !text.well_formed {
            self.error(
                IssueCode::Encoding,
                "contains a lone surrogate (invalid UTF-16), which cannot be sent".into(),
            );
        }
        Some(&text.text)
    }

    fn length(&mut self, s: &str, (min, max): (usize, usize)) {
        let n = patterns::char_count(s);
        if n < min || n > max {
            let bounds = if min == max { format!("exactly {min}") } else { format!("{min} to {max}") };
            self.error(IssueCode::Length, format!("must be {bounds} characters long; is {n}"));
        }
    }

    fn string(&mut self, rules: &Str, value: &Value) {
        let Some(s) = self.text(value) else { return };
        self.length(s, (rules.min, rules.max));
        let pattern_error = |w: &mut Self, message: String| w.error(IssueCode::Pattern, message);
        match rules.pattern {
            Pattern::None => {}
            Pattern::Uuid if !patterns::is_uuid(s) => pattern_error(
                self,
                "must be a membership ID: a lowercase UUID such as 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9".into(),
            ),
            Pattern::ConfiguredModelAlgorithmAssociationArn
                if !patterns::is_configured_model_algorithm_association_arn(s) =>
            {
                pattern_error(self, "must be a configured model algorithm association ARN".into())
            }
            Pattern::ConfiguredModelAlgorithmArn if !patterns::is_configured_model_algorithm_arn(s) => {
                pattern_error(
                    self,
                    "must be a configured model algorithm ARN: \
                     arn:aws:cleanrooms-ml:REGION:ACCOUNT:configured-model-algorithm/ID"
                        .into(),
                )
            }
            Pattern::AccountId if !patterns::is_account_id(s) => {
                pattern_error(self, "must be an AWS account ID: 12 digits".into())
            }
            Pattern::Name => {
                if !s.is_empty() && patterns::is_blank(s) {
                    pattern_error(self, "must not be only white space".into());
                }
                if let Some(c) = patterns::first_outside_text_class(s, false) {
                    pattern_error(self, format!("must not contain {}", describe_char(c)));
                }
            }
            Pattern::Description => {
                if let Some(c) = patterns::first_outside_text_class(s, true) {
                    pattern_error(self, format!("must not contain {}", describe_char(c)));
                }
            }
            Pattern::CustomDataIdentifier => {
                if let Some(c) = patterns::first_outside_custom_data_identifier(s) {
                    pattern_error(
                        self,
                        format!(
                            "must not contain {}: only letters, digits, spaces and _#=@/;,-^$?[]{{}}|\\*+.()",
                            describe_char(c)
                        ),
                    );
                }
            }
            Pattern::Regex => {
                if let Some(why) = patterns::regex_syntax_error(s) {
                    self.warn(IssueCode::Regex, format!("is not a valid regular expression: it {why}"));
                }
            }
            _ => {}
        }
    }

    fn double(&mut self, min: f64, max: f64, value: &Value) {
        let Value::Number(n) = *value else {
            return self.type_error("a number", value);
        };
        if !n.is_finite() {
            self.error(IssueCode::NotFinite, format!("must be a finite number; is {}", js_number(n)));
        } else if n < min || n > max {
            self.error(IssueCode::Range, format!("must be from {min} to {max} (GB); is {}", js_number(n)));
        }
    }

    fn enumeration(&mut self, values: &[&str], value: &Value) {
        let Some(s) = self.text(value) else { return };
        if values.contains(&s) {
            return;
        }
        let list = values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ");
        let hint = values
            .iter()
            .find(|v| v.eq_ignore_ascii_case(s))
            .map(|v| format!(" (did you mean \"{v}\"?)"))
            .unwrap_or_default();
        self.error(IssueCode::Enum, format!("must be one of {list}; got {}{hint}", quoted(s)));
    }

    /// AWS tagging rules: at most 50 tags; keys 1–128 and values 0–256 code points;
    /// `aws:` (any case) is reserved; unusual characters are a warning.
    fn tags(&mut self, value: &'v Value) {
        let Value::Object(entries) = value else {
            return self.type_error("an object of tag keys to values", value);
        };
        if entries.len() > schema::MAX_TAGS {
            self.error(
                IssueCode::Count,
                format!("must have at most {} tags; has {}", schema::MAX_TAGS, entries.len()),
            );
        }
        for (key, tag_value) in entries {
            self.at(Segment::Key(&key.text), |w| {
                if !key.well_formed {
                    w.error(
                        IssueCode::Encoding,
                        "key contains a lone surrogate (invalid UTF-16), which cannot be sent".into(),
                    );
                }
                let n = patterns::char_count(&key.text);
                let (min, max) = schema::TAG_KEY_LENGTH;
                if n < min || n > max {
                    w.error(IssueCode::Length, format!("key must be {min} to {max} characters long; is {n}"));
                }
                if key.text.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
                    w.error(IssueCode::ReservedPrefix, "key must not start with \"aws:\", which AWS reserves".into());
                }
                if let Some(c) = patterns::first_outside_tag_characters(&key.text) {
                    w.warn(IssueCode::Characters, tag_characters_message("key", c));
                }
                if let Some(s) = w.text(tag_value) {
                    let n = patterns::char_count(s);
                    let (min, max) = schema::TAG_VALUE_LENGTH;
                    if n < min || n > max {
                        w.error(IssueCode::Length, format!("value must be {min} to {max} characters long; is {n}"));
                    }
                    if let Some(c) = patterns::first_outside_tag_characters(s) {
                        w.warn(IssueCode::Characters, tag_characters_message("value", c));
                    }
                }
            });
        }
    }
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Member(&'a str),
    Index(usize),
    Key(&'a str),
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Appends `s` as a JavaScript string literal in double quotes.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0; // start of the characters not yet copied
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            '\t' => "\\t".to_owned(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(&escaped);
        run = i + c.len_utf8();
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// `s` as a JavaScript string literal, cut after 64 characters: a message names a value,
/// it does not repeat it.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::new();
    let cut: String = s.chars().take(64).collect();
    push_quoted(&mut out, &cut);
    if cut.len() < s.len() {
        out.push('…');
    }
    out
}

fn describe_char(c: char) -> String {
    format!("the character U+{:04X}", c as u32)
}

fn tag_characters_message(part: &str, c: char) -> String {
    format!(
        "{part} contains {}; some AWS services accept only letters, numbers, spaces and _.:/=+-@",
        describe_char(c)
    )
}

/// Formats a number as JavaScript would print it (`NaN`, `Infinity`, `-0`).
fn js_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == 0.0 && n.is_sign_negative() {
        "-0".into()
    } else {
        n.to_string()
    }
}

fn unknown_member_message(key: &str, members: &[Member]) -> String {
    let closest = members
        .iter()
        .map(|m| (edit_distance(&key.to_ascii_lowercase(), &m.name.to_ascii_lowercase()), m.name))
        .min_by_key(|(d, _)| *d);
    let names = members.iter().map(|m| m.name).collect::<Vec<_>>().join(", ");
    match closest {
        Some((d, name)) if d <= name.len().max(key.len()) / 2 => {
            format!("is not a member here; did you mean \"{name}\"? (members: {names})")
        }
        _ => format!("is not a member here (members: {names})"),
    }
}

/// Levenshtein distance, over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
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
            IssueCode::NotFinite => "notFinite",
            IssueCode::Encoding => "encoding",
            IssueCode::Characters => "characters",
            IssueCode::Regex => "regex",
            IssueCode::Dependency => "dependency",
            IssueCode::TooLarge => "tooLarge",
        }
    }
}
