//! The model's patterns, run: each is compiled by the generator (`codegen/src/patterns.rs`)
//! into the minimal DFA over code points that `crate::model::Pattern` lays out, and this
//! one small loop runs them all, in one pass with no memory. `tests/patterns.rs` checks
//! every pattern of the model against a regular-expression engine. Also here: the checks
//! of the rules beyond the model that read characters.

use crate::model::Pattern;
use crate::text::concat;

const ACCEPTS: u8 = 0x80;
const KIND: u8 = 0x60;
const LITERAL: u8 = 0x20;
const COUNTED: u8 = 0x40;
const COUNT: u8 = 0x1F;
/// A class's first byte when an ASCII bitmap of 16 bytes follows (then its other ranges).
const BITMAP_CLASS: u8 = 0xFF;

/// Whether the whole of `s` matches `pattern`.
pub fn matches(pattern: &Pattern, s: &str) -> bool {
    mismatch(pattern, s).is_none()
}

/// Where `s` stops matching `pattern`: None when the whole of it matches; else the byte
/// offset of the first character no match goes on with, or `s.len()` when `s` ends too soon.
pub fn mismatch(pattern: &Pattern, s: &str) -> Option<usize> {
    let program = pattern.program;
    // The current block, and how many code points of a counted one it has read.
    let (mut block, mut read) = (0, 0);
    let mut position = 0;
    loop {
        let header = program[block];
        let (kind, count) = (header & KIND, u32::from(header & COUNT));
        // A string may end at the start of a block, or anywhere in a counted one.
        let ends = || (header & ACCEPTS == 0).then_some(s.len());
        if kind == LITERAL {
            // The literal's code points, read through in one go; the block after follows them.
            if position == s.len() {
                return ends();
            }
            let mut at = block + 1;
            // An ASCII literal is its own UTF-8: compared as bytes in one loop when it matches.
            let literal = &program[at..at + count as usize];
            if ascii_prefix(literal, &s.as_bytes()[position..]) {
                (position, block) = (position + literal.len(), at + literal.len());
                continue;
            }
            for _ in 0..count {
                let here = position;
                match next_char(s, &mut position) {
                    Some(c) if varint(program, &mut at) == u32::from(c) => {}
                    Some(_) => return Some(here),
                    None => return Some(s.len()),
                }
            }
            block = at;
            continue;
        }
        let here = position;
        let Some(c) = next_char(s, &mut position) else { return ends() };
        let mut at = block + 1;
        // A state, or (counted) `limit` states alike, the last of which leads to the next block.
        let limit = if kind == COUNTED { varint(program, &mut at) } else { 0 };
        let class = at;
        let keep = in_class(program, &mut at, c);
        if keep && kind != COUNTED {
            // A state its class keeps (`[…]*`, `.+`): stay while the class holds, one test a
            // character, and leave by the edges from the first character it does not hold.
            if program[class] == BITMAP_CLASS {
                // ASCII by its bitmap alone, a byte at a time.
                let bitmap = &program[class + 1..class + 17];
                while s.as_bytes().get(position).is_some_and(|&b| b < 0x80 && in_bitmap(bitmap, b)) {
                    position += 1;
                }
            }
            let holds = |c: char| in_class(program, &mut { class }, c);
            loop {
                let mark = position;
                match next_char(s, &mut position) {
                    Some(c) if holds(c) => {}
                    Some(_) => {
                        position = mark;
                        break;
                    }
                    None => break,
                }
            }
            continue;
        }
        if keep {
            read += 1;
            // The run's next characters while the class holds, without decoding the block again:
            // ASCII by the class's bitmap alone when it has one.
            if program[class] == BITMAP_CLASS {
                let bitmap = &program[class + 1..class + 17];
                while read < limit && s.as_bytes().get(position).is_some_and(|&b| b < 0x80 && in_bitmap(bitmap, b)) {
                    (position, read) = (position + 1, read + 1);
                }
            } else if let Some((first, span)) = ascii_range(&program[class..]) {
                // One ASCII range (`[0-9]{12}` of every ARN): a subtraction a byte.
                while read < limit && s.as_bytes().get(position).is_some_and(|&b| b.wrapping_sub(first) <= span) {
                    (position, read) = (position + 1, read + 1);
                }
            }
            while read < limit {
                let mark = position;
                match next_char(s, &mut position) {
                    Some(c) if in_class(program, &mut { class }, c) => read += 1,
                    _ => {
                        position = mark;
                        break;
                    }
                }
            }
            if read != limit {
                continue;
            }
        }
        let mut next = None;
        for _ in 0..count {
            let hit = in_class(program, &mut at, c);
            let target = varint(program, &mut at);
            if hit {
                next = Some(target as usize);
            }
        }
        if keep {
            next = Some(at);
        }
        match next {
            Some(target) => (block, read) = (target, 0),
            None => return Some(here),
        }
    }
}

/// The class at the start of `class` when it is one range of ASCII: its first byte and span.
#[inline(always)]
fn ascii_range(class: &[u8]) -> Option<(u8, u8)> {
    // Its length 2: two one-byte varints, the range's first code point and its length - 1.
    if class[0] != 2 {
        return None;
    }
    let (first, span) = (class[1], class[2]);
    (usize::from(first) + usize::from(span) < 0x80).then_some((first, span))
}

/// Whether `text` starts with `literal`, all of it ASCII (without std's two calls for it).
#[inline(always)]
fn ascii_prefix(literal: &[u8], text: &[u8]) -> bool {
    if text.len() < literal.len() {
        return false;
    }
    let mut i = 0;
    while i < literal.len() {
        if literal[i] >= 0x80 || literal[i] != text[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The character at byte `*at` of `s`, which moves past it: ASCII without a call (the
/// matcher's loop reads every character; std's iterator is a call each at `opt-level = "z"`).
#[inline(always)]
fn next_char(s: &str, at: &mut usize) -> Option<char> {
    let byte = *s.as_bytes().get(*at)?;
    if byte < 0x80 {
        *at += 1;
        return Some(char::from(byte));
    }
    let c = s[*at..].chars().next()?;
    *at += c.len_utf8();
    Some(c)
}

/// The LEB128 number at `*at`, which moves past it. Inlined: the matcher's loop spends
/// most of its time here (a call each at `opt-level = "z"`).
#[inline(always)]
fn varint(program: &[u8], at: &mut usize) -> u32 {
    let (mut value, mut shift) = (0, 0);
    loop {
        let byte = program[*at];
        *at += 1;
        value |= u32::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            return value;
        }
        shift += 7;
    }
}

/// Whether `c` is in the class at `*at`, which moves past the class.
#[inline(always)]
fn in_class(program: &[u8], at: &mut usize, c: char) -> bool {
    // A class of more than one ASCII range starts with an ASCII bitmap; its ranges then are those beyond.
    if program[*at] == BITMAP_CLASS {
        let bitmap = *at + 1;
        *at = bitmap + 16;
        if c.is_ascii() {
            *at += 1 + usize::from(program[*at]);
            return in_bitmap(&program[bitmap..bitmap + 16], c as u8);
        }
    }
    let end = *at + 1 + usize::from(program[*at]);
    let mut range = *at + 1;
    *at = end;
    while range < end {
        let first = varint(program, &mut range);
        let length = varint(program, &mut range);
        if u32::from(c).wrapping_sub(first) <= length {
            return true;
        }
    }
    false
}

/// Whether the ASCII byte `b` is in a class's 16-byte bitmap of ASCII.
#[inline(always)]
fn in_bitmap(bitmap: &[u8], b: u8) -> bool {
    bitmap[usize::from(b >> 3)] & (1 << (b & 7)) != 0
}

/// Characters AWS tagging accepts across services: `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
/// Returns the first character outside that set.
pub fn first_outside_tag_characters(s: &str) -> Option<char> {
    static ALLOWED: AsciiSet = AsciiSet::alphanumeric_and(b" _.:/=+-@");
    // The ASCII prefix by table; from the first byte outside it, character by character.
    let at = ALLOWED.first_outside(s)?;
    tag_class::first_outside(&s[at..])
}

/// The tag class beyond ASCII: by JavaScript's own Unicode tables in the module (std's
/// for `is_alphabetic` and `is_numeric` cost 2 KB of gzip), by std's natively.
#[cfg(target_arch = "wasm32")]
mod tag_class {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/js/values.js")]
    extern "C" {
        #[wasm_bindgen(js_name = firstOutsideTag)]
        fn first_outside_tag(s: &str) -> f64;
    }

    pub fn first_outside(s: &str) -> Option<char> {
        let code = first_outside_tag(s);
        (code >= 0.0).then(|| char::from_u32(code as u32)).flatten()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod tag_class {
    pub fn first_outside(s: &str) -> Option<char> {
        s.chars().find(|&c| {
            let separator = c.is_whitespace() && !c.is_control();
            !(c.is_alphabetic() || c.is_numeric() || separator || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@'))
        })
    }
}

/// Checks the syntax of a regular expression in the common dialect (JavaScript, Java,
/// Python, RE2 agree on these rules): balanced groups and classes, a target for every
/// quantifier, well-formed `{m,n}`, no trailing backslash. Returns why it is invalid.
pub fn regex_syntax_error(pattern: &str) -> Option<String> {
    // Bytes, not chars: every syntax character is ASCII, and the bytes of a multi-byte
    // character are never syntax, so each reads as a literal just as the character would.
    let chars = pattern.as_bytes();
    let mut depth = 0usize;
    // Whether the previous token can take a quantifier.
    let mut quantifiable = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            b'\\' => {
                if i + 1 == chars.len() {
                    return Some("ends with a lone backslash".into());
                }
                i += 1;
                quantifiable = true;
            }
            b'[' => {
                // A class ends at the first `]` that is not its first member.
                let mut j = i + 1;
                if chars.get(j) == Some(&b'^') {
                    j += 1;
                }
                if chars.get(j) == Some(&b']') {
                    j += 1;
                }
                loop {
                    match chars.get(j) {
                        None => return Some("has an unterminated character class `[`".into()),
                        Some(b'\\') => j += 2,
                        Some(b']') => break,
                        Some(_) => j += 1,
                    }
                }
                i = j;
                quantifiable = true;
            }
            b'(' => {
                depth += 1;
                // Group modifiers such as `(?:`, `(?=`, `(?<name>` are not quantifiers.
                if chars.get(i + 1) == Some(&b'?') {
                    i += 1;
                }
                quantifiable = false;
            }
            b')' => {
                if depth == 0 {
                    return Some("has an unmatched `)`".into());
                }
                depth -= 1;
                quantifiable = true;
            }
            b'*' | b'+' | b'?' => {
                if !quantifiable {
                    return Some(concat(&["has `", &pattern[i..=i], "` with nothing to repeat"]));
                }
                // A lazy or possessive suffix (`*?`, `++`) belongs to this quantifier.
                if matches!(chars.get(i + 1), Some(b'?') | Some(b'+')) {
                    i += 1;
                }
                quantifiable = false;
            }
            b'{' => match counted_repetition(&chars[i..]) {
                Some(_) if !quantifiable => return Some("has `{` with nothing to repeat".into()),
                Some((_, false)) => return Some("has a `{m,n}` with m greater than n".into()),
                Some((len, true)) => {
                    i += len - 1;
                    quantifiable = false;
                }
                None => quantifiable = true, // a literal `{`, as most dialects read it
            },
            b'|' => quantifiable = false,
            b'^' | b'$' => quantifiable = false,
            _ => quantifiable = true,
        }
        i += 1;
    }
    (depth > 0).then(|| "has an unclosed `(`".into())
}

/// The length of a `{m}`, `{m,}` or `{m,n}` quantifier at the start of `chars`, and
/// whether its bounds are in order; None when it is not a quantifier.
fn counted_repetition(chars: &[u8]) -> Option<(usize, bool)> {
    let end = chars.iter().position(|&c| c == b'}')?;
    let body = std::str::from_utf8(&chars[1..end]).ok()?;
    let (low, high) = match body.split_once(',') {
        Some((low, high)) => (low, Some(high)),
        None => (body, None),
    };
    let low: u32 = low.parse().ok()?;
    let ordered = match high.filter(|h| !h.is_empty()) {
        Some(high) => low <= high.parse::<u32>().ok()?,
        None => true,
    };
    Some((end + 1, ordered))
}

/// The length in Unicode code points, as the model's `length` counts it.
pub fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        // Every byte but UTF-8's continuation bytes starts a character.
        s.bytes().filter(|&b| b & 0xC0 != 0x80).count()
    }
}

/// A set of ASCII characters as a table of all 256 byte values (non-ASCII bytes are
/// outside): one lookup per byte instead of a search.
struct AsciiSet([bool; 256]);

impl AsciiSet {
    const fn alphanumeric_and(extra: &[u8]) -> AsciiSet {
        let mut table = [false; 256];
        let mut b = 0u8;
        while b < 128 {
            table[b as usize] = b.is_ascii_alphanumeric();
            b += 1;
        }
        let mut i = 0;
        while i < extra.len() {
            table[extra[i] as usize] = true;
            i += 1;
        }
        AsciiSet(table)
    }

    /// Where the first byte outside the set is; it starts a character, as every byte
    /// before it is ASCII.
    fn first_outside(&self, s: &str) -> Option<usize> {
        s.bytes().position(|b| !self.0[usize::from(b)])
    }
}
