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

    /// Reads a service's tables and returns its number (its entry point calls this once);
    /// `None` when the text is not tables this runtime reads.
    pub fn register(text: String) -> Option<u8> {
        let service = read(Box::leak(text.into_boxed_str()))?;
        let id = service.id;
        let _ = SERVICES.get(usize::from(id))?.set(service);
        Some(id)
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

/// Reads the tables' text (`codegen/src/tables.rs` writes it): its numbers, then its texts.
/// Reading never fails midway (past the end it gives 0 and ""), so the code stays small; the
/// text is whole when both parts end exactly where the last record does (and it has operations).
struct Reader {
    digits: &'static [u8],
    at: usize,
    texts: &'static str,
    text_at: usize,
}

impl Reader {
    /// A number: base-32 digits, low first, `P`–`o` with more to come, `0`–`O` the last.
    fn wide(&mut self) -> u64 {
        let (mut n, mut shift) = (0u64, 0u32);
        while let Some(&c) = self.digits.get(self.at) {
            self.at += 1;
            let digit = u64::from(c.wrapping_sub(b'0'));
            n |= (digit & 31).wrapping_shl(shift);
            if digit < 32 {
                break;
            }
            shift += 5;
        }
        n
    }

    fn number(&mut self) -> usize {
        self.wide() as usize
    }

    fn u16(&mut self) -> u16 {
        self.wide() as u16
    }

    fn flag(&mut self) -> bool {
        self.wide() != 0
    }

    /// `n + 1`, or 0 for none.
    fn optional(&mut self) -> Option<usize> {
        self.number().checked_sub(1)
    }

    fn text(&mut self) -> &'static str {
        let end = self.text_at + self.number();
        let text = self.texts.get(self.text_at..end).unwrap_or_default();
        self.text_at = end;
        text
    }

    /// A table written field by field (`codegen/src/tables.rs`'s `Writer::column`): its
    /// record count, and a function giving field `f` of record `i`. Bit `f` of `delta` says
    /// which fields are written as differences (zigzag: 0, 1, 2, 3… are 0, -1, 1, -2…).
    fn table(&mut self, fields: usize, delta: u32) -> (usize, impl Fn(usize, usize) -> u64) {
        let count = self.number();
        let mut values = Vec::with_capacity(count * fields);
        for field in 0..fields {
            let mut before = 0u64;
            for _ in 0..count {
                let n = self.wide();
                before = if delta >> field & 1 == 1 { before.wrapping_add((n >> 1) ^ (n & 1).wrapping_neg()) } else { n };
                values.push(before);
            }
        }
        (count, move |field: usize, i: usize| values.get(field * count + i).copied().unwrap_or(0))
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let count = self.number();
        (0..count).map(|_| item(self)).collect()
    }
}

fn read(text: &'static str) -> Option<Service> {
    let (digits, texts) = text.split_once('~')?;
    let r = &mut Reader { digits: digits.as_bytes(), at: 0, texts, text_at: 0 };
    // The names first among the texts, each ended by `|`.
    let mut names = Vec::new();
    for _ in 0..r.number() {
        let start = r.text_at;
        while texts.as_bytes().get(r.text_at).is_some_and(|&b| b != b'|') {
            r.text_at += 1;
        }
        names.push(texts.get(start..r.text_at).unwrap_or_default());
        r.text_at += 1;
    }
    let id = r.number() as u8;
    let (name, signing_name, endpoint_prefix) = (r.text(), r.text(), r.text());
    let fips_prefix: &'static str = Box::leak([endpoint_prefix, "-fips"].concat().into_boxed_str());
    let default_operation = r.optional();
    let limits = r.list(|r| (r.wide() as u32, r.optional().map_or(super::NONE, |n| n as u32)));
    let ranges = r.list(|r| (f64::from_bits(r.wide()), f64::from_bits(r.wide())));
    let patterns = r.list(|r| {
        let source = r.text();
        let program = r.list(|r| r.wide() as u8);
        Pattern { source, program: Box::leak(program.into_boxed_slice()) }
    });
    let errors = r.list(|r| ErrorShape { name: r.text(), status: r.u16(), sender_fault: r.flag() });
    let (count, field) = r.table(5, 0b100);
    let shapes = (0..count)
        .map(|i| Shape {
            kind: *KINDS.get(field(0, i) as usize).unwrap_or(&ShapeKind::Document),
            rule: *rules::ALL.get(field(1, i) as usize).unwrap_or(&Rule::None),
            a: (field(2, i) as u16).wrapping_sub(1),
            b: field(3, i) as u16,
            limits: field(4, i) as u16,
            service: id,
        })
        .collect();
    let members = r.list(|r| Member {
        name: r.u16(),
        shape: r.u16(),
        location: *LOCATIONS.get(r.number()).unwrap_or(&LocationKind::Body),
        required: r.flag(),
        wire_name: r.u16(),
        service: id,
    });
    let (count, field) = r.table(8, 0b11101);
    let operations: Vec<Operation> = (0..count)
        .map(|i| Operation {
            name: field(0, i) as u16,
            method: METHODS.get(field(1, i) as usize).unwrap_or(&"GET"),
            uri: field(2, i) as u16,
            input: field(3, i) as u16,
            output: (field(4, i) as u32).wrapping_sub(1),
            success_code: field(5, i) as u16,
            idempotent: field(6, i) != 0,
            errors: field(7, i) as u16,
            service: id,
        })
        .collect();
    let name_at = |r: &mut Reader| *names.get(r.number()).unwrap_or(&"");
    let paginators = r.list(|r| Paginator {
        operation: r.u16(),
        input_token: name_at(r),
        output_token: name_at(r),
        limit_key: r.optional().map(|i| *names.get(i).unwrap_or(&"")),
        service: id,
    });
    let whole = r.at == r.digits.len() && r.text_at == r.texts.len() && !operations.is_empty();
    whole.then_some(Service {
        id,
        name,
        signing_name,
        endpoint_prefix,
        fips_prefix,
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
    })
}
