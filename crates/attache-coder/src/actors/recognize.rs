//! Tokens and noun-phrase rules: from a sentence to actor mentions.

use super::dictionary::{Atom, Dict, GazKind, GazRef, TitleClass};
use super::{ActorMention, ArticleContext, MentionKind};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq)]
enum T {
    Atom(AtomT),
    Word,
    /// "’s", "'s" or a bare apostrophe after a plural.
    Poss,
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum AtomT {
    Gaz(GazKind, usize),
    Title(usize),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    t: T,
}

/// Words that open a noun phrase and belong to its text.
/// Goods an adjective of nationality may describe ("Russian gas"): no actor.
const COMMODITIES: &[&str] = &[
    "gas",
    "oil",
    "crude",
    "lng",
    "coal",
    "grain",
    "wheat",
    "goods",
    "products",
    "imports",
    "exports",
    "energy",
    "supplies",
    "steel",
    "cars",
    "fertiliser",
    "fertilizer",
];

const DETS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "all", "both", "some", "several", "two",
    "three", "four", "many", "other",
];
/// Quantifiers that take an "of" phrase ("sections of Pakistani media").
const PARTITIVES: &[&str] = &[
    "sections", "section", "members", "member", "parts", "elements", "units", "some", "most",
    "many",
];
/// Modifiers that keep the office ("acting") or end it ("former").
const MODS: &[&str] = &[
    "acting",
    "interim",
    "then",
    "former",
    "ex",
    "senior",
    "top",
    "new",
    "caretaker",
    "outgoing",
    "incoming",
    "current",
    "visiting",
    "chief",
    "de",
    "facto",
    "local",
    "unidentified",
    "armed",
    "regional",
    "provincial",
    "military",
    "security",
    // Words of a noun family between a state and its group ("Afghan tribal elders", "Iranian
    // border forces", "Indian human rights activists"): never verbs, so they cannot join a state
    // to the object of a clause the way "Israeli strikes killed civilians" would.
    "tribal",
    "paramilitary",
    "border",
    "religious",
    "human",
    "rights",
    "riot",
    "elite",
    "federal",
    "intelligence",
    "state",
];
const FORMER: &[&str] = &["former", "ex"];
/// Endings of "Pakistan-linked" style compounds that tie a group to a state or organisation.
const LINKS: &[&str] = &[
    "linked",
    "backed",
    "based",
    "led",
    "sponsored",
    "aligned",
    "affiliated",
    "allied",
    "supported",
    "run",
    "controlled",
    "trained",
    "funded",
];
/// Honorifics kept in the text but not in the name.
const HONORIFICS: &[&str] = &[
    "Mawlawi",
    "Maulvi",
    "Maulana",
    "Mawlana",
    "Mullah",
    "Dr",
    "Dr.",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Prof",
    "Prof.",
    "H.E.",
    "H.E",
    "Hon.",
    "Sir",
    "Haji",
    "Qari",
    "Sheikh",
    "Ayatollah",
    "Brig.",
    "Gen.",
    "Lt.",
    "Col.",
    "Maj.",
    "Capt.",
];
/// Honorifics that are part of the name as it is known ("Sheikh Hasina", "Mullah Omar").
const NAME_HONORIFICS: &[&str] = &["Sheikh", "Mullah", "Ayatollah"];
/// Lower-case particles inside personal names.
const PARTICLES: &[&str] = &[
    "bin", "bint", "al", "el", "von", "van", "der", "de", "da", "ul", "ud",
];
/// Capitalised words that never start or continue a personal name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "And",
    "But",
    "Or",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "This",
    "That",
    "These",
    "Those",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "After",
    "Before",
    "Under",
    "With",
    "Without",
    "Despite",
    "Amid",
    "Since",
    "Until",
    "Through",
    "Following",
    "During",
    "While",
    "When",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Also",
    "Sources",
    "According",
    "Speaking",
    "Islamic",
    "Ministry",
    "Office",
    "Affairs",
    "Mission",
    "Council",
    "Committee",
];
const ABBREV: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Prof", "Hon", "Brig", "Gen", "Lt", "Col", "Maj", "Capt", "St", "Kh",
];
/// Nouns for the two parties of a bilateral relation after "both", "each" or "the two".
const PAIR_NOUNS: &[&str] = &[
    "sides",
    "side",
    "countries",
    "country",
    "nations",
    "governments",
    "neighbours",
    "neighbors",
    "states",
    "leaders",
    "parties",
    "delegations",
    "capitals",
    "armies",
    "militaries",
    "ministers",
    "presidents",
    "administrations",
];
/// Plural nouns for the parties of a relation that, after "the" alone ("the leaders met"),
/// stand for the two the article has just named together.
const PLURAL_PARTIES: &[&str] = &["leaders", "sides", "delegations", "presidents", "premiers"];
/// Kin between a title and a name: "the former president's lawmaker son Eduardo Bolsonaro".
const KIN: &[&str] = &[
    "son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "nephew",
    "niece", "cousin",
];
/// Words that may follow a role noun naming a person: verbs of saying and being, auxiliaries,
/// relatives, conjunctions and prepositions.
const PERSON_FOLLOWERS: &[&str] = &[
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "be",
    "who",
    "whom",
    "whose",
    "that",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "from",
    "to",
    "with",
    "for",
    "by",
    "as",
    "said",
    "says",
    "told",
    "would",
    "will",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "also",
    "then",
    "later",
    "reportedly",
    "allegedly",
];
/// Words that may stand between a state and the noun for a firm: "Chinese technology company".
const FIRM_FILLERS: usize = 2;
const MALE: &[&str] = &["he", "him", "his"];
const FEMALE: &[&str] = &["she", "her", "hers"];
const PLURAL: &[&str] = &["they", "them", "their"];

fn tokenize(text: &str, start: usize, end: usize, atoms: &[(usize, usize, Atom)]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut ai = 0;
    let mut p = start;
    while p < end {
        while atoms.get(ai).is_some_and(|a| a.0 < p) {
            ai += 1;
        }
        if let Some(&(s, e, a)) = atoms.get(ai) {
            if s == p {
                let t = match a {
                    Atom::Gaz(GazRef { kind, idx }) => AtomT::Gaz(kind, idx),
                    Atom::Title(i) => AtomT::Title(i),
                };
                toks.push(Tok {
                    s,
                    e,
                    t: T::Atom(t),
                });
                p = e;
                if let Some(q) = possessive(text, p, end) {
                    toks.push(Tok {
                        s: p,
                        e: q,
                        t: T::Poss,
                    });
                    p = q;
                }
                continue;
            }
        }
        let Some(c) = text[p..end].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            p += c.len_utf8();
        } else if c.is_alphanumeric() {
            let mut q = p;
            let next_atom = atoms.get(ai).map_or(end, |a| a.0);
            let mut chars = text[p..end].char_indices().peekable();
            while let Some((i, ch)) = chars.next() {
                let at = p + i;
                if at >= next_atom && at > p {
                    break;
                }
                let next_alnum = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
                if ch.is_alphanumeric() || ((ch == '.' || ch == '\'' || ch == '’') && next_alnum)
                {
                    q = at + ch.len_utf8();
                } else {
                    break;
                }
            }
            // Split a possessive off the word; keep abbreviation full stops with it.
            let w = &text[p..q];
            let cut = ["’s", "'s"]
                .iter()
                .find_map(|s| w.strip_suffix(s))
                .map(|x| p + x.len());
            if let Some(c) = cut.filter(|&c| c > p) {
                toks.push(Tok {
                    s: p,
                    e: c,
                    t: T::Word,
                });
                toks.push(Tok {
                    s: c,
                    e: q,
                    t: T::Poss,
                });
            } else {
                let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
                if text[q..end].starts_with('.')
                    && (ABBREV.contains(&w) || initial || w.contains('.'))
                {
                    q += 1;
                }
                toks.push(Tok {
                    s: p,
                    e: q,
                    t: T::Word,
                });
            }
            p = q;
        } else {
            toks.push(Tok {
                s: p,
                e: p + c.len_utf8(),
                t: T::Punct(c),
            });
            p += c.len_utf8();
        }
    }
    toks
}

/// End of a possessive marker at `p` ("’s", "'s"), if any.
fn possessive(text: &str, p: usize, end: usize) -> Option<usize> {
    let rest = &text[p..end];
    for m in ["’s", "'s"] {
        if !rest.starts_with(m) {
            continue;
        }
        let after = text.get(p + m.len()..).and_then(|r| r.chars().next());
        if !after.is_some_and(char::is_alphanumeric) {
            return Some(p + m.len());
        }
    }
    None
}

/// What owns a phrase: the state or organisation it acts for.
#[derive(Debug, Clone)]
struct Owner {
    code: String,
    sector: String,
    org: Option<String>,
    rule: String,
}

pub(super) struct Parser<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    dict: &'a Dict,
    date: Option<NaiveDate>,
    /// The sentence, for the statistical fallback.
    start: usize,
    end: usize,
}

/// A parsed mention and the index of the token after it.
type Parsed = (ActorMention, usize);

impl<'a> Parser<'a> {
    pub fn new(
        dict: &'a Dict,
        text: &'a str,
        start: usize,
        end: usize,
        date: Option<NaiveDate>,
    ) -> Self {
        let atoms = dict.atoms(text, start, end);
        Parser {
            text,
            toks: tokenize(text, start, end, &atoms),
            dict,
            date,
            start,
            end,
        }
    }

    pub fn run(&self, ctx: &mut ArticleContext) -> Vec<ActorMention> {
        let mut out = Vec::new();
        let mut i = 0;
        // The first person a sentence names is usually its subject, and the subject is what a
        // later "he" refers to: "A thanked B. He said ..." is A speaking.
        let mut seen = super::coref::Seen::default();
        while i < self.toks.len() {
            match self.mention_at(i, ctx) {
                Some((m, next)) => {
                    super::coref::remember(ctx, &m, &mut seen);
                    // A news agency's credit ("PTI", "Xinhua") says who reports, not where.
                    if !m.rule.starts_with("home-state")
                        && m.kind != MentionKind::Pair
                        && m.sector != "MED"
                    {
                        ctx.count_state(&m.code);
                    }
                    out.push(m);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        let out = super::ner_fallback::extend(self.text, self.start, self.end, out, ctx);
        ctx.update_pair(&out);
        out
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        (t.t == T::Word).then(|| &self.text[t.s..t.e])
    }

    fn is_word(&self, i: usize, set: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|w| set.iter().any(|s| s.eq_ignore_ascii_case(w)))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.t == T::Punct(c))
    }

    fn atom(&self, i: usize) -> Option<AtomT> {
        match self.toks.get(i)?.t {
            T::Atom(a) => Some(a),
            _ => None,
        }
    }

    fn title(&self, i: usize) -> Option<usize> {
        match self.atom(i)? {
            AtomT::Title(t) => Some(t),
            AtomT::Gaz(..) => None,
        }
    }

    fn gaz(&self, i: usize) -> Option<(GazKind, usize)> {
        match self.atom(i)? {
            AtomT::Gaz(k, x) => Some((k, x)),
            AtomT::Title(_) => None,
        }
    }

    fn is_poss(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.t == T::Poss)
    }

    fn span(&self, a: usize, b: usize) -> &'a str {
        &self.text[a..b]
    }

    fn tok_text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.s..t.e])
    }

    /// The owner a gazetteer entry gives to what it qualifies.
    fn owner_of(&self, kind: GazKind, idx: usize) -> Option<Owner> {
        match kind {
            GazKind::Org => {
                let o = self.dict.orgs.get(idx)?;
                Some(Owner {
                    code: o.code.clone(),
                    sector: o.sector_at(self.date).to_string(),
                    org: o.org.clone(),
                    rule: format!("org:{}", o.name),
                })
            }
            GazKind::Person => {
                let p = self.dict.people.get(idx)?;
                let o = p
                    .office_at(self.date)
                    .or_else(|| p.latest_before(self.date))?;
                Some(Owner {
                    code: o.code.clone(),
                    sector: "GOV".into(),
                    org: None,
                    rule: format!("person:{}", p.name),
                })
            }
            _ => {
                let c = self.dict.countries.get(idx)?;
                let what = match kind {
                    GazKind::Capital => "capital",
                    GazKind::Adjective => "adjective",
                    _ => "country",
                };
                Some(Owner {
                    code: c.iso3.clone(),
                    sector: "GOV".into(),
                    org: None,
                    rule: format!("{what}:{}", c.iso3),
                })
            }
        }
    }

    fn mention_at(&self, i: usize, ctx: &ArticleContext) -> Option<Parsed> {
        if let Some(p) = self.pronoun(i, ctx) {
            return Some(p);
        }
        if let Some(p) = self.pair_phrase(i, ctx) {
            return Some(p);
        }
        if let Some(p) = self.apposition(i, ctx) {
            return Some(p);
        }
        if let Some(p) = self.phrase(i, ctx, 0) {
            return Some(p);
        }
        self.name_alone(i, ctx)
    }

    /// he/she/his/her → the last salient person; they/the group → the last salient group.
    fn pronoun(&self, i: usize, ctx: &ArticleContext) -> Option<Parsed> {
        let w = self.word(i)?;
        let tok = self.toks.get(i)?;
        // A possessive pronoun that opens a titled phrase belongs to that phrase.
        if self.is_word(i, &["his", "her", "their", "its"]) && self.phrase_from(i + 1) {
            return None;
        }
        let (referent, next) = if self.is_word(i, MALE) || self.is_word(i, FEMALE) {
            (ctx.last_salient.as_ref()?, i + 1)
        } else if self.is_word(i, PLURAL) {
            (ctx.last_group.as_ref()?, i + 1)
        } else if w.eq_ignore_ascii_case("the") && self.word(i + 1) == Some("group") {
            (ctx.last_group.as_ref()?, i + 2)
        } else {
            return None;
        };
        let end = self.toks.get(next - 1).map_or(tok.e, |t| t.e);
        let mut m = referent.clone();
        m.start = tok.s;
        m.end = end;
        m.kind = MentionKind::Pronoun;
        m.rule = format!("pronoun→{}", referent.rule);
        Some((m, next))
    }

    /// "both sides", "each side", "the two countries", "the pair", "the leaders": the two
    /// parties of the last sentence that named two (see [`ArticleContext::update_pair`]); "all
    /// three", "the three leaders": the three most named parties of that sentence.
    fn pair_phrase(&self, i: usize, ctx: &ArticleContext) -> Option<Parsed> {
        // The noun may be a title atom ("side" as in "the Indian side").
        let w = |k: usize| {
            let t = self.toks.get(i + k)?;
            matches!(t.t, T::Word | T::Atom(AtomT::Title(_)))
                .then(|| self.tok_text(i + k).to_lowercase())
        };
        let pair_noun = |k: usize| w(k).is_some_and(|n| PAIR_NOUNS.contains(&n.as_str()));
        let (first, second) = (w(0)?, w(1));
        let (len, n) = match (first.as_str(), second.as_deref()) {
            ("both" | "each", Some(_)) if pair_noun(1) => (2, 2),
            ("the", Some("pair" | "duo")) => (2, 2),
            ("the", Some("two")) if pair_noun(2) => (3, 2),
            // "the leaders agreed": plural parties with none of their own named are those the
            // article has just named together; "the leaders of X" names them.
            ("the", Some(p)) if PLURAL_PARTIES.contains(&p) && !self.owned_after(i + 2) => (2, 2),
            ("all" | "the", Some(num)) => {
                let n = match num {
                    "three" => 3,
                    "four" => 4,
                    _ => return None,
                };
                if pair_noun(2) {
                    (3, n)
                } else if first == "all" && self.ends_noun_phrase(i + 2) {
                    (2, n)
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        let parties: Vec<(String, String)> = if n == 2 {
            ctx.pair.as_ref()?.to_vec()
        } else {
            // In text order, as the pair is.
            let mut some: Vec<_> = ctx.parties.iter().take(n).cloned().collect();
            if some.len() < n {
                return None;
            }
            let at = |c: &str| ctx.states.iter().position(|s| s.0 == c);
            some.sort_by_key(|p| at(&p.0));
            some
        };
        let (s, e) = (self.toks.get(i)?.s, self.toks.get(i + len - 1)?.e);
        let (a, b) = (&parties[0], &parties[1]);
        Some((
            ActorMention {
                start: s,
                end: e,
                code: a.0.clone(),
                sector: a.1.clone(),
                org: None,
                name: None,
                role: None,
                rank: None,
                kind: MentionKind::Pair,
                rule: format!("pair:{}+{}", a.0, b.0),
                partner: Some(b.clone()),
                others: parties[2..].to_vec(),
                host: None,
            },
            i + len,
        ))
    }

    /// Whether an attachment that names whose they are follows at `k` ("of Armenia").
    fn owned_after(&self, k: usize) -> bool {
        self.is_word(k, &["of", "from"])
    }

    /// Whether the noun phrase ends before `k`: a verb, an adverb or an auxiliary follows ("all
    /// three then signed"), or punctuation, not a noun ("all three days").
    fn ends_noun_phrase(&self, k: usize) -> bool {
        match self.word(k) {
            None => self.toks.get(k).is_none_or(|t| matches!(t.t, T::Punct(_))),
            Some(w) => {
                let lower = w.to_lowercase();
                PERSON_FOLLOWERS.contains(&lower.as_str())
                    || (lower.ends_with("ed") && lower != "need")
            }
        }
    }

    /// Whether a titled or owned phrase (no pronoun) starts at `i`.
    fn phrase_from(&self, i: usize) -> bool {
        let mut j = i;
        while self.is_word(j, MODS) || self.is_punct(j, '-') {
            j += 1;
        }
        self.atom(j).is_some()
    }

    /// "<Name>, <title phrase>": "Abbas Aragchi, Iran’s foreign minister".
    fn apposition(&self, i: usize, ctx: &ArticleContext) -> Option<Parsed> {
        let (name_end, known) = self.name_run(i)?;
        if !self.is_punct(name_end, ',') {
            return None;
        }
        let single = name_end - i < 2;
        if single && known.is_none() {
            return None;
        }
        let (title, next) = self.phrase(name_end + 1, ctx, 1)?;
        // Only a role makes an apposition; "X, the government" or "X, China" is a list.
        title.role.as_ref()?;
        let start = self.toks.get(i)?.s;
        // A known person keeps the dictionary's spelling, so that "Abbas Aragchi, Iran's foreign
        // minister" and a later "Abbas Araghchi" are one person.
        let name = match known.and_then(|p| self.dict.people.get(p)) {
            Some(p) => p.name.clone(),
            None => self.clean_name(i, name_end),
        };
        let mut m = title;
        m.start = start;
        if m.code.is_empty() {
            if let Some(o) = known.and_then(|p| self.owner_of(GazKind::Person, p)) {
                m.code = o.code;
            }
        }
        m.name = Some(name);
        m.kind = MentionKind::TitledPerson;
        m.rule = format!("apposition+{}", m.rule);
        Some((m, next))
    }

    /// A run of capitalised words that can be a personal name, from `i`; with the person's
    /// dictionary index when the run (or a dictionary atom inside it) is a known person.
    fn name_run(&self, i: usize) -> Option<(usize, Option<usize>)> {
        if let Some((GazKind::Person, idx)) = self.gaz(i) {
            return Some((i + 1, Some(idx)));
        }
        let mut j = i;
        while self.is_word(j, HONORIFICS) {
            j += 1;
        }
        let first = j;
        while let Some(w) = self.word(j) {
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            if cap && !NOT_NAMES.contains(&w) {
                j += 1;
                // A capital's name inside a personal name: "Paulo Lima".
                if let Some((GazKind::Capital, _)) = self.gaz(j) {
                    j += 1;
                }
            } else if j > first
                && PARTICLES.contains(&w)
                && (self.cap_word(j + 1) || (self.is_punct(j + 1, '-') && self.cap_word(j + 2)))
            {
                // "bin Abdulrahman", "al-Thani"
                j += 1;
            } else {
                break;
            }
            // "Anwaar-ul-Haq", "Suk-yeol"
            if self.is_punct(j, '-') && self.word(j + 1).is_some() {
                j += 2;
            }
        }
        // An unknown first name before a known surname is another person of that family:
        // "Eduardo Bolsonaro" is not "Jair Bolsonaro".
        if j > first {
            if let Some((GazKind::Person, _)) = self.gaz(j) {
                let name = self.clean_name(i, j + 1);
                let known = self.dict.people.iter().position(|p| p.name == name);
                return Some((j + 1, known));
            }
        }
        if j == first {
            // An honorific before a known person: "Mawlawi Amir Khan Muttaqi".
            if let Some((GazKind::Person, idx)) = self.gaz(j) {
                if j > i {
                    return Some((j + 1, Some(idx)));
                }
            }
            return None;
        }
        let name = self.clean_name(i, j);
        let known = self.lookup_person(&name);
        Some((j, known))
    }

    fn cap_word(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w)
        })
    }

    /// The name in tokens `a..b`, without honorifics that are not part of it.
    fn clean_name(&self, a: usize, b: usize) -> String {
        let mut a = a;
        while a < b && self.is_word(a, HONORIFICS) && !self.is_word(a, NAME_HONORIFICS) {
            a += 1;
        }
        let (Some(s), Some(e)) = (self.toks.get(a), self.toks.get(b.saturating_sub(1))) else {
            return String::new();
        };
        self.span(s.s, e.e).to_string()
    }

    fn lookup_person(&self, name: &str) -> Option<usize> {
        self.dict
            .people
            .iter()
            .position(|p| p.name == name)
            .or_else(|| {
                if name.contains(' ') {
                    None
                } else {
                    self.dict.surnames.get(name).copied()
                }
            })
    }

    /// "PM Shehbaz", "President Xi", "FM Bilawal": one word of a name after an office names
    /// the only person in the dictionaries whose name has that word and who holds an office of
    /// the title's rank (of the state named, if one is) on the article's date.
    fn holder_by_word(
        &self,
        a: usize,
        b: usize,
        rank: Option<u8>,
        owner: Option<&Owner>,
    ) -> Option<usize> {
        if b != a + 1 || rank.is_none() {
            return None;
        }
        let word = self.tok_text(a);
        let candidates = self.dict.name_words.get(word)?;
        let mut holders = candidates.iter().copied().filter(|&p| {
            self.dict.people[p]
                .office_at(self.date)
                .is_some_and(|o| o.rank == rank && owner.is_none_or(|w| w.code == o.code))
        });
        let first = holders.next()?;
        holders.next().is_none().then_some(first)
    }

    /// The main noun-phrase rule:
    /// det? number? (partitive of)? mods* (owner poss? | owner-linked)* mods* titles* name?
    /// (of|from|at|in|to X)*; `depth` stops recursion into "of" phrases.
    fn phrase(&self, i: usize, ctx: &ArticleContext, depth: u8) -> Option<Parsed> {
        let start_tok = self.toks.get(i)?;
        let mut j = i;
        let mut det: Option<&str> = None;
        let number = |w: &str| w.chars().all(|c| c.is_ascii_digit() || c == ',');
        let after_hyphen = j > 0 && self.is_punct(j - 1, '-');
        if self.is_word(j, DETS) || (!after_hyphen && self.word(j).is_some_and(number)) {
            det = self.word(j);
            j += 1;
            if self.word(j).is_some_and(|w| {
                w.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '-')
            }) {
                j += 1;
            }
            // "15-member"
            if self.is_punct(j, '-')
                && self
                    .word(j + 1)
                    .is_some_and(|w| w.chars().all(char::is_alphabetic))
            {
                j += 2;
            }
        }
        // "sections of Pakistani media", "Members of Uzbekistan’s government"
        if self.is_word(j, PARTITIVES) && self.word(j + 1) == Some("of") && depth == 0 {
            if let Some((mut m, next)) = self.phrase(j + 2, ctx, depth + 1) {
                m.start = start_tok.s;
                m.rule = format!("partitive+{}", m.rule);
                return Some((m, next));
            }
        }
        let mut owner: Option<Owner> = None;
        let mut mods: Vec<usize> = Vec::new();
        let mut former = false;
        let mut titles: Vec<usize> = Vec::new();
        let mut role_start: Option<usize> = None;
        let mut role_end = 0usize;
        let mut last_gaz: Option<(GazKind, usize, usize)> = None;
        // The entry before "-led", "-backed": "the UN-led Doha process".
        let mut linked: Option<(GazKind, usize, usize)> = None;
        let mut had_poss = false;
        // The state after an organisation that names its national branch.
        let mut branch: Option<usize> = None;
        loop {
            // A leader's people: "Trump envoy Adam Boehler", "Putin's spokesman" act for the
            // leader's state.
            if titles.is_empty() && owner.is_none() {
                if let Some((ne, Some(p))) = self.name_run(j) {
                    let next = if self.is_poss(ne) { ne + 1 } else { ne };
                    if self.title(next).is_some() {
                        owner = self.owner_of(GazKind::Person, p);
                        j = next;
                        continue;
                    }
                }
            }
            if self.is_word(j, MODS) && titles.is_empty() {
                if self.is_word(j, FORMER) {
                    former = true;
                }
                mods.push(j);
                role_start.get_or_insert(j);
                j += 1;
                if self.is_punct(j, '-') {
                    j += 1;
                }
                continue;
            }
            if let Some((kind, idx)) = self.gaz(j) {
                if !titles.is_empty() {
                    // "Foreign Ministry spokesman" is fine; "minister Pakistan" is not a phrase.
                    break;
                }
                if kind == GazKind::Person {
                    break;
                }
                // "Amnesty International US": an organisation's national branch is the
                // organisation; the state after it starts no new owner.
                if matches!(last_gaz, Some((GazKind::Org, ..)))
                    && !had_poss
                    && matches!(kind, GazKind::Country | GazKind::Adjective)
                {
                    branch = Some(j);
                    break;
                }
                let o = self.owner_of(kind, idx)?;
                if self.is_poss(j + 1) {
                    owner = Some(o);
                    had_poss = true;
                    last_gaz = Some((kind, idx, j));
                    j += 2;
                    role_start = None;
                    mods.clear();
                    continue;
                }
                if self.is_punct(j + 1, '-') && self.is_word(j + 2, LINKS) {
                    owner.get_or_insert(o);
                    last_gaz = Some((kind, idx, j));
                    linked.get_or_insert((kind, idx, j));
                    j += 3;
                    continue;
                }
                owner.get_or_insert(o);
                last_gaz = Some((kind, idx, j));
                j += 1;
                j = self.skip_firm_fillers(j);
                continue;
            }
            if let Some(t) = self.title(j) {
                titles.push(t);
                role_start.get_or_insert(j);
                j += 1;
                role_end = j;
                // Capitalised fillers between titles: "Army Ground Force Commander".
                let mut k = j;
                while self.cap_word(k) && k < j + 3 {
                    k += 1;
                }
                if k > j && self.title(k).is_some() {
                    j = k;
                }
                // "Defence and intelligence chiefs"
                if self.word(j) == Some("and")
                    && self.word(j + 1).is_some()
                    && !self.is_word(j + 1, DETS)
                    && self.title(j + 2).is_some()
                {
                    j += 2;
                }
                continue;
            }
            break;
        }
        let head = titles
            .last()
            .and_then(|&t| self.dict.titles.get(t).map(|x| (t, x)));
        let Some((_, head)) = head else {
            // No title: a gazetteer entry alone (possibly with "the"). A place after a linked
            // entry only says where ("the UN-led Doha process" is the UN's); an organisation
            // after one is the actor ("Iran-backed Houthis").
            let (mut kind, mut idx, mut at) = last_gaz?;
            if matches!(
                kind,
                GazKind::Capital | GazKind::Country | GazKind::Adjective
            ) {
                if let Some(l) = linked {
                    (kind, idx, at) = l;
                    // The place is part of the phrase, not another actor.
                    let (m, _) = self.entry_alone(i, det, kind, idx, at, had_poss)?;
                    return Some((m, j));
                }
            }
            let (mut m, next) = self.entry_alone(i, det, kind, idx, at, had_poss)?;
            if let Some(b) = branch.and_then(|b| self.toks.get(b)) {
                m.end = b.e;
                return Some((m, next.max(j + 1)));
            }
            return Some((m, next));
        };
        // A name after a person title: "Foreign Minister Amir Khan Muttaqi".
        let mut name: Option<String> = None;
        let mut known: Option<usize> = None;
        let person_title = matches!(head.class, TitleClass::Office | TitleClass::Role);
        if person_title && self.is_word(j, KIN) && self.name_run(j + 1).is_some() {
            j += 1;
        }
        if person_title {
            if let Some((ne, k)) = self.name_run(j) {
                let honor_only = ne == j;
                if !honor_only {
                    name = Some(self.clean_name(j, ne));
                    // A person already named in the article comes before the dictionary.
                    let prev = name.as_deref().and_then(|n| super::coref::lookup(ctx, n));
                    if let Some(prev) = prev {
                        name = prev.name.clone();
                        if owner.is_none() && !prev.code.is_empty() {
                            owner = Some(Owner {
                                code: prev.code.clone(),
                                sector: prev.sector.clone(),
                                org: prev.org.clone(),
                                rule: "context".into(),
                            });
                        }
                    } else if let Some(p) = k
                        .or_else(|| self.holder_by_word(j, ne, head.rank, owner.as_ref()))
                        .and_then(|p| self.dict.people.get(p).map(|x| (p, x)))
                    {
                        known = Some(p.0);
                        name = Some(p.1.name.clone());
                    }
                    j = ne;
                }
            }
        }
        // "running for president": the office sought names nobody.
        if name.is_none()
            && head.class == TitleClass::Office
            && i > 0
            && self.is_word(i - 1, &["for"])
        {
            return None;
        }
        // A named institution: "the Ministry of Urban Development and Housing".
        if head.class == TitleClass::Body && self.word(j) == Some("of") && self.cap_word(j + 1) {
            let mut k = j + 1;
            while self.cap_word(k) || (self.word(k) == Some("and") && self.cap_word(k + 1)) {
                k += 1;
            }
            j = k;
            role_end = k;
        }
        // Attachments: "of China", "to Kabul", "in Kabul", "of the interim Taliban government".
        let mut end_tok = j;
        let mut loc_owner: Option<Owner> = None;
        // "the foreign ministers of the two countries": both parties hold the title.
        let mut partner: Option<(String, String)> = None;
        let mut others: Vec<(String, String)> = Vec::new();
        // "Chinese Ambassador to Malaysia": the state an envoy is sent to.
        let mut host: Option<((String, String), [usize; 2])> = None;
        let accredited = self.accredited(role_end.saturating_sub(1));
        let mut role_extra_end = role_end;
        // Up to a few chained attachments, never recursing more than two levels.
        for _ in 0..if depth < 2 { 4 } else { 0 } {
            let Some(prep) = self.word(end_tok) else {
                break;
            };
            // "commanders on both sides" is "the commanders of both sides".
            let on_pair = prep == "on" && self.pair_phrase(end_tok + 1, ctx).is_some();
            if !matches!(prep, "of" | "from" | "at" | "to" | "in") && !on_pair {
                break;
            }
            let prep = if on_pair { "of" } else { prep };
            let inner = self
                .pair_phrase(end_tok + 1, ctx)
                .or_else(|| self.phrase(end_tok + 1, ctx, depth + 1));
            let Some((inner, next)) = inner else {
                break;
            };
            if prep == "of" && partner.is_none() {
                partner = inner.partner.clone();
                others = inner.others.clone();
            }
            if inner.name.is_some() && inner.kind == MentionKind::TitledPerson {
                break;
            }
            let o = Owner {
                code: inner.code.clone(),
                sector: inner.sector.clone(),
                org: inner.org.clone(),
                rule: inner.rule.clone(),
            };
            match prep {
                "of" | "from" | "at" => {
                    if owner.is_none() {
                        owner = Some(o);
                    }
                }
                _ => {
                    if prep == "to" && accredited && super::is_state(&inner.code) {
                        let named = (inner.code.clone(), inner.sector.clone());
                        host.get_or_insert((named, [inner.start, inner.end]));
                    }
                    loc_owner.get_or_insert(o);
                }
            }
            if name.is_none() {
                role_extra_end = next;
            }
            end_tok = next;
        }
        // "President Lula in Beijing": a known person's state is not where they are.
        if owner.is_none() && known.is_none() {
            owner = loc_owner;
        }
        // "the assailants", "its perpetrators": unidentified attackers the article refers back
        // to are the armed group it has named, not the gunmen of some state.
        if owner.is_none() && known.is_none() && name.is_none() && head.sector == "UAF" {
            if let Some(g) = ctx.armed_group.as_ref().filter(|_| self.definite(i, det)) {
                owner = Some(Owner {
                    code: g.code.clone(),
                    sector: g.sector.clone(),
                    org: g.org.clone(),
                    rule: format!("perpetrator→{}", g.rule),
                });
            }
        }
        if owner.is_none() && known.is_none() && name.is_none() {
            // "the ambassador", "the foreign minister": the person of that role named earlier.
            // A role outside government ("the suspect", "a lawyer", "the gunman") is, failing
            // that, someone of the state the article is about.
            if person_title {
                let coref = self.title_coref(i, end_tok, ctx);
                let outside = head.class == TitleClass::Role
                    && !head.sector.is_empty()
                    && head.sector != "GOV"
                    && det.is_some_and(|d| {
                        ["the", "a", "an"].iter().any(|a| d.eq_ignore_ascii_case(a))
                    })
                    && !self.attributive(end_tok);
                if coref.is_some() || !outside {
                    return coref;
                }
            }
            // "the protesters", "riot police", "the army": groups and bodies with no state named
            // belong to the state the article is about.
            owner = Some(Owner {
                code: ctx.home_state()?.to_string(),
                sector: "GOV".into(),
                org: None,
                rule: "home-state".into(),
            });
        }
        let known_owner = known.and_then(|p| self.owner_of(GazKind::Person, p));
        // A titled name with no state in sight ("Mayor Carlos Galan") belongs to the state the
        // article is about; with none yet it keeps an empty code for the caller to fill.
        let unowned = name.as_ref().map(|_| match ctx.home_state() {
            Some(home) => Owner {
                code: home.to_string(),
                sector: "GOV".into(),
                org: None,
                rule: "home-state".into(),
            },
            None => Owner {
                code: String::new(),
                sector: "GOV".into(),
                org: None,
                rule: "unowned".into(),
            },
        });
        let owner = owner.or(known_owner).or(unowned)?;
        let mut sector = head.sector.clone();
        if matches!(
            head.class,
            TitleClass::Role | TitleClass::Group | TitleClass::Body
        ) {
            // A generic role takes the sector of a qualifying title ("Army spokesman").
            if let Some(q) = titles
                .iter()
                .rev()
                .skip(1)
                .filter_map(|&t| self.dict.titles.get(t))
                .find(|t| t.sector != "GOV")
            {
                sector = q.sector.clone();
            }
        }
        // Fighters and officials of an armed group are the group's sector; the head, director or
        // spokesman of a police force, army, parliament or company is of its sector too.
        if matches!(
            owner.sector.as_str(),
            "REB" | "UAF" | "OPP" | "PTY" | "MED" | "JUD" | "COP" | "MIL" | "LEG" | "BUS"
        ) && matches!(sector.as_str(), "GOV" | "MIL" | "UAF")
        {
            sector = owner.sector.clone();
        }
        // UN bodies and their officials are coded without a sector.
        if owner.code == "UNO" && sector == "GOV" {
            sector = owner.sector.clone();
        }
        let mut rank = head.rank;
        if matches!(head.class, TitleClass::Body) {
            rank = None;
        }
        let role_text = role_start
            .map(|rs| {
                let s = self.toks.get(rs).map_or(0, |t| t.s);
                let e = self
                    .toks
                    .get(role_extra_end.max(rs + 1) - 1)
                    .map_or(s, |t| t.e);
                self.span(s, e).to_string()
            })
            .filter(|_| person_title || name.is_some());
        let mut role = role_text;
        // "his Chinese counterpart": the counterpart holds the same office as the referent.
        let counterpart = self
            .tok_text(role_end.saturating_sub(1))
            .to_lowercase()
            .starts_with("counterpart");
        if counterpart {
            if let Some(r) = ctx.last_salient.as_ref() {
                role = r.role.clone();
                rank = r.rank;
            }
        }
        if let Some(p) = known.and_then(|p| self.dict.people.get(p)) {
            if role.is_none() || counterpart {
                if let Some(o) = p.office_at(self.date) {
                    role = Some(o.office.clone());
                    rank = o.rank;
                }
            }
        }
        if former {
            sector = "ELI".into();
            rank = None;
        }
        let end = self.toks.get(end_tok.saturating_sub(1))?.e;
        let kind = if name.is_some() {
            MentionKind::TitledPerson
        } else {
            MentionKind::Title
        };
        // The partner holds the same title: its sector is the title's.
        let partner = partner.map(|(c, _)| (c, sector.clone()));
        // An envoy "to" its own state ("the ambassador to China" with no sender named) is
        // coded as that state already.
        let host = host.filter(|h| h.0 .0 != owner.code);
        let others = others
            .into_iter()
            .map(|(c, _)| (c, sector.clone()))
            .collect();
        let head_text = self.tok_text(role_end.saturating_sub(1));
        let rule = format!("{}+title:{}", owner.rule, head_text.to_lowercase());
        let org = owner.org.clone();
        Some((
            ActorMention {
                start: start_tok.s,
                end,
                code: owner.code,
                sector,
                org,
                name,
                role,
                rank,
                kind,
                rule,
                partner,
                others,
                host,
            },
            end_tok,
        ))
    }

    /// Whether the title at token `k` is one sent to another state: an ambassador, envoy,
    /// chargé d'affaires, high commissioner or embassy.
    fn accredited(&self, k: usize) -> bool {
        const ENVOYS: &[&str] = &[
            "ambassador",
            "ambassadors",
            "envoy",
            "envoys",
            "charge d'affaires",
            "chargé d'affaires",
            "high commissioner",
            "embassy",
            "consul",
            "consul general",
        ];
        let head = self.tok_text(k).to_lowercase().replace('’', "'");
        ENVOYS.iter().any(|e| head.ends_with(e))
    }

    /// Whether the phrase at `i` refers back: a definite or possessive determiner, also before
    /// an opening quote ("its “perpetrators”").
    fn definite(&self, i: usize, det: Option<&str>) -> bool {
        const BACK: &[&str] = &["the", "its", "their", "these", "those"];
        if det.is_some_and(|d| BACK.iter().any(|b| b.eq_ignore_ascii_case(d))) {
            return true;
        }
        let mut k = i;
        while k > 0 && matches!(self.toks[k - 1].t, T::Punct('"' | '“' | '‘' | '\'')) {
            k -= 1;
        }
        k < i && k > 0 && self.is_word(k - 1, BACK)
    }

    /// Whether the word at `k`, right after a role noun, shows the noun qualifying another
    /// ("the terrorist attack", "a student union") rather than naming a person ("the suspect
    /// had fled", "a journalist, ...", "the gunman opened fire").
    fn attributive(&self, k: usize) -> bool {
        let Some(w) = self.word(k) else {
            return false;
        };
        let lower = w.to_lowercase();
        w.chars().next().is_some_and(char::is_lowercase)
            && !PERSON_FOLLOWERS.contains(&lower.as_str())
            && !lower.ends_with("ed")
    }

    /// After a state, the lower-case words before a noun for a firm ("Chinese technology
    /// company"): the index of that noun, else `j` unchanged. Only firms: elsewhere words
    /// between a state and a title are often a verb ("Israeli strikes killed civilians").
    fn skip_firm_fillers(&self, j: usize) -> usize {
        let lower = |k: usize| {
            self.word(k)
                .is_some_and(|w| w.chars().all(|c| c.is_lowercase()))
        };
        let mut k = j;
        while k < j + FIRM_FILLERS && lower(k) {
            k += 1;
            let firm = self
                .title(k)
                .and_then(|t| self.dict.titles.get(t))
                .is_some_and(|t| t.sector == "BUS");
            if firm {
                return k;
            }
        }
        j
    }

    /// A country, capital, adjective, organisation or known person on its own.
    fn entry_alone(
        &self,
        i: usize,
        det: Option<&str>,
        kind: GazKind,
        idx: usize,
        at: usize,
        _had_poss: bool,
    ) -> Option<Parsed> {
        // A determiner before a bare name belongs to it ("the Afghan Taliban") only when the
        // entry comes right after it; anything else ("the Indian side") needed a title.
        let start_idx = if det.is_some_and(|d| d.eq_ignore_ascii_case("the")) && at == i + 1 {
            i
        } else {
            at
        };
        let tok = self.toks.get(at)?;
        let start = self.toks.get(start_idx)?.s;
        // "receive Russian gas", "Chinese imports": goods from a state are not the state.
        if kind == GazKind::Adjective && self.is_word(at + 1, COMMODITIES) {
            return None;
        }
        // An adjective alone ("Afghan soil") still names the state; a possessive is left out.
        let o = self.owner_of(kind, idx)?;
        let mk = match kind {
            GazKind::Country => MentionKind::Country,
            GazKind::Capital => MentionKind::Capital,
            GazKind::Adjective => MentionKind::Adjective,
            GazKind::Org => MentionKind::Organisation,
            GazKind::Person => MentionKind::KnownPerson,
        };
        Some((
            ActorMention {
                start,
                end: tok.e,
                code: o.code,
                sector: o.sector,
                org: o.org,
                name: None,
                role: None,
                rank: None,
                kind: mk,
                rule: o.rule,
                partner: None,
                others: Vec::new(),
                host: None,
            },
            at + 1,
        ))
    }

    /// "the ambassador": the last person in the article holding that title.
    fn title_coref(&self, i: usize, end_tok: usize, ctx: &ArticleContext) -> Option<Parsed> {
        let first = self.toks.get(i)?;
        if !self.is_word(i, &["the"]) {
            return None;
        }
        let last = self.toks.get(end_tok.checked_sub(1)?)?;
        let head = self.span(last.s, last.e).to_lowercase();
        let prev = ctx.people.iter().rev().find(|p| {
            p.role
                .as_deref()
                .is_some_and(|r| r.to_lowercase().ends_with(&head))
        })?;
        let mut m = prev.clone();
        m.start = first.s;
        m.end = last.e;
        m.kind = MentionKind::Title;
        m.rule = format!("title-coref→{}", prev.rule);
        Some((m, end_tok))
    }

    /// A known person by name, or a surname/partial name of a person already in the article.
    fn name_alone(&self, i: usize, ctx: &ArticleContext) -> Option<Parsed> {
        let (ne, known) = self.name_run(i)?;
        let start = self.toks.get(i)?.s;
        let end = self.toks.get(ne - 1)?.e;
        let name = self.clean_name(i, ne);
        if let Some(prev) = super::coref::lookup(ctx, &name) {
            let mut m = prev.clone();
            m.start = start;
            m.end = end;
            m.kind = MentionKind::Surname;
            m.rule = format!("surname→{}", prev.name.clone().unwrap_or_default());
            return Some((m, ne));
        }
        // A surname alone names a dictionary person when no other person in the dictionaries
        // has it and it is long enough not to be a common word or short name ("Prigozhin").
        let unique_surname = || self.dict.surnames.contains_key(&name) && name.chars().count() >= 6;
        let idx = known.filter(|_| {
            self.gaz(i).is_some()
                || self.gaz(ne - 1).is_some()
                || name.contains(' ')
                || unique_surname()
        })?;
        let p = self.dict.people.get(idx)?;
        let (code, sector, role, rank) = match p.office_at(self.date) {
            Some(o) => (
                o.code.clone(),
                o.sector.clone(),
                Some(o.office.clone()),
                o.rank,
            ),
            None => {
                let code = p
                    .latest_before(self.date)
                    .map(|o| o.code.clone())
                    .unwrap_or_default();
                (code, "ELI".to_string(), None, None)
            }
        };
        Some((
            ActorMention {
                start,
                end,
                code,
                sector,
                org: None,
                name: Some(p.name.clone()),
                role,
                rank,
                kind: MentionKind::KnownPerson,
                rule: format!("person:{}", p.name),
                partner: None,
                others: Vec::new(),
                host: None,
            },
            ne,
        ))
    }
}
