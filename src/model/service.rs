//! A service's tables, read from the text the generator writes (`codegen/src/tables.rs`
//! says its format), and the registry of the services read so far. In the module each entry
//! point hands its text over (`register`) the first time it is used; natively the texts are
//! compiled in (`generated::TABLES`), so that tests and tools need no step.

use std::sync::OnceLock;

use super::rules::{self, Rule};
use super::{ErrorShape, LocationKind, Member, Operation, Paginator, Pattern, Shape, ShapeKind};

/// The HTTP methods, by the index the operation table gives (as the generator's list).
const METHODS: [&str; 6] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];
const KINDS: [ShapeKind; 11] = [
    ShapeKind::Structure,
    ShapeKind::Union,
    ShapeKind::List,
    ShapeKind::Map,
    ShapeKind::String,
    ShapeKind::Enum,
    ShapeKind::Integer,
    ShapeKind::Double,
    ShapeKind::Boolean,
    ShapeKind::Timestamp,
    ShapeKind::Document,
];
const LOCATIONS: [LocationKind; 4] = [LocationKind::Body, LocationKind::Label, LocationKind::Query, LocationKind::Header];

/// At most this many services (their numbers are the generator's list's).
const MAX_SERVICES: usize = 8;

static SERVICES: [OnceLock<Service>; MAX_SERVICES] = [const { OnceLock::new() }; MAX_SERVICES];

/// Everything the runtime knows of one service.
pub struct Service {
    /// Its number in the generator's list (`generated::NAME::ID`).
    pub id: u8,
    /// Its folder under `model/`.
    pub name: &'static str,
    /// The SigV4 signing name.
    pub signing_name: &'static str,
    /// The host's first label in the regional endpoint rules, and with `-fips`.
    pub endpoint_prefix: &'static str,
    pub fips_prefix: &'static str,
    /// Whether a shape is a `document`.
    pub documents: bool,
    /// The operation `validate(input)` means, where there is one.
    pub default_operation: Option<usize>,
    pub shapes: Vec<Shape>,
    pub members: Vec<Member>,
    pub operations: Vec<Operation>,
    pub paginators: Vec<Paginator>,
    pub errors: Vec<ErrorShape>,
    pub patterns: Vec<Pattern>,
    /// Lengths, item and entry counts, inclusive (`NONE`: no maximum).
    pub limits: Vec<(u32, u32)>,
    /// The numbers' ranges, inclusive (NaN: no bound).
    pub ranges: Vec<(f64, f64)>,
    /// Member, query parameter and header names, enum values, operation names and URIs.
    pub names: Vec<&'static str>,
}

impl Service {
    /// The service numbered `id`. Natively every service is there; in the module, the ones
    /// an entry point has registered (the entries pass only their own number).
    pub fn get(id: u8) -> &'static Service {
        let slot = &SERVICES[usize::from(id)];
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(text) = super::generated::TABLES.get(usize::from(id)) {
            return slot.get_or_init(|| read(text).expect("the generated tables read"));
        }
        slot.get().expect("a service's entry registers it before any use")
    }

    /// Reads a service's tables (once: the same text again is not read again) and returns
    /// its number; `None` when the text is not tables this runtime reads.
    pub fn register(text: String) -> Option<u8> {
        let id = Reader { text: text.as_bytes(), at: 0 }.number()?;
        let slot = SERVICES.get(id)?;
        if slot.get().is_none() {
            let service = read(Box::leak(text.into_boxed_str()))?;
            let _ = slot.set(service);
        }
        Some(id as u8)
    }

    /// The operation named `name` (the model's name).
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.name() == name)
    }

    /// The paginator of the operation named `name`.
    pub fn paginator(&self, name: &str) -> Option<&Paginator> {
        self.paginators.iter().find(|p| self.operations[usize::from(p.operation)].name() == name)
    }
}

/// Reads the tables' text (`codegen/src/tables.rs`).
struct Reader<'t> {
    text: &'t [u8],
    at: usize,
}

impl<'t> Reader<'t> {
    /// A number: base-32 digits, low first, `P`–`o` with more to come, `0`–`O` the last.
    fn wide(&mut self) -> Option<u64> {
        let (mut n, mut shift) = (0u64, 0u32);
        loop {
            let c = *self.text.get(self.at)?;
            self.at += 1;
            let digit = u64::from(c.checked_sub(b'0')?);
            if digit < 32 {
                return Some(n | digit.checked_shl(shift)?);
            }
            n |= (digit - 32).checked_shl(shift)?;
            shift += 5;
        }
    }

    fn number(&mut self) -> Option<usize> {
        self.wide()?.try_into().ok()
    }

    fn u16(&mut self) -> Option<u16> {
        self.number()?.try_into().ok()
    }

    fn flag(&mut self) -> Option<bool> {
        Some(self.number()? != 0)
    }

    /// `n + 1`, or 0 for none.
    fn optional(&mut self) -> Option<Option<usize>> {
        Some(self.number()?.checked_sub(1))
    }

    fn text(&mut self) -> Option<&'t str> {
        let length = self.number()?;
        let text = self.text.get(self.at..self.at + length)?;
        self.at += length;
        std::str::from_utf8(text).ok()
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let count = self.number()?;
        (0..count).map(|_| item(self)).collect()
    }
}

fn read(text: &'static str) -> Option<Service> {
    let r = &mut Reader { text: text.as_bytes(), at: 0 };
    let id = r.number()? as u8;
    let (name, signing_name, endpoint_prefix) = (r.text()?, r.text()?, r.text()?);
    let fips_prefix: &'static str = Box::leak([endpoint_prefix, "-fips"].concat().into_boxed_str());
    let documents = r.flag()?;
    let default_operation = r.optional()?;
    let lengths = r.list(Reader::number)?;
    let names = lengths.iter().map(|&n| r.text_of(n)).collect::<Option<Vec<_>>>()?;
    let limits = r.list(|r| Some((r.number()? as u32, r.optional()?.map_or(super::NONE, |n| n as u32))))?;
    let bound = |r: &mut Reader<'static>| Some(f64::from_bits(r.wide()?));
    let ranges = r.list(|r| Some((bound(r)?, bound(r)?)))?;
    let patterns = r.list(|r| {
        let source = r.text()?;
        let program = r.list(|r| r.number().map(|b| b as u8))?;
        Some(Pattern { source, program: Box::leak(program.into_boxed_slice()) })
    })?;
    let errors = r.list(|r| Some(ErrorShape { name: r.text()?, status: r.u16()?, sender_fault: r.flag()? }))?;
    let shapes = r.list(|r| {
        let kind = *KINDS.get(r.number()?)?;
        let rule: Rule = *rules::ALL.get(r.number()?)?;
        let a = r.optional()?.map_or(Some(u16::MAX), |a| a.try_into().ok())?;
        Some(Shape { kind, rule, a, b: r.u16()?, limits: r.u16()?, service: id })
    })?;
    let members = r.list(|r| {
        Some(Member {
            name: r.u16()?,
            shape: r.u16()?,
            location: *LOCATIONS.get(r.number()?)?,
            required: r.flag()?,
            wire_name: r.u16()?,
            service: id,
        })
    })?;
    let operations = r.list(|r| {
        Some(Operation {
            name: r.u16()?,
            method: METHODS.get(r.number()?)?,
            uri: r.u16()?,
            input: r.u16()?,
            output: r.optional()?.map_or(super::NONE, |o| o as u32),
            success_code: r.u16()?,
            idempotent: r.flag()?,
            errors: r.u16()?,
            service: id,
        })
    })?;
    let paginators = r.list(|r| {
        let operation = r.u16()?;
        let (input_token, output_token) = (names.get(r.number()?).copied()?, names.get(r.number()?).copied()?);
        let limit_key = match r.optional()? {
            Some(i) => Some(*names.get(i)?),
            None => None,
        };
        Some(Paginator { operation, input_token, output_token, limit_key, service: id })
    })?;
    let service = Service {
        id,
        name,
        signing_name,
        endpoint_prefix,
        fips_prefix,
        documents,
        default_operation,
        shapes,
        members,
        operations,
        paginators,
        errors,
        patterns,
        limits,
        ranges,
        names,
    };
    service.is_whole().then_some(service)
}

impl<'t> Reader<'t> {
    /// `length` bytes of text, with no length before them (the names).
    fn text_of(&mut self, length: usize) -> Option<&'t str> {
        let text = self.text.get(self.at..self.at + length)?;
        self.at += length;
        std::str::from_utf8(text).ok()
    }
}

impl Service {
    /// Every index a record holds is in its table, so that reading a record never fails.
    fn is_whole(&self) -> bool {
        let shape = |i: u16| usize::from(i) < self.shapes.len();
        let name = |i: u16| usize::from(i) < self.names.len();
        let shapes_whole = self.shapes.iter().all(|s| {
            let (a, b) = (usize::from(s.a), usize::from(s.b));
            usize::from(s.limits) < self.limits.len()
                && match s.kind {
                    ShapeKind::Structure | ShapeKind::Union => a + b <= self.members.len(),
                    ShapeKind::List => shape(s.a),
                    ShapeKind::Map => shape(s.a) && shape(s.b),
                    ShapeKind::String => s.a == u16::MAX || a < self.patterns.len(),
                    ShapeKind::Enum => a + b <= self.names.len(),
                    ShapeKind::Integer | ShapeKind::Double => a < self.ranges.len(),
                    _ => true,
                }
        });
        let members_whole = self.members.iter().all(|m| name(m.name) && shape(m.shape) && name(m.wire_name));
        let operations_whole = self.operations.iter().all(|op| {
            name(op.name) && name(op.uri) && shape(op.input) && (op.output == super::NONE || (op.output as usize) < self.shapes.len())
        });
        shapes_whole
            && members_whole
            && operations_whole
            && self.paginators.iter().all(|p| usize::from(p.operation) < self.operations.len())
            && self.default_operation.is_none_or(|d| d < self.operations.len())
    }
}
