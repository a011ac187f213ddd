//! Validation: every problem with an input at once, in document order, each with the
//! path a user writes (`privacyConfiguration.policies.trainedModels.containerLogs[1]`,
//! `tags["aws:team"]`), a stable code and a message. It walks the generated shapes
//! (`crate::model`), with the rules beyond the model where a shape has one.

pub mod patterns;
mod report;

pub use report::{Issue, IssueCode, Severity, ValidationReport};

use crate::model::rules::{self, Rule};
use crate::model::{member_named, Kind, List, Map, Member, Names, Operation, Pattern, Shape, Str, Structure};
use crate::number;
use crate::text::{concat, decimal, push_digits, DECIMAL, LOWER_HEX, UPPER_HEX};
use crate::value::{join, Text, Value};

/// Validates an input against any shape of the model: types, required members, every
/// constraint and the rules beyond the model.
pub fn validate_shape(shape: &Shape, input: &Value) -> ValidationReport {
    walk(shape, input, true)
}

/// Checks a service's output against its shape: types and required members only. As in
/// the AWS SDKs, a value outside the model's constraints (a new enum value, a longer name, an
/// `aws:` tag) is the service's to send and must not make a response unreadable.
pub fn validate_output(shape: &Shape, output: &Value) -> ValidationReport {
    walk(shape, output, false)
}

fn walk(shape: &Shape, value: &Value, constraints: bool) -> ValidationReport {
    let mut walk = Walk { issues: Vec::new(), at: Vec::new(), constraints };
    walk.check(shape, value);
    let ok = walk.issues.iter().all(|issue| issue.severity == Severity::Warning);
    ValidationReport { ok, issues: walk.issues }
}

/// An operation's input with no validation errors: what a request is built from.
#[derive(Clone, Copy)]
pub struct ValidRequest<'a> {
    pub operation: &'static Operation,
    /// The input's members that are set, in the input's order.
    members: &'a [(Text, Value)],
}

impl<'a> ValidRequest<'a> {
    /// The members that are set, each with its model member, in the input's order.
    pub fn members(&self) -> impl Iterator<Item = (&'static Member, &'a Value)> + '_ {
        let model = self.operation.input_members();
        self.members
            .iter()
            .filter(|(_, v)| !v.is_absent())
            .filter_map(move |(k, v)| member_named(model, &k.text).map(|m| (m, v)))
    }
}

/// Validates `input` for `operation`, and on success hands it out as a `ValidRequest`.
pub fn check<'a>(operation: &'static Operation, input: &'a Value) -> Result<ValidRequest<'a>, ValidationReport> {
    let report = validate_shape(operation.input(), input);
    match input {
        Value::Object(members) if report.ok => Ok(ValidRequest { operation, members }),
        _ => Err(report),
    }
}

struct Walk<'v> {
    issues: Vec<Issue>,
    /// Where the walk is; written out as a path only when there is something to report.
    at: Vec<Segment<'v>>,
    /// Whether lengths, patterns, ranges, enums, sizes and rules are checked (inputs).
    constraints: bool,
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
                    push_digits(&mut path, i as u64, 1, DECIMAL);
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
            let message = concat(&[
                "is ",
                &decimal(*bytes),
                " bytes as JSON; this module reads at most ",
                &decimal(crate::value::MAX_INPUT_BYTES),
                " bytes (a valid request is under 100 KB)",
            ]);
            return self.error(IssueCode::TooLarge, message);
        }
        match shape.kind() {
            Kind::Structure(structure) => self.structure(&structure, value),
            Kind::List(list) => self.list(&list, value),
            Kind::Map(map) => self.map(&map, value),
            Kind::String(rules) => {
                if let Some(s) = self.text(value, "") {
                    self.string(&rules, s, "");
                }
            }
            Kind::Enum(values) => self.enumeration(values, value),
            Kind::Number { min, max, integer } => self.number(min, max, integer, value),
            Kind::Boolean if !matches!(value, Value::Bool(_)) => self.type_error("a boolean", value),
            Kind::Boolean => {}
            Kind::Timestamp => self.timestamp(value),
            Kind::Document => self.document(value),
        }
    }

    /// A document: any JSON value (null, a boolean, a finite number, a string, and arrays
    /// and plain objects of them), as the SDK's `__DocumentType`.
    fn document(&mut self, value: &'v Value) {
        match value {
            Value::Null | Value::Bool(_) | Value::String(_) => {}
            Value::Number(n) if n.is_finite() => {}
            Value::Array { items, .. } => {
                for (i, item) in items.iter().enumerate() {
                    self.at(Segment::Index(i), |w| w.document(item));
                }
            }
            Value::Object(entries) => {
                for (key, item) in entries.iter().filter(|(_, item)| !matches!(item, Value::Undefined)) {
                    self.at(Segment::Member(&key.text), |w| w.document(item));
                }
            }
            _ => self.type_error("a JSON value (null, a boolean, a finite number, a string, an array or a plain object)", value),
        }
    }

    /// An input's time is a valid `Date`; an answer's is ISO 8601 text or epoch seconds.
    fn timestamp(&mut self, value: &Value) {
        match value {
            Value::Date(ms) if self.constraints && !ms.is_finite() => self.error(IssueCode::Type, "must be a valid Date; is an Invalid Date".into()),
            Value::Date(_) if self.constraints => {}
            _ if self.constraints => self.type_error("a Date", value),
            Value::Number(n) if n.is_finite() => {}
            Value::String(s) if crate::time::parse_iso8601(&s.text).is_some() => {}
            _ => self.type_error("an ISO 8601 time or seconds since the epoch", value),
        }
    }

    fn type_error(&mut self, expected: &str, value: &Value) {
        self.error(IssueCode::Type, concat(&["must be ", expected, "; got ", &value.kind()]));
    }

    fn structure(&mut self, structure: &Structure, value: &'v Value) {
        let Value::Object(entries) = value else {
            return self.type_error("an object", value);
        };
        let members = structure.members;
        for (key, member_value) in entries {
            let key = key.text.as_str();
            match member_named(members, key) {
                None => self.at(Segment::Member(key), |w| {
                    w.error(IssueCode::UnknownMember, unknown_member_message(key, members))
                }),
                Some(member) if member_value.is_absent() => {
                    if member.required {
                        self.at(Segment::Member(key), |w| w.missing(member_value));
                    }
                }
                Some(member) => self.at(Segment::Member(key), |w| w.check(member.shape(), member_value)),
            }
        }
        for member in members.iter().filter(|m| m.required) {
            if !entries.iter().any(|(key, _)| member.is_named(&key.text)) {
                self.at(Segment::Member(member.name()), |w| w.missing(&Value::Undefined));
            }
        }
        if structure.union && self.constraints {
            self.union(members, entries);
        }
        if structure.rule == Rule::CustomRedaction && self.constraints {
            self.custom_redaction(entries);
        }
    }

    /// Exactly one member of a union is set (an unknown one is already an error).
    fn union(&mut self, members: &[Member], entries: &[(Text, Value)]) {
        let set: Vec<&str> = entries
            .iter()
            .filter(|(k, v)| !v.is_absent() && member_named(members, &k.text).is_some())
            .map(|(k, _)| k.text.as_str())
            .collect();
        if set.len() != 1 {
            let names = join(members.iter().map(|m| m.name()), ", ");
            let got = if set.is_empty() { "none is".to_owned() } else { concat(&[&join(set, " and "), " are"]) };
            self.error(IssueCode::Union, concat(&["must set exactly one member of ", &names, "; ", &got, " set"]));
        }
    }

    fn missing(&mut self, value: &Value) {
        let got = if matches!(value, Value::Null) { "null" } else { "missing" };
        self.error(IssueCode::Required, concat(&["is required; is ", got]));
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

    fn count(&mut self, n: usize, min: usize, max: Option<usize>, unit: &str) {
        if !self.constraints {
            return;
        }
        if n < min || max.is_some_and(|max| n > max) {
            let bounds = match max {
                Some(max) if min == 0 => concat(&["at most ", &decimal(max)]),
                Some(max) => concat(&[&decimal(min), " to ", &decimal(max)]),
                None => concat(&["at least ", &decimal(min)]),
            };
            self.error(IssueCode::Count, concat(&["must have ", &bounds, " ", unit, "; has ", &decimal(n)]));
        }
    }

    fn list(&mut self, list: &List, value: &'v Value) {
        let Value::Array { items, length: n } = value else {
            return self.type_error("an array", value);
        };
        self.count(*n, list.min, list.max, "items");
        let (item_shape, repeat) = match list.rule {
            _ if !self.constraints => (list.member, None),
            Rule::UniqueItems => (list.member, Some(Severity::Error)),
            Rule::AccountIds => (list.member, Some(Severity::Warning)),
            _ => (list.member, None),
        };
        for (i, item) in items.iter().enumerate().take(list.checked_items()) {
            self.at(Segment::Index(i), |w| {
                let earlier = items[..i].iter().position(|e| e == item);
                if let (Some(j), Some(severity), false) = (earlier, repeat, item.is_absent()) {
                    w.report(severity, IssueCode::Duplicate, concat(&["repeats item [", &decimal(j), "]"]));
                }
                w.check(item_shape, item);
            });
        }
    }

    fn map(&mut self, map: &Map, value: &'v Value) {
        let tags = map.rule == Rule::AwsTags && self.constraints;
        let Value::Object(entries) = value else {
            let expected = if tags { "an object of tag keys to values" } else { "an object" };
            return self.type_error(expected, value);
        };
        match tags {
            true => self.count(entries.len(), map.min, Some(map.max.unwrap_or(usize::MAX).min(rules::MAX_TAGS)), "tags"),
            false => self.count(entries.len(), map.min, map.max, "entries"),
        }
        for (key, entry) in entries {
            self.at(Segment::Key(&key.text), |w| {
                if !key.well_formed {
                    w.error(IssueCode::Encoding, "key contains a lone surrogate (invalid UTF-16), which cannot be sent".into());
                }
                match map.key.kind() {
                    Kind::String(rules) => w.string(&rules, &key.text, "key "),
                    Kind::Enum(values) => w.enumeration(values, &Value::String(key.clone())),
                    _ => {}
                }
                if tags {
                    if key.text.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
                        w.error(IssueCode::ReservedPrefix, "key must not start with \"aws:\", which AWS reserves".into());
                    }
                    if let Some(c) = patterns::first_outside_tag_characters(&key.text) {
                        w.warn(IssueCode::Characters, tag_characters_message("key", c));
                    }
                }
                match map.value.kind() {
                    Kind::String(rules) => {
                        let Some(s) = w.text(entry, "value ") else { return };
                        w.string(&rules, s, "value ");
                        if let Some(c) = patterns::first_outside_tag_characters(s).filter(|_| tags) {
                            w.warn(IssueCode::Characters, tag_characters_message("value", c));
                        }
                    }
                    _ => w.check(map.value, entry),
                }
            });
        }
    }

    /// Checks a string's type and encoding; returns its text when it is a string. `what`
    /// starts the messages (`"value "` for a map's values).
    fn text<'a>(&mut self, value: &'a Value, what: &str) -> Option<&'a str> {
        let Value::String(text) = value else {
            self.error(IssueCode::Type, concat(&[what, "must be a string; got ", &value.kind()]));
            return None;
        };
        if !text.well_formed {
            self.error(
                IssueCode::Encoding,
                concat(&[what, "contains a lone surrogate (invalid UTF-16), which cannot be sent"]),
            );
        }
        Some(&text.text)
    }

    /// A string's length, pattern and rule; `what` starts the messages (`"key "`, …).
    fn string(&mut self, rules: &Str, s: &str, what: &str) {
        if !self.constraints {
            return;
        }
        let n = patterns::char_count(s);
        if n < rules.min || rules.max.is_some_and(|max| n > max) {
            let bounds = match rules.max {
                Some(max) if max == rules.min => concat(&["exactly ", &decimal(max)]),
                Some(max) => concat(&[&decimal(rules.min), " to ", &decimal(max)]),
                None => concat(&["at least ", &decimal(rules.min)]),
            };
            self.error(IssueCode::Length, concat(&[what, "must be ", &bounds, " characters long; is ", &decimal(n)]));
        }
        // An empty string the length already refuses needs no pattern message.
        if let Some(pattern) = rules.pattern.filter(|_| n > 0 || rules.min == 0) {
            for message in pattern_messages(pattern, s) {
                self.error(IssueCode::Pattern, concat(&[what, &message]));
            }
        }
        if rules.rule == Rule::RegexSyntax {
            if let Some(why) = patterns::regex_syntax_error(s) {
                self.warn(IssueCode::Regex, concat(&[what, "is not a valid regular expression: it ", &why]));
            }
        }
    }

    fn number(&mut self, min: Option<f64>, max: Option<f64>, integer: bool, value: &Value) {
        let Value::Number(n) = *value else {
            return self.type_error("a number", value);
        };
        if !n.is_finite() {
            self.error(IssueCode::NotFinite, concat(&["must be a finite number; is ", &js_number(n)]));
        } else if integer && n.fract() != 0.0 {
            self.error(IssueCode::Type, concat(&["must be a whole number; is ", &js_number(n)]));
        } else if self.constraints && (min.is_some_and(|min| n < min) || max.is_some_and(|max| n > max)) {
            let (low, high) = (min.map(number::to_string), max.map(number::to_string));
            let bounds = match (low, high) {
                (Some(min), Some(max)) => concat(&["from ", &min, " to ", &max]),
                (Some(min), None) => concat(&["at least ", &min]),
                (None, max) => concat(&["at most ", &max.unwrap_or_default()]),
            };
            self.error(IssueCode::Range, concat(&["must be ", &bounds, "; is ", &js_number(n)]));
        }
    }

    fn enumeration(&mut self, values: Names, value: &Value) {
        let Some(s) = self.text(value, "") else { return };
        if values.contains(s) || !self.constraints {
            return;
        }
        let choices: Vec<String> = values.iter().map(|v| concat(&["\"", v, "\""])).collect();
        let list = join(choices.iter().map(String::as_str), ", ");
        let hint = values
            .iter()
            .find(|v| v.eq_ignore_ascii_case(s))
            .map(|v| concat(&[" (did you mean \"", v, "\"?)"]))
            .unwrap_or_default();
        self.error(IssueCode::Enum, concat(&["must be one of ", &list, "; got ", &quoted(s), &hint]));
    }
}

/// What is wrong with `s` for `pattern`: the pattern, and where `s` stops matching it.
fn pattern_messages(pattern: &Pattern, s: &str) -> Vec<String> {
    let Some(at) = patterns::mismatch(pattern, s) else { return Vec::new() };
    let place = match s[at..].chars().next() {
        Some(c) => {
            // Non-ASCII characters may look like others, or like nothing: their code too.
            let code = if c.is_ascii() { String::new() } else { concat(&[" (", &code_point(c), ")"]) };
            let n = patterns::char_count(&s[..at]) + 1;
            concat(&["it stops matching at character ", &decimal(n), ", ", &quoted(&s[at..at + c.len_utf8()]), &code])
        }
        None => "it ends too soon".into(),
    };
    vec![concat(&["must match the pattern `", pattern.source, "`; ", &place])]
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
        if !(c == '"' || c == '\\' || c.is_control()) {
            continue;
        }
        out.push_str(&s[run..i]);
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                // Any other control character: `\u{1b}`
                out.push_str("\\u{");
                push_digits(out, c as u64, 1, LOWER_HEX);
                out.push('}');
            }
        }
        run = i + c.len_utf8();
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// `s` as a JavaScript string literal, cut after 64 characters: a message names a value,
/// it does not repeat it.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::new();
    let cut = &s[..s.char_indices().nth(64).map_or(s.len(), |(at, _)| at)];
    push_quoted(&mut out, cut);
    if cut.len() < s.len() {
        out.push('…');
    }
    out
}

/// A character's code as Unicode writes it: `U+00E9`, `U+1F600` (hex, at least four digits).
fn code_point(c: char) -> String {
    let mut out = "U+".to_owned();
    push_digits(&mut out, c as u64, 4, UPPER_HEX);
    out
}

fn tag_characters_message(part: &str, c: char) -> String {
    concat(&[
        part,
        " contains the character ",
        &code_point(c),
        "; some AWS services accept only letters, numbers, spaces and _.:/=+-@",
    ])
}

/// A number as a message names it: as JavaScript prints it, but `-0` as `-0`.
fn js_number(n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        "-0".into()
    } else {
        number::to_string(n)
    }
}

fn unknown_member_message(key: &str, members: &[Member]) -> String {
    let names = join(members.iter().map(|m| m.name()), ", ");
    match closest(key, members.iter().map(|m| m.name())) {
        Some(name) => concat(&["is not a member here; did you mean \"", name, "\"? (members: ", &names, ")"]),
        None => concat(&["is not a member here (members: ", &names, ")"]),
    }
}

/// The name among `names` that `key` is most likely a typo of, if any is close (case aside).
/// A key far longer than any name is no typo of one (and a hostile one costs no time).
pub fn closest(key: &str, names: impl Iterator<Item = &'static str>) -> Option<&'static str> {
    if key.len() > 256 {
        return None;
    }
    names
        .map(|name| (edit_distance(&key.to_ascii_lowercase(), &name.to_ascii_lowercase()), name))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, name)| *d <= name.len().max(key.len()) / 2)
        .map(|(_, name)| name)
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

