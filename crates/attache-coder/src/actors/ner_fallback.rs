//! The statistical fallback: names the NER tagger ([`crate::ner`]) finds that no rule covered.
//!
//! It only completes what the rules found, never guesses a code on its own: an organisation
//! whose name holds a state ("Pakistan Muslim League", "the Iranian Students News Agency") is
//! that state's, in the sector its head noun says; an unknown person right next to a bare title
//! ("the lawyer, Vladimir Terzic", "a spokesman Ali Reza") is that title's holder. A bare unknown
//! name gives nothing.

use super::{ActorMention, ArticleContext, MentionKind};
use crate::ner::Model;

/// Head words of organisation names and the sector they give; the first match wins.
const ORG_SECTORS: &[(&[&str], &str)] = &[
    (
        &[
            "news",
            "agency",
            "times",
            "post",
            "tv",
            "television",
            "radio",
            "press",
            "daily",
            "tribune",
            "herald",
            "journal",
            "broadcasting",
            "media",
        ],
        "MED",
    ),
    (&["party", "league", "movement", "front", "alliance"], "PTY"),
    (
        &["university", "college", "school", "institute", "academy"],
        "EDU",
    ),
    (
        &[
            "bank",
            "company",
            "corporation",
            "corp",
            "inc",
            "ltd",
            "airlines",
            "airways",
            "holdings",
            "industries",
            "petroleum",
            "group",
        ],
        "BUS",
    ),
    (&["court", "tribunal", "prosecution"], "JUD"),
    (&["police"], "COP"),
    (&["army", "forces", "navy", "corps", "guard"], "MIL"),
    (&["parliament", "assembly", "senate"], "LEG"),
];

fn org_sector(name: &str) -> Option<&'static str> {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect();
    ORG_SECTORS
        .iter()
        .find(|(heads, _)| words.iter().any(|w| heads.contains(&w.as_str())))
        .map(|(_, s)| *s)
}

/// `found` (sorted, disjoint) completed with the tagger's names in `text[start..end]`.
pub(super) fn extend(
    text: &str,
    start: usize,
    end: usize,
    mut found: Vec<ActorMention>,
    ctx: &mut ArticleContext,
) -> Vec<ActorMention> {
    let model = Model::embedded();
    if model.is_empty() || !could_complete(&text[start..end], &found) {
        return found;
    }
    for e in model.entities(&text[start..end]) {
        let (s, t) = (start + e.start, start + e.end);
        let inside: Vec<usize> = (0..found.len())
            .filter(|&k| found[k].start < t && s < found[k].end)
            .collect();
        match e.label {
            "ORG" => org(text, s, t, &inside, &mut found),
            "PER" if inside.is_empty() => person(text, s, t, &mut found, ctx),
            _ => {}
        }
    }
    found
}

/// Whether a name the tagger finds could change `found`: a person needs a bare title to hold,
/// an organisation a state inside its name and a head word that gives its sector. Most
/// sentences have neither, and tagging them is a tenth of the cost of coding an article.
fn could_complete(sentence: &str, found: &[ActorMention]) -> bool {
    let titled = found.iter().any(is_bare_title);
    let state = found.iter().any(|m| {
        matches!(
            m.kind,
            MentionKind::Country | MentionKind::Adjective | MentionKind::Capital
        )
    });
    titled || (state && org_sector(sentence).is_some())
}

fn is_bare_title(m: &ActorMention) -> bool {
    m.kind == MentionKind::Title && m.name.is_none() && m.role.is_some() && !m.code.is_empty()
}

/// An organisation named after a state: the state's mentions inside the name become one.
fn org(text: &str, s: usize, t: usize, inside: &[usize], found: &mut Vec<ActorMention>) {
    let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
        return;
    };
    let states_only = inside.iter().all(|&k| {
        let m = &found[k];
        m.start >= s
            && m.end <= t
            && matches!(
                m.kind,
                MentionKind::Country | MentionKind::Adjective | MentionKind::Capital
            )
    });
    let wider = found[first].start > s || found[last].end < t;
    let Some(sector) = org_sector(&text[s..t]) else {
        return;
    };
    if !states_only || !wider {
        return;
    }
    let state = found[first].clone();
    let m = ActorMention {
        start: s.min(state.start),
        end: t,
        sector: sector.to_string(),
        org: Some(text[s..t].to_string()),
        kind: MentionKind::Organisation,
        rule: format!("ner:ORG+{}", state.rule),
        ..state
    };
    found.splice(first..=last, [m]);
}

/// An unknown person next to a bare title holds it: "the lawyer, Vladimir Terzic".
fn person(text: &str, s: usize, t: usize, found: &mut [ActorMention], ctx: &mut ArticleContext) {
    let gap = |a: usize, b: usize| {
        text[a..b]
            .trim_matches(|c: char| c == ',' || c.is_whitespace())
            .is_empty()
    };
    let before = found.iter().rposition(|m| m.end <= s);
    let after = found.iter().position(|m| m.start >= t);
    let k = match (before, after) {
        (Some(b), _) if is_bare_title(&found[b]) && gap(found[b].end, s) => b,
        (_, Some(a)) if is_bare_title(&found[a]) && gap(t, found[a].start) => a,
        _ => return,
    };
    let m = &mut found[k];
    m.start = m.start.min(s);
    m.end = m.end.max(t);
    m.name = Some(text[s..t].to_string());
    m.kind = MentionKind::TitledPerson;
    m.rule = format!("ner:PER+{}", m.rule);
    if !ctx.people.iter().any(|p| p.name == m.name) {
        ctx.people.push(m.clone());
    }
}
