//! The JSON reader and writer against serde_json (which writes strings exactly as
//! `JSON.stringify` does): generated strings full of characters that need escaping.

mod common;

use cleanroomsml_wasm::json::{parse, ToJson, Writer};
use cleanroomsml_wasm::value::{Text, Value};
use common::Rng;

struct Str<'a>(&'a str);

impl ToJson for Str<'_> {
    fn write(&self, w: &mut Writer) {
        w.string(self.0);
    }
}

const POOL: &[char] = &['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\u{8}', '\u{c}', '\u{0}', '\u{1f}', '\u{7f}', 'é', '€', '😀', '\u{2028}'];

#[test]
fn strings_are_written_as_json_stringify_writes_them_and_read_back() {
    let mut rng = Rng(0x5EED_0001);
    for _ in 0..5000 {
        let len = rng.range(0, 80); // several 8-byte chunks of the reader's scan
        let s = rng.text(POOL, len);
        let written = Str(&s).to_json();
        assert_eq!(written, serde_json::to_string(&s).unwrap(), "writing {s:?}");
        assert_eq!(parse(&written), Some(Value::String(Text::from(s.as_str()))), "reading {written}");
    }
}

#[test]
fn text_that_is_not_json_is_refused() {
    assert_eq!(parse("\"abc"), None);
    assert_eq!(parse("{\"a\":1,}"), None);
    assert_eq!(parse("[1] 2"), None);
    assert_eq!(parse("\"\\u12\""), None);
}

#[test]
fn lone_surrogate_escapes_are_kept_visible() {
    let Some(Value::String(text)) = parse(r#""a\ud800b""#) else { panic!("a string") };
    assert_eq!((text.text.as_str(), text.well_formed), ("a\u{FFFD}b", false));
    let Some(Value::String(text)) = parse(r#""\ud83d\ude00""#) else { panic!("a string") };
    assert_eq!((text.text.as_str(), text.well_formed), ("😀", true));
}

/// Numbers are read by the JSON grammar and printed as JavaScript's `String(n)` prints them
/// (in wasm JavaScript itself does both: src/number.rs).
#[test]
fn numbers_as_javascript_reads_and_prints_them() {
    use cleanroomsml_wasm::number;
    for (text, value) in [("0", 0.0), ("-0", -0.0), ("12", 12.0), ("1.5", 1.5), ("1e3", 1000.0), ("-2.5E-3", -0.0025), ("123456789012345678", 123456789012345680.0)] {
        assert_eq!(number::parse(text), Some(value), "{text}");
    }
    for bad in ["", "-", "01", "1.", ".5", "+1", "1e", "1e+", "0x10", "1_0", " 1", "NaN", "--1"] {
        assert_eq!(number::parse(bad), None, "{bad:?}");
    }
    let printed = [
        (0.0, "0"), (-0.0, "0"), (10.0, "10"), (-3.0, "-3"), (0.01, "0.01"), (1.5, "1.5"), (100.000001, "100.000001"),
        (0.1 + 0.2, "0.30000000000000004"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (123e-9, "1.23e-7"),
        (0.000001, "0.000001"), (1e-7, "1e-7"), (-1.5e300, "-1.5e+300"), (9007199254740993.0, "9007199254740992"),
        (f64::NAN, "NaN"), (f64::INFINITY, "Infinity"), (f64::NEG_INFINITY, "-Infinity"), (2f64.powi(60), "1152921504606847000"),
    ];
    for (n, text) in printed {
        assert_eq!(number::to_string(n), text, "{n:e}");
    }
}
