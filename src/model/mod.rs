//! What this library knows about the service, as data: the shapes and operations of the
//! service model (`generated.rs`, written by `codegen/` from `model/cleanroomsml/`; never
//! edited by hand) and the rules users need beyond the model (`rules.rs`).
//!
//! The types below are what the generated tables are made of. Validation walks the
//! shapes; serialization and response reading follow the operations. Shapes carry no
//! names at run time: each takes its rule beyond the model by name when it is compiled.

mod generated;
pub mod rules;

pub use generated::{operations, paginators, shapes, OPERATIONS, PATTERNS};
pub use rules::Rule;

/// A shape of the model with its constraints. Lengths count Unicode code points, as the
/// service does.
pub enum Shape {
    Structure(Structure),
    List(List),
    Map(Map),
    String(Str),
    /// A string with the model's `enum` values, in the model's order.
    Enum(&'static [&'static str]),
    /// `double`, or `integer`/`long` when `integer` is set; the range is inclusive.
    Number { min: Option<f64>, max: Option<f64>, integer: bool },
    Boolean,
    /// Seconds since the epoch on the wire (restJson1); only in outputs.
    Timestamp,
}

pub struct Structure {
    pub members: &'static [Member],
    pub rule: Rule,
}

pub struct Member {
    /// The member name, the same in JavaScript and in the JSON body.
    pub name: &'static str,
    pub shape: &'static Shape,
    pub required: bool,
    pub location: Location,
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
    pub pattern: Option<Pattern>,
    pub rule: Rule,
}

/// The model's patterns, each checked by its matcher in `crate::validate::patterns`. The
/// generator maps every pattern of the selected shapes to one of these, and stops on a
/// pattern it does not know.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pattern {
    /// `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
    Uuid,
    /// `[0-9]{12}`
    AccountId,
    /// `arn:aws[-a-z]*:cleanrooms-ml:[-a-z0-9]+:[0-9]{12}:` then `membership/UUID/` when
    /// `in_membership`, then `resource/[-a-zA-Z0-9_/.]+`.
    CleanRoomsMlArn { resource: &'static str, in_membership: bool },
    /// `NameString`: the text class, not only white space.
    Name,
    /// `ResourceDescription`: the text class with line breaks.
    Description,
    /// `CustomDataIdentifier`'s character class, one or more.
    CustomDataIdentifier,
}

/// One operation, as the model's `http`, `input`, `output` and `errors` say.
pub struct Operation {
    pub name: &'static str,
    pub method: &'static str,
    /// The request URI template, labels in braces: `/memberships/{membershipIdentifier}/…`.
    pub uri: &'static str,
    /// The input structure; its members carry their `Location`.
    pub input: &'static Shape,
    /// None when the operation answers with no members (`$metadata` only).
    pub output: Option<&'static Shape>,
    pub success_code: u16,
    pub idempotent: bool,
    pub errors: &'static [ErrorShape],
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

/// An error the operation may answer with.
pub struct ErrorShape {
    pub name: &'static str,
    pub status: u16,
    /// The model's `senderFault`: the caller's fault (`$fault: "client"`).
    pub sender_fault: bool,
}

impl Operation {
    /// The operation named `name` (the model's name) among those selected.
    pub fn named(name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().copied().find(|op| op.name == name)
    }

    /// The input's members.
    pub fn input_members(&self) -> &'static [Member] {
        match self.input {
            Shape::Structure(s) => s.members,
            _ => &[],
        }
    }
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
