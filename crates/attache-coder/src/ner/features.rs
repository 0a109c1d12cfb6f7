//! Features of a word in context for the NER tagger, hashed to 64 bits (FNV-1a, stable across
//! builds and platforms so that a trained model keeps its meaning).

/// The word's shape with runs collapsed: "Kabul" → "Xx", "UN" → "X", "2021" → "d", "al-Ani" → "x-Xx".
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
        // A separator so that ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Lower-cased words, shapes and the start of each word (for "first word" features).
pub struct Sentence {
    lower: Vec<String>,
    shapes: Vec<String>,
    raw: Vec<String>,
}

impl Sentence {
    pub fn new<S: AsRef<str>>(words: &[S]) -> Sentence {
        Sentence {
            lower: words.iter().map(|w| w.as_ref().to_lowercase()).collect(),
            shapes: words.iter().map(|w| shape(w.as_ref())).collect(),
            raw: words.iter().map(|w| w.as_ref().to_string()).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.lower.len()
    }

    fn lower(&self, i: isize) -> &str {
        match usize::try_from(i).ok().and_then(|i| self.lower.get(i)) {
            Some(w) => w,
            None if i < 0 => "<s>",
            None => "</s>",
        }
    }

    fn shape(&self, i: isize) -> &str {
        match usize::try_from(i).ok().and_then(|i| self.shapes.get(i)) {
            Some(w) => w,
            None => "#",
        }
    }

    /// The features of word `i` given the tags of the two words before it.
    pub fn features(&self, i: usize, prev: &str, prev2: &str, out: &mut Vec<u64>) {
        out.clear();
        let k = i as isize;
        let w = self.lower(k);
        let raw = &self.raw[i];
        let chars: Vec<char> = w.chars().collect();
        let pre: String = chars.iter().take(3).collect();
        let suf3: String = chars[chars.len().saturating_sub(3)..].iter().collect();
        let suf2: String = chars[chars.len().saturating_sub(2)..].iter().collect();
        let first = if i == 0 { "1" } else { "0" };
        let f = |t: &str, a: &str, b: &str| fnv(&[t.as_bytes(), a.as_bytes(), b.as_bytes()]);
        out.push(f("bias", "", ""));
        out.push(f("w", w, ""));
        out.push(f("raw", raw, ""));
        out.push(f("pre", &pre, ""));
        out.push(f("suf3", &suf3, ""));
        out.push(f("suf2", &suf2, ""));
        out.push(f("shape", self.shape(k), first));
        out.push(f("w-1", self.lower(k - 1), ""));
        out.push(f("w+1", self.lower(k + 1), ""));
        out.push(f("w-2", self.lower(k - 2), ""));
        out.push(f("w+2", self.lower(k + 2), ""));
        out.push(f("s-1", self.shape(k - 1), self.shape(k)));
        out.push(f("s+1", self.shape(k), self.shape(k + 1)));
        out.push(f("t-1", prev, ""));
        out.push(f("t-2", prev, prev2));
        out.push(f("t-1w", prev, w));
        out.push(f("w-1w", self.lower(k - 1), w));
        out.push(f("ww+1", w, self.lower(k + 1)));
        out.push(f("t-1s", prev, self.shape(k)));
    }
}
