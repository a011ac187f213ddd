//! The hand-written matchers agree with the model's regular expressions.

use cleanroomsml_wasm::patterns::*;

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
        assert!(is_configured_model_algorithm_arn(arn), "{arn}");
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
        assert!(!is_configured_model_algorithm_arn(arn), "{arn}");
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
fn text_class_admits_supplementary_characters_only_as_pairs() {
    assert_eq!(first_outside_text_class("a\t😀\u{E000}\u{FFFD}", false), None);
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
    assert!(is_configured_model_algorithm_association_arn(good));
    for bad in [
        good.replace("membership/0d0a", "membership/0D0A"),
        good.replace("/configured-model-algorithm-association/a_b.c", "/configured-model-algorithm-association/"),
        good.replace("association/", "associations/"),
        good.replace("membership/", "memberships/"),
        good.replace(":123456789012:", ":12345678901:"),
        "arn:aws:cleanrooms-ml:us-east-1:123456789012:membership/é".into(),
    ] {
        assert!(!is_configured_model_algorithm_association_arn(&bad), "{bad}");
    }
}

/// Every ASCII character against the class of the model's `CustomDataIdentifier` pattern,
/// read from the model (`a-z`-style ranges expanded, `\x` escapes taken literally).
#[test]
fn custom_data_identifier_class_is_the_models_for_every_ascii_character() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/cleanroomsml-create-association-shapes.json");
    let model: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pattern = model["com.amazonaws.cleanroomsml#CustomDataIdentifier"]["traits"]["smithy.api#pattern"].as_str().unwrap();
    let class: Vec<char> = pattern.strip_prefix("^[").and_then(|p| p.strip_suffix("]+$")).unwrap().chars().collect();
    let mut allowed = Vec::new();
    let mut i = 0;
    while i < class.len() {
        if class[i] == '\\' {
            allowed.push(class[i + 1]);
            i += 2;
        } else if class.get(i + 1) == Some(&'-') && i + 2 < class.len() {
            allowed.extend(class[i]..=class[i + 2]);
            i += 3;
        } else {
            allowed.push(class[i]);
            i += 1;
        }
    }
    assert!(allowed.len() > 70, "read the class: {allowed:?}");
    for c in (0u8..128).map(char::from).chain(['é', '中', '\u{80}']) {
        let expected = allowed.contains(&c);
        assert_eq!(first_outside_custom_data_identifier(&format!("a{c}b")).is_none(), expected, "{c:?}");
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
