//! What this library knows about each service, as data: the shapes and operations of the
//! service model, read from the tables the generator writes (`generated/NAME.tables`, from
//! `model/NAME/`; never edited by hand) into a `Service` (`service.rs`), and the rules users
//! need beyond the model (`rules.rs`).
//!
//! The records refer to each other by index within their service's tables (a shape's
//! members, a member's shape, names), and each carries its service's number, since one
//! module serves every service an entry point registers. `Shape::kind` reads a record as
//! what it is; validation walks shapes through it, serialization and response reading
//! follow the operations.

pub mod generated;
pub mod rules;
mod service;

pub use rules::Rule;
pub use service::Service;

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
    /// Its service's number.
    pub service: u8,
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
        let service = Service::get(self.service);
        let (a, b) = (usize::from(self.a), usize::from(self.b));
        let (min, max) = service.limits[usize::from(self.limits)];
        let (min, max) = (min as usize, (max != NONE).then_some(max as usize));
        match self.kind {
            ShapeKind::Structure | ShapeKind::Union => Kind::Structure(Structure {
                members: &service.members[a..a + b],
                union: self.kind == ShapeKind::Union,
                rule: self.rule,
            }),
            ShapeKind::List => Kind::List(List { member: &service.shapes[a], min, max, rule: self.rule }),
            ShapeKind::Map => Kind::Map(Map { key: &service.shapes[a], value: &service.shapes[b], min, max, rule: self.rule }),
            ShapeKind::String => Kind::String(Str {
                min,
                max,
                pattern: service.patterns.get(a),
                rule: self.rule,
            }),
            ShapeKind::Enum => Kind::Enum(Names { first: self.a, count: self.b, service: self.service }),
            ShapeKind::Integer | ShapeKind::Double => {
                let (low, high) = service.ranges[a];
                let bound = |n: f64| (!n.is_nan()).then_some(n);
                Kind::Number { min: bound(low), max: bound(high), integer: self.kind == ShapeKind::Integer }
            }
            ShapeKind::Boolean => Kind::Boolean,
            ShapeKind::Timestamp => Kind::Timestamp,
            ShapeKind::Document => Kind::Document,
        }
    }
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
    service: u8,
}

impl Names {
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        let names = &Service::get(self.service).names;
        names[usize::from(self.first)..usize::from(self.first + self.count)].iter().copied()
    }

    pub fn contains(self, s: &str) -> bool {
        self.iter().any(|name| name == s)
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
    /// Its service's number.
    pub service: u8,
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
        Service::get(self.service).names[usize::from(self.name)]
    }

    pub fn is_named(&self, key: &str) -> bool {
        self.name() == key
    }

    pub fn shape(&self) -> &'static Shape {
        &Service::get(self.service).shapes[usize::from(self.shape)]
    }

    pub fn location(&self) -> Location {
        let wire = || Service::get(self.service).names[usize::from(self.wire_name)];
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
    /// The errors it may answer with, a bit each of the service's `errors`.
    pub errors: u16,
    /// Its service's number.
    pub service: u8,
}

/// A paginator (`paginators-1.json`): a list operation called again with the token of the
/// page before. The generator checks that the tokens are optional strings (the input's a
/// query parameter) and that the results (`result_key`, which nothing here needs) are a list.
pub struct Paginator {
    /// The operation's index in its service's table.
    pub operation: u16,
    pub input_token: &'static str,
    pub output_token: &'static str,
    /// The input member that sets the page size.
    pub limit_key: Option<&'static str>,
    /// Its service's number.
    pub service: u8,
}

/// An error an operation may answer with.
pub struct ErrorShape {
    pub name: &'static str,
    pub status: u16,
    /// The model's `senderFault`: the caller's fault (`$fault: "client"`).
    pub sender_fault: bool,
}

impl Operation {
    /// The service the operation is of.
    pub fn service(&self) -> &'static Service {
        Service::get(self.service)
    }

    /// The model's name: `CreateTrainingDataset`.
    pub fn name(&self) -> &'static str {
        self.service().names[usize::from(self.name)]
    }

    /// The request URI template, labels in braces: `/memberships/{membershipIdentifier}/…`.
    pub fn uri(&self) -> &'static str {
        self.service().names[usize::from(self.uri)]
    }

    pub fn input(&self) -> &'static Shape {
        &self.service().shapes[usize::from(self.input)]
    }

    pub fn output(&self) -> Option<&'static Shape> {
        self.service().shapes.get(self.output as usize)
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
        self.service().errors.iter().enumerate().filter(|(i, _)| self.errors & (1 << i) != 0).map(|(_, e)| e)
    }
}

impl Service {
    /// The shape at `index` of the table (`generated::NAME::shapes::SHAPE` gives a shape's index).
    pub fn shape(&self, index: u16) -> &Shape {
        &self.shapes[usize::from(index)]
    }
}
