//! Reading the service model: the operations, every shape they reach, the paginators, and
//! the checks that refuse what the runtime cannot handle (by shape name, never silently).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// The model, read: shapes in the order first reached, and the operations.
pub struct Model<'m> {
    pub shapes: &'m Map<String, Value>,
    /// Every shape reached, in the order first reached (depth first).
    pub order: Vec<String>,
    /// The shapes reached from an input.
    pub in_input: BTreeSet<String>,
    pub ops: Vec<Op>,
    /// The client class's name: `CleanRoomsMlClient`, `CleanRoomsClient` (`client_name`).
    pub client: String,
}

/// An operation, read from the model.
pub struct Op {
    pub name: String,
    pub method: String,
    pub uri: String,
    pub input: String,
    /// None for an operation that answers with no members (`$metadata` only).
    pub output: Option<String>,
    pub success_code: u64,
    pub idempotent: bool,
    /// (name, status, sender fault)
    pub errors: Vec<(String, u64, bool)>,
    pub paginator: Option<Paginator>,
}

/// A paginator of `paginators-1.json`: the input and output members that carry the token,
/// the input member that limits a page, and the output member that holds the results.
pub struct Paginator {
    pub input_token: String,
    pub output_token: String,
    pub limit_key: Option<String>,
    pub result_key: String,
}

/// Reads every operation of the model (in the model's order) and its paginator.
pub fn read<'m>(model: &'m Value, paginators: &Value) -> Result<Model<'m>, String> {
    let protocol = model["metadata"]["protocol"].as_str().unwrap_or_default();
    if protocol != "rest-json" {
        return Err(format!("the model's protocol is {protocol:?}; only rest-json (restJson1) is generated"));
    }
    let shapes = model["shapes"].as_object().ok_or("the model has no shapes")?;
    let operations = model["operations"].as_object().ok_or("the model has no operations")?;
    let service_id = model["metadata"]["serviceId"].as_str().ok_or("the model's metadata has no serviceId")?;
    let mut read = Model { shapes, order: Vec::new(), in_input: BTreeSet::new(), ops: Vec::new(), client: client_name(service_id) };
    for (name, op) in operations {
        let mut op = read.operation(name, op)?;
        if let Some(paginator) = paginators["pagination"].get(name) {
            op.paginator = Some(read.paginator(&op, paginator)?);
        }
        read.ops.push(op);
    }
    if read.ops.is_empty() {
        return Err("the model has no operations".into());
    }
    if let Some((name, _)) = paginators["pagination"].as_object().into_iter().flatten().find(|(n, _)| !operations.contains_key(*n)) {
        return Err(format!("the paginators name {name}, which is not an operation of the model"));
    }
    Ok(read)
}

impl<'m> Model<'m> {
    pub fn shape(&self, name: &str) -> Result<&'m Value, String> {
        self.shapes.get(name).filter(|s| s.is_object()).ok_or_else(|| format!("the model has no shape {name}"))
    }

    pub fn members(&self, name: &str) -> Result<Vec<(&'m String, &'m Value)>, String> {
        Ok(self.shape(name)?.get("members").and_then(Value::as_object).map(|m| m.iter().collect()).unwrap_or_default())
    }

    pub fn kind(&self, name: &str) -> Result<&'m str, String> {
        Ok(self.shape(name)?["type"].as_str().unwrap_or_default())
    }

    pub fn required(&self, name: &str) -> Result<BTreeSet<&'m str>, String> {
        Ok(self.shape(name)?["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect())
    }

    /// A `document` shape (botocore writes Smithy's `document` as a structure with
    /// `"document": true`): any JSON value.
    pub fn is_document(&self, name: &str) -> Result<bool, String> {
        Ok(self.shape(name)?["document"].as_bool().unwrap_or(false))
    }

    pub fn is_union(&self, name: &str) -> Result<bool, String> {
        Ok(self.shape(name)?["union"].as_bool().unwrap_or(false))
    }

    /// The target shape's name of a member, list member, or map key/value.
    pub fn target(member: &Value) -> &str {
        member["shape"].as_str().unwrap_or_default()
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
            let kind = self.kind(Self::target(target))?;
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
    pub fn reach(&mut self, name: &str, input: bool) -> Result<(), String> {
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
            // Inputs write timestamps as botocore does for the model's iso8601 format;
            // answers are read in either format.
            "timestamp" if !input || shape["timestampFormat"] == "iso8601" => {}
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

    /// The input's members may be bound to the URI, the query (a list of scalars too) or
    /// headers; nested ones not.
    fn check_input_locations(&self, op: &str, input: &str) -> Result<(), String> {
        let scalar = |name: &str| -> Result<bool, String> { Ok(!matches!(self.kind(name)?, "structure" | "list" | "map")) };
        for (member_name, member) in self.members(input)? {
            let target = Self::target(member);
            let location = member.get("location").and_then(Value::as_str);
            let supported = match location {
                None => true,
                Some("uri") | Some("header") => scalar(target)?,
                Some("querystring") => scalar(target)? || (self.kind(target)? == "list" && scalar(Self::target(&self.shape(target)?["member"]))?),
                Some(_) => false,
            };
            if !supported {
                return Err(format!("{op}: {input}.{member_name}: a {} bound to {location:?} is not supported yet", self.kind(target)?));
            }
            if location.is_some() && self.kind(target)? == "timestamp" {
                return Err(format!("{op}: {input}.{member_name}: a timestamp outside the body is not supported yet"));
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
}

/// The client class of the service `serviceId`: its words joined, a run of capitals read
/// as a word (`CleanRoomsML` → `CleanRoomsMlClient`, `CleanRooms` → `CleanRoomsClient`).
pub fn client_name(service_id: &str) -> String {
    let chars: Vec<char> = service_id.chars().filter(char::is_ascii_alphanumeric).collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let inside_capitals = i > 0 && chars[i - 1].is_ascii_uppercase() && !chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
        out.push(if inside_capitals { c.to_ascii_lowercase() } else { c });
    }
    out + "Client"
}

/// `TagMap` → `TAG_MAP`, `MLInputChannelArn` → `ML_INPUT_CHANNEL_ARN`.
pub fn screaming(name: &str) -> String {
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

/// `CreateTrainingDataset` → `createTrainingDataset`: the SDK's method names.
pub fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// What the runtime needs of a service's endpoint and signing: its endpoint prefix (the
/// host's first label: `cleanrooms-ml`) and its SigV4 signing name, from the metadata.
pub struct Endpoint {
    pub prefix: String,
    pub signing_name: String,
}

/// The rules `src/protocol/endpoint.rs` implements: AWS's regional rule set (FIPS, dual
/// stack, a custom endpoint), as Clean Rooms ML's model has it, for any host prefix.
const REGIONAL_RULES: &str = include_str!("../../model/cleanroomsml/endpoint-rule-set-1.json");
const REGIONAL_PREFIX: &str = "cleanrooms-ml";

/// Reads the service's endpoint prefix and signing name, and refuses endpoint rules other
/// than the regional rule set the runtime implements (but for the host prefix).
pub fn endpoint(metadata: &Value, rules: &Value) -> Result<Endpoint, String> {
    let field = |key: &str| metadata[key].as_str().map(str::to_owned).ok_or_else(|| format!("the model's metadata has no {key}"));
    let endpoint = Endpoint { prefix: field("endpointPrefix")?, signing_name: field("signingName")? };
    let generic = |rules: &Value, prefix: &str| {
        rules.to_string().replace(&format!("\"https://{prefix}-fips."), "\"https://PREFIX-fips.").replace(&format!("\"https://{prefix}."), "\"https://PREFIX.")
    };
    let regional: Value = serde_json::from_str(REGIONAL_RULES).map_err(|e| e.to_string())?;
    if generic(rules, &endpoint.prefix) != generic(&regional, REGIONAL_PREFIX) {
        return Err(format!(
            "the endpoint rules are not the regional rule set src/protocol/endpoint.rs implements (for the prefix {:?})",
            endpoint.prefix
        ));
    }
    Ok(endpoint)
}
