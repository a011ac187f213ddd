//! The code generator: reads the service model (botocore's `service-2.json`) and writes
//! what the library and the page know about the selected restJson1 operations:
//!
//! - `src/model/generated.rs`: every shape the operations reach, with its constraints
//!   (lengths, patterns, ranges, enums, required members, list and map sizes); the
//!   operation table (method, URI template, member locations, idempotency, errors with
//!   their HTTP status); the model's patterns with their matchers; and the TypeScript
//!   types, named as the AWS SDK for JavaScript v3 names them.
//! - `src/client/generated.rs`: the client's methods, one per operation, and the
//!   paginators of `paginators-1.json`, named as the SDK's.
//! - `www/model.generated.js`: the constraints of every input member by path, for the
//!   page's hints.
//!
//! Anything the runtime cannot check (an input's pattern without a matcher, a shape type
//! or an HTTP binding it does not handle) stops the generator with the shape's name,
//! rather than be generated wrongly.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde_json::{Map, Value};

/// The generated files, by path from the repository root.
pub struct Output {
    pub files: Vec<(&'static str, String)>,
}

pub const RUST_PATH: &str = "src/model/generated.rs";
pub const CLIENT_PATH: &str = "src/client/generated.rs";
pub const PAGE_PATH: &str = "www/model.generated.js";

/// Generates the files for `operations` (model names) of the model text `model` and its
/// paginators (`paginators-1.json`'s text).
pub fn generate(model: &str, paginators: &str, operations: &[&str]) -> Result<Output, String> {
    let model: Value = serde_json::from_str(model).map_err(|e| format!("the model is not JSON: {e}"))?;
    let paginators: Value = serde_json::from_str(paginators).map_err(|e| format!("the paginators are not JSON: {e}"))?;
    let protocol = model["metadata"]["protocol"].as_str().unwrap_or_default();
    if protocol != "rest-json" {
        return Err(format!("the model's protocol is {protocol:?}; only rest-json (restJson1) is generated"));
    }
    let shapes = model["shapes"].as_object().ok_or("the model has no shapes")?;
    let mut gen = Generator { shapes, order: Vec::new(), in_input: BTreeSet::new() };
    let mut ops = Vec::new();
    for &name in operations {
        let op = model["operations"].get(name).ok_or_else(|| format!("the model has no operation {name}"))?;
        let mut op = gen.operation(name, op)?;
        if let Some(paginator) = paginators["pagination"].get(name) {
            op.paginator = Some(gen.paginator(&op, paginator)?);
        }
        ops.push(op);
    }
    let rust = gen.rust(&ops, &model["metadata"])?;
    let client = gen.client(&ops);
    let page = gen.page(&ops)?;
    Ok(Output { files: vec![(RUST_PATH, rust), (CLIENT_PATH, client), (PAGE_PATH, page)] })
}

struct Generator<'m> {
    shapes: &'m Map<String, Value>,
    /// Every shape reached, in the order first reached (depth first).
    order: Vec<String>,
    /// The shapes reached from an input.
    in_input: BTreeSet<String>,
}

/// An operation, read from the model.
struct Op {
    name: String,
    method: String,
    uri: String,
    input: String,
    /// None for an operation that answers with no members (`$metadata` only).
    output: Option<String>,
    success_code: u64,
    idempotent: bool,
    /// (name, status, sender fault)
    errors: Vec<(String, u64, bool)>,
    paginator: Option<Paginator>,
}

/// A paginator of `paginators-1.json`: the input and output members that carry the token,
/// the input member that limits a page, and the output member that holds the results.
struct Paginator {
    input_token: String,
    output_token: String,
    limit_key: Option<String>,
    result_key: String,
}

impl<'m> Generator<'m> {
    fn shape(&self, name: &str) -> Result<&'m Value, String> {
        self.shapes.get(name).filter(|s| s.is_object()).ok_or_else(|| format!("the model has no shape {name}"))
    }

    fn operation(&mut self, name: &str, op: &Value) -> Result<Op, String> {
        let http = &op["http"];
        let input = op["input"]["shape"].as_str().ok_or_else(|| format!("{name} has no input"))?.to_owned();
        let output = op["output"]["shape"].as_str().map(str::to_owned);
        self.reach(&input, true)?;
        self.check_input_locations(name, &input)?;
        if let Some(output) = &output {
            self.reach(output, false)?;
            self.check_output_locations(name, output)?;
        }
        let mut errors = Vec::new();
        for error in op["errors"].as_array().into_iter().flatten() {
            let error_name = error["shape"].as_str().ok_or_else(|| format!("{name}: an error without a shape"))?;
            let shape = self.shape(error_name)?;
            let status = shape["error"]["httpStatusCode"].as_u64().ok_or_else(|| format!("{error_name} has no httpStatusCode"))?;
            let sender = shape["error"]["senderFault"].as_bool().unwrap_or(false);
            errors.push((error_name.to_owned(), status, sender));
        }
        Ok(Op {
            name: name.to_owned(),
            method: http["method"].as_str().ok_or_else(|| format!("{name} has no http.method"))?.to_owned(),
            uri: http["requestUri"].as_str().ok_or_else(|| format!("{name} has no http.requestUri"))?.to_owned(),
            input,
            output,
            success_code: http["responseCode"].as_u64().unwrap_or(200),
            idempotent: op["idempotent"].as_bool().unwrap_or(false),
            errors,
            paginator: None,
        })
    }

    /// Reads a paginator; its tokens must be optional string members, the input's sent in
    /// the query, and its results a list.
    fn paginator(&self, op: &Op, paginator: &Value) -> Result<Paginator, String> {
        let field = |key: &str| paginator[key].as_str().map(str::to_owned).ok_or_else(|| format!("the paginator of {} has no {key} (or it is not one name)", op.name));
        let paginator = Paginator {
            input_token: field("input_token")?,
            output_token: field("output_token")?,
            limit_key: paginator.get("limit_key").map(|_| field("limit_key")).transpose()?,
            result_key: field("result_key")?,
        };
        let output = op.output.as_deref().ok_or_else(|| format!("the paginated {} has no output", op.name))?;
        let member = |shape: &str, name: &str| -> Result<(&'m Value, bool), String> {
            let members = self.members(shape)?;
            let member = members.iter().find(|(n, _)| *n == name).map(|(_, m)| *m);
            let member = member.ok_or_else(|| format!("the paginator of {}: {shape} has no member {name}", op.name))?;
            Ok((member, self.required(shape)?.contains(name)))
        };
        for (shape, name, kinds) in [
            (op.input.as_str(), &paginator.input_token, &["string"][..]),
            (output, &paginator.output_token, &["string"][..]),
            (output, &paginator.result_key, &["list"][..]),
        ]
        .into_iter()
        .chain(paginator.limit_key.as_ref().map(|limit| (op.input.as_str(), limit, &["integer"][..])))
        {
            let (target, required) = member(shape, name)?;
            let kind = self.kind(target["shape"].as_str().unwrap_or_default())?;
            if !kinds.contains(&kind) {
                return Err(format!("the paginator of {}: {shape}.{name} is a {kind}, not a {}", op.name, kinds[0]));
            }
            if shape == op.input && (required || target.get("location").and_then(Value::as_str) != Some("querystring")) {
                return Err(format!("the paginator of {}: {shape}.{name} must be an optional query parameter", op.name));
            }
        }
        Ok(paginator)
    }

    /// Records `name` and every shape it reaches.
    fn reach(&mut self, name: &str, input: bool) -> Result<(), String> {
        let first = !self.order.iter().any(|n| n == name);
        let first_as_input = input && self.in_input.insert(name.to_owned());
        if !first && !first_as_input {
            return Ok(());
        }
        if first {
            self.order.push(name.to_owned());
        }
        let shape = self.shape(name)?;
        let kind = shape["type"].as_str().unwrap_or_default();
        match kind {
            "structure" | "list" | "map" | "string" | "double" | "float" | "integer" | "long" | "boolean" => {}
            "timestamp" if !input => {}
            _ => return Err(format!("shape {name}: type {kind:?}{} is not supported yet", if input { " in an input" } else { "" })),
        }
        for key in ["member", "key", "value"] {
            if let Some(target) = shape.get(key).and_then(|m| m["shape"].as_str()) {
                self.reach(target, input)?;
            }
        }
        for (member_name, member) in shape.get("members").and_then(Value::as_object).into_iter().flatten() {
            for unsupported in ["idempotencyToken", "jsonvalue", "hostLabel", "eventpayload", "streaming"] {
                if member.get(unsupported).is_some() {
                    return Err(format!("{name}.{member_name}: {unsupported} is not supported yet"));
                }
            }
            if member.get("locationName").is_some() && member.get("location").is_none() {
                return Err(format!("{name}.{member_name}: a body member renamed on the wire is not supported yet"));
            }
            let target = member["shape"].as_str().ok_or_else(|| format!("{name}.{member_name} has no shape"))?;
            self.reach(target, input)?;
        }
        if shape.get("payload").is_some() {
            return Err(format!("{name}: an HTTP payload member is not supported yet"));
        }
        Ok(())
    }

    /// The input's members may be bound to the URI, the query or headers; nested ones not.
    fn check_input_locations(&self, op: &str, input: &str) -> Result<(), String> {
        for (member_name, member) in self.members(input)? {
            match member.get("location").and_then(Value::as_str) {
                None | Some("uri") | Some("querystring") | Some("header") => {}
                Some(other) => return Err(format!("{op}: {input}.{member_name} is bound to {other:?}, which is not supported yet")),
            }
            let is_scalar = !matches!(self.kind(member["shape"].as_str().unwrap_or_default())?, "structure" | "list" | "map");
            if member.get("location").is_some() && !is_scalar {
                return Err(format!("{op}: {input}.{member_name}: a list or map outside the body is not supported yet"));
            }
        }
        Ok(())
    }

    fn check_output_locations(&self, op: &str, output: &str) -> Result<(), String> {
        for (member_name, member) in self.members(output)? {
            if let Some(location) = member.get("location") {
                return Err(format!("{op}: {output}.{member_name} is read from {location}, which is not supported yet"));
            }
        }
        Ok(())
    }

    fn members(&self, name: &str) -> Result<Vec<(&'m String, &'m Value)>, String> {
        Ok(self.shape(name)?.get("members").and_then(Value::as_object).map(|m| m.iter().collect()).unwrap_or_default())
    }

    fn kind(&self, name: &str) -> Result<&'m str, String> {
        Ok(self.shape(name)?["type"].as_str().unwrap_or_default())
    }

    fn required(&self, name: &str) -> Result<BTreeSet<&'m str>, String> {
        Ok(self.shape(name)?["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect())
    }

    // ---- Rust ----

    fn rust(&self, ops: &[Op], metadata: &Value) -> Result<String, String> {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "//! GENERATED by `codegen/` from `model/cleanroomsml/service-2.json` ({}, API version {}): do not edit.\n\
             //! Regenerate with `make generate`; `make test` fails when this file is stale.\n",
            metadata["uid"].as_str().unwrap_or("?"),
            metadata["apiVersion"].as_str().unwrap_or("?"),
        );
        out.push_str("use wasm_bindgen::prelude::*;\n\nuse super::{Operation, Pattern};\n\n");

        out.push_str("/// Every shape the selected operations reach, named as in the model.\npub mod shapes {\n");
        out.push_str("    #[allow(unused_imports)]\n    use crate::model::{rules, List, Location, Map, Member, Pattern, Shape, Str, Structure};\n\n");
        let mut idents = BTreeMap::new();
        for name in &self.order {
            let ident = screaming(name);
            if let Some(other) = idents.insert(ident.clone(), name) {
                return Err(format!("shapes {other} and {name} would have the same name {ident}"));
            }
            let _ = writeln!(out, "    pub static {ident}: Shape = {};", self.rust_shape(name)?);
        }
        out.push_str("}\n\n");

        out.push_str("/// The selected operations.\npub mod operations {\n    use super::shapes;\n    use crate::model::{ErrorShape, Operation};\n\n");
        for op in ops {
            let errors: Vec<String> = op
                .errors
                .iter()
                .map(|(name, status, sender)| format!("ErrorShape {{ name: {name:?}, status: {status}, sender_fault: {sender} }}"))
                .collect();
            let _ = writeln!(
                out,
                "    pub static {}: Operation = Operation {{\n        name: {:?},\n        method: {:?},\n        uri: {:?},\n        \
                 input: &shapes::{},\n        output: {},\n        success_code: {},\n        idempotent: {},\n        \
                 errors: &[\n            {},\n        ],\n    }};",
                screaming(&op.name),
                op.name,
                op.method,
                op.uri,
                screaming(&op.input),
                op.output.as_ref().map_or("None".to_owned(), |o| format!("Some(&shapes::{})", screaming(o))),
                op.success_code,
                op.idempotent,
                errors.join(",\n            "),
            );
        }
        out.push_str("}\n\n");
        let list: Vec<String> = ops.iter().map(|op| format!("&operations::{}", screaming(&op.name))).collect();
        let _ = writeln!(out, "/// Every selected operation.\npub static OPERATIONS: &[&Operation] = &[{}];\n", list.join(", "));

        out.push_str("/// The paginators of the selected operations (`paginators-1.json`).\npub mod paginators {\n    use super::operations;\n    use crate::model::Paginator;\n");
        for op in ops {
            let Some(p) = &op.paginator else { continue };
            let _ = writeln!(
                out,
                "\n    pub static {}: Paginator = Paginator {{\n        operation: &operations::{},\n        input_token: {:?},\n        \
                 output_token: {:?},\n        limit_key: {},\n    }};",
                screaming(&op.name),
                screaming(&op.name),
                p.input_token,
                p.output_token,
                p.limit_key.as_ref().map_or("None".to_owned(), |k| format!("Some({k:?})")),
            );
        }
        out.push_str("}\n\n");

        let mut patterns: Vec<(String, String)> = Vec::new();
        for name in self.order.iter().filter(|n| self.in_input.contains(*n)) {
            if let Some(p) = self.shape(name)?.get("pattern").and_then(Value::as_str) {
                if !patterns.iter().any(|(q, _)| q == p) {
                    patterns.push((p.to_owned(), matcher(name, p)?));
                }
            }
        }
        out.push_str("/// The model's patterns that the selected shapes use, with their matchers (for the tests).\n");
        out.push_str("pub static PATTERNS: &[(&str, Pattern)] = &[\n");
        for (regex, matcher) in &patterns {
            let _ = writeln!(out, "    ({regex:?}, {matcher}),");
        }
        out.push_str("];\n\n");

        let ts = self.typescript(ops)?;
        if ts.contains("\"##") {
            return Err("the TypeScript holds \"##, which would end its Rust string".into());
        }
        let _ = writeln!(out, "#[wasm_bindgen(typescript_custom_section)]\nconst TYPESCRIPT: &str = r##\"{ts}\"##;");
        Ok(out)
    }

    fn rust_shape(&self, name: &str) -> Result<String, String> {
        let shape = self.shape(name)?;
        let min = shape.get("min").and_then(Value::as_f64);
        let max = shape.get("max").and_then(Value::as_f64);
        let count = |v: Option<f64>| v.map(|n| n as usize);
        let option = |v: Option<usize>| v.map_or("None".to_owned(), |n| format!("Some({n})"));
        let float = |v: Option<f64>| v.map_or("None".to_owned(), |n| format!("Some({n:?})"));
        let rule = format!("rules::of({name:?})");
        Ok(match shape["type"].as_str().unwrap_or_default() {
            "structure" => {
                let required = self.required(name)?;
                let members: Vec<String> = self
                    .members(name)?
                    .into_iter()
                    .map(|(member_name, member)| {
                        let location = match member.get("location").and_then(Value::as_str) {
                            Some("uri") => "Location::Label".to_owned(),
                            Some("querystring") => format!("Location::Query({:?})", member["locationName"].as_str().unwrap_or(member_name)),
                            Some("header") => format!(
                                "Location::Header({:?})",
                                member["locationName"].as_str().unwrap_or(member_name).to_ascii_lowercase()
                            ),
                            _ => "Location::Body".to_owned(),
                        };
                        format!(
                            "Member {{ name: {member_name:?}, shape: &{}, required: {}, location: {location} }}",
                            screaming(member["shape"].as_str().unwrap_or_default()),
                            required.contains(member_name.as_str()),
                        )
                    })
                    .collect();
                format!(
                    "Shape::Structure(Structure {{\n        members: &[\n            {}\n        ],\n        rule: {rule},\n    }})",
                    members.iter().map(|m| format!("{m},")).collect::<Vec<_>>().join("\n            ")
                )
            }
            "list" => format!(
                "Shape::List(List {{ member: &{}, min: {}, max: {}, rule: {rule} }})",
                screaming(shape["member"]["shape"].as_str().unwrap_or_default()),
                count(min).unwrap_or(0),
                option(count(max)),
            ),
            "map" => format!(
                "Shape::Map(Map {{ key: &{}, value: &{}, min: {}, max: {}, rule: {rule} }})",
                screaming(shape["key"]["shape"].as_str().unwrap_or_default()),
                screaming(shape["value"]["shape"].as_str().unwrap_or_default()),
                count(min).unwrap_or(0),
                option(count(max)),
            ),
            "string" => match shape.get("enum").and_then(Value::as_array) {
                Some(values) => format!("Shape::Enum(&{:?})", values.iter().filter_map(Value::as_str).collect::<Vec<_>>()),
                None => {
                    // Outputs are read without their constraints (see `validate::Mode`): a
                    // pattern only an output uses needs no matcher.
                    let pattern = match shape.get("pattern").and_then(Value::as_str) {
                        Some(p) if self.in_input.contains(name) => format!("Some({})", matcher(name, p)?),
                        _ => "None".to_owned(),
                    };
                    format!(
                        "Shape::String(Str {{ min: {}, max: {}, pattern: {pattern}, rule: {rule} }})",
                        count(min).unwrap_or(0),
                        option(count(max)),
                    )
                }
            },
            "double" | "float" => format!("Shape::Number {{ min: {}, max: {}, integer: false }}", float(min), float(max)),
            "integer" | "long" => format!("Shape::Number {{ min: {}, max: {}, integer: true }}", float(min), float(max)),
            "boolean" => "Shape::Boolean".to_owned(),
            "timestamp" => "Shape::Timestamp".to_owned(),
            other => return Err(format!("shape {name}: type {other:?} is not supported yet")),
        })
    }

    // ---- TypeScript ----

    fn typescript(&self, ops: &[Op]) -> Result<String, String> {
        let mut out = String::from("\n// The service model's shapes, named as in the AWS SDK for JavaScript v3 (generated).\n");
        for name in &self.order {
            let shape = self.shape(name)?;
            match shape["type"].as_str().unwrap_or_default() {
                "structure" => {
                    let required = self.required(name)?;
                    let _ = writeln!(out, "\nexport interface {name} {{");
                    for (member_name, member) in self.members(name)? {
                        let target = member["shape"].as_str().unwrap_or_default();
                        let doc = self.constraint_doc(target, member)?;
                        if !doc.is_empty() {
                            let _ = writeln!(out, "    /** {} */", doc.replace("*/", "*\\/"));
                        }
                        let optional = if required.contains(member_name.as_str()) { "" } else { "?" };
                        let undefined = if optional.is_empty() { "" } else { " | undefined" };
                        let _ = writeln!(out, "    {member_name}{optional}: {}{undefined};", self.ts_type(target)?);
                    }
                    out.push_str("}\n");
                }
                "string" => {
                    if let Some(values) = shape.get("enum").and_then(Value::as_array) {
                        let union: Vec<String> = values.iter().filter_map(Value::as_str).map(|v| format!("{v:?}")).collect();
                        let _ = writeln!(out, "\nexport type {name} = {};", union.join(" | "));
                    }
                }
                _ => {}
            }
        }
        for op in ops {
            let errors: Vec<String> = op.errors.iter().map(|(n, s, _)| format!("`{n}` ({s})")).collect();
            let _ = writeln!(
                out,
                "\n/** What `{}` resolves with: the output and `$metadata`. It rejects with {}. */\n\
                 export interface {}Output{} {{\n    $metadata: ResponseMetadata;\n}}",
                lower_first(&op.name),
                errors.join(", "),
                op.name,
                op.output.as_ref().map(|o| format!(" extends {o}")).unwrap_or_default(),
            );
        }
        out.push_str("\n/** Each operation's input, by name: for `validate(operation, input)` and the other functions that take an operation's name. */\nexport interface OperationInputs {\n");
        for op in ops {
            let _ = writeln!(out, "    {}: {};", op.name, op.input);
        }
        out.push_str("}\n\n/** Each operation's output with `$metadata`, by name. */\nexport interface OperationOutputs {\n");
        for op in ops {
            let _ = writeln!(out, "    {}: {}Output;", op.name, op.name);
        }
        out.push_str("}\n\nexport type OperationName = keyof OperationInputs;\n");
        Ok(out)
    }

    fn ts_type(&self, name: &str) -> Result<String, String> {
        let shape = self.shape(name)?;
        Ok(match shape["type"].as_str().unwrap_or_default() {
            "structure" => name.to_owned(),
            "list" => {
                let item = self.ts_type(shape["member"]["shape"].as_str().unwrap_or_default())?;
                if item.contains(' ') { format!("({item})[]") } else { format!("{item}[]") }
            }
            "map" => format!("Record<string, {}>", self.ts_type(shape["value"]["shape"].as_str().unwrap_or_default())?),
            "string" if shape.get("enum").is_some() => name.to_owned(),
            "string" => "string".to_owned(),
            "double" | "float" | "integer" | "long" => "number".to_owned(),
            "boolean" => "boolean".to_owned(),
            "timestamp" => "Date".to_owned(),
            other => return Err(format!("shape {name}: type {other:?} has no TypeScript type yet")),
        })
    }

    /// The constraints of a member's shape, for its doc comment.
    fn constraint_doc(&self, name: &str, member: &Value) -> Result<String, String> {
        let shape = self.shape(name)?;
        let mut parts = Vec::new();
        let (min, max) = (shape.get("min").and_then(Value::as_f64), shape.get("max").and_then(Value::as_f64));
        // `unit` is (singular, plural).
        let counted = |n: f64, unit: (&str, &str)| format!("{n} {}", if n == 1.0 { unit.0 } else { unit.1 });
        let bounds = |unit: (&str, &str)| match (min, max) {
            (Some(a), Some(b)) if a == b => Some(format!("exactly {}", counted(a, unit))),
            (Some(a), Some(b)) => Some(format!("{a} to {}", counted(b, unit))),
            (Some(a), None) if a > 0.0 => Some(format!("at least {}", counted(a, unit))),
            (None, Some(b)) => Some(format!("at most {}", counted(b, unit))),
            _ => None,
        };
        match shape["type"].as_str().unwrap_or_default() {
            "string" if shape.get("enum").is_none() => {
                parts.extend(bounds(("character", "characters")));
                if let Some(p) = shape.get("pattern").and_then(Value::as_str) {
                    parts.push(format!("pattern `{p}`"));
                }
            }
            "list" => parts.extend(bounds(("item", "items"))),
            "map" => parts.extend(bounds(("entry", "entries"))),
            "double" | "float" | "integer" | "long" => match (min, max) {
                (Some(a), Some(b)) => parts.push(format!("from {a} to {b}")),
                (Some(a), None) => parts.push(format!("at least {a}")),
                (None, Some(b)) => parts.push(format!("at most {b}")),
                _ => {}
            },
            _ => {}
        }
        match member.get("location").and_then(Value::as_str) {
            Some("uri") => parts.push("sent in the URL path".into()),
            Some("querystring") => parts.push(format!("sent as the query parameter `{}`", member["locationName"].as_str().unwrap_or_default())),
            Some("header") => parts.push(format!("sent as the header `{}`", member["locationName"].as_str().unwrap_or_default())),
            _ => {}
        }
        let mut doc = parts.join("; ");
        if let Some(first) = doc.get(..1) {
            doc = format!("{}{}.", first.to_ascii_uppercase(), &doc[1..]);
        }
        Ok(doc)
    }

    // ---- the client ----

    fn client(&self, ops: &[Op]) -> String {
        let mut out = String::from(
            "//! GENERATED by `codegen/` from `model/cleanroomsml/`: do not edit (`make generate`).\n\
             //! The client's methods, one per operation, and the paginators, named as the AWS SDK for\n\
             //! JavaScript v3 names them; each hands its operation to `CleanRoomsMlClient::call` or\n\
             //! `paginate` (`mod.rs`).\n\n\
             use js_sys::Promise;\nuse wasm_bindgen::prelude::*;\n\n\
             use super::{paginate, CleanRoomsMlClient};\nuse crate::model::{operations, paginators};\n\n\
             #[wasm_bindgen]\nimpl CleanRoomsMlClient {\n",
        );
        for (i, op) in ops.iter().enumerate() {
            let errors: Vec<String> = op.errors.iter().map(|(n, _, _)| format!("`{n}`")).collect();
            let about = format!(
                "Sends `{}`: resolves with its output and `$metadata`; rejects with a `ValidationError` \
                 (nothing was sent), a `ConfigurationError`, an `AbortError`, or the service's error after \
                 the retries it allows: {}.",
                op.name,
                errors.join(", ")
            );
            let _ = writeln!(
                out,
                "{}{}    #[wasm_bindgen(js_name = {}, unchecked_return_type = \"Promise<{}Output>\")]\n    \
                 pub fn {}(\n        &self,\n        #[wasm_bindgen(unchecked_param_type = \"{}\")] input: JsValue,\n        \
                 #[wasm_bindgen(unchecked_optional_param_type = \"CallOptions\")] options: Option<JsValue>,\n    ) -> Promise {{\n        \
                 self.call(&operations::{}, &input, options)\n    }}",
                if i == 0 { "" } else { "\n" },
                doc("    ", &about),
                lower_first(&op.name),
                op.name,
                screaming(&op.name).to_ascii_lowercase(),
                op.input,
                screaming(&op.name),
            );
        }
        out.push_str("}\n");
        for op in ops {
            let Some(p) = &op.paginator else { continue };
            let about = format!(
                "Every page of `{}`, as the SDK's `paginate{}`: an async iterator that calls `config.client` \
                 with `{}` from the page before (or `config.startingToken`) until a page has none; \
                 `config.pageSize` is `{}` when the input has none; `options` (`abortSignal`) goes to every \
                 call. Throws a `ConfigurationError` or `ValidationError` at once.",
                op.name,
                op.name,
                p.output_token,
                p.limit_key.as_deref().unwrap_or("(none)"),
            );
            let _ = writeln!(
                out,
                "\n{}#[wasm_bindgen(js_name = paginate{}, unchecked_return_type = \"AsyncGenerator<{}Output, undefined, unknown>\")]\n\
                 pub fn paginate_{}(\n    #[wasm_bindgen(unchecked_param_type = \"PaginationConfiguration\")] config: JsValue,\n    \
                 #[wasm_bindgen(unchecked_param_type = \"{}\")] input: JsValue,\n    \
                 #[wasm_bindgen(unchecked_optional_param_type = \"CallOptions\")] options: Option<JsValue>,\n\
                 ) -> Result<JsValue, JsValue> {{\n    paginate(&paginators::{}, {:?}, &config, &input, options)\n}}",
                doc("", &about),
                op.name,
                op.name,
                screaming(&op.name).to_ascii_lowercase(),
                op.input,
                screaming(&op.name),
                lower_first(&op.name),
            );
        }
        out
    }

    // ---- the page ----

    fn page(&self, ops: &[Op]) -> Result<String, String> {
        let mut out = String::from(
            "// GENERATED by `codegen/` from `model/cleanroomsml/service-2.json`: do not edit (`make generate`).\n\
             // Every member of each operation's input, by path (`[]`: a list's items, `{}`: a map's values,\n\
             // `{key}`: its keys), with the model's constraints: the page's hints come from here.\n\n\
             export const inputs = {\n",
        );
        for op in ops {
            let mut rows = Vec::new();
            self.page_rows(&op.input, "", false, &mut rows, &mut Vec::new())?;
            let _ = writeln!(out, "  {}: {{", op.name);
            for (path, row) in rows {
                let _ = writeln!(out, "    {}: {},", serde_json::to_string(&path).unwrap(), serde_json::to_string(&row).unwrap());
            }
            out.push_str("  },\n");
        }
        out.push_str("};\n");
        Ok(out)
    }

    fn page_rows(&self, name: &str, path: &str, required: bool, rows: &mut Vec<(String, Value)>, stack: &mut Vec<String>) -> Result<(), String> {
        if stack.iter().any(|s| s == name) {
            return Ok(()); // a recursive shape: listed once
        }
        let shape = self.shape(name)?;
        let kind = shape["type"].as_str().unwrap_or_default();
        let mut row = Map::new();
        row.insert("shape".into(), name.into());
        row.insert("type".into(), kind.into());
        if required {
            row.insert("required".into(), true.into());
        }
        for key in ["min", "max", "pattern", "enum"] {
            if let Some(v) = shape.get(key) {
                row.insert(key.into(), v.clone());
            }
        }
        if !path.is_empty() {
            rows.push((path.to_owned(), Value::Object(row)));
        }
        stack.push(name.to_owned());
        let join = |member: &str| if path.is_empty() { member.to_owned() } else { format!("{path}.{member}") };
        match kind {
            "structure" => {
                let req = self.required(name)?;
                for (member_name, member) in self.members(name)? {
                    let target = member["shape"].as_str().unwrap_or_default();
                    self.page_rows(target, &join(member_name), req.contains(member_name.as_str()), rows, stack)?;
                }
            }
            "list" => self.page_rows(shape["member"]["shape"].as_str().unwrap_or_default(), &format!("{path}[]"), false, rows, stack)?,
            "map" => {
                self.page_rows(shape["key"]["shape"].as_str().unwrap_or_default(), &format!("{path}{{key}}"), false, rows, stack)?;
                self.page_rows(shape["value"]["shape"].as_str().unwrap_or_default(), &format!("{path}{{}}"), false, rows, stack)?;
            }
            _ => {}
        }
        stack.pop();
        Ok(())
    }
}

/// The matcher (a `Pattern` of `src/model/mod.rs`) for a model pattern; an error for one
/// that has none, so that no pattern goes unchecked.
pub fn matcher(shape: &str, pattern: &str) -> Result<String, String> {
    const UUID: &str = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    const TEXT: &str = r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t";
    const ARN_START: &str = "arn:aws[-a-z]*:cleanrooms-ml:[-a-z0-9]+:[0-9]{12}:";
    const ARN_ID: &str = "/[-a-zA-Z0-9_/.]+";
    let known = match pattern {
        p if p == UUID => Some("Pattern::Uuid".to_owned()),
        "[0-9]{12}" => Some("Pattern::AccountId".to_owned()),
        p if p == format!(r"(?!\s*$){TEXT}]*") => Some("Pattern::Name".to_owned()),
        p if p == format!(r"{TEXT}\r\n]*") => Some("Pattern::Description".to_owned()),
        r"[a-zA-Z0-9\_\#\=\@/\;\,\-\ \^\$\?\[\]\{\}\|\\\*\+\.\(\)]+" => Some("Pattern::CustomDataIdentifier".to_owned()),
        p => p.strip_prefix(ARN_START).and_then(|p| p.strip_suffix(ARN_ID)).and_then(|resource| {
            let (resource, in_membership) = match resource.strip_prefix("membership/").and_then(|r| r.strip_prefix(UUID)) {
                Some(rest) => (rest.strip_prefix('/')?, true),
                None => (resource, false),
            };
            let literal = !resource.is_empty() && resource.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
            literal.then(|| format!("Pattern::CleanRoomsMlArn {{ resource: {resource:?}, in_membership: {in_membership} }}"))
        }),
    };
    known.ok_or_else(|| {
        format!(
            "shape {shape}: no matcher for the pattern {pattern:?}. Add one to src/validate/patterns.rs \
             (tested against a regex engine by tests/patterns.rs) and map it here in codegen/src/lib.rs (`matcher`)"
        )
    })
}

/// `TagMap` → `TAG_MAP`, `MLInputChannelArn` → `ML_INPUT_CHANNEL_ARN`.
fn screaming(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let after_lower = i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
        let before_lower = i > 0 && chars[i - 1].is_ascii_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
        if c.is_ascii_uppercase() && (after_lower || before_lower) {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// `text` as `///` doc lines of at most 100 columns, each starting with `indent`.
fn doc(indent: &str, text: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && indent.len() + 4 + line.len() + 1 + word.len() > 100 {
            let _ = writeln!(out, "{indent}/// {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "{indent}/// {line}");
    out
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(screaming("TagMap"), "TAG_MAP");
        assert_eq!(screaming("UUID"), "UUID");
        assert_eq!(screaming("MLInputChannelArn"), "ML_INPUT_CHANNEL_ARN");
        assert_eq!(screaming("CreateConfiguredModelAlgorithmAssociationRequest"), "CREATE_CONFIGURED_MODEL_ALGORITHM_ASSOCIATION_REQUEST");
    }

    #[test]
    fn an_unknown_pattern_stops_the_generator() {
        let err = matcher("Odd", "[a-z]+@[a-z]+").unwrap_err();
        assert!(err.contains("shape Odd: no matcher"), "{err}");
        assert!(matcher("X", "arn:aws[-a-z]*:cleanrooms-ml:[-a-z0-9]+:[0-9]{12}:(a|b)/[-a-zA-Z0-9_/.]+").is_err());
        assert_eq!(matcher("AccountId", "[0-9]{12}").unwrap(), "Pattern::AccountId");
        assert_eq!(
            matcher("X", "arn:aws[-a-z]*:cleanrooms-ml:[-a-z0-9]+:[0-9]{12}:training-dataset/[-a-zA-Z0-9_/.]+").unwrap(),
            "Pattern::CleanRoomsMlArn { resource: \"training-dataset\", in_membership: false }"
        );
    }

    const NO_PAGINATORS: &str = "{\"pagination\": {}}";

    fn model(shapes: Value, op_extra: Value) -> String {
        let mut op = serde_json::json!({
            "name": "Op", "http": { "method": "POST", "requestUri": "/x/{id}" },
            "input": { "shape": "In" }, "output": { "shape": "Out" }, "errors": []
        });
        op.as_object_mut().unwrap().extend(op_extra.as_object().unwrap().clone());
        serde_json::json!({ "metadata": { "protocol": "rest-json" }, "operations": { "Op": op }, "shapes": shapes }).to_string()
    }

    #[test]
    fn unsupported_things_are_refused_with_the_shape_named() {
        let out = serde_json::json!({ "Out": { "type": "structure", "members": {} } });
        let with_in = |input: Value| {
            let mut shapes = out.clone();
            shapes.as_object_mut().unwrap().extend(input.as_object().unwrap().clone());
            generate(&model(shapes, serde_json::json!({})), NO_PAGINATORS, &["Op"]).err().unwrap_or_default()
        };
        let blob = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "b": { "shape": "B" } } }, "B": { "type": "blob" } }));
        assert!(blob.contains("shape B: type \"blob\""), "{blob}");
        let pattern = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "s": { "shape": "S" } } }, "S": { "type": "string", "pattern": "x+" } }));
        assert!(pattern.contains("shape S: no matcher"), "{pattern}");
        let token = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "t": { "shape": "T", "idempotencyToken": true } } }, "T": { "type": "string" } }));
        assert!(token.contains("In.t: idempotencyToken"), "{token}");
        let renamed = with_in(serde_json::json!({ "In": { "type": "structure", "members": { "t": { "shape": "T", "locationName": "u" } } }, "T": { "type": "string" } }));
        assert!(renamed.contains("renamed on the wire"), "{renamed}");
        let not_json = generate("{\"metadata\":{\"protocol\":\"json\"}}", NO_PAGINATORS, &["Op"]).err().unwrap();
        assert!(not_json.contains("only rest-json"), "{not_json}");
    }
}
