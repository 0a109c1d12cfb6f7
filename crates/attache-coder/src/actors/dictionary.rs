//! The actor dictionaries (`data/actors/*.tsv`), parsed once, with the automata that find them.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use std::collections::HashMap;

const COUNTRIES: &str = include_str!("../../../../data/actors/countries.tsv");
const ORGANISATIONS: &str = include_str!("../../../../data/actors/organisations.tsv");
const TITLES: &str = include_str!("../../../../data/actors/titles.tsv");
const PEOPLE: &str = include_str!("../../../../data/actors/people.tsv");
const PEOPLE_EXTRA: &str = include_str!("../../../../data/actors/people_extra.tsv");

/// What a gazetteer pattern names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GazKind {
    Country,
    Capital,
    Adjective,
    Org,
    Person,
}

/// A gazetteer pattern: its kind and the index of its entry in the matching table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GazRef {
    pub kind: GazKind,
    pub idx: usize,
}

/// A date interval with optional bounds, inclusive.
#[derive(Debug, Clone, Default)]
pub(crate) struct Span {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Span {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }

    /// Length in days, unbounded sides counting as very long, so that narrower periods win.
    fn width(&self) -> i64 {
        match (self.from, self.to) {
            (Some(f), Some(t)) => (t - f).num_days(),
            (Some(_), None) | (None, Some(_)) => 1_000_000,
            (None, None) => 2_000_000,
        }
    }
}

pub(crate) struct Country {
    pub iso3: String,
}

pub(crate) struct Org {
    pub name: String,
    pub code: String,
    pub sector: String,
    pub org: Option<String>,
    pub periods: Vec<(Span, String)>,
}

impl Org {
    /// The sector at `date`: the narrowest period containing it, else the default.
    pub fn sector_at(&self, date: Option<NaiveDate>) -> &str {
        let Some(d) = date else {
            // Undated text is coded as of now: the open-ended period if there is one.
            return self
                .periods
                .iter()
                .find(|(s, _)| s.to.is_none() && s.from.is_some())
                .map_or(self.sector.as_str(), |(_, sec)| sec.as_str());
        };
        self.periods
            .iter()
            .filter(|(s, _)| s.contains(d))
            .min_by_key(|(s, _)| s.width())
            .map_or(self.sector.as_str(), |(_, sec)| sec.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleClass {
    /// A specific office that can precede a name ("Foreign Minister").
    Office,
    /// A generic function that takes its sector from what qualifies it ("Army spokesman").
    Role,
    /// An institution ("embassy", "government").
    Body,
    /// A plural or collective of people ("officials", "troops").
    Group,
}

pub(crate) struct Title {
    pub sector: String,
    pub rank: Option<u8>,
    pub class: TitleClass,
}

#[derive(Debug, Clone)]
pub(crate) struct Office {
    pub office: String,
    pub code: String,
    pub sector: String,
    pub rank: Option<u8>,
    pub span: Span,
}

pub(crate) struct Person {
    pub name: String,
    pub offices: Vec<Office>,
}

impl Person {
    /// The office held at `date` (highest rank among those valid), or `None` when out of office.
    pub fn office_at(&self, date: Option<NaiveDate>) -> Option<&Office> {
        match date {
            Some(d) => self
                .offices
                .iter()
                .filter(|o| o.span.contains(d))
                .max_by_key(|o| (o.rank.unwrap_or(0), o.span.from)),
            // Undated: the most recent office.
            None => self.offices.iter().max_by_key(|o| o.span.from),
        }
    }

    /// The office nearest to `date`, used for the code of a former office holder.
    pub fn latest_before(&self, date: Option<NaiveDate>) -> Option<&Office> {
        self.offices
            .iter()
            .filter(|o| match (date, o.span.from) {
                (Some(d), Some(f)) => f <= d,
                _ => true,
            })
            .max_by_key(|o| o.span.from)
            .or_else(|| self.offices.first())
    }
}

pub(crate) struct Dict {
    pub countries: Vec<Country>,
    pub orgs: Vec<Org>,
    pub titles: Vec<Title>,
    pub people: Vec<Person>,
    gaz: AhoCorasick,
    gaz_refs: Vec<GazRef>,
    title_ac: AhoCorasick,
    /// Surname (last word) → person, for surnames that belong to one person only.
    pub surnames: HashMap<String, usize>,
    /// Each word of a person's name or alias → the people whose name has it: "PM Shehbaz",
    /// "President Xi" and "President Lula" name their holder by one word of the name.
    pub name_words: HashMap<String, Vec<usize>>,
}

fn name_words(people: &[Person], aliases: &[(String, usize)]) -> HashMap<String, Vec<usize>> {
    let mut words: HashMap<String, Vec<usize>> = HashMap::new();
    let names = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .chain(aliases.iter().map(|(a, i)| (a.as_str(), *i)));
    for (name, idx) in names {
        for w in name.split_whitespace() {
            // Particles and initials ("da", "S.") name nobody on their own.
            if w.chars().count() < 2 || !w.starts_with(char::is_uppercase) || w.ends_with('.') {
                continue;
            }
            let list = words.entry(w.to_string()).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
        }
    }
    words
}

/// A dictionary match in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Atom {
    Gaz(GazRef),
    Title(usize),
}

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn field<'a>(r: &[&'a str], i: usize) -> &'a str {
    r.get(i).copied().unwrap_or("")
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn rank(s: &str) -> Option<u8> {
    s.parse().ok()
}

/// "from..to:SECTOR;…" (either bound may be empty).
fn periods(s: &str) -> Vec<(Span, String)> {
    s.split(';')
        .filter_map(|p| {
            let (range, sector) = p.trim().rsplit_once(':')?;
            let (from, to) = range.split_once("..")?;
            Some((
                Span {
                    from: date(from.trim()),
                    to: date(to.trim()),
                },
                sector.trim().to_string(),
            ))
        })
        .collect()
}

fn names(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|n| !n.is_empty())
}

/// Adds a gazetteer pattern with what it names (and its spelling variants).
type AddPattern<'f> = dyn FnMut(&str, GazRef, &mut Vec<String>, &mut Vec<GazRef>) + 'f;

/// Entries from users' dictionaries, in the shapes of the embedded ones.
#[derive(Default)]
pub(crate) struct Entries {
    /// Organisations (and imported actors) with all their names, the first being the main one.
    pub orgs: Vec<(Vec<String>, Org)>,
    /// People with their aliases; one person may hold several offices.
    pub people: Vec<(Person, Vec<String>)>,
    /// Titles and group nouns by their (case-insensitive) pattern.
    pub titles: Vec<(String, Title)>,
}

/// What users add to the embedded dictionaries.
#[derive(Default)]
pub(crate) struct Extra {
    /// Entries that win over embedded ones for the same name (a user's own TOML file).
    pub over: Entries,
    /// Entries that only add names the embedded dictionaries lack (imported PETRARCH/TABARI
    /// files, whose codes stop in 2014 and would otherwise replace curated, current ones).
    pub under: Entries,
}

impl Dict {
    pub fn get() -> &'static Dict {
        static DICT: std::sync::OnceLock<Dict> = std::sync::OnceLock::new();
        DICT.get_or_init(|| Dict::load(Extra::default()))
    }

    pub fn load(extra: Extra) -> Dict {
        let Extra { over, under } = extra;
        let mut patterns: Vec<String> = Vec::new();
        let mut gaz_refs = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::new();
        let mut add = |p: &str, r: GazRef, patterns: &mut Vec<String>, refs: &mut Vec<GazRef>| {
            let mut variants = vec![p.to_string()];
            // Sentence-initial "The Taliban" for an entry written "the Taliban".
            if let Some(rest) = p.strip_prefix("the ") {
                variants.push(format!("The {rest}"));
            }
            // Curly and straight apostrophes are both common in news text.
            if p.contains('\'') {
                variants.push(p.replace('\'', "’"));
            }
            // English news often drops accents: "Bogota", "Sao Paulo", "Vucic".
            let folded = fold_accents(p);
            if folded != p {
                variants.push(folded);
            }
            for v in variants {
                if seen.insert(v.clone(), ()).is_none() {
                    patterns.push(v);
                    refs.push(r);
                }
            }
        };

        // Insertion order is priority for duplicated strings: users' own entries, organisations,
        // people, countries, then imported entries.
        let mut orgs = Vec::new();
        let add_orgs = |list: Vec<(Vec<String>, Org)>,
                        orgs: &mut Vec<Org>,
                        patterns: &mut Vec<String>,
                        refs: &mut Vec<GazRef>,
                        add: &mut AddPattern<'_>| {
            for (all, org) in list {
                let idx = orgs.len();
                for n in &all {
                    add(
                        n,
                        GazRef {
                            kind: GazKind::Org,
                            idx,
                        },
                        patterns,
                        refs,
                    );
                }
                orgs.push(org);
            }
        };
        let (mut people, aliases) = load_people();
        let add_people = |list: Vec<(Person, Vec<String>)>,
                          people: &mut Vec<Person>,
                          patterns: &mut Vec<String>,
                          refs: &mut Vec<GazRef>,
                          add: &mut AddPattern<'_>| {
            for (p, als) in list {
                let idx = people.len();
                let r = GazRef {
                    kind: GazKind::Person,
                    idx,
                };
                add(&p.name, r, patterns, refs);
                for a in &als {
                    add(a, r, patterns, refs);
                }
                people.push(p);
            }
        };
        add_orgs(over.orgs, &mut orgs, &mut patterns, &mut gaz_refs, &mut add);
        let embedded_people = people.len();
        add_people(
            over.people,
            &mut people,
            &mut patterns,
            &mut gaz_refs,
            &mut add,
        );
        for r in rows(ORGANISATIONS) {
            let idx = orgs.len();
            let all: Vec<&str> = names(field(&r, 0)).collect();
            let Some(first) = all.first() else { continue };
            for n in &all {
                add(
                    n,
                    GazRef {
                        kind: GazKind::Org,
                        idx,
                    },
                    &mut patterns,
                    &mut gaz_refs,
                );
            }
            let org = field(&r, 3);
            orgs.push(Org {
                name: first.to_string(),
                code: field(&r, 1).to_string(),
                sector: field(&r, 2).to_string(),
                org: (!org.is_empty()).then(|| org.to_string()),
                periods: periods(field(&r, 4)),
            });
        }

        let mut surname_count: HashMap<String, Vec<usize>> = HashMap::new();
        for (idx, p) in people.iter().enumerate().take(embedded_people) {
            add(
                &p.name,
                GazRef {
                    kind: GazKind::Person,
                    idx,
                },
                &mut patterns,
                &mut gaz_refs,
            );
            if let Some(last) = p.name.split_whitespace().last() {
                if p.name.split_whitespace().count() > 1 {
                    surname_count.entry(last.to_string()).or_default().push(idx);
                }
            }
        }
        for (alias, idx) in &aliases {
            add(
                alias,
                GazRef {
                    kind: GazKind::Person,
                    idx: *idx,
                },
                &mut patterns,
                &mut gaz_refs,
            );
        }
        let surnames_after = |people: &[Person], counts: &mut HashMap<String, Vec<usize>>| {
            for (idx, p) in people.iter().enumerate().skip(embedded_people) {
                let words: Vec<&str> = p.name.split_whitespace().collect();
                if let (Some(last), true) = (words.last(), words.len() > 1) {
                    counts.entry(last.to_string()).or_default().push(idx);
                }
            }
        };

        let mut countries = Vec::new();
        let country_rows: Vec<Vec<&str>> = rows(COUNTRIES).collect();
        for (col, kind) in [
            (1, GazKind::Country),
            (3, GazKind::Capital),
            (2, GazKind::Adjective),
        ] {
            for (idx, r) in country_rows.iter().enumerate() {
                for n in names(field(r, col)) {
                    add(n, GazRef { kind, idx }, &mut patterns, &mut gaz_refs);
                    // The people of a state: "the Qataris", "Afghans".
                    if kind == GazKind::Adjective {
                        if let Some(p) = plural_demonym(n) {
                            add(&p, GazRef { kind, idx }, &mut patterns, &mut gaz_refs);
                        }
                    }
                }
            }
        }
        for r in &country_rows {
            countries.push(Country {
                iso3: field(r, 0).to_string(),
            });
        }
        add_orgs(
            under.orgs,
            &mut orgs,
            &mut patterns,
            &mut gaz_refs,
            &mut add,
        );
        add_people(
            under.people,
            &mut people,
            &mut patterns,
            &mut gaz_refs,
            &mut add,
        );
        surnames_after(&people, &mut surname_count);
        let surnames = surname_count
            .into_iter()
            .filter(|(_, v)| v.len() == 1)
            .filter_map(|(k, v)| v.first().map(|&i| (k, i)))
            .collect();

        let mut titles = Vec::new();
        let mut title_pats = Vec::new();
        let mut title_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut add_title = |pat: String, t: Title, pats: &mut Vec<String>, ts: &mut Vec<Title>| {
            if title_seen.insert(pat.to_lowercase()) {
                pats.push(pat);
                ts.push(t);
            }
        };
        for (pat, t) in over.titles {
            add_title(pat, t, &mut title_pats, &mut titles);
        }
        for r in rows(TITLES) {
            let class = match field(&r, 3) {
                "office" => TitleClass::Office,
                "body" => TitleClass::Body,
                "group" => TitleClass::Group,
                _ => TitleClass::Role,
            };
            let t = Title {
                sector: field(&r, 1).to_string(),
                rank: rank(field(&r, 2)),
                class,
            };
            add_title(field(&r, 0).to_string(), t, &mut title_pats, &mut titles);
        }
        for (pat, t) in under.titles {
            add_title(pat, t, &mut title_pats, &mut titles);
        }

        let gaz = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap_or_else(|_| empty_automaton());
        let title_ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&title_pats)
            .unwrap_or_else(|_| empty_automaton());
        let name_words = name_words(&people, &aliases);
        Dict {
            countries,
            orgs,
            titles,
            people,
            gaz,
            gaz_refs,
            title_ac,
            surnames,
            name_words,
        }
    }

    /// All dictionary matches in `text[start..end]` on word boundaries, leftmost-longest, with
    /// gazetteer entries preferred over titles of the same extent.
    pub fn atoms(&self, text: &str, start: usize, end: usize) -> Vec<(usize, usize, Atom)> {
        let hay = &text[start..end];
        let mut all: Vec<(usize, usize, Atom, u8)> = Vec::new();
        for m in self.gaz.find_overlapping_iter(hay) {
            let (s, e) = (start + m.start(), start + m.end());
            if let Some(r) = self.gaz_refs.get(m.pattern().as_usize()) {
                if boundary(text, s, e) {
                    all.push((s, e, Atom::Gaz(*r), 0));
                }
            }
        }
        for m in self.title_ac.find_overlapping_iter(hay) {
            let (s, e) = (start + m.start(), start + m.end());
            if boundary(text, s, e) {
                all.push((s, e, Atom::Title(m.pattern().as_usize()), 1));
            }
        }
        all.sort_by_key(|&(s, e, _, pri)| (s, std::cmp::Reverse(e), pri));
        let mut out: Vec<(usize, usize, Atom)> = Vec::new();
        let mut last_end = start;
        for (s, e, a, _) in all {
            if s >= last_end {
                out.push((s, e, a));
                last_end = e;
            }
        }
        out
    }
}

/// The plural of a demonym that takes one ("Qatari" → "Qataris", "Afghan" → "Afghans"); none
/// for those whose plural is the same word ("Chinese", "British", "French", "Swiss").
fn plural_demonym(adjective: &str) -> Option<String> {
    let same = ["ese", "sh", "ch", "s", "x", "z"];
    if same.iter().any(|e| adjective.ends_with(e)) || adjective.contains(' ') {
        return None;
    }
    Some(format!("{adjective}s"))
}

/// `text` with the accents of Latin letters dropped ("Bogotá" → "Bogota", "Vučić" → "Vucic").
fn fold_accents(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ű' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'ñ' | 'ń' | 'ň' => 'n',
            'ç' | 'ć' | 'č' => 'c',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ř' => 'r',
            'ł' => 'l',
            'đ' | 'ď' => 'd',
            'ť' | 'ţ' => 't',
            'ğ' => 'g',
            'Á' | 'À' | 'Â' | 'Ä' | 'Å' => 'A',
            'É' | 'È' | 'Ê' => 'E',
            'Í' | 'Î' | 'İ' => 'I',
            'Ó' | 'Ö' | 'Ø' => 'O',
            'Ú' | 'Ü' => 'U',
            'Č' | 'Ç' | 'Ć' => 'C',
            'Š' | 'Ş' | 'Ś' => 'S',
            'Ž' => 'Z',
            'Ł' => 'L',
            other => other,
        })
        .collect()
}

fn empty_automaton() -> AhoCorasick {
    // Building from no patterns cannot fail; it stands in if a dictionary were ever malformed.
    AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
}

/// A match is a word when no letter or digit touches it on either side.
pub(crate) fn boundary(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// People by name, merged over both files, with their aliases as (alias, person index).
fn load_people() -> (Vec<Person>, Vec<(String, usize)>) {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut people: Vec<Person> = Vec::new();
    let curated: std::collections::HashSet<&str> =
        rows(PEOPLE_EXTRA).map(|r| field(&r, 0)).collect();
    let mut aliases = Vec::new();
    let generated = rows(PEOPLE).filter(|r| !curated.contains(field(r, 0)));
    for r in generated.chain(rows(PEOPLE_EXTRA)) {
        let name = field(&r, 0);
        if name.is_empty() {
            continue;
        }
        let office = Office {
            office: field(&r, 2).to_string(),
            code: field(&r, 3).to_string(),
            sector: field(&r, 4).to_string(),
            rank: rank(field(&r, 5)),
            span: Span {
                from: date(field(&r, 6)),
                to: date(field(&r, 7)),
            },
        };
        let idx = *by_name.entry(name.to_string()).or_insert_with(|| {
            people.push(Person {
                name: name.to_string(),
                offices: Vec::new(),
            });
            people.len() - 1
        });
        if let Some(p) = people.get_mut(idx) {
            p.offices.push(office);
        }
        aliases.extend(names(field(&r, 1)).map(|a| (a.to_string(), idx)));
    }
    (people, aliases)
}
