//! JSON text and `Value`s, both ways, without a JSON library.
//!
//! Reading: JavaScript input crosses into wasm as one JSON text (see `src/js/values.js`),
//! which is far cheaper than reading it member by member. What JSON cannot say travels as
//! a tag, an object whose first key is `"\u0000"`: `{"\u0000":"undefined"}`,
//! `{"\u0000":"number","v":"NaN"}`, `{"\u0000":"other","v":"a Map"}`, and
//! `{"\u0000":"array","n":LENGTH,"items":[…]}` for an array with more items than are read,
//! and `{"\u0000":"date","v":"MILLISECONDS"}` for a `Date`.
//! Lone surrogates arrive as `\uD800` escapes and are kept visible (`Text::well_formed`).
//!
//! Writing: the request body and every value returned to JavaScript, as `JSON.stringify`
//! would write them.

use crate::number;
use crate::value::{Text, Value};

/// Deeper than any shape of the model; deeper values are skipped, not built.
const MAX_DEPTH: usize = 64;
const TAG: &str = "\u{0}";

/// Parses tagged JSON text; None if it is not JSON.
pub fn parse(text: &str) -> Option<Value> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value(0)?;
    parser.space();
    (parser.at == parser.text.len()).then_some(value)
}

struct Parser<'a> {
    /// The text, sliced at ASCII bytes only (quotes, backslashes, numbers' ends): its pieces
    /// need no second UTF-8 check.
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    #[inline(always)]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn space(&mut self) {
        while matches!(self.bytes().get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    #[inline(always)]
    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.bytes().get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn literal(&mut self, word: &str, value: Value) -> Option<Value> {
        self.bytes()[self.at..].starts_with(word.as_bytes()).then(|| {
            self.at += word.len();
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        self.space();
        match *self.bytes().get(self.at)? {
            b'{' | b'[' if depth >= MAX_DEPTH => {
                self.skip_nested()?;
                Some(Value::Other("a value nested too deeply".into()))
            }
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Value::String),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            _ => self.number().map(Value::Number),
        }
    }

    fn number(&mut self) -> Option<f64> {
        let start = self.at;
        while matches!(self.bytes().get(self.at), Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')) {
            self.at += 1;
        }
        number::parse(self.text.get(start..self.at)?)
    }

    fn string(&mut self) -> Option<Text> {
        self.at += 1; // the opening quote
        // Most strings have no escape: one exact allocation.
        let run = quote_or_backslash(&self.bytes()[self.at..])?;
        let first = self.text.get(self.at..self.at + run)?;
        if self.bytes()[self.at + run] == b'"' {
            self.at += run + 1;
            return Some(Text { text: first.to_owned(), well_formed: true });
        }
        let mut text = String::from(first);
        self.at += run;
        let mut well_formed = true;
        loop {
            let start = self.at;
            let run = quote_or_backslash(&self.bytes()[start..])?;
            self.at += run;
            text.push_str(self.text.get(start..self.at)?);
            match *self.bytes().get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(Text { text, well_formed });
                }
                _ => {
                    self.at += 1;
                    let escaped = *self.bytes().get(self.at)?;
                    self.at += 1;
                    match escaped {
                        b'"' => text.push('"'),
                        b'\\' => text.push('\\'),
                        b'/' => text.push('/'),
                        b'b' => text.push('\u{8}'),
                        b'f' => text.push('\u{c}'),
                        b'n' => text.push('\n'),
                        b'r' => text.push('\r'),
                        b't' => text.push('\t'),
                        b'u' => {
                            let unit = self.hex4()?;
                            let c = match unit {
                                0xD800..=0xDBFF if self.bytes()[self.at..].starts_with(b"\\u") => {
                                    let save = self.at;
                                    self.at += 2;
                                    let low = self.hex4()?;
                                    if (0xDC00..=0xDFFF).contains(&low) {
                                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                                    } else {
                                        self.at = save;
                                        None
                                    }
                                }
                                _ => char::from_u32(unit),
                            };
                            well_formed &= c.is_some();
                            text.push(c.unwrap_or('\u{FFFD}'));
                        }
                        _ => return None,
                    }
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        self.at += 1;
        let mut items = Vec::new();
        if !self.eat(b']') {
            loop {
                items.push(self.value(depth + 1)?);
                if self.eat(b']') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        Some(Value::array(items))
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.at += 1;
        let mut members: Vec<(Text, Value)> = Vec::new();
        if !self.eat(b'}') {
            loop {
                self.space();
                if self.bytes().get(self.at) != Some(&b'"') {
                    return None;
                }
                let key = self.string()?;
                if !self.eat(b':') {
                    return None;
                }
                members.push((key, self.value(depth + 1)?));
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        let tag = match members.first() {
            Some((key, Value::String(tag))) if key.text == TAG => Some(tag.text.clone()),
            _ => None,
        };
        match tag {
            Some(tag) => untag(&tag, members),
            None => Some(Value::Object(members)),
        }
    }

    /// Skips one object or array without building it (no recursion: any depth is safe).
    fn skip_nested(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match *self.bytes().get(self.at)? {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        self.at += 1;
                        return Some(());
                    }
                }
                _ => {}
            }
            self.at += 1;
        }
    }
}

/// The first `"` or `\\`, eight bytes at a time (strings are most of the input).
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Non-zero exactly when some byte of `word` equals `byte` (the classic zero-byte test).
    let has = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        if has(word, b'"') | has(word, b'\\') != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b == b'"' || b == b'\\').map(|i| at + i)
}

fn untag(tag: &str, members: Vec<(Text, Value)>) -> Option<Value> {
    let field = |name: &str| members.iter().find(|(k, _)| k.text == name).map(|(_, v)| v.clone());
    Some(match (tag, field("v")) {
        ("undefined", _) => Value::Undefined,
        ("number", Some(Value::String(v))) => Value::Number(match v.text.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            "-0" => -0.0,
            _ => return None,
        }),
        ("other", Some(Value::String(kind))) => Value::Other(kind.text),
        ("date", Some(Value::String(ms))) => Value::Date(if ms.text == "NaN" { f64::NAN } else { number::parse(&ms.text)? }),
        ("array", _) => {
            let Some(Value::Number(n)) = field("n") else { return None };
            let Some(Value::Array { items, .. }) = field("items") else { return None };
            Value::Array { items, length: n as usize }
        }
        _ => return None,
    })
}

/// A value returned to JavaScript as JSON text (then `JSON.parse`d there: one crossing).
pub trait ToJson {
    fn write(&self, w: &mut Writer);

    fn to_json(&self) -> String {
        let mut w = Writer::default();
        self.write(&mut w);
        w.finish()
    }
}

impl ToJson for Value {
    fn write(&self, w: &mut Writer) {
        w.value(self);
    }
}

/// Builds JSON text as `JSON.stringify` writes it.
#[derive(Default)]
pub struct Writer {
    out: String,
    /// Whether the next member or item needs a comma first.
    comma: bool,
}

impl Writer {
    pub fn finish(self) -> String {
        self.out
    }

    fn separate(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push('{');
        self.comma = false;
    }

    pub fn end_object(&mut self) {
        self.out.push('}');
        self.comma = true;
    }

    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push('[');
        self.comma = false;
    }

    pub fn end_array(&mut self) {
        self.out.push(']');
        self.comma = true;
    }

    /// A member name; the value follows.
    pub fn key(&mut self, key: &str) {
        self.separate();
        push_string(&mut self.out, key);
        self.out.push(':');
        self.comma = false;
    }

    pub fn string(&mut self, s: &str) {
        self.separate();
        push_string(&mut self.out, s);
    }

    /// Finite numbers as `JSON.stringify` prints them (`10`, not `10.0`); others as `null`.
    pub fn number(&mut self, n: f64) {
        self.separate();
        if n.is_finite() {
            number::write(n, &mut self.out);
        } else {
            self.out.push_str("null");
        }
    }

    pub fn bool(&mut self, b: bool) {
        self.separate();
        self.out.push_str(if b { "true" } else { "false" });
    }

    /// A `Value`, leaving out object members that are `undefined` or `null`.
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Bool(b) => self.bool(*b),
            Value::Number(n) => self.number(*n),
            Value::String(s) => self.string(&s.text),
            Value::Array { items, .. } => {
                self.begin_array();
                items.iter().for_each(|item| self.value(item));
                self.end_array();
            }
            Value::Object(members) => self.object(members.iter().map(|(k, v)| (k.text.as_str(), v))),
            Value::Date(ms) => self.string(&crate::time::iso8601(*ms)),
            Value::Undefined | Value::Null | Value::Other(_) | Value::TooLarge { .. } => {
                self.separate();
                self.out.push_str("null");
            }
        }
    }

    pub fn object<'a>(&mut self, members: impl Iterator<Item = (&'a str, &'a Value)>) {
        self.begin_object();
        for (key, value) in members.filter(|(_, v)| !v.is_absent()) {
            self.key(key);
            self.value(value);
        }
        self.end_object();
    }
}

/// Quotes `s` as `JSON.stringify` does: runs that need no escape are copied whole.
fn push_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        // `b` is ASCII whenever it is escaped, so `i` is a char boundary.
        let escaped = match b {
            b'"' | b'\\' => {
                // The character itself starts the next run.
                out.push_str(&s[run..i]);
                out.push('\\');
                run = i;
                continue;
            }
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escaped.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escaped);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

const HEX: &[u8; 16] = b"0123456789abcdef";
