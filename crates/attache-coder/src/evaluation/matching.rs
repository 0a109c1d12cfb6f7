//! When an emitted event counts as a gold one (GUIDELINES §7), and the one-to-one matching of an
//! article's emitted events to its gold events.

use super::plover;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// PLOVER types whose direction the scorer ignores.
const SYMMETRIC: &[&str] = &["CONSULT", "AGREE", "COOPERATE"];

fn code(actor: Option<&Value>) -> Option<String> {
    let c = actor?.get("code")?.as_str()?.to_uppercase();
    (!c.is_empty()).then_some(c)
}

fn sector(actor: Option<&Value>) -> String {
    actor
        .and_then(|a| a.get("sector"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_uppercase()
}

fn planned(e: &Value) -> bool {
    e.get("modality").and_then(Value::as_str) == Some("planned")
}

fn joint(e: &Value) -> bool {
    super::truthy(e.get("joint"))
}

/// Whether emitted `p` can stand for gold `g`: same type, same actor codes (either order for
/// symmetric and joint events), same modality class except for AGREE; `typed` also compares
/// sectors.
pub(super) fn compatible(p: &Value, g: &Value, typed: bool) -> bool {
    let type_ = plover(g);
    if plover(p) != type_ {
        return false;
    }
    if planned(p) != planned(g) && type_ != "AGREE" {
        return false;
    }
    let (ps, pt) = (p.get("source"), p.get("target"));
    let (gs, gt) = (g.get("source"), g.get("target"));
    let direct = code(ps) == code(gs) && code(pt) == code(gt);
    if direct {
        return !typed || (sector(ps) == sector(gs) && sector(pt) == sector(gt));
    }
    let unordered = SYMMETRIC.contains(&type_.as_str()) || joint(g) || joint(p);
    let reversed = unordered && code(ps) == code(gt) && code(pt) == code(gs);
    reversed && (!typed || (sector(ps) == sector(gt) && sector(pt) == sector(gs)))
}

/// Whether the emitted date equals the gold date at the gold precision; `None` when the gold
/// event has no date.
pub(super) fn date_agrees(p: &Value, g: &Value) -> Option<bool> {
    let gold = g
        .get("date")
        .and_then(Value::as_str)
        .filter(|d| !d.is_empty())?;
    let emitted = p.get("date").and_then(Value::as_str).unwrap_or("");
    let n = match g.get("date_precision").and_then(Value::as_str) {
        Some("day") => 10,
        Some("month") => 7,
        Some("year") => 4,
        _ => gold.len(),
    };
    let prefix = |s: &str| s.get(..n).unwrap_or(s).to_string();
    Some(emitted.len() >= n && prefix(emitted) == prefix(gold))
}

/// A maximum one-to-one matching, gold index → emitted index. Pairs whose dates agree are
/// matched first, then the rest; within a pass, augmenting paths are tried in the order the
/// shared scorer tries them, so that both pick the same pairs and report the same date figures.
pub(super) fn match_events(
    preds: &[&Value],
    golds: &[&Value],
    typed: bool,
) -> BTreeMap<usize, usize> {
    let mut pairs: BTreeMap<usize, usize> = BTreeMap::new();
    for dates_first in [true, false] {
        let used: HashSet<usize> = pairs.values().copied().collect();
        // Gold indexes in the order they first gain a candidate, and each one's candidates.
        let mut order: Vec<usize> = Vec::new();
        let mut candidates: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, p) in preds.iter().enumerate() {
            if used.contains(&i) {
                continue;
            }
            for (j, g) in golds.iter().enumerate() {
                if pairs.contains_key(&j) || !compatible(p, g, typed) {
                    continue;
                }
                if dates_first && date_agrees(p, g) == Some(false) {
                    continue;
                }
                candidates
                    .entry(j)
                    .or_insert_with(|| {
                        order.push(j);
                        Vec::new()
                    })
                    .push(i);
            }
        }
        let mut owner: HashMap<usize, usize> = HashMap::new();
        for &j in &order {
            augment(j, &candidates, &mut owner, &mut HashSet::new());
        }
        for (i, j) in owner {
            pairs.insert(j, i);
        }
    }
    pairs
}

/// Kuhn's augmenting path from gold `j`; `owner` maps an emitted index to its gold index.
fn augment(
    j: usize,
    candidates: &HashMap<usize, Vec<usize>>,
    owner: &mut HashMap<usize, usize>,
    seen: &mut HashSet<usize>,
) -> bool {
    for &i in candidates.get(&j).map_or(&[][..], Vec::as_slice) {
        if !seen.insert(i) {
            continue;
        }
        let free = match owner.get(&i) {
            None => true,
            Some(&other) => augment(other, candidates, owner, seen),
        };
        if free {
            owner.insert(i, j);
            return true;
        }
    }
    false
}
