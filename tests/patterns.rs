//! The hand-written matchers agree with the model's regular expressions: every pattern
//! the generated tables use is compiled by the `regex` crate and compared with its
//! matcher on generated strings.

mod common;

use cleanroomsml_wasm::model::{Pattern, PATTERNS};
use cleanroomsml_wasm::validate::patterns::*;
use common::Rng;

#[test]
fn regular_expression_syntax() {
    let valid = [
        "", "abc", "^a.*b$", "(a|b)+c?", "[a-z]{2,5}", "a{3}", "a{3,}", "x*?", "x++", "[]a]", "[^]a]",
        "\\(literal\\)", "(?:x)(?=y)(?<name>z)", "a{", "a{x}", "[\\]]", "\\d+\\s*\\w?",
    ];
    for pattern in valid {
        assert_eq!(regex_syntax_error(pattern), None, "{pattern:?} is valid");
    }
    let invalid = [
        ("(a", "has an unclosed `(`"),
        ("a)", "has an unmatched `)`"),
        ("[a-z", "has an unterminated character class `[`"),
        ("*a", "has `*` with nothing to repeat"),
        ("a|+", "has `+` with nothing to repeat"),
        ("(?", "has an unclosed `(`"),
        ("a**", "has `*` with nothing to repeat"),
        ("{2}", "has `{` with nothing to repeat"),
        ("a{3,1}", "has a `{m,n}` with m greater than n"),
        ("abc\\", "ends with a lone backslash"),
    ];
    for (pattern, why) in invalid {
        assert_eq!(regex_syntax_error(pattern).as_deref(), Some(why), "{pattern:?}");
    }
}

#[test]
fn uuid_is_lowercase_hex_in_8_4_4_4_12() {
    assert!(is_uuid("0d0a0c1e-1111-4222-8333-944455556666"));
    assert!(!is_uuid("0d0a0c1e-1111-4222-8333-94445555666g"));
    assert!(!is_uuid("0d0a0c1e-1111-4222-8333-94445555666"));
    assert!(!is_uuid("0d0a0c1e01111-4222-8333-944455556666"));
    assert!(!is_uuid("0D0A0C1E-1111-4222-8333-944455556666"));
}

#[test]
fn algorithm_arn() {
    for arn in [
        "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/a",
        "arn:aws-us-gov:cleanrooms-ml:us-gov-west-1:123456789012:configured-model-algorithm/A-b_c/d.e",
        "arn:aws-iso-b:cleanrooms-ml:x:123456789012:configured-model-algorithm/1",
    ] {
        assert!(is_cleanrooms_ml_arn(arn, "configured-model-algorithm", false), "{arn}");
    }
    for arn in [
        "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/",
        "arn:aws:cleanrooms-ml:US-EAST-1:123456789012:configured-model-algorithm/a",
        "arn:aws2:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/a",
        "arn:aws:cleanrooms-ml:us-east-1:1234567890123:configured-model-algorithm/a",
        "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/a b",
        "arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithms/a",
        " arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/a",
    ] {
        assert!(!is_cleanrooms_ml_arn(arn, "configured-model-algorithm", false), "{arn}");
    }
}

#[test]
fn blank_is_javascript_white_space() {
    assert!(is_blank(""));
    assert!(is_blank(" \t\n\u{b}\u{c}\r\u{a0}\u{2000}\u{3000}\u{feff}"));
    assert!(!is_blank(" a "));
    assert!(!is_blank("\u{200b}")); // zero-width space is not white space in JavaScript
}

#[test]
fn text_class_is_read_over_code_points() {
    assert_eq!(first_outside_text_class("a\t\u{E000}\u{FFFD}", false), None);
    // The class's surrogate ranges name lone surrogates only: U+10000 and above are outside.
    assert_eq!(first_outside_text_class("a\t😀", false), Some('😀'));
    assert_eq!(first_outside_text_class("\u{10000}", true), Some('\u{10000}'));
    assert_eq!(first_outside_text_class("a\u{1F}", false), Some('\u{1F}'));
    assert_eq!(first_outside_text_class("a\n", false), Some('\n'));
    assert_eq!(first_outside_text_class("a\r\n", true), None);
    assert_eq!(first_outside_text_class("\u{FFFF}", true), Some('\u{FFFF}'));
}

#[test]
fn tag_characters() {
    assert_eq!(first_outside_tag_characters("Team name_1.2:3/4=5+6-7@ é 中 ١"), None);
    assert_eq!(first_outside_tag_characters("a*b"), Some('*'));
    assert_eq!(first_outside_tag_characters("a\tb"), Some('\t'));
}

#[test]
fn association_arn() {
    let good = "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/0d0a0c1e-1111-4222-8333-944455556666/configured-model-algorithm-association/a_b.c";
    assert!(is_cleanrooms_ml_arn(good, "configured-model-algorithm-association", true));
    for bad in [
        good.replace("membership/0d0a", "membership/0D0A"),
        good.replace("/configured-model-algorithm-association/a_b.c", "/configured-model-algorithm-association/"),
        good.replace("association/", "associations/"),
        good.replace("membership/", "memberships/"),
        good.replace(":123456789012:", ":12345678901:"),
        "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/é".into(),
    ] {
        assert!(!is_cleanrooms_ml_arn(&bad, "configured-model-algorithm-association", true), "{bad}");
    }
}

#[test]
fn tag_characters_for_every_ascii_character() {
    for c in (0u8..128).map(char::from) {
        let expected = c.is_ascii_alphanumeric() || " _.:/=+-@".contains(c);
        assert_eq!(first_outside_tag_characters(&format!("a{c}b")).is_none(), expected, "{c:?}");
        assert_eq!(first_outside_tag_characters(&format!("é{c}b")).is_none(), expected, "{c:?} beside non-ASCII");
    }
}

/// The model's pattern in the `regex` crate's syntax, and whether it starts with the
/// `(?!\s*$)` look-ahead (which that crate lacks; checked beside it). Read over code
/// points, the surrogates in a class name nothing a Rust string holds, so they are left out.
fn translate(pattern: &str) -> (regex::Regex, bool) {
    let (body, not_blank) = match pattern.strip_prefix(r"(?!\s*$)") {
        Some(rest) => (rest, true),
        None => (pattern, false),
    };
    let chars: Vec<char> = body.chars().collect();
    let hex = |at: usize| u32::from_str_radix(&chars[at..at + 4].iter().collect::<String>(), 16).unwrap();
    let surrogate = |u: u32| (0xD800..=0xDFFF).contains(&u);
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && chars.get(i + 1) == Some(&'u') {
            let u = hex(i + 2);
            let range_to = (chars.get(i + 6) == Some(&'-') && chars.get(i + 8) == Some(&'u')).then(|| hex(i + 9));
            match range_to {
                Some(v) if surrogate(u) && surrogate(v) => i += 13,
                _ if surrogate(u) => i += 6,
                _ => {
                    out.push_str(&format!("\\x{{{u:04X}}}"));
                    i += 6;
                }
            }
        } else if chars[i] == '\\' {
            let escaped = chars[i + 1];
            assert!(!escaped.is_ascii_alphanumeric() || "tnr".contains(escaped), "extend the translation for \\{escaped} in {pattern}");
            out.push(chars[i]);
            out.push(escaped);
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    (regex::Regex::new(&format!("^(?:{out})$")).unwrap_or_else(|e| panic!("{pattern}: {e}")), not_blank)
}

/// JavaScript's `\s` (the model's patterns are ECMAScript regular expressions).
fn is_js_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}'
        | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}')
}

/// A string each matcher must accept.
fn sample(pattern: Pattern) -> String {
    const UUID: &str = "0d0a0c1e-1111-4222-8333-944455556666";
    match pattern {
        Pattern::Uuid => UUID.into(),
        Pattern::AccountId => "123456789012".into(),
        Pattern::CleanRoomsMlArn { resource, in_membership } => {
            let membership = if in_membership { format!("membership/{UUID}/") } else { String::new() };
            format!("arn:aws:cleanrooms-ml:us-east-1:123456789012:{membership}{resource}/a-B_9/x.y")
        }
        Pattern::Name => "churn model \u{E000}\u{FFFD}".into(),
        Pattern::Description => "weekly\r\n\tmodel \u{D7FF}".into(),
        Pattern::CustomDataIdentifier => "[0-9]{4} #=@/;,-^$?|\\*+.()_".into(),
    }
}

#[test]
fn every_pattern_of_the_generated_tables_agrees_with_a_regex_engine() {
    // ASCII (controls included), the text class's edges, white space, and beyond U+FFFF.
    let mut pool: Vec<char> = (0u8..128).map(char::from).collect();
    pool.extend(['é', '中', '\u{A0}', '\u{2028}', '\u{FEFF}', '\u{D7FF}', '\u{E000}', '\u{FFFD}', '\u{FFFE}', '\u{FFFF}', '\u{10000}', '😀']);
    assert!(PATTERNS.len() >= 6, "the create operation uses six patterns; found {}", PATTERNS.len());
    let mut rng = Rng(0x5EED);
    for &(regex_text, pattern) in PATTERNS {
        let (regex, not_blank) = translate(regex_text);
        let engine = |s: &str| regex.is_match(s) && !(not_blank && s.chars().all(is_js_space));
        let seed = sample(pattern);
        assert!(engine(&seed) && matches(pattern, &seed), "{pattern:?}: the sample {seed:?} matches");
        let (mut accepted, mut refused) = (0, 0);
        let mut check = |s: &str| {
            let expected = engine(s);
            assert_eq!(matches(pattern, s), expected, "{pattern:?} on {s:?} (model pattern {regex_text})");
            if expected { accepted += 1 } else { refused += 1 }
        };
        let seed_chars: Vec<char> = seed.chars().collect();
        // Every position of the sample: each character of the pool put in, in place, or left out.
        for at in 0..=seed_chars.len() {
            for &c in &pool {
                let mut inserted = seed_chars.clone();
                inserted.insert(at, c);
                check(&inserted.iter().collect::<String>());
                if at < seed_chars.len() {
                    let mut replaced = seed_chars.clone();
                    replaced[at] = c;
                    check(&replaced.iter().collect::<String>());
                }
            }
            let mut removed = seed_chars.clone();
            if at < removed.len() {
                removed.remove(at);
                check(&removed.iter().collect::<String>());
            }
        }
        // Random strings, and random cuts of the sample.
        for _ in 0..2000 {
            let len = rng.below(12);
            check(&rng.text(&pool, len));
            let (a, b) = (rng.below(seed_chars.len() + 1), rng.below(seed_chars.len() + 1));
            check(&seed_chars[a.min(b)..a.max(b)].iter().collect::<String>());
        }
        for blank in ["", " ", "\t \u{3000}", "\u{FEFF}"] {
            check(blank);
        }
        assert!(accepted > 10 && refused > 10, "{pattern:?}: {accepted} accepted, {refused} refused: the strings test both sides");
    }
}
