//! Within-article memory: persons for later surnames, salient actors for pronouns.

use super::{ActorMention, ArticleContext, MentionKind};

/// What one sentence has named so far: the first person and the first group a sentence names are
/// usually its subjects, and subjects are what a later "he" or "they" refers to ("A thanked B. He
/// said ..." is A speaking).
#[derive(Debug, Default)]
pub(super) struct Seen {
    person: bool,
    group: bool,
}

/// Records a mention in the article context as it is found, in text order.
pub(super) fn remember(ctx: &mut ArticleContext, m: &ActorMention, seen: &mut Seen) {
    let armed = m.sector == "REB" || m.code == "IMG";
    let inferred = matches!(m.kind, MentionKind::Pronoun | MentionKind::Pair)
        || m.rule.starts_with("home-state");
    if armed && !inferred {
        ctx.armed_group = Some(m.clone());
    }
    let person = m.name.is_some()
        && matches!(
            m.kind,
            MentionKind::TitledPerson
                | MentionKind::KnownPerson
                | MentionKind::Surname
                | MentionKind::Title
        );
    let pronoun_for_person = m.kind == MentionKind::Pronoun && m.name.is_some();
    if person || pronoun_for_person {
        if !seen.person {
            ctx.last_salient = Some(m.clone());
            seen.person = true;
        }
        let known = ctx.people.iter().any(|p| p.name == m.name);
        if person && !known && m.kind != MentionKind::Surname {
            ctx.people.push(m.clone());
        }
        return;
    }
    let group = match m.kind {
        MentionKind::Organisation => true,
        MentionKind::Title => m.name.is_none(),
        MentionKind::Pronoun => true,
        _ => false,
    };
    if group && !seen.group {
        ctx.last_group = Some(m.clone());
        seen.group = true;
    }
}

/// The person already named in the article that `name` refers to: the full name, the last
/// word of it ("Muttaqi"), or first and last words ("Amir Muttaqi").
pub(super) fn lookup<'c>(ctx: &'c ArticleContext, name: &str) -> Option<&'c ActorMention> {
    by_surname(ctx, name).or_else(|| by_first_name(ctx, name))
}

/// A first name alone ("Eduardo" after "Eduardo Bolsonaro"), as articles call one member of a
/// family whose surname another member holds: only when exactly one person named so far has it.
fn by_first_name<'c>(ctx: &'c ArticleContext, name: &str) -> Option<&'c ActorMention> {
    if name.contains(' ') || name.chars().count() < 4 {
        return None;
    }
    let mut hits = ctx.people.iter().filter(|p| {
        p.name
            .as_deref()
            .and_then(|full| full.split_once(' '))
            .is_some_and(|(first, _)| first == name)
    });
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

fn by_surname<'c>(ctx: &'c ArticleContext, name: &str) -> Option<&'c ActorMention> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (first, last) = (words.first()?, words.last()?);
    ctx.people.iter().rev().find(|p| {
        let Some(full) = p.name.as_deref() else {
            return false;
        };
        if full == name {
            return true;
        }
        let pw: Vec<&str> = full.split_whitespace().collect();
        let (Some(pf), Some(pl)) = (pw.first(), pw.last()) else {
            return false;
        };
        if pw.len() < 2 {
            return false;
        }
        match words.len() {
            1 => pl == last,
            2 => pf == first && pl == last,
            _ => false,
        }
    })
}
