//! SHA-256 (FIPS 180-4), for the payload hash, the canonical request's hash and HMAC.
//!
//! Written here rather than taken from `sha2`, whose compression function is 64 rounds
//! unrolled (8 KB of wasm): here the rounds are unrolled sixteen at a time, so the message
//! schedule stays in sixteen locals and the code is a quarter of that, for the same speed
//! within noise (bench/levers.md). `sha2` remains the oracle in the tests.

/// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// The first 32 bits of the fractional parts of the square roots of the first 8 primes.
const INITIAL: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// A running hash: `update` with the message in pieces, then `finish`.
#[derive(Clone)]
pub struct Sha256 {
    state: [u32; 8],
    /// The bytes of the block not yet full.
    block: [u8; 64],
    /// The message's length so far, in bytes.
    length: u64,
}

impl Default for Sha256 {
    fn default() -> Self {
        Sha256 { state: INITIAL, block: [0; 64], length: 0 }
    }
}

impl Sha256 {
    pub fn update(&mut self, mut data: &[u8]) {
        let filled = (self.length % 64) as usize;
        self.length += data.len() as u64;
        if filled > 0 {
            let n = data.len().min(64 - filled);
            self.block[filled..filled + n].copy_from_slice(&data[..n]);
            data = &data[n..];
            if filled + n < 64 {
                return;
            }
            compress(&mut self.state, &self.block);
        }
        let mut blocks = data.chunks_exact(64);
        for block in &mut blocks {
            compress(&mut self.state, block.try_into().unwrap_or(&[0; 64]));
        }
        let rest = blocks.remainder();
        self.block[..rest.len()].copy_from_slice(rest);
    }

    /// Pads the message (a 1 bit, zeros, its length in bits) and gives the digest.
    pub fn finish(mut self) -> [u8; 32] {
        let bits = self.length.wrapping_mul(8);
        let filled = (self.length % 64) as usize;
        self.block[filled] = 0x80;
        self.block[filled + 1..].fill(0);
        if filled >= 56 {
            compress(&mut self.state, &self.block);
            self.block = [0; 64];
        }
        self.block[56..].copy_from_slice(&bits.to_be_bytes());
        compress(&mut self.state, &self.block);
        let mut digest = [0u8; 32];
        for (out, word) in digest.chunks_exact_mut(4).zip(self.state) {
            out.copy_from_slice(&word.to_be_bytes());
        }
        digest
    }
}

/// The digest of one message.
pub fn digest(data: &[u8]) -> [u8; 32] {
    let mut hash = Sha256::default();
    hash.update(data);
    hash.finish()
}

/// One round: `t1` is added to `d` and `h` becomes `t1 + t2`; the caller rotates the names
/// instead of the values.
macro_rules! round {
    ($a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident, $kw:expr) => {
        let t1 = $h
            .wrapping_add($e.rotate_right(6) ^ $e.rotate_right(11) ^ $e.rotate_right(25))
            .wrapping_add(($e & $f) ^ (!$e & $g))
            .wrapping_add($kw);
        let t2 = ($a.rotate_right(2) ^ $a.rotate_right(13) ^ $a.rotate_right(22)).wrapping_add(($a & $b) ^ ($a & $c) ^ ($b & $c));
        $d = $d.wrapping_add(t1);
        $h = t1.wrapping_add(t2);
    };
}

/// `w[j] += σ0(w[j + 1]) + w[j + 9] + σ1(w[j + 14])` (indices mod 16) for each `j` given.
macro_rules! schedule {
    ($w:ident, $($j:literal)*) => {$(
        let (w1, w14) = ($w[($j + 1) % 16], $w[($j + 14) % 16]);
        let s0 = w1.rotate_right(7) ^ w1.rotate_right(18) ^ (w1 >> 3);
        let s1 = w14.rotate_right(17) ^ w14.rotate_right(19) ^ (w14 >> 10);
        $w[$j] = $w[$j].wrapping_add(s0).wrapping_add($w[($j + 9) % 16]).wrapping_add(s1);
    )*};
}

/// The compression function over one 64-byte block, sixteen rounds at a time.
fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
    // The block's sixteen big-endian words, each at a constant index (so `w` stays in locals).
    macro_rules! words {
        ($($j:literal)*) => { [$(u32::from_be_bytes([block[4 * $j], block[4 * $j + 1], block[4 * $j + 2], block[4 * $j + 3]])),*] };
    }
    let mut w = words!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15);
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for i in 0..4 {
        let k: &[u32; 16] = K[i * 16..][..16].try_into().unwrap_or(&[0; 16]);
        if i > 0 {
            // The schedule's next sixteen words, in place (each needs the one two before it),
            // unrolled so that they stay in locals.
            schedule!(w, 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15);
        }
        round!(a, b, c, d, e, f, g, h, k[0].wrapping_add(w[0]));
        round!(h, a, b, c, d, e, f, g, k[1].wrapping_add(w[1]));
        round!(g, h, a, b, c, d, e, f, k[2].wrapping_add(w[2]));
        round!(f, g, h, a, b, c, d, e, k[3].wrapping_add(w[3]));
        round!(e, f, g, h, a, b, c, d, k[4].wrapping_add(w[4]));
        round!(d, e, f, g, h, a, b, c, k[5].wrapping_add(w[5]));
        round!(c, d, e, f, g, h, a, b, k[6].wrapping_add(w[6]));
        round!(b, c, d, e, f, g, h, a, k[7].wrapping_add(w[7]));
        round!(a, b, c, d, e, f, g, h, k[8].wrapping_add(w[8]));
        round!(h, a, b, c, d, e, f, g, k[9].wrapping_add(w[9]));
        round!(g, h, a, b, c, d, e, f, k[10].wrapping_add(w[10]));
        round!(f, g, h, a, b, c, d, e, k[11].wrapping_add(w[11]));
        round!(e, f, g, h, a, b, c, d, k[12].wrapping_add(w[12]));
        round!(d, e, f, g, h, a, b, c, k[13].wrapping_add(w[13]));
        round!(c, d, e, f, g, h, a, b, k[14].wrapping_add(w[14]));
        round!(b, c, d, e, f, g, h, a, k[15].wrapping_add(w[15]));
    }
    let [sa, sb, sc, sd, se, sf, sg, sh] = state;
    (*sa, *sb, *sc, *sd) = (sa.wrapping_add(a), sb.wrapping_add(b), sc.wrapping_add(c), sd.wrapping_add(d));
    (*se, *sf, *sg, *sh) = (se.wrapping_add(e), sf.wrapping_add(f), sg.wrapping_add(g), sh.wrapping_add(h));
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    #[test]
    fn equals_sha2_for_every_length_around_the_block_edges_and_in_pieces() {
        let message: Vec<u8> = (0..1000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for n in (0..=300).chain([511, 512, 513, 999, 1000]) {
            let expected: [u8; 32] = sha2::Sha256::digest(&message[..n]).into();
            assert_eq!(digest(&message[..n]), expected, "{n} bytes at once");
            for split in [1, 55, 63, 64, 65, 200] {
                let mut hash = Sha256::default();
                for piece in message[..n].chunks(split) {
                    hash.update(piece);
                }
                assert_eq!(hash.finish(), expected, "{n} bytes in pieces of {split}");
            }
        }
    }

    #[test]
    fn known_digests() {
        let hex = |d: [u8; 32]| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(hex(digest(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(hex(digest(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            hex(digest(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }
}
