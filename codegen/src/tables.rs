//! `src/model/generated/NAME.tables`: everything the runtime knows of one service, as one
//! text the runtime parses when the service's entry first needs it (`src/model/service.rs`):
//! the shapes with their constraints, the members, the operation table, the paginators, the
//! compiled patterns, the errors and the names. Text, not Rust statics, so the one runtime
//! module serves any number of services and each entry carries only its own tables.
//!
//! The format (`src/model/service.rs` reads it, in this order): numbers, `~`, then texts.
//! Numbers are written in base 32, low digits first, as `P`–`o` for a digit with more to
//! come and `0`–`O` for the last; a text is its length among the numbers and its bytes
//! among the texts, but for the names, first among the texts, each ended by `|`; a list is
//! its length then its items, record by record, or for shapes and operations field by field
//! (`Writer::column`). Printable ASCII only, so the text
//! is a JavaScript string as it is (only `\` and `"` escaped).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::{Endpoint, Model};
use crate::patterns::program;
use crate::rules::{self, Rule};

/// The operation the one-argument forms (`validate(input)`) mean, where the model has it:
/// the first one the library served, kept for its callers. Other services have none.
const DEFAULT_OPERATION: &str = "CreateConfiguredModelAlgorithmAssociation";

/// The HTTP methods, by the index the operation table gives (`service.rs` has the same list).
const METHODS: [&str; 6] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/// The text being written: its numbers, then `~`, then its texts (each one's length is
/// among the numbers), so that the runtime reads each part in one simple pass.
#[derive(Default)]
pub struct Writer {
    numbers: String,
    texts: String,
}

impl Writer {
    pub fn number(&mut self, mut n: u64) {
        while n >= 32 {
            self.numbers.push(char::from(b'P' + (n & 31) as u8));
            n >>= 5;
        }
        self.numbers.push(char::from(b'0' + n as u8));
    }

    pub fn text(&mut self, text: &str) -> Result<(), String> {
        if let Some(c) = text.chars().find(|c| !(' '..='~').contains(c)) {
            return Err(format!("{text:?} holds {c:?}, which is not printable ASCII"));
        }
        self.number(text.len() as u64);
        self.texts.push_str(text);
        Ok(())
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        self.number(bytes.len() as u64);
        for &b in bytes {
            self.number(u64::from(b));
        }
    }

    pub fn flag(&mut self, flag: bool) {
        self.number(u64::from(flag));
    }

    pub fn optional(&mut self, n: Option<usize>) {
        self.number(optional(n));
    }

    /// One field of every record of a table, together: alike values side by side compress
    /// better than records. With `delta`, each as its difference from the one before
    /// (zigzag: 0, -1, 1, -2… as 0, 1, 2, 3…), for indices that mostly grow.
    pub fn column(&mut self, values: impl IntoIterator<Item = u64>, delta: bool) {
        let mut before = 0u64;
        for value in values {
            let written = if delta {
                let difference = value.wrapping_sub(before) as i64;
                ((difference << 1) ^ (difference >> 63)) as u64
            } else {
                value
            };
            before = value;
            self.number(written);
        }
    }

    /// The names, each followed by `|` (which no name holds), first among the texts.
    pub fn names(&mut self, names: &[String]) -> Result<(), String> {
        if let Some(name) = names.iter().find(|n| n.contains('|') || n.chars().any(|c| !(' '..='~').contains(&c))) {
            return Err(format!("the name {name:?} holds `|` or a character that is not printable ASCII"));
        }
        self.number(names.len() as u64);
        self.texts.insert_str(0, &names.iter().map(|n| [n.as_str(), "|"].concat()).collect::<String>());
        Ok(())
    }

    pub fn finish(self) -> String {
        [self.numbers, self.texts].join("~")
    }
}

/// How the tables write a number that may be absent: `n + 1`, or 0 for none.
fn optional(n: Option<usize>) -> u64 {
    n.map_or(0, |n| n as u64 + 1)
}

/// The index of `item` in `table`, appended when it is not there yet: every table is
/// written with each entry once.
fn intern<T: PartialEq>(table: &mut Vec<T>, item: T) -> usize {
    table.iter().position(|t| *t == item).unwrap_or_else(|| {
        table.push(item);
        table.len() - 1
    })
}

/// A shape's record: kind, rule, a, b, limits (see `Shape` in `src/model/mod.rs`).
struct ShapeRecord {
    kind: u8,
    rule: Rule,
    a: Option<usize>,
    b: usize,
    limits: usize,
}

/// A member's record.
#[derive(PartialEq)]
struct MemberRecord {
    name: usize,
    shape: usize,
    location: u8,
    required: bool,
    wire_name: usize,
}

/// The tables the shapes' records refer to, filled as the records are written.
struct Tables<'a> {
    /// Each shape's index, by name.
    index: BTreeMap<&'a str, usize>,
    names: Vec<String>,
    members: Vec<MemberRecord>,
    /// (source, compiled) of each pattern.
    patterns: Vec<(String, Vec<u8>)>,
    ranges: Vec<(Option<f64>, Option<f64>)>,
    limits: Vec<(u32, u32)>,
}

impl Tables<'_> {
    fn name(&mut self, name: &str) -> usize {
        intern(&mut self.names, name.to_owned())
    }

    /// A run of names, contiguous (an enum's values).
    fn name_run(&mut self, names: &[&str]) -> usize {
        if let Some(at) = self.names.windows(names.len()).position(|w| w.iter().zip(names).all(|(a, b)| a == b)) {
            return at;
        }
        self.names.extend(names.iter().map(|n| n.to_string()));
        self.names.len() - names.len()
    }
}

/// What the generated files need to know of the tables beyond their text.
pub struct Generated {
    pub text: String,
    /// Each shape's index in the table, by the model's shape name (for `NAME.rs`).
    pub index: BTreeMap<String, usize>,
}

pub fn generate(service: &str, id: usize, model: &mut Model, endpoint: &Endpoint) -> Result<Generated, String> {
    // A list of account IDs (`Rule::AccountIds`) has its items checked as the model's own
    // `AccountId` shape, which it does not use: reached here as an input's.
    if model.order.iter().any(|name| rules::of(name) == Rule::AccountIds) && model.shape("AccountId").is_ok() {
        model.reach("AccountId", true)?;
    }
    let model = &*model;
    let mut tables = Tables {
        index: BTreeMap::new(),
        names: Vec::new(),
        members: Vec::new(),
        patterns: Vec::new(),
        ranges: Vec::new(),
        // Index 0, which the shapes without limits name.
        limits: vec![(0, u32::MAX)],
    };
    // The shapes only answers reach that hold no other shape (strings, numbers, booleans,
    // times, documents) carry nothing but their type: one record of each type serves them all.
    let mut kept: Vec<&str> = Vec::new();
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &model.order {
        let kind = if model.is_document(name)? { "document" } else { model.kind(name)? };
        let leaf = !model.in_input.contains(name) && !matches!(kind, "structure" | "list" | "map") || kind == "document";
        let at = match by_type.get(kind).filter(|_| leaf) {
            Some(&at) => at,
            None => {
                kept.push(name);
                kept.len() - 1
            }
        };
        if leaf {
            by_type.insert(kind, at);
        }
        tables.index.insert(name, at);
    }
    let shapes = kept.iter().map(|name| tables.shape(model, name)).collect::<Result<Vec<_>, _>>()?;
    if shapes.len() > usize::from(u16::MAX) || tables.members.len() > usize::from(u16::MAX) {
        return Err("the model has more shapes or members than a u16 indexes".into());
    }
    // The errors each operation lists, as bits of one table of the distinct errors.
    let mut errors: Vec<&(String, u64, bool)> = Vec::new();
    for op in &model.ops {
        for error in &op.errors {
            if !errors.iter().any(|e| e.0 == error.0) {
                errors.push(error);
            }
        }
    }
    if errors.len() > 16 {
        return Err("the operations list more than 16 distinct errors, more than a u16 of bits".into());
    }
    let op_names: Vec<(usize, usize)> = model.ops.iter().map(|op| (tables.name(&op.name), tables.name(&op.uri))).collect();
    let paginators: Vec<(usize, usize, usize, Option<usize>)> = model
        .ops
        .iter()
        .enumerate()
        .filter_map(|(i, op)| op.paginator.as_ref().map(|p| (i, p)))
        .map(|(i, p)| (i, tables.name(&p.input_token), tables.name(&p.output_token), p.limit_key.as_ref().map(|k| tables.name(k))))
        .collect();
    let Tables { index, names, members, patterns, ranges, limits } = tables;

    let mut w = Writer::default();
    w.names(&names)?;
    w.number(id as u64);
    w.text(service)?;
    w.text(&endpoint.signing_name)?;
    w.text(&endpoint.prefix)?;
    w.optional(model.ops.iter().position(|op| op.name == DEFAULT_OPERATION));
    w.number(limits.len() as u64);
    for &(min, max) in &limits {
        w.number(u64::from(min));
        w.optional((max != u32::MAX).then_some(max as usize));
    }
    w.number(ranges.len() as u64);
    // A bound as its 64 bits (NaN: none): the runtime reads it without parsing decimals.
    for &(min, max) in &ranges {
        for bound in [min, max] {
            w.number(bound.unwrap_or(f64::NAN).to_bits());
        }
    }
    w.number(patterns.len() as u64);
    for (source, program) in &patterns {
        w.text(source)?;
        w.bytes(program);
    }
    w.number(errors.len() as u64);
    for (name, status, sender) in &errors {
        w.text(name)?;
        w.number(*status);
        w.flag(*sender);
    }
    w.number(shapes.len() as u64);
    w.column(shapes.iter().map(|s| u64::from(s.kind)), false);
    w.column(shapes.iter().map(|s| s.rule as u64), false);
    w.column(shapes.iter().map(|s| optional(s.a)), true);
    w.column(shapes.iter().map(|s| s.b as u64), false);
    w.column(shapes.iter().map(|s| s.limits as u64), false);
    w.number(members.len() as u64);
    for m in &members {
        w.number(m.name as u64);
        w.number(m.shape as u64);
        w.number(u64::from(m.location));
        w.flag(m.required);
        w.number(m.wire_name as u64);
    }
    let ops = &model.ops;
    let methods = ops
        .iter()
        .map(|op| METHODS.iter().position(|m| *m == op.method).map(|m| m as u64).ok_or_else(|| format!("{}: HTTP method {:?}", op.name, op.method)))
        .collect::<Result<Vec<_>, _>>()?;
    w.number(ops.len() as u64);
    w.column(op_names.iter().map(|n| n.0 as u64), true);
    w.column(methods, false);
    w.column(op_names.iter().map(|n| n.1 as u64), true);
    w.column(ops.iter().map(|op| index[op.input.as_str()] as u64), true);
    // An output without members is none: the client reads no body for it (as the SDK).
    let output = |op: &crate::model::Op| op.output.as_ref().filter(|o| model.members(o).is_ok_and(|m| !m.is_empty())).map(|o| index[o.as_str()]);
    w.column(ops.iter().map(|op| optional(output(op))), true);
    w.column(ops.iter().map(|op| op.success_code), false);
    w.column(ops.iter().map(|op| u64::from(op.idempotent)), false);
    let bits = |op: &crate::model::Op| op.errors.iter().map(|e| 1u64 << errors.iter().position(|d| d.0 == e.0).unwrap_or(0)).fold(0, |a, b| a | b);
    w.column(ops.iter().map(bits), false);
    w.number(paginators.len() as u64);
    for (op, input_token, output_token, limit_key) in paginators {
        w.number(op as u64);
        w.number(input_token as u64);
        w.number(output_token as u64);
        w.optional(limit_key);
    }
    let index = model.order.iter().map(|name| (name.clone(), index[name.as_str()])).collect();
    Ok(Generated { text: w.finish(), index })
}

/// The shape kinds, by the number a record gives (`ShapeKind` in `src/model/mod.rs`).
const KINDS: [&str; 11] = ["Structure", "Union", "List", "Map", "String", "Enum", "Integer", "Double", "Boolean", "Timestamp", "Document"];
/// Where a member goes, by number (`LocationKind`).
const LOCATIONS: [&str; 4] = ["Body", "Label", "Query", "Header"];

fn kind(name: &str) -> u8 {
    KINDS.iter().position(|k| *k == name).unwrap_or(0) as u8
}

impl Tables<'_> {
    /// One shape's record; the members, names, patterns, ranges and limits it needs are
    /// added to their tables.
    fn shape(&mut self, model: &Model, name: &str) -> Result<ShapeRecord, String> {
        let shape = model.shape(name)?;
        // A shape only answers reach carries no constraints: an answer is checked for its
        // types and required members only (`validate_output`), so lengths, counts, ranges,
        // patterns and enum values there would be bytes nothing reads.
        let constrained = model.in_input.contains(name);
        let bound = |key: &str| shape.get(key).and_then(Value::as_f64).filter(|_| constrained);
        let (min, max) = (bound("min"), bound("max"));
        let target = |key: &str| self.index[Model::target(&shape[key])];
        let limit = intern(&mut self.limits, (min.unwrap_or(0.0) as u32, max.map_or(u32::MAX, |n| n as u32)));
        // A rule beyond the model is an input's (`validate_output` reads none).
        let rule = if constrained { rules::of(name) } else { Rule::None };
        let record = |kind_name: &str, a: Option<usize>, b: usize, limits: usize| ShapeRecord { kind: kind(kind_name), rule, a, b, limits };
        Ok(match shape["type"].as_str().unwrap_or_default() {
            "structure" if model.is_document(name)? => record("Document", Some(0), 0, 0),
            "structure" => {
                let required = model.required(name)?;
                let first = self.members.len();
                for (member_name, member) in model.members(name)? {
                    let (location, wire) = match member.get("location").and_then(Value::as_str) {
                        Some("uri") => ("Label", 0),
                        Some("querystring") => ("Query", self.name(member["locationName"].as_str().unwrap_or(member_name))),
                        Some("header") => ("Header", self.name(&member["locationName"].as_str().unwrap_or(member_name).to_ascii_lowercase())),
                        _ => ("Body", 0),
                    };
                    let record = MemberRecord {
                        name: self.name(member_name),
                        shape: self.index[Model::target(member)],
                        location: LOCATIONS.iter().position(|l| *l == location).unwrap_or(0) as u8,
                        required: required.contains(member_name.as_str()),
                        wire_name: wire,
                    };
                    self.members.push(record);
                }
                let kind = if model.is_union(name)? { "Union" } else { "Structure" };
                record(kind, Some(first), self.members.len() - first, 0)
            }
            // Account IDs: each item is checked as the model's `AccountId`.
            "list" if rule == Rule::AccountIds && self.index.contains_key("AccountId") => record("List", Some(self.index["AccountId"]), 0, limit),
            "list" => record("List", Some(target("member")), 0, limit),
            "map" => record("Map", Some(target("key")), target("value"), limit),
            "string" => match shape.get("enum").and_then(Value::as_array).filter(|_| constrained) {
                Some(values) => {
                    let values: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
                    record("Enum", Some(self.name_run(&values)), values.len(), 0)
                }
                None => {
                    let pattern = match shape.get("pattern").and_then(Value::as_str).filter(|_| constrained) {
                        Some(p) => Some(match self.patterns.iter().position(|(q, _)| q == p) {
                            Some(i) => i,
                            None => {
                                let compiled = program(p).map_err(|why| format!("shape {name}: pattern {p:?} {why}"))?;
                                self.patterns.push((p.to_owned(), compiled));
                                self.patterns.len() - 1
                            }
                        }),
                        None => None,
                    };
                    record("String", pattern, 0, limit)
                }
            },
            kind @ ("double" | "float" | "integer" | "long") => {
                let range = intern(&mut self.ranges, (min, max));
                let kind = if matches!(kind, "integer" | "long") { "Integer" } else { "Double" };
                record(kind, Some(range), 0, 0)
            }
            "boolean" => record("Boolean", Some(0), 0, 0),
            "timestamp" => record("Timestamp", Some(0), 0, 0),
            other => return Err(format!("shape {name}: type {other:?} is not supported yet")),
        })
    }
}
