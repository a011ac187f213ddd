//! Text built without `core::fmt`: every message, URL, date and header this module writes
//! is joined from `&str` pieces here, and its numbers written by one digit writer.
//! `format!`, `write!` and `to_string()` would bring `core::fmt` (its `write`, padding and
//! integer printing: about 4 KB of wasm) into the module for these few texts.
//!
//! A call site reads as the format string did:
//! `concat(&["has ", &decimal(n), " items"])` for `format!("has {n} items")`.

/// The pieces, one after the other.
pub fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|piece| piece.len()).sum());
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// The digits of each base: its length is the base.
pub const DECIMAL: &[u8] = b"0123456789";
pub const UPPER_HEX: &[u8] = b"0123456789ABCDEF";
pub const LOWER_HEX: &[u8] = b"0123456789abcdef";

/// Appends `n` written with `digits` (`DECIMAL`, `UPPER_HEX`, `LOWER_HEX`), zeros in front
/// up to `width` digits: `push_digits(out, n, 4, UPPER_HEX)` is `{n:04X}`.
pub fn push_digits(out: &mut String, mut n: u64, width: usize, digits: &[u8]) {
    let base = digits.len() as u64;
    let mut buffer = [b'0'; 64];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = digits[(n % base) as usize];
        n /= base;
        if n == 0 {
            break;
        }
    }
    at = at.min(buffer.len() - width.min(buffer.len()));
    out.extend(buffer[at..].iter().map(|&d| char::from(d)));
}

/// `n` in decimal: `{n}`.
pub fn decimal(n: usize) -> String {
    let mut out = String::new();
    push_digits(&mut out, n as u64, 1, DECIMAL);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_core_fmt_writes_them() {
        for n in [0u64, 1, 9, 10, 99, 255, 4096, 65_535, 1 << 20, u32::MAX.into(), u64::MAX] {
            for width in [0, 1, 2, 3, 4, 6, 25] {
                let mut out = String::new();
                push_digits(&mut out, n, width, DECIMAL);
                push_digits(&mut out, n, width, UPPER_HEX);
                push_digits(&mut out, n, width, LOWER_HEX);
                assert_eq!(out, format!("{n:0width$}{n:0width$X}{n:0width$x}"));
            }
        }
        assert_eq!(decimal(1234), "1234");
        assert_eq!(concat(&["a", "", "bc", &decimal(7)]), "abc7");
        assert_eq!(concat(&[]), "");
    }
}
