//! A JavaScript input value as validation sees it: every distinction that matters for a
//! clear error survives (`undefined` vs `null`, `NaN`, lone surrogates, a `Map` where a
//! plain object belongs), and nothing ties it to wasm, so validation runs natively.

/// A string as received; `well_formed` is false when the JavaScript string held a lone
/// surrogate, which cannot be sent as UTF-8 (the text then carries U+FFFD in its place).
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub well_formed: bool,
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text { text: text.to_owned(), well_formed: true }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Text),
    /// `length` is the array's own; `items` may hold fewer when reading stopped early
    /// (see `schema::List::checked_items`).
    Array { items: Vec<Value>, length: usize },
    /// A plain object's own enumerable string-keyed members, in JavaScript's key order.
    Object(Vec<(Text, Value)>),
    /// A JavaScript `Date`: milliseconds since the epoch (NaN for an invalid date).
    Date(f64),
    /// Anything else, by what a user would call it: "a function", "a Map", "a bigint", …
    Other(String),
    /// An input larger than this module reads (`MAX_INPUT_BYTES` of JSON): nothing of it
    /// was looked at.
    TooLarge { bytes: usize },
}

/// The largest input read, as JSON text. A valid request is under 100 KB.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

impl Value {
    /// How a message names this value's type: "a string", "null", "an array", …
    pub fn kind(&self) -> String {
        match self {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Bool(_) => "a boolean".into(),
            Value::Number(_) => "a number".into(),
            Value::String(_) => "a string".into(),
            Value::Array { .. } => "an array".into(),
            Value::Object(_) => "an object".into(),
            Value::Date(_) => "a Date".into(),
            Value::Other(kind) => kind.clone(),
            Value::TooLarge { bytes } => crate::text::concat(&["an input of ", &crate::text::decimal(*bytes), " bytes"]),
        }
    }

    /// An array read in full.
    pub fn array(items: Vec<Value>) -> Value {
        Value::Array { length: items.len(), items }
    }

    /// A member counts as set unless it is `undefined` or `null` (the SDK leaves both out).
    pub fn is_absent(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }
}

/// `parts` with `separator` between them: one loop, smaller in wasm than `[T]::join`'s
/// generic copies.
pub fn join<'a>(parts: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part);
    }
    out
}
