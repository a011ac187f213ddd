//! The model's string patterns as small exact matchers: they are fixed, so hand-written
//! checks are smaller and faster in wasm than a regular-expression engine. The generator
//! maps each pattern of the model to one (`crate::model::Pattern`), and `tests/patterns.rs`
//! checks each against a regular-expression engine.

use crate::model::Pattern;

/// `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$` (shape `UUID`).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
}

/// Whether `s` matches `pattern` exactly as the model's regular expression does (over
/// code points, as JavaScript's `RegExp` with the `u` flag, Java and Rust's `regex` read it).
pub fn matches(pattern: Pattern, s: &str) -> bool {
    match pattern {
        Pattern::Uuid => is_uuid(s),
        Pattern::AccountId => is_account_id(s),
        Pattern::CleanRoomsMlArn { resource, in_membership } => is_cleanrooms_ml_arn(s, resource, in_membership),
        Pattern::Name => !is_blank(s) && first_outside_text_class(s, false).is_none(),
        Pattern::Description => first_outside_text_class(s, true).is_none(),
        Pattern::CustomDataIdentifier => !s.is_empty() && first_outside_custom_data_identifier(s).is_none(),
    }
}

/// `arn:aws[-a-z]*:cleanrooms-ml:[-a-z0-9]+:[0-9]{12}:` then, when `in_membership`,
/// `membership/UUID/`, then `RESOURCE/[-a-zA-Z0-9_/.]+`.
pub fn is_cleanrooms_ml_arn(s: &str, resource: &str, in_membership: bool) -> bool {
    let Some(mut rest) = cleanrooms_ml_resource(s) else { return false };
    if in_membership {
        let Some(after) = rest.strip_prefix("membership/") else { return false };
        if !(after.len() > 37 && after.is_char_boundary(36) && is_uuid(&after[..36]) && after.as_bytes()[36] == b'/') {
            return false;
        }
        rest = &after[37..];
    }
    rest.strip_prefix(resource).and_then(|r| r.strip_prefix('/')).is_some_and(is_resource_id)
}

/// The resource part of `arn:aws[-a-z]*:cleanrooms-ml:[-a-z0-9]+:[0-9]{12}:RESOURCE`.
fn cleanrooms_ml_resource(s: &str) -> Option<&str> {
    let mut parts = s.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("cleanrooms-ml"), Some(region), Some(account), Some(resource)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let partition_ok = partition.strip_prefix("aws").is_some_and(|p| p.bytes().all(|c| c == b'-' || c.is_ascii_lowercase()));
    let region_ok = !region.is_empty() && region.bytes().all(|c| c == b'-' || c.is_ascii_lowercase() || c.is_ascii_digit());
    (partition_ok && region_ok && is_account_id(account)).then_some(resource)
}

/// `[-a-zA-Z0-9_/.]+`
fn is_resource_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_/.".contains(&c))
}

/// An AWS account ID: exactly 12 digits.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|c| c.is_ascii_digit())
}

/// The character class of `NameString` and `ResourceDescription`:
/// `[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t]` (plus `\r\n` for descriptions).
/// Read over code points, as every regular-expression engine with Unicode strings reads it,
/// the `\uD800`, `\uDBFF-\uDC00` and `\uDFFF` parts name lone surrogates only, which a
/// well-formed string never holds: characters above U+FFFF are outside the class.
/// Returns the first character outside it.
pub fn first_outside_text_class(s: &str, allow_line_breaks: bool) -> Option<char> {
    if s.is_ascii() {
        // The common case, byte by byte: only control characters fall outside.
        let outside = |b: u8| b < 0x20 && b != b'\t' && !(allow_line_breaks && (b == b'\r' || b == b'\n'));
        return s.bytes().find(|&b| outside(b)).map(char::from);
    }
    s.chars().find(|&c| {
        let ok = matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c == '\t'
            || (allow_line_breaks && (c == '\r' || c == '\n'));
        !ok
    })
}

/// Whether `s` is empty or only white space as JavaScript's `\s` defines it (the model's
/// `(?!\s*$)` in `NameString`).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(
            c,
            '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}'
                | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
        )
    })
}

/// `^[a-zA-Z0-9\_\#\=\@/\;\,\-\ \^\$\?\[\]\{\}\|\\\*\+\.\(\)]+$` (shape `CustomDataIdentifier`),
/// without the length part. Returns the first character outside the class.
pub fn first_outside_custom_data_identifier(s: &str) -> Option<char> {
    static ALLOWED: AsciiSet = AsciiSet::alphanumeric_and(b"_#=@/;,- ^$?[]{}|\\*+.()");
    ALLOWED.first_outside(s).and_then(|at| s[at..].chars().next())
}

/// Characters AWS tagging accepts across services: `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
/// Returns the first character outside that set.
pub fn first_outside_tag_characters(s: &str) -> Option<char> {
    static ALLOWED: AsciiSet = AsciiSet::alphanumeric_and(b" _.:/=+-@");
    // The ASCII prefix by table; from the first byte outside it, character by character.
    let at = ALLOWED.first_outside(s)?;
    s[at..].chars().find(|&c| {
        let separator = c.is_whitespace() && !c.is_control();
        !(c.is_alphabetic() || c.is_numeric() || separator || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@'))
    })
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
                    return Some(format!("has `{}` with nothing to repeat", char::from(chars[i])));
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
        s.chars().count()
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
