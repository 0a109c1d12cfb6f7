//! Within-article memory: persons for later surnames, salient actors for pronouns.

use super::{ActorMention, ArticleContext, MentionKind};

/// Records a mention in the article context as it is found, in text order.
pub(super) fn remember(ctx: &mut ArticleContext, m: &ActorMention) {
    let person = m.name.is_some()
        && matches!(
            m.kind,
            MentionKind::TitledPerson
                | MentionKind::KnownPerson
                | MentionKind::Surname
                | MentionKind::Title
        );
    if person {
        ctx.last_salient = Some(m.clone());
        let known = ctx.people.iter().any(|p| p.name == m.name);
        if !known && m.kind != MentionKind::Surname {
            ctx.people.push(m.clone());
        }
        return;
    }
    match m.kind {
        MentionKind::Organisation => ctx.last_group = Some(m.clone()),
        MentionKind::Title if m.rank.is_none() || m.role.is_none() => {
            ctx.last_group = Some(m.clone())
        }
        MentionKind::Pronoun => {}
        _ => {}
    }
}

/// The person already named in the article that `name` refers to: the full name, the last
/// word of it ("Muttaqi"), or first and last words ("Amir Muttaqi").
pub(super) fn lookup<'c>(ctx: &'c ArticleContext, name: &str) -> Option<&'c ActorMention> {
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
