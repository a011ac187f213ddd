//! The TypeScript types, named and shaped as the AWS SDK for JavaScript v3's: every shape,
//! each operation's output with `$metadata`, the operation maps, and the client's methods
//! and paginators (which `client.rs` writes in JavaScript).

use std::fmt::Write;

use serde_json::Value;

use crate::model::{lower_first, Model};

pub fn generate(model: &Model) -> Result<String, String> {
    let mut out = String::from("\n// The service model's shapes, named as in the AWS SDK for JavaScript v3 (generated).\n");
    for name in &model.order {
        let shape = model.shape(name)?;
        match shape["type"].as_str().unwrap_or_default() {
            // The SDK's own name for a document's type (`@smithy/types`).
            "structure" if model.is_document(name)? => {
                if !out.contains("export type __DocumentType") {
                    out.push_str(
                        "\n/** A document: any JSON value (the SDK's `__DocumentType`). */\n\
                         export type __DocumentType = null | boolean | number | string | __DocumentType[] | { [prop: string]: __DocumentType };\n",
                    );
                }
            }
            "structure" if model.is_union(name)? => union(model, name, &mut out)?,
            "structure" => {
                let required = model.required(name)?;
                let _ = writeln!(out, "\nexport interface {name} {{");
                for (member_name, member) in model.members(name)? {
                    let optional = !required.contains(member_name.as_str());
                    member_line(model, member_name, member, optional, "    ", &mut out)?;
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
    for op in &model.ops {
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
    out.push_str("\n/** Each operation's input, by name: for `validate(operation, input)`, `client.send` and the other functions that take an operation's name. */\nexport interface OperationInputs {\n");
    for op in &model.ops {
        let _ = writeln!(out, "    {}: {};", op.name, op.input);
    }
    out.push_str("}\n\n/** Each operation's output with `$metadata`, by name. */\nexport interface OperationOutputs {\n");
    for op in &model.ops {
        let _ = writeln!(out, "    {}: {}Output;", op.name, op.name);
    }
    out.push_str("}\n\nexport type OperationName = keyof OperationInputs;\n\n/** The operations that have a paginator. */\nexport type PaginatedOperationName =");
    let paginated: Vec<String> = model.ops.iter().filter(|op| op.paginator.is_some()).map(|op| format!("{:?}", op.name)).collect();
    let _ = writeln!(out, " {};", paginated.join(" | "));
    client(model, &mut out);
    Ok(out)
}

/// A union as the SDK writes it: a namespace of `…Member` types, each with one member set
/// and the others `never`, plus `$UnknownMember` for a member this version does not know
/// (its value `unknown` where the SDK says `any`: the package's types have no `any`).
fn union(model: &Model, name: &str, out: &mut String) -> Result<(), String> {
    let members = model.members(name)?;
    let variant = |member: &str| {
        let mut chars = member.chars();
        chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default() + "Member"
    };
    let variants: Vec<String> = members.iter().map(|(m, _)| format!("{name}.{}", variant(m))).collect();
    let _ = writeln!(out, "\nexport type {name} = {} | {name}.$UnknownMember;", variants.join(" | "));
    let _ = writeln!(out, "\nexport declare namespace {name} {{");
    for (set, _) in members.iter().map(|(m, v)| (m.as_str(), v)).chain([("$unknown", &&Value::Null)]) {
        let title = if set == "$unknown" { "$UnknownMember".to_owned() } else { variant(set) };
        let _ = writeln!(out, "    interface {title} {{");
        for (member_name, member) in &members {
            if member_name.as_str() == set {
                member_line(model, member_name, member, false, "        ", out)?;
            } else {
                let _ = writeln!(out, "        {member_name}?: never;");
            }
        }
        let unknown = if set == "$unknown" { "$unknown: [string, unknown]" } else { "$unknown?: never" };
        let _ = writeln!(out, "        {unknown};\n    }}");
    }
    out.push_str("}\n");
    Ok(())
}

fn member_line(model: &Model, member_name: &str, member: &Value, optional: bool, indent: &str, out: &mut String) -> Result<(), String> {
    let target = Model::target(member);
    let doc = constraint_doc(model, target, member)?;
    if !doc.is_empty() {
        let _ = writeln!(out, "{indent}/** {} */", doc.replace("*/", "*\\/"));
    }
    let (mark, undefined) = if optional { ("?", " | undefined") } else { ("", "") };
    let _ = writeln!(out, "{indent}{member_name}{mark}: {}{undefined};", ts_type(model, target)?);
    Ok(())
}

/// The client's methods (merged into the class's declaration) and the paginators.
fn client(model: &Model, out: &mut String) {
    out.push_str(
        "\n/** A method per operation, named as the SDK's aggregated client names them; each is\n \
         * `send(operation, input, options)`. */\n",
    );
    let _ = writeln!(out, "export interface {} {{", model.client);
    for op in &model.ops {
        let errors: Vec<String> = op.errors.iter().map(|(n, _, _)| format!("`{n}`")).collect();
        let _ = writeln!(
            out,
            "    /** Sends `{}`. Rejects with a `ValidationError` (nothing was sent), a `ConfigurationError`, an `AbortError`, or the service's error: {}. */\n    \
             {}(input: {}, options?: CallOptions): Promise<{}Output>;",
            op.name,
            errors.join(", "),
            lower_first(&op.name),
            op.input,
            op.name,
        );
    }
    out.push_str("}\n");
    for op in &model.ops {
        let Some(p) = &op.paginator else { continue };
        let _ = writeln!(
            out,
            "\n/** Every page of `{}`, as the SDK's `paginate{}`: calls `config.client` with `{}` from the page before \
             (or `config.startingToken`) until a page has none; `config.pageSize` is `{}` when the input has none. */\n\
             export function paginate{}(config: PaginationConfiguration, input: {}, options?: CallOptions): AsyncGenerator<{}Output, undefined, unknown>;",
            op.name,
            op.name,
            p.output_token,
            p.limit_key.as_deref().unwrap_or("(none)"),
            op.name,
            op.input,
            op.name,
        );
    }
}

fn ts_type(model: &Model, name: &str) -> Result<String, String> {
    let shape = model.shape(name)?;
    Ok(match shape["type"].as_str().unwrap_or_default() {
        "structure" if model.is_document(name)? => "__DocumentType".to_owned(),
        "structure" => name.to_owned(),
        "list" => {
            let item = ts_type(model, Model::target(&shape["member"]))?;
            if item.contains(' ') { format!("({item})[]") } else { format!("{item}[]") }
        }
        "map" => format!("Record<string, {}>", ts_type(model, Model::target(&shape["value"]))?),
        "string" if shape.get("enum").is_some() => name.to_owned(),
        "string" => "string".to_owned(),
        "double" | "float" | "integer" | "long" => "number".to_owned(),
        "boolean" => "boolean".to_owned(),
        "timestamp" => "Date".to_owned(),
        other => return Err(format!("shape {name}: type {other:?} has no TypeScript type yet")),
    })
}

/// The constraints of a member's shape, for its doc comment.
fn constraint_doc(model: &Model, name: &str, member: &Value) -> Result<String, String> {
    let shape = model.shape(name)?;
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
