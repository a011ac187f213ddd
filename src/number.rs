//! Numbers as JavaScript reads and prints them. In wasm, JavaScript does it (`Number(text)`,
//! `String(n)`), which keeps Rust's float parsing and printing (about 20 KB of gzip) out of
//! the module and makes every number printed exactly as `JSON.stringify` prints it; whole
//! numbers below 2^53 are read and printed here without a call. Natively (the tests), Rust
//! does the same following JavaScript's rules.

/// The value of a JSON number (RFC 8259 grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`);
/// None for anything else.
pub fn parse(text: &str) -> Option<f64> {
    if !is_json_number(text.as_bytes()) {
        return None;
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let whole = digits.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
        return Some(if text.starts_with('-') { -whole } else { whole });
    }
    Some(platform::parse(text))
}

/// Appends `n` as JavaScript's `String(n)` writes it (`NaN`, `-Infinity`, `1e+21`, `0.1`).
/// `-0` is written `0`, as JavaScript does.
pub fn write(n: f64, out: &mut String) {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        if n < 0.0 {
            out.push('-');
        }
        crate::text::push_digits(out, n.abs() as u64, 1, crate::text::DECIMAL);
    } else {
        out.push_str(&platform::format(n));
    }
}

/// `n` as JavaScript's `String(n)` writes it.
pub fn to_string(n: f64) -> String {
    let mut out = String::new();
    write(n, &mut out);
    out
}

fn is_json_number(b: &[u8]) -> bool {
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/js/values.js")]
    extern "C" {
        /// `Number(text)`
        #[wasm_bindgen(js_name = numberFromText)]
        fn number_from_text(text: &str) -> f64;
        /// `String(n)`
        #[wasm_bindgen(js_name = numberText)]
        fn number_text(n: f64) -> String;
    }

    pub fn parse(text: &str) -> f64 {
        number_from_text(text)
    }

    pub fn format(n: f64) -> String {
        number_text(n)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    pub fn parse(text: &str) -> f64 {
        text.parse().unwrap_or(f64::NAN)
    }

    /// ECMAScript's Number::toString(10): the shortest digits that read back as `n`
    /// (Rust's `{:e}` finds them), placed by the decimal point's position.
    pub fn format(n: f64) -> String {
        if n.is_nan() {
            return "NaN".into();
        }
        if n.is_infinite() {
            return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
        }
        if n == 0.0 {
            return "0".into();
        }
        let scientific = format!("{:e}", n.abs());
        let (mantissa, exponent) = scientific.split_once('e').expect("{:e} has an exponent");
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let k = digits.len() as i32;
        let point = exponent.parse::<i32>().expect("a whole exponent") + 1; // digits before the point
        let sign = if n < 0.0 { "-" } else { "" };
        let body = if k <= point && point <= 21 {
            format!("{digits}{}", "0".repeat((point - k) as usize))
        } else if 0 < point && point <= 21 {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        } else if -6 < point && point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else {
            let rest = if k > 1 { format!(".{}", &digits[1..]) } else { String::new() };
            let e = point - 1;
            format!("{}{rest}e{}{}", &digits[..1], if e < 0 { "-" } else { "+" }, e.abs())
        };
        format!("{sign}{body}")
    }
}
