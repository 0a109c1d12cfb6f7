//! Feature hashing: every feature is a 64-bit hash of a template id and its atoms
//! (word hashes, tag and label ids), computed without allocating.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes `x` into the running hash `h`.
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final avalanche, so that low bits are good table indices; never 0 (0 marks an empty slot).
#[inline(always)]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h | 1
}

/// The hash of a feature: a template id and up to three atoms.
#[inline(always)]
pub fn feat(template: u64, a: u64, b: u64, c: u64) -> u64 {
    finish(mix(mix(mix(mix(0, template), a), b), c))
}

/// Hash of a string's bytes.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in s.bytes() {
        h = mix(h, b as u64);
    }
    mix(h, 0xff)
}

/// Hash of a string lowercased (Unicode simple lowercase), without allocating.
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    if s.is_ascii() {
        for b in s.bytes() {
            h = mix(h, b.to_ascii_lowercase() as u64);
        }
    } else {
        let mut buf = [0u8; 4];
        for c in s.chars().flat_map(char::to_lowercase) {
            for b in c.encode_utf8(&mut buf).bytes() {
                h = mix(h, b as u64);
            }
        }
    }
    mix(h, 0xff)
}

/// Hash of the last `n` chars of `s`, lowercased, or of the whole of `s` when shorter.
#[inline]
pub fn hash_suffix(s: &str, n: usize) -> u64 {
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    mix(hash_lower(&s[start..]), n as u64)
}

/// Hash of the first `n` chars of `s`, lowercased.
#[inline]
pub fn hash_prefix(s: &str, n: usize) -> u64 {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    mix(hash_lower(&s[..end]), 0x100 + n as u64)
}

/// Hash of the word's shape: `Xxxx` → `Xx`, `U.S.` → `X.X.`, `1,200` → `d,d`
/// (runs of the same class collapse, at most 6 classes kept).
#[inline]
pub fn hash_shape(s: &str) -> u64 {
    let mut h = 0x5a5a_5a5au64;
    let mut last = 0u64;
    let mut n = 0;
    for c in s.chars() {
        let class = if c.is_uppercase() {
            1
        } else if c.is_lowercase() {
            2
        } else if c.is_ascii_digit() {
            3
        } else if c.is_alphabetic() {
            4
        } else {
            16 + (c as u64 & 0xffff)
        };
        if class != last {
            h = mix(h, class);
            last = class;
            n += 1;
            if n == 6 {
                break;
            }
        }
    }
    mix(h, 0x200)
}

/// A small deterministic random number generator (xorshift64*) for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_hash_ignores_case_and_affixes_cut_chars() {
        assert_eq!(hash_lower("Minister"), hash_lower("minister"));
        assert_eq!(hash_suffix("Killed", 2), hash_suffix("ed", 2));
        assert_eq!(hash_suffix("é", 3), hash_suffix("É", 3));
        assert_eq!(hash_prefix("Über", 1), hash_prefix("ü", 1));
        assert_eq!(hash_shape("Minister"), hash_shape("Paris"));
        assert_ne!(hash_shape("U.S."), hash_shape("US"));
    }
}
