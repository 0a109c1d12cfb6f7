//! Near-duplicate articles: wire copies and re-publications with a new headline or a changed
//! word. Each text becomes a set of word 3-shingles; a 100-value MinHash signature cut into 20
//! bands of 5 is stored in `article_bands`, so the articles sharing bands with a new one are
//! found by index lookups instead of comparing against every stored article.
//!
//! Thresholds, and why:
//! - Shingles of 3 words: a one-word edit changes at most 3 shingles, so a 40-word wire brief
//!   with one changed word keeps a Jaccard similarity of about 0.85, while two different
//!   reports of the same meeting (same names, different sentences) share few 3-word runs.
//! - Duplicate when the exact Jaccard similarity of the shingle sets is at least 0.8: re-edited
//!   copies measure 0.85–1.0; independent reports, even of one event, stay far below.
//! - 20 bands × 5 rows, and a candidate must share at least 2 bands: a pair at similarity 0.8
//!   shares 2+ of 20 bands (each with probability 0.8⁵ ≈ 0.33) with probability ≈ 0.996; a pair
//!   at 0.3 (articles of one outlet share datelines and stock phrases) with ≈ 0.001. Requiring
//!   one band instead let ~15% of such pairs through, and the exact check of each (re-reading
//!   and shingling its text) made ingest slow down with the size of the store. Candidates
//!   are then checked with the exact similarity.
//! - Texts with fewer than 10 shingles are never near-duplicates: two short briefs share most
//!   of their words by chance. The exact content hash still catches their copies.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};

const SHINGLE_WORDS: usize = 3;
const BANDS: usize = 20;
const ROWS: usize = 5;
/// Bands a stored article must share with a new one to be checked exactly.
const MIN_SHARED_BANDS: usize = 2;
const MIN_SHINGLES: usize = 10;
/// Exact Jaccard similarity at or above which two texts are one article.
pub const NEAR_DUPLICATE_JACCARD: f64 = 0.8;

/// The shingle set of a text: hashes of each run of three consecutive lowercased words.
pub fn shingles(text: &str) -> HashSet<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(SHINGLE_WORDS)
        .map(|w| fnv1a(w.join(" ").as_bytes()))
        .collect()
}

/// FNV-1a: stable across Rust versions and platforms, unlike std's hasher, which matters
/// because band hashes are stored in the database and compared with ones computed later.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// SplitMix64 finaliser: turns (shingle, seed) into an independent-looking permutation value.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The band hashes of a shingle set, or nothing for a text too short to judge.
pub fn bands(shingles: &HashSet<u64>) -> Vec<i64> {
    if shingles.len() < MIN_SHINGLES {
        return Vec::new();
    }
    let mut signature = [u64::MAX; BANDS * ROWS];
    for &s in shingles {
        for (i, slot) in signature.iter_mut().enumerate() {
            let seed = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            *slot = (*slot).min(mix(s ^ seed));
        }
    }
    signature
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut bytes = Vec::with_capacity(8 * (ROWS + 1));
            bytes.extend_from_slice(&(band as u64).to_le_bytes());
            for r in rows {
                bytes.extend_from_slice(&r.to_le_bytes());
            }
            // Stored as SQLite INTEGER, which is signed; the bits are what matter.
            fnv1a(&bytes) as i64
        })
        .collect()
}

pub fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// How an article was found to repeat another.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The original article (never itself a duplicate).
    pub of: String,
    /// "exact" (same content hash) or "near".
    pub kind: &'static str,
    pub similarity: f64,
}

/// The stored original that `id`'s text repeats, if any.
pub(crate) fn find_duplicate(
    tx: &Connection,
    id: &str,
    hash: &str,
    shingles: &HashSet<u64>,
    bands: &[i64],
) -> rusqlite::Result<Option<Duplicate>> {
    let exact: Option<String> = tx
        .query_row(
            "SELECT id FROM articles WHERE content_hash = ?1 AND id <> ?2 \
             AND duplicate_of IS NULL ORDER BY rowid LIMIT 1",
            params![hash, id],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(of) = exact {
        return Ok(Some(Duplicate {
            of,
            kind: "exact",
            similarity: 1.0,
        }));
    }
    if bands.is_empty() {
        return Ok(None);
    }
    let mut shared: std::collections::HashMap<String, usize> = Default::default();
    {
        let mut lookup = tx.prepare_cached(
            "SELECT article_id FROM article_bands WHERE band = ?1 AND hash = ?2 AND article_id <> ?3",
        )?;
        for (band, h) in bands.iter().enumerate() {
            let rows = lookup.query_map(params![band as i64, h, id], |row| row.get(0))?;
            for row in rows {
                let cand: String = row?;
                *shared.entry(cand).or_default() += 1;
            }
        }
    }
    // Sorted so that a tie in similarity always picks the same original.
    let mut candidates: Vec<String> = shared
        .into_iter()
        .filter(|(_, n)| *n >= MIN_SHARED_BANDS)
        .map(|(c, _)| c)
        .collect();
    candidates.sort();
    let mut best: Option<Duplicate> = None;
    let mut text_of = tx.prepare_cached("SELECT text FROM articles WHERE id = ?1")?;
    for cand in candidates {
        let text: String = text_of.query_row([&cand], |row| row.get(0))?;
        let sim = jaccard(shingles, &self::shingles(&text));
        if sim >= NEAR_DUPLICATE_JACCARD && best.as_ref().is_none_or(|b| sim > b.similarity) {
            best = Some(Duplicate {
                of: cand,
                kind: "near",
                similarity: sim,
            });
        }
    }
    Ok(best)
}

/// Indexes an original article so that later copies of it are found.
pub(crate) fn index_bands(tx: &Connection, id: &str, bands: &[i64]) -> rusqlite::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO article_bands (band, hash, article_id) VALUES (?1, ?2, ?3)",
    )?;
    for (band, h) in bands.iter().enumerate() {
        insert.execute(params![band as i64, h, id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Indian and Afghan officials met in Kabul on Tuesday to discuss trade \
        routes, humanitarian aid and the reopening of consular services, the ministry said in \
        a statement issued after the talks ended late in the evening.";

    #[test]
    fn one_changed_word_is_near_duplicate_and_other_text_is_not() {
        let a = shingles(WIRE);
        let b = shingles(&WIRE.replace("Tuesday", "Wednesday"));
        let sim = jaccard(&a, &b);
        assert!(sim >= NEAR_DUPLICATE_JACCARD, "similarity {sim}");
        let other = shingles(
            "Japan's foreign minister hosted his Afghan counterpart in Tokyo, where the two \
             sides signed a memorandum on scholarships and reconstruction projects for schools.",
        );
        assert!(jaccard(&a, &other) < 0.1);
        // Near-identical texts share bands; the short-text guard gives no bands at all.
        let (ba, bb) = (bands(&a), bands(&b));
        assert_eq!(ba.len(), BANDS);
        assert!(ba.iter().zip(&bb).any(|(x, y)| x == y));
        assert!(bands(&shingles("Leaders met today")).is_empty());
    }
}
