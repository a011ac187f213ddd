//! What this library knows about the service, as data: the shapes and operations of the
//! service model (`generated/NAME.rs`, written by `codegen/` from `model/NAME/`; never
//! edited by hand; `generated.rs` picks the service the crate is built for: Clean Rooms ML
//! by default, `--cfg service="cleanrooms"` for Clean Rooms) and the rules users need
//! beyond the model (`rules.rs`).
//!
//! The generated tables are compact records that refer to each other by index (a shape
//! is 8 bytes, a member 8; names are one text with their lengths), since 59 operations'
//! shapes as Rust structures with pointers cost several times as much in the module. `Shape::kind`
//! reads a record as what it is; validation walks shapes through it, serialization and
//! response reading follow the operations.

mod generated;
pub mod rules;

pub use generated::{operations, shapes, ENDPOINT_FIPS_PREFIX, ENDPOINT_PREFIX, OPERATIONS, PAGINATORS, PATTERNS, DOCUMENTS, SERVICE, SIGNING_NAME};
use generated::{LIMITS, MEMBERS, NAME_LENGTHS, NAME_TEXT, RANGES, SHAPES};
pub use rules::Rule;

/// "No maximum", "no pattern": the tables' mark for an absent number or index.
pub const NONE: u32 = u32::MAX;

/// A shape of the model, as a record of the generated table (8 bytes); `kind` reads it.
/// Lengths count Unicode code points, as the service does.
pub struct Shape {
    pub kind: ShapeKind,
    pub rule: Rule,
    /// Structure: its first member in `MEMBERS`; list: its item shape; map: its key shape;
    /// string: its pattern in `PATTERNS` (`u16::MAX`: none); enum: its first value (`name`);
    /// number: its range in `RANGES`.
    pub a: u16,
    /// Structure: its member count; map: its value shape; enum: its value count.
    pub b: u16,
    /// String, list, map: its length, item or entry counts in `LIMITS`.
    pub limits: u16,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ShapeKind {
    Structure,
    Union,
    List,
    Map,
    String,
    Enum,
    Integer,
    Double,
    Boolean,
    Timestamp,
    Document,
}

/// A shape read as what it is.
pub enum Kind {
    Structure(Structure),
    List(List),
    Map(Map),
    String(Str),
    /// A string with the model's `enum` values, in the model's order.
    Enum(Names),
    /// `double`, or `integer`/`long` when `integer` is set; the range is inclusive.
    Number { min: Option<f64>, max: Option<f64>, integer: bool },
    Boolean,
    /// A time: a `Date` in JavaScript; sent in ISO 8601 (the model's `timestampFormat`,
    /// which the generator requires of inputs), read in ISO 8601 or as epoch seconds.
    Timestamp,
    /// A document (the SDK's `__DocumentType`): any JSON value, sent and read as it is.
    Document,
}

pub struct Structure {
    pub members: &'static [Member],
    /// A union: exactly one member is set.
    pub union: bool,
    pub rule: Rule,
}

pub struct List {
    pub member: &'static Shape,
    pub min: usize,
    pub max: Option<usize>,
    pub rule: Rule,
}

impl List {
    /// How many leading items are read and checked one by one: those up to the maximum
    /// (the ones past it are covered by the count error), and at most 100 where the model
    /// sets no maximum, so that a hostile `length` costs no time.
    pub fn checked_items(&self) -> usize {
        self.max.unwrap_or(100).min(100)
    }
}

pub struct Map {
    pub key: &'static Shape,
    pub value: &'static Shape,
    pub min: usize,
    pub max: Option<usize>,
    pub rule: Rule,
}

pub struct Str {
    pub min: usize,
    pub max: Option<usize>,
    pub pattern: Option<&'static Pattern>,
    pub rule: Rule,
}

impl Shape {
    /// The record read as what it is.
    pub fn kind(&self) -> Kind {
        let (a, b) = (usize::from(self.a), usize::from(self.b));
        let (min, max) = LIMITS[usize::from(self.limits)];
        let (min, max) = (min as usize, (max != NONE).then_some(max as usize));
        match self.kind {
            ShapeKind::Structure | ShapeKind::Union => Kind::Structure(Structure {
                members: &MEMBERS[a..a + b],
                union: self.kind == ShapeKind::Union,
                rule: self.rule,
            }),
            ShapeKind::List => Kind::List(List { member: &SHAPES[a], min, max, rule: self.rule }),
            ShapeKind::Map => Kind::Map(Map { key: &SHAPES[a], value: &SHAPES[b], min, max, rule: self.rule }),
            ShapeKind::String => Kind::String(Str {
                min,
                max,
                pattern: PATTERNS.get(a),
                rule: self.rule,
            }),
            ShapeKind::Enum => Kind::Enum(Names { first: self.a, count: self.b }),
            ShapeKind::Integer | ShapeKind::Double => {
                let (low, high) = RANGES[a];
                let bound = |n: f64| (!n.is_nan()).then_some(n);
                Kind::Number { min: bound(low), max: bound(high), integer: self.kind == ShapeKind::Integer }
            }
            ShapeKind::Boolean => Kind::Boolean,
            ShapeKind::Timestamp => Kind::Timestamp,
            ShapeKind::Document => Kind::Document,
        }
    }
}

/// Name `i` of the generated names (member names, enum values, operation names, URIs).
pub fn name(i: u16) -> &'static str {
    thread_local! {
        /// Where each name starts, summed from the lengths once.
        static STARTS: Vec<u16> = NAME_LENGTHS.iter().scan(0, |at, &n| Some(std::mem::replace(at, *at + u16::from(n)))).collect();
    }
    let i = usize::from(i);
    let start = usize::from(STARTS.with(|starts| starts[i]));
    &NAME_TEXT[start..start + usize::from(NAME_LENGTHS[i])]
}

/// Whether name `i` is `s`: the lengths first, a byte apart, so that finding a member among
/// others reads the text of only those as long as it.
fn is_name(i: u16, s: &str) -> bool {
    usize::from(NAME_LENGTHS[usize::from(i)]) == s.len() && name(i) == s
}

/// The member of `members` named `key`.
pub fn member_named<'m>(members: &'m [Member], key: &str) -> Option<&'m Member> {
    members.iter().find(|m| m.is_named(key))
}

/// A run of names: an enum's values.
#[derive(Clone, Copy)]
pub struct Names {
    first: u16,
    count: u16,
}

impl Names {
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        (self.first..self.first + self.count).map(name)
    }

    pub fn contains(self, s: &str) -> bool {
        (self.first..self.first + self.count).any(|i| is_name(i, s))
    }
}

/// A structure's member, as a record of the generated table.
pub struct Member {
    /// The member name (`name`), the same in JavaScript and in the JSON body.
    pub name: u16,
    pub shape: u16,
    /// Where restJson1 puts it in a request.
    pub location: LocationKind,
    pub required: bool,
    /// The query parameter's or header's name (`name`).
    pub wire_name: u16,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LocationKind {
    Body,
    Label,
    Query,
    Header,
}

impl Member {
    pub fn name(&self) -> &'static str {
        name(self.name)
    }

    pub fn is_named(&self, key: &str) -> bool {
        is_name(self.name, key)
    }

    pub fn shape(&self) -> &'static Shape {
        &SHAPES[usize::from(self.shape)]
    }

    pub fn location(&self) -> Location {
        let wire = || name(self.wire_name);
        match self.location {
            LocationKind::Body => Location::Body,
            LocationKind::Label => Location::Label,
            LocationKind::Query => Location::Query(wire()),
            LocationKind::Header => Location::Header(wire()),
        }
    }
}

/// Where restJson1 puts a member of an operation's input.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Location {
    Body,
    /// A `{label}` of the URI template.
    Label,
    /// A query parameter of this name.
    Query(&'static str),
    /// A header of this (lower-case) name.
    Header(&'static str),
}

/// A model pattern compiled by the generator (`codegen/src/patterns.rs`) into the program
/// `crate::validate::patterns` runs: the minimal DFA over code points that matches the
/// whole string.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Pattern {
    /// The model's regular expression, for messages.
    pub source: &'static str,
    /// The DFA as blocks, the start first. A block starts with a byte: `0x80` if a string
    /// may end at its start, its kind (`0x60`) and a count n (`0x1F`). Numbers are LEB128
    /// varints; a class is its length in bytes, then each range as its first code point
    /// and its length - 1 — or, for a class of more than one ASCII range, `0xFF`, a 16-byte bitmap
    /// of its ASCII code points, then its other ranges so.
    /// - state (`0x00`): the class that keeps the state, then n edges, each a class and
    ///   the offset of the block it leads to;
    /// - literal (`0x20`): n code points to read in turn, then the next block;
    /// - counted (`0x40`): a number k, then a state's class and edges, but the k-th code
    ///   point of its class leads to the next block (k states alike in one).
    pub program: &'static [u8],
}

/// One operation, as the model's `http`, `input`, `output` and `errors` say.
pub struct Operation {
    /// Its name (`name`); `Operation::name` reads it.
    pub name: u16,
    pub method: &'static str,
    /// The request URI template (`name`); `Operation::uri` reads it.
    pub uri: u16,
    /// The input structure (in `SHAPES`); its members carry their `Location`.
    pub input: u16,
    /// The output structure; `NONE` when the operation answers with no members
    /// (`$metadata` only).
    pub output: u32,
    pub success_code: u16,
    pub idempotent: bool,
    /// The errors it may answer with, a bit each of `ERRORS`.
    pub errors: u16,
}

/// A paginator (`paginators-1.json`): a list operation called again with the token of the
/// page before. The generator checks that the tokens are optional strings (the input's a
/// query parameter) and that the results (`result_key`, which nothing here needs) are a list.
pub struct Paginator {
    pub operation: &'static Operation,
    pub input_token: &'static str,
    pub output_token: &'static str,
    /// The input member that sets the page size.
    pub limit_key: Option<&'static str>,
}

/// An error an operation may answer with.
pub struct ErrorShape {
    pub name: &'static str,
    pub status: u16,
    /// The model's `senderFault`: the caller's fault (`$fault: "client"`).
    pub sender_fault: bool,
}

pub use generated::ERRORS;

impl Paginator {
    /// The paginator of the operation named `name`.
    pub fn of(name: &str) -> Option<&'static Paginator> {
        PAGINATORS.iter().find(|p| is_name(p.operation.name, name))
    }
}

impl Operation {
    /// The operation named `name` (the model's name).
    pub fn named(name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|op| is_name(op.name, name))
    }

    /// The model's name: `CreateTrainingDataset`.
    pub fn name(&self) -> &'static str {
        name(self.name)
    }

    /// The request URI template, labels in braces: `/memberships/{membershipIdentifier}/…`.
    pub fn uri(&self) -> &'static str {
        name(self.uri)
    }

    pub fn input(&self) -> &'static Shape {
        &SHAPES[usize::from(self.input)]
    }

    pub fn output(&self) -> Option<&'static Shape> {
        SHAPES.get(self.output as usize)
    }

    /// The input's members.
    pub fn input_members(&self) -> &'static [Member] {
        match self.input().kind() {
            Kind::Structure(s) => s.members,
            _ => &[],
        }
    }

    /// The errors the model lists for this operation.
    pub fn errors(&self) -> impl Iterator<Item = &'static ErrorShape> + '_ {
        ERRORS.iter().enumerate().filter(|(i, _)| self.errors & (1 << i) != 0).map(|(_, e)| e)
    }
}

/// The shape at `index` of the generated table (`shapes::NAME` gives a shape's index).
pub fn shape(index: u16) -> &'static Shape {
    &SHAPES[usize::from(index)]
}

/// Compares two strings in a `const` context (the rules are chosen at compile time).
pub(crate) const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
