//! The coder's assembly line for one article: per sentence, actors and triggers are found, each
//! trigger gets its participants, modality, date, place and novelty claim; then the article's
//! events are merged so that one occurrence is one event.

use crate::actors::{ActorCoder, ActorMention, ArticleContext, MentionKind};
use crate::dates::{find_dates, lead_date, DateMention, FuzzyDate};
use crate::event::{ActorRef, DatePrecision, Event, Modality};
use crate::lexicon::{Lexicon, Trigger, TriggerKind};
use crate::merge::merge_occurrences;
use crate::milestones::{find_claims, Claim};
use crate::modality::{self, Reading};
use crate::places::{find_places, PlaceMention};
use crate::quotes::{self, find_quotations};
use crate::roles::{self, Clause, Roles, Word};
use crate::taxonomy::cameo_info;
use attache_ingest::Article;
use attache_text::{Doc, Sentence};
use chrono::{Datelike, NaiveDate};
use std::ops::Range;

/// An event under construction, with what the article-level passes need to know about it.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub event: Event,
    /// The date came from an expression in the event's own sentence.
    pub dated_in_sentence: bool,
    pub sentence_index: usize,
}

/// Codes one article: every event its sentences report.
pub fn code_article(article: &Article, doc: &Doc) -> Vec<Event> {
    code_with_triggers(article, doc, None)
}

/// [`code_article`] with the triggers of each sentence already found (by the parse that
/// needed them), so that the lexicon does not search every sentence twice.
pub(crate) fn code_with_triggers(
    article: &Article,
    doc: &Doc,
    triggers: Option<Vec<Vec<Trigger>>>,
) -> Vec<Event> {
    let mut state = ArticleState {
        article,
        ctx: ArticleContext::default(),
        perpetrator: None,
        claimant: None,
        drafts: Vec::new(),
        orphan_claims: Vec::new(),
        triggers,
        recent: Vec::new(),
        voice: None,
    };
    for (index, sentence) in doc.sentences.iter().enumerate() {
        state.code_sentence(doc, index, sentence);
    }
    state.finish()
}

struct ArticleState<'a> {
    article: &'a Article,
    ctx: ArticleContext,
    /// The last actor that attacked someone: what "the attack" refers to in later sentences.
    perpetrator: Option<ActorRef>,
    /// The armed group that claimed (or was found responsible for) the news's attack.
    claimant: Option<ActorRef>,
    drafts: Vec<Draft>,
    /// Claims in sentences that report no event ("This was the first visit since 2019").
    orphan_claims: Vec<(String, Option<String>)>,
    /// Each sentence's triggers, when the parse found them already.
    triggers: Option<Vec<Vec<Trigger>>>,
    /// Actors named in the last sentences, with their sentence's index, in article order.
    recent: Vec<(usize, ActorMention)>,
    /// Who spoke in the last sentence that has a speaker, with that sentence's index.
    voice: Option<(usize, ActorRef)>,
}

/// What a sentence offers every trigger in it.
struct SentenceView<'a> {
    text: &'a str,
    start: usize,
    doc: &'a Doc,
    words: Vec<Word<'a>>,
    actors: Vec<ActorMention>,
    dates: Vec<DateMention>,
    places: Vec<PlaceMention>,
    claims: Vec<Claim>,
    /// Byte ranges (into `text`) of the sentence's direct quotations, and who speaks them.
    quotes: Vec<Range<usize>>,
    speaker: Option<usize>,
    /// Who says the sentence: its quotation's speaker, else the subject of its saying verb
    /// ("Kh Asif says ...", "..., Anwar said"). Found only in sentences with a trigger.
    sayer: Option<usize>,
    /// The previous sentence's sayer, when this one is a quotation that names none: a statement
    /// quoted sentence by sentence goes on in its author's voice.
    voice: Option<ActorRef>,
}

impl SentenceView<'_> {
    /// The direct quotation the trigger stands in, if any.
    fn quote_holding(&self, trigger: &Trigger) -> Option<&Range<usize>> {
        self.quotes
            .iter()
            .find(|q| self.start + q.start <= trigger.start && trigger.end <= self.start + q.end)
    }

    /// Whether actor `i` is the one a saying verb right next to it names ("X said", "said X").
    fn next_to_saying(&self, i: usize) -> bool {
        let a = &self.actors[i];
        let after = self.words.iter().find(|w| w.start >= a.end);
        let before = self.words.iter().rev().find(|w| w.end <= a.start);
        [after, before]
            .into_iter()
            .flatten()
            .any(|w| quotes::SPEECH_VERBS.contains(&w.lower))
    }

    fn words_between_count(&self, from: usize, to: usize) -> usize {
        self.words
            .iter()
            .filter(|w| w.start >= from && w.end <= to)
            .count()
    }
}

/// The longest sentence coded, in tokens (news sentences stay under about 120). Longer runs
/// are text without sentence punctuation (lists of links, tables, bad extractions): the work
/// per trigger grows with its sentence and each event copies its sentence, so coding such a
/// run took time and memory quadratic in its length (256 KiB of unpunctuated text: 14 s and
/// 900 MB; found by the `code_article` fuzz target), for events nobody could trust.
pub const MAX_SENTENCE_TOKENS: usize = 400;

impl ArticleState<'_> {
    fn code_sentence(&mut self, doc: &Doc, index: usize, sentence: &Sentence) {
        if sentence.tokens.len() > MAX_SENTENCE_TOKENS {
            return;
        }
        let text = self.article.text.as_str();
        let tokens = &doc.tokens[sentence.tokens.clone()];
        let lower = text[sentence.start..sentence.end].to_lowercase();
        // Lowercasing can change byte lengths outside ASCII; then each token is lowercased on its
        // own so that offsets stay those of `text`.
        let per_token: Vec<String> = if lower.len() == sentence.end - sentence.start {
            Vec::new()
        } else {
            tokens
                .iter()
                .map(|t| text[t.start..t.end].to_lowercase())
                .collect()
        };
        let words: Vec<Word<'_>> = tokens
            .iter()
            .enumerate()
            .map(|(k, t)| Word {
                lower: match per_token.get(k) {
                    Some(w) => w.as_str(),
                    None => &lower[t.start - sentence.start..t.end - sentence.start],
                },
                start: t.start,
                end: t.end,
            })
            .collect();
        let published = self.article.published;
        let sentence_text = &text[sentence.start..sentence.end];
        let mut triggers = match self.triggers.as_mut().and_then(|t| t.get_mut(index)) {
            Some(found) => std::mem::take(found),
            None => Lexicon::embedded().find(text, doc, sentence),
        };
        if doc.has_syntax() {
            // "The two-day meeting ... is set for June 30": an -ing form with a determiner, read
            // as a noun by the parse, is the event noun.
            for t in triggers.iter_mut() {
                let gerund = t.tokens.len() == 1 && doc.token_text(text, t.head).ends_with("ing");
                if t.kind == TriggerKind::Verb
                    && gerund
                    && doc.upos(t.head) == "NOUN"
                    && doc.child(t.head, "det").is_some()
                {
                    t.kind = TriggerKind::Noun;
                }
            }
        }
        // Actors are read in every sentence (later pronouns refer to them) and claims too (a
        // claim may describe the event of an earlier sentence); dates, places and quotations
        // only serve triggers.
        let busy = !triggers.is_empty();
        // The first two sentences are read for places even without a trigger: a dateline
        // ("PESHAWAR, Jan 30") tells the article's home state.
        let places = if busy || index < 2 {
            find_places(sentence_text)
        } else {
            Vec::new()
        };
        if index < 2 {
            if let Some(code) = dateline_state(sentence_text, &places) {
                self.ctx.count_dateline(&code);
            }
        }
        let mut view = SentenceView {
            text: sentence_text,
            start: sentence.start,
            doc,
            actors: ActorCoder::active().find(
                text,
                sentence.start,
                sentence.end,
                published,
                &mut self.ctx,
            ),
            dates: if busy {
                find_dates(sentence_text, published)
            } else {
                Vec::new()
            },
            places: if busy { places } else { Vec::new() },
            claims: find_claims(sentence_text),
            quotes: if busy {
                find_quotations(sentence_text)
            } else {
                Vec::new()
            },
            speaker: None,
            sayer: None,
            voice: None,
            words,
        };
        localize_unowned_groups(&mut view);
        drop_locative_capitals(&mut view);
        if busy {
            let clause = Clause {
                words: &view.words,
                actors: &view.actors,
                doc: Some(doc),
            };
            let speaker = quotes::speaker(&clause, &view.quotes, view.start);
            view.speaker = speaker.filter(|_| !view.quotes.is_empty());
            view.sayer = speaker;
            let opens_quoted = sentence_text.starts_with(['“', '"']);
            view.voice = self
                .voice
                .take()
                .filter(|(i, _)| speaker.is_none() && opens_quoted && i + 1 == index)
                .map(|(_, m)| m);
        }
        if view.speaker.is_some() {
            self.not_the_speaker(&mut view);
        }
        let before = self.drafts.len();
        let claimed = self.claim_of_responsibility(&view);
        if !claimed {
            self.identify_attacker(&view);
        }
        for (k, trigger) in triggers.iter().enumerate() {
            // "IS claimed responsibility for the bombing, which killed 20": the attack is the
            // news's, told again; the claim names its author.
            if claimed && matches!(trigger.cameo.get(..2), Some("18" | "19" | "20")) {
                continue;
            }
            // Words inside a novelty claim describe the claimed event, they do not report another.
            let in_claim = view.claims.iter().any(|c| {
                trigger.start >= view.start + c.start && trigger.end <= view.start + c.end
            });
            if in_claim {
                continue;
            }
            if describes_other_trigger(doc, &triggers, trigger)
                || is_policy_reacted_to(doc, &triggers, trigger)
            {
                continue;
            }
            // "urged member states to cooperate with Iran", "a ban on women working with the
            // UN": what is asked for or banned has not happened.
            if is_asked_for(&view, &triggers[..k], trigger) {
                continue;
            }
            let nested = is_nested(&view, &triggers[..k], trigger);
            self.code_trigger(&view, index, trigger, nested);
        }
        self.code_mediation(&view, index, before);
        self.remember_voice(&view, index, before);
        // Only the last sentences can give an implicit target.
        self.recent.retain(|(i, _)| i + 2 >= index);
        self.recent.extend(
            view.actors
                .iter()
                .filter(|m| names_a_party(m))
                .map(|m| (index, m.clone())),
        );
        if self.drafts.len() == before {
            for claim in &view.claims {
                self.orphan_claims
                    .push((claim.text.clone(), claim_since(claim, &view, published)));
            }
        }
    }

    fn code_trigger(
        &mut self,
        view: &SentenceView<'_>,
        index: usize,
        trigger: &Trigger,
        nested: bool,
    ) {
        let Some(info) = cameo_info(&trigger.cameo) else {
            return;
        };
        let at = view.words.partition_point(|w| w.end <= trigger.start);
        let before: Vec<&str> = view.words[..at].iter().map(|w| w.lower).collect();
        let all: Vec<&str> = view.words.iter().map(|w| w.lower).collect();
        let modality = match modality::read(&before, &all, trigger.kind == TriggerKind::Noun) {
            // "Russia would be forced to take counter-measures": a threat speaks of the future,
            // and saying it is the act.
            Reading::Code(_) if info.plover == "THREATEN" => Modality::Asserted,
            Reading::Code(_) if is_scheduled(view.doc, trigger) => Modality::Planned,
            Reading::Code(m) => m,
            Reading::Negated | Reading::Unreal => return,
        };
        if warns_of_a_fact(view, trigger) {
            return;
        }
        let clause = Clause {
            words: &view.words,
            actors: &view.actors,
            doc: Some(view.doc),
        };
        let mut roles = roles::assign(&clause, trigger);
        // "denied there had been air strikes and told Reuters ...": the news agency a statement
        // is told to is its channel, not its target.
        let told_the_press = |i: usize| view.actors[i].sector == "MED" && view.next_to_saying(i);
        if roles.target.is_some_and(told_the_press) {
            roles.target = None;
        }
        let reporter = view
            .sayer
            .filter(|&sp| view.actors[sp].start >= trigger.end && view.next_to_saying(sp));
        if roles.target.is_some() && roles.target == reporter {
            // "Thai and Cambodian leaders have agreed to a ceasefire, Malaysia's prime minister
            // said": who reports an act is not its target.
            roles.target = None;
            if !roles.co_sources.is_empty() && roles::acts_together(trigger) {
                roles.target = Some(roles.co_sources.remove(0));
                roles.joint = true;
            }
        }
        let text = self.article.text.as_str();
        let mut source = roles.source.map(|i| actor_ref(text, &view.actors[i]));
        let source_is_pronoun = roles
            .source
            .is_some_and(|i| view.actors[i].kind == MentionKind::Pronoun);
        let mut target = roles.target.map(|i| actor_ref(text, &view.actors[i]));
        if source.is_none() && speaks_for_the_speaker(view, &before, trigger) {
            // "“We welcome Finland to the alliance,” Stoltenberg said": "we" in a quotation is
            // its speaker's side.
            source = view
                .speaker
                .map(|i| actor_ref(text, &view.actors[i]))
                .or_else(|| view.voice.clone());
            target = target.filter(|t| source.as_ref().is_none_or(|s| s.code != t.code));
        }
        if is_demand(&text[trigger.start..trigger.end]) {
            // "Kh Asif says attacks from Afghan soil must be stopped": the one who says it
            // demands it of the party the must-clause is about.
            if let Some((s, t)) = self.demand_parties(view, trigger) {
                source = Some(s);
                target = Some(t);
            }
        }
        let place = event_place(view, trigger, false);
        let is_assault = info.plover == "ASSAULT";
        if source.is_none() && is_assault {
            source = claimant(view)
                .map(|i| actor_ref(text, &view.actors[i]))
                .or_else(|| self.perpetrator.clone());
        }
        if target.is_none() && refers_to_attack(view, trigger) {
            target = self.perpetrator.clone();
        }
        if target.is_none() && is_assault {
            // "killed dozens in Kabul": the people of the place the attack struck; a place named
            // before a recall word ("talks in Doha after clashes") is another scene.
            target = place
                .filter(|p| !scene_changes(view, view.start + p.end, trigger.start))
                .map(|p| civilians_of(p, view.start));
        }
        let pair_source = roles
            .source
            .filter(|&i| view.actors[i].kind == MentionKind::Pair);
        if target.is_none() || (pair_source.is_some() && roles::acts_together(trigger)) {
            // "both sides agreed": the pair's second party is the target; "the pair met at the
            // G20 summit": with each other, not with where they met.
            target = roles
                .source
                .and_then(|i| partner_ref(text, &view.actors[i]))
                .or(target);
        }
        if target.is_none() {
            // "Chinese Ambassador to Malaysia attended the meeting": an envoy acts towards the
            // state it is sent to when the sentence names nobody else.
            target = roles.source.and_then(|i| host_ref(text, &view.actors[i]));
        }
        // "He thanked ... He also met ...": the pronoun's last partner. Not for attacks: "he
        // expects the attacks to continue" is not his attack on whoever he last threatened.
        if target.is_none() && source_is_pronoun && !is_assault {
            target = self.counterpart_of(source.as_ref());
        }
        if target.is_none() && trigger.cameo == "016" {
            // "Pakistan denied it carried out the strikes": the denial answers whoever accused
            // the denier, or else whoever its denied act was aimed at.
            target = self.accuser_of(source.as_ref());
        }
        if target.is_none()
            && trigger.kind == TriggerKind::Verb
            && IMPLICIT_TARGET_TYPES.contains(&info.plover.as_str())
        {
            target = self
                .implicit_target(view, index, source.as_ref())
                .map(|m| actor_ref(text, m));
        }
        let struck = trigger.passive && !nested && matches!(&trigger.cameo[..2], "18" | "19");
        if source.is_none() && struck && target.is_some() {
            // "The embassy in Kabul came under attack": attackers nobody names are the place's
            // unidentified armed forces (GUIDELINES §3, UAF), so that later reactions ("condemned
            // the incident") have someone to be aimed at.
            let scene = place.or_else(|| {
                view.places
                    .iter()
                    .find(|p| matches!(p.preposition.as_deref(), Some("in" | "at")))
            });
            // With no place named, they struck in the victim's own state ("the candidate was
            // shot during a rally").
            let code = scene
                .map(|p| p.country.clone())
                .or_else(|| target.as_ref().map(|t| t.code.clone()))
                .filter(|c| crate::actors::is_state(c));
            source = code.map(|code| inferred_actor(text, trigger, code, "UAF".to_string()));
        }
        let between_the_pair = source.is_none()
            && target.is_none()
            && trigger.joint
            && trigger.kind == TriggerKind::Noun;
        if between_the_pair {
            // "The clashes, which started on Oct 11, ...", "a ceasefire brokered in Doha": a
            // joint act nobody is named in is between the two parties the article is about.
            if let Some([a, b]) = self.ctx.pair.clone() {
                let fighting = matches!(&trigger.cameo[..2], "18" | "19" | "20");
                let party = |(code, sector): (String, String)| {
                    let sector = if fighting && matches!(sector.as_str(), "GOV" | "") {
                        "MIL".to_string()
                    } else {
                        sector
                    };
                    inferred_actor(text, trigger, code, sector)
                };
                source = Some(party(a));
                target = Some(party(b));
            }
        }
        let seized = trigger.passive && !nested && trigger.cameo.starts_with("17");
        if source.is_none() && seized {
            // "224 people had been detained", "the suspect had been caught": arrests nobody
            // claims are the police's, of the state where the arrested are.
            source = target
                .as_ref()
                .map(|t| inferred_actor(text, trigger, t.code.clone(), "COP".to_string()));
        }
        if target.is_none() {
            // "Authorities have imposed a curfew", "the prime minister has resigned": a state's
            // measures of control at home, and a leader's resignation, fall on its people when
            // the sentence names nobody else (GUIDELINES §3: the closest actor the text gives).
            target = source
                .as_ref()
                .filter(|s| acts_on_its_people(&trigger.cameo, s))
                .map(|s| inferred_actor(text, trigger, s.code.clone(), "CVL".to_string()));
        }
        let (Some(source), Some(target)) = (source, target) else {
            return;
        };
        if source.code == target.code && source.sector == target.sector {
            return;
        }
        let cameo = intended_code(&trigger.cameo, &info.plover, modality);
        let cameo = official_protest(cameo, &source);
        let info = cameo_info(&cameo).unwrap_or(info);
        let published = self.article.published;
        let mut dates = event_dates(view, trigger, modality);
        if dates.is_empty() && nested {
            dates.extend(days_before_the_news(&before, published));
        }
        let background = nested || is_background(&before, dates.first().map(|d| &d.0), published);
        // Later reactions ("condemned the bombings") are aimed at the news's attacker, not at
        // that of an attack the article recalls.
        // Fighting between the pair names no attacker for them.
        if is_assault && !between_the_pair && (!background || self.perpetrator.is_none()) {
            self.perpetrator = Some(source.clone());
        }
        let claim = view
            .claims
            .iter()
            .find(|c| c.start + view.start >= trigger.start || !nested);
        let scene = place.or_else(|| event_place(view, trigger, true));
        let mut event = Event {
            article: self.article.id.clone(),
            sentence: view.text.to_string(),
            span: [view.start, view.start + view.text.len()],
            source: Some(source),
            target: Some(target),
            cameo,
            plover: info.plover.clone(),
            quad_class: info.quad_class,
            goldstein: info.goldstein,
            joint: roles.joint || trigger.joint,
            modality,
            background,
            location: scene.map(|p| p.name.clone()).unwrap_or_default(),
            location_code: scene.map(|p| p.country.clone()).unwrap_or_default(),
            location_lat: scene.and_then(|p| p.lat),
            location_lon: scene.and_then(|p| p.lon),
            milestone: None,
            milestone_since: None,
            quote: None,
            trigger: text[trigger.start..trigger.end].to_string(),
            ..Event::default()
        };
        if let Some(claim) = claim.filter(|_| !background) {
            event.milestone = Some(claim.text.clone());
            event.milestone_since = claim_since(claim, view, published);
        }
        refine_consult(&mut event);
        event.quote = quote_for(view, trigger, roles.source);
        let variants = coordinated_variants(event, &clause, &roles, text);
        for event in variants {
            self.push_dated(event, &dates, index);
        }
    }

    fn push_dated(&mut self, event: Event, dates: &[(FuzzyDate, Option<FuzzyDate>)], index: usize) {
        if dates.is_empty() {
            self.drafts.push(Draft {
                event,
                dated_in_sentence: false,
                sentence_index: index,
            });
            return;
        }
        // "visits in 2022 and 2023": one occurrence per coordinated date.
        for (date, end) in dates {
            let mut e = event.clone();
            set_date(&mut e, Some(date), end.as_ref());
            // Actors hold the offices of the event's date, not of the publication date.
            if let Some(day) = event_day(date, self.article.published) {
                let text = self.article.text.as_str();
                for actor in [&mut e.source, &mut e.target].into_iter().flatten() {
                    ActorCoder::active().recode_ref(text, actor, day);
                }
            }
            self.drafts.push(Draft {
                event: e,
                dated_in_sentence: true,
                sentence_index: index,
            });
        }
    }

    /// "talks mediated by Qatar and Turkey", "with Trump mediating", "a meeting hosted by Anwar":
    /// the mediator consults each party (CAMEO 045), the parties being those of the talks this
    /// sentence reports, or else of the last talks the article reported.
    fn code_mediation(&mut self, view: &SentenceView<'_>, index: usize, first_draft: usize) {
        let clause = Clause {
            words: &view.words,
            actors: &view.actors,
            doc: Some(view.doc),
        };
        let mediators = mediators(&clause);
        if mediators.is_empty() {
            return;
        }
        let is_mediator = |a: &ActorRef| mediators.iter().any(|&m| view.actors[m].code == a.code);
        let talks = |d: &Draft| {
            matches!(
                d.event.plover.as_str(),
                "CONSULT" | "AGREE" | "RETREAT" | "COOPERATE"
            ) && [&d.event.source, &d.event.target]
                .iter()
                .all(|a| a.as_ref().is_some_and(|a| !is_mediator(a)))
                && !envoy_and_host(d)
        };
        // The news the sentence reports, rather than the talks it recalls ("agreed to a ceasefire
        // following negotiations mediated by ...").
        let here = self.drafts[first_draft..]
            .iter()
            .filter(|d| talks(d))
            .min_by_key(|d| d.event.background);
        let Some(base) =
            here.or_else(|| self.drafts[..first_draft].iter().rev().find(|d| talks(d)))
        else {
            return;
        };
        let from_here = here.is_some();
        let Some(info) = cameo_info("045") else {
            return;
        };
        let parties: Vec<ActorRef> = [&base.event.source, &base.event.target]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        let mut base = base.clone();
        if !from_here {
            base.event.sentence = view.text.to_string();
            base.event.span = [view.start, view.start + view.text.len()];
            base.event.milestone = None;
            base.event.milestone_since = None;
            base.dated_in_sentence = false;
            base.sentence_index = index;
        }
        let text = self.article.text.as_str();
        for &m in &mediators {
            let mediator = actor_ref(text, &view.actors[m]);
            for party in &parties {
                let mut draft = base.clone();
                let e = &mut draft.event;
                e.source = Some(mediator.clone());
                e.target = Some(party.clone());
                e.cameo = "045".to_string();
                e.plover = info.plover.clone();
                e.quad_class = info.quad_class;
                e.goldstein = info.goldstein;
                e.joint = false;
                e.trigger = String::new();
                self.drafts.push(draft);
            }
        }
    }

    /// With no target in its sentence, an actor referred to by a pronoun is taken to act towards
    /// the counterpart of its previous event ("They are also expected to seek support" — from the
    /// host just named).
    /// The actor the article last shows accusing `denier` (the first named, when one sentence
    /// names several), else the target of the last act it reports `denier` doing to another.
    fn accuser_of(&self, denier: Option<&ActorRef>) -> Option<ActorRef> {
        let denier = denier?;
        let other = |a: &&ActorRef| a.code != denier.code && !a.code.is_empty();
        let accusations = self.drafts.iter().filter(|d| {
            matches!(d.event.plover.as_str(), "ACCUSE" | "PROTEST" | "COERCE")
                && d.event
                    .target
                    .as_ref()
                    .is_some_and(|t| t.code == denier.code)
                && d.event.source.as_ref().is_some_and(|s| other(&s))
        });
        let latest = accusations.clone().map(|d| d.sentence_index).max();
        let accuser = accusations
            .filter(|d| Some(d.sentence_index) == latest)
            .filter_map(|d| d.event.source.as_ref())
            .min_by_key(|s| s.span[0]);
        accuser.cloned().or_else(|| {
            self.drafts
                .iter()
                .rev()
                .map(|d| &d.event)
                .filter(|e| e.source.as_ref().is_some_and(|s| s.code == denier.code))
                .find_map(|e| e.target.as_ref().filter(other).cloned())
        })
    }

    /// "Slovakia vetoed it", "Ireland objected": with no target in the clause, the act is
    /// aimed at the party last named before its source, in its sentence or the two before
    /// (GUIDELINES §3: "use the closest actor the text gives"). Crowds act on no one in
    /// particular.
    fn implicit_target<'s>(
        &'s self,
        view: &'s SentenceView<'_>,
        index: usize,
        source: Option<&ActorRef>,
    ) -> Option<&'s ActorMention> {
        let source = source.filter(|s| s.sector != "CVL")?;
        let other = |m: &&ActorMention| m.code != source.code && names_a_party(m);
        let here = view
            .actors
            .iter()
            .filter(|m| m.end <= source.span[0])
            .rev()
            .find(other);
        here.or_else(|| {
            self.recent
                .iter()
                .rev()
                .take_while(|(i, _)| i + 2 >= index)
                .map(|(_, m)| m)
                .find(other)
        })
    }

    /// Who demands a must-clause of whom: the sentence's speaker, of the first other party
    /// named before "must", else of the article's other party.
    fn demand_parties(
        &self,
        view: &SentenceView<'_>,
        trigger: &Trigger,
    ) -> Option<(ActorRef, ActorRef)> {
        let text = self.article.text.as_str();
        let speaker = match view.sayer {
            Some(i) => actor_ref(text, &view.actors[i]),
            None => view.voice.clone()?,
        };
        if speaker.span[1] > trigger.start && speaker.span[0] < trigger.end {
            return None;
        }
        let other = |m: &&ActorMention| m.code != speaker.code && !m.code.is_empty();
        let named = view
            .actors
            .iter()
            .filter(|m| m.end <= trigger.start && m.kind != MentionKind::Pronoun)
            .find(other)
            .map(|m| actor_ref(text, m));
        let target = named.or_else(|| {
            let [a, b] = self.ctx.pair.clone()?;
            let (code, sector) = if a.0 == speaker.code {
                b
            } else if b.0 == speaker.code {
                a
            } else {
                return None;
            };
            Some(inferred_actor(text, trigger, code, sector))
        })?;
        Some((speaker, target))
    }

    /// The speaker a next quoted sentence may go on with: the sentence's sayer, else the author
    /// of the statement it reports ("The FO said Pakistan “strongly condemns” ...").
    fn remember_voice(&mut self, view: &SentenceView<'_>, index: usize, before: usize) {
        let text = self.article.text.as_str();
        let stated = || {
            self.drafts[before..]
                .iter()
                .rev()
                .find(|d| STATEMENT_TYPES.contains(&d.event.plover.as_str()))
                .and_then(|d| d.event.source.clone())
        };
        let voice = view
            .sayer
            .map(|i| actor_ref(text, &view.actors[i]))
            .or_else(|| view.voice.clone())
            .or_else(stated);
        self.voice = voice.map(|v| (index, v));
    }

    fn counterpart_of(&self, source: Option<&ActorRef>) -> Option<ActorRef> {
        let source = source?;
        let last = self.drafts.last()?;
        let (s, t) = (last.event.source.as_ref()?, last.event.target.as_ref()?);
        (s.code == source.code && t.code != source.code).then(|| t.clone())
    }

    /// Reports of the news that name no place of their own ("The talks focused on ...", "He
    /// also thanked ...") happened where the news did: the place of its first located report.
    fn place_the_news(&mut self) {
        let news = |d: &Draft| !d.event.background && d.event.modality == Modality::Asserted;
        let Some(scene) = self
            .drafts
            .iter()
            .find(|d| news(d) && !d.event.location.is_empty())
            .map(|d| d.event.clone())
        else {
            return;
        };
        for draft in self.drafts.iter_mut() {
            if !news(draft) || !draft.event.location.is_empty() {
                continue;
            }
            // A report dated to another day is another occasion, maybe elsewhere.
            if draft.dated_in_sentence && draft.event.date != scene.date {
                continue;
            }
            let e = &mut draft.event;
            e.location.clone_from(&scene.location);
            e.location_code.clone_from(&scene.location_code);
            e.location_lat = scene.location_lat;
            e.location_lon = scene.location_lon;
        }
    }

    /// "“Deeply appreciate his condemnation,” he posted": a speaker does not call himself "he"
    /// in his own words; the pronoun is the person last named before him.
    fn not_the_speaker(&self, view: &mut SentenceView<'_>) {
        let Some(speaker) = view.speaker.map(|i| view.actors[i].clone()) else {
            return;
        };
        let Some(name) = speaker.name.as_deref() else {
            return;
        };
        let other = self.ctx.people.iter().rev().find(|p| {
            p.name.as_deref().is_some_and(|n| n != name) && p.kind != MentionKind::Pronoun
        });
        let Some(other) = other else {
            return;
        };
        let text = self.article.text.as_str();
        let (start, quotes) = (view.start, &view.quotes);
        for a in view.actors.iter_mut() {
            if a.kind != MentionKind::Pronoun || a.name.as_deref() != Some(name) {
                continue;
            }
            let said = &text[a.start..a.end];
            let third = ["he", "him", "his", "she", "her"]
                .iter()
                .any(|p| said.eq_ignore_ascii_case(p));
            let quoted = quotes
                .iter()
                .any(|q| start + q.start <= a.start && a.end <= start + q.end);
            if third && quoted {
                let (s, e) = (a.start, a.end);
                *a = ActorMention {
                    start: s,
                    end: e,
                    kind: MentionKind::Pronoun,
                    rule: format!("pronoun→not the speaker→{}", other.rule),
                    ..other.clone()
                };
            }
        }
    }

    /// A sentence in which an armed group claims the article's attack, or is named as
    /// responsible for it ("the TTP claimed responsibility", "those responsible were ISIS
    /// fighters"): the group becomes the attack's author.
    fn claim_of_responsibility(&mut self, view: &SentenceView<'_>) -> bool {
        let attacked = self.news_attacks().next().is_some();
        let cue = view
            .words
            .iter()
            .any(|w| matches!(w.lower, "responsibility" | "responsible"));
        if !attacked || !cue {
            return false;
        }
        let armed = |a: &ActorMention| {
            a.kind != MentionKind::Pronoun && (a.sector == "REB" || a.code == "IMG")
        };
        let group = claimant(view)
            .filter(|&i| armed(&view.actors[i]))
            .or_else(|| view.actors.iter().position(armed));
        let Some(group) = group else {
            return false;
        };
        self.name_the_author(actor_ref(self.article.text.as_str(), &view.actors[group]));
        true
    }

    /// The attacks the news reports (asserted, not recalled), in text order.
    fn news_attacks(&self) -> impl Iterator<Item = &Event> {
        self.drafts
            .iter()
            .map(|d| &d.event)
            .filter(|e| e.plover == "ASSAULT" && !e.background && e.modality == Modality::Asserted)
    }

    /// `author` carried out the news's attack: later reactions are aimed at it, and the
    /// attackers the coder left unnamed become it.
    fn name_the_author(&mut self, author: ActorRef) {
        self.perpetrator = Some(author.clone());
        self.claimant = Some(author);
    }

    /// A sentence naming the lone person behind the news's attack ("identified Crooks as the
    /// assailant"): the attackers the coder left unidentified (UAF) were a civilian, who becomes
    /// the attack's author as a claiming group would.
    fn identify_attacker(&mut self, view: &SentenceView<'_>) {
        if self.claimant.is_some() {
            return;
        }
        let unidentified = self
            .news_attacks()
            .filter_map(|e| e.source.as_ref())
            .find(|source| source.sector == "UAF")
            .map(|source| source.code.clone());
        let Some(code) = unidentified else {
            return;
        };
        let text = self.article.text.as_str();
        let Some([start, end]) = identified_attacker(view, text) else {
            return;
        };
        // A name the actor finder knows as a group or an office holder is no lone civilian.
        let known = view
            .actors
            .iter()
            .any(|a| a.start < end && start < a.end && !matches!(a.sector.as_str(), "" | "CVL"));
        if known {
            return;
        }
        let name = text[start..end].to_string();
        let person = ActorRef {
            text: name.clone(),
            code,
            sector: "CVL".to_string(),
            name: Some(name),
            span: [start, end],
            ..ActorRef::default()
        };
        self.name_the_author(person);
    }

    /// Unnamed attackers of the news ("gunmen", "the assailants", an attacker the coder
    /// inferred) are the group that claimed the attack.
    fn attribute_to_claimant(&mut self) {
        let Some(group) = self.claimant.clone() else {
            return;
        };
        for draft in &mut self.drafts {
            let e = &mut draft.event;
            let unnamed = |a: &Option<ActorRef>| a.as_ref().is_some_and(|a| a.sector == "UAF");
            if e.plover == "ASSAULT" && unnamed(&e.source) {
                e.source = Some(group.clone());
            }
            if unnamed(&e.target) {
                e.target = Some(group.clone());
            }
        }
    }

    fn finish(mut self) -> Vec<Event> {
        self.attribute_to_claimant();
        let published = self.article.published;
        let first_dated_news = self
            .drafts
            .iter()
            .find(|d| {
                d.dated_in_sentence
                    && !d.event.background
                    && d.event.modality == Modality::Asserted
                    // A date still to come ("summoned her to testify on July 22") is not when
                    // the news happened.
                    && !d
                        .event
                        .date
                        .as_deref()
                        .is_some_and(|date| after_publication(date, published))
            })
            .and_then(|d| {
                d.event
                    .date
                    .clone()
                    .map(|date| (date, d.event.date_precision))
            });
        // The news's date: that of its first dated report, else the day the lead gives ("the
        // session was held on Monday"), else publication. (The lead's day first scored worse:
        // leads often open on a reaction to the day before's news.)
        let news_date = first_dated_news
            .or_else(|| {
                lead_date(&self.article.text, published).map(|d| (d.to_string(), d.precision()))
            })
            .or_else(|| published.map(|p| (p.format("%Y-%m-%d").to_string(), DatePrecision::Day)));
        for draft in self.drafts.iter_mut().filter(|d| !d.dated_in_sentence) {
            let e = &mut draft.event;
            let Some((date, precision)) = &news_date else {
                continue;
            };
            if e.background {
                // A recalled event the text does not date belongs, as told, to the news's
                // recent past: its month is as precise as the article allows (annotators date
                // such events to the month or year; null would never be right).
                if let Some(month) = date.get(..7).filter(|_| *precision != DatePrecision::Year) {
                    e.date = Some(month.to_string());
                    e.date_precision = DatePrecision::Month;
                }
                continue;
            }
            if e.modality == Modality::Asserted {
                e.date = Some(date.clone());
                e.date_precision = *precision;
            }
        }
        self.place_the_news();
        let mut events: Vec<Event> = merge_occurrences(self.drafts)
            .into_iter()
            .map(|d| d.event)
            .collect();
        for e in &mut events {
            if let (Some(source), "ASSAULT" | "MOBILIZE") = (&mut e.source, e.plover.as_str()) {
                armed_forces_of_a_state(source);
            }
        }
        for (claim, since) in self.orphan_claims {
            if let Some(main) = events
                .iter_mut()
                .find(|e| !e.background && e.modality == Modality::Asserted)
            {
                if main.milestone.is_none() {
                    main.milestone = Some(claim);
                    main.milestone_since = since;
                }
            }
        }
        events
    }
}

/// Types whose verbs, with no target in the clause, are aimed at the party last named: a veto
/// or refusal answers the proposal just told ("Ireland objected"), an intention to take part
/// answers the host just named ("the Taliban agreed to attend"). Measured on the dev set, the
/// same fallback for accusations, requests, support and threats added more wrong events than
/// right ones: those are aimed at someone the text names, or at nobody in particular.
const IMPLICIT_TARGET_TYPES: &[&str] = &["REJECT", "AGREE"];

/// Types whose act is saying something: their source speaks.
pub(crate) const STATEMENT_TYPES: &[&str] = &["SUPPORT", "ACCUSE", "REQUEST", "REJECT", "THREATEN"];

/// The trigger is inside a direct quotation and its subject is "we" or "I" (a few words before
/// it: "We strongly condemn").
fn speaks_for_the_speaker(view: &SentenceView<'_>, before: &[&str], trigger: &Trigger) -> bool {
    view.quote_holding(trigger).is_some()
        && before
            .iter()
            .rev()
            .take(3)
            .any(|w| matches!(*w, "we" | "i"))
}

/// An actor the sentence does not name but the coder infers (the police of an arrest nobody
/// claims, the gunmen of an attack): its words are the trigger's, which is all the text says of it.
fn inferred_actor(text: &str, trigger: &Trigger, code: String, sector: String) -> ActorRef {
    ActorRef {
        text: text[trigger.start..trigger.end].to_string(),
        code,
        sector,
        span: [trigger.start, trigger.end],
        ..ActorRef::default()
    }
}

/// Whether `source` performing `cameo` acts on its own state's people: a curfew or state of
/// emergency (1723, 1724), a crackdown (170) or riot control (175) by a state's government or
/// forces, or a leader's resignation (0831). A ban or an arrest is left out: its object is too
/// often a named foreign party or a group the sentence names later.
fn acts_on_its_people(cameo: &str, source: &ActorRef) -> bool {
    let state_power = match cameo {
        "0831" => source.sector == "GOV",
        "170" | "175" | "1723" | "1724" => matches!(source.sector.as_str(), "GOV" | "COP" | "MIL"),
        _ => false,
    };
    state_power && crate::actors::is_state(&source.code)
}

/// A mention that can be the other party of an act: a named state, body or person, not a
/// pronoun, a crowd or a business.
fn names_a_party(m: &ActorMention) -> bool {
    !m.code.is_empty()
        && !matches!(m.kind, MentionKind::Pronoun | MentionKind::Pair)
        && !matches!(m.sector.as_str(), "CVL" | "MED" | "BUS")
}

fn actor_ref(text: &str, m: &ActorMention) -> ActorRef {
    ActorRef {
        text: text[m.start..m.end].to_string(),
        code: m.code.clone(),
        sector: m.sector.clone(),
        org: m.org.clone(),
        name: m.name.clone(),
        role: m.role.clone(),
        rank: m.rank,
        span: [m.start, m.end],
    }
}

/// The other party of a mention that stands for two ("both sides", "the two countries").
fn partner_ref(text: &str, m: &ActorMention) -> Option<ActorRef> {
    let (code, sector) = m.partner.clone()?;
    Some(ActorRef {
        code,
        sector,
        ..actor_ref(text, m)
    })
}

/// The state an envoy is accredited to, named inside the envoy's phrase.
fn host_ref(text: &str, m: &ActorMention) -> Option<ActorRef> {
    let ((code, sector), [start, end]) = m.host.clone()?;
    Some(ActorRef {
        text: text.get(start..end)?.to_string(),
        code,
        sector,
        span: [start, end],
        ..ActorRef::default()
    })
}

/// An event between an envoy and the state it is sent to, the target named inside the source's
/// phrase ("Chinese Ambassador to Malaysia attended"): the envoy's presence, not talks between
/// parties that someone else could mediate.
fn envoy_and_host(d: &Draft) -> bool {
    let (Some(s), Some(t)) = (&d.event.source, &d.event.target) else {
        return false;
    };
    s.span[0] <= t.span[0] && t.span[1] <= s.span[1] && s.span != t.span
}

/// A capital stands for its government as a subject or an object ("Kabul rejected", "talks with
/// Kabul"), not after "in" or "at": "the meeting in Doha" names where, not whom.
fn drop_locative_capitals(view: &mut SentenceView<'_>) {
    let words = &view.words;
    view.actors.retain(|a| {
        a.kind != MentionKind::Capital || {
            let at = words.partition_point(|w| w.start < a.start);
            !(at > 0 && matches!(words[at - 1].lower, "in" | "at"))
        }
    });
}

/// "Worshippers", "policemen", "people" with no state named belong to the article's home state,
/// unless the sentence sets its scene in another country ("in a mosque in Pakistan's Peshawar").
fn localize_unowned_groups(view: &mut SentenceView<'_>) {
    let Some(scene) = view
        .places
        .iter()
        .find(|p| {
            matches!(
                p.preposition.as_deref(),
                Some("in" | "at" | "near" | "outside")
            )
        })
        .map(|p| p.country.clone())
    else {
        return;
    };
    for actor in view.actors.iter_mut() {
        if actor.rule.starts_with("home-state") {
            actor.code.clone_from(&scene);
        }
    }
}

/// "The meeting, involving envoys from 25 countries, is set for June 30": an event noun that is
/// the subject of a scheduling predicate is a plan.
/// An event noun in the phrase of a verb in the future is a plan too ("the ceasefire will be
/// followed by a meeting of the attachés and a committee meeting on Aug 4").
fn is_scheduled(doc: &Doc, trigger: &Trigger) -> bool {
    if !doc.has_syntax() || doc.upos(trigger.head) != "NOUN" {
        return false;
    }
    if doc.deprel(trigger.head).starts_with("nsubj") {
        let scheduling = doc.head(trigger.head).is_some_and(|h| {
            matches!(
                doc.lemma(h),
                "set" | "schedule" | "due" | "slate" | "expect" | "plan" | "likely"
            )
        });
        if scheduling {
            return true;
        }
    }
    // Up the noun's own phrase (coordination, prepositional attachments) to its verb.
    let mut cur = trigger.head;
    for _ in 0..4 {
        let rel = doc.deprel(cur);
        if !["conj", "nmod", "obl", "obj", "xcomp"]
            .iter()
            .any(|r| rel.split(':').next() == Some(r))
        {
            return false;
        }
        let Some(head) = doc.head(cur) else {
            return false;
        };
        if doc.upos(head) == "VERB" {
            return doc
                .children(head)
                .any(|c| doc.deprel(c) == "aux" && matches!(doc.lemma(c), "will" | "shall"));
        }
        cur = head;
    }
    false
}

/// "He warned that the expulsion had triggered a breakdown": a warning that something is so,
/// with nothing the warner would do, threatens nothing.
fn warns_of_a_fact(view: &SentenceView<'_>, trigger: &Trigger) -> bool {
    let words = &view.words;
    let at = words.partition_point(|w| w.start < trigger.start);
    let warn = words.get(at).is_some_and(|w| w.lower.starts_with("warn"));
    let after = words.partition_point(|w| w.start < trigger.end);
    if !warn || words.get(after).is_none_or(|w| w.lower != "that") {
        return false;
    }
    !words[after..].iter().any(|w| {
        matches!(
            w.lower,
            "will" | "would" | "could" | "might" | "may" | "shall" | "'ll" | "’ll" | "wo" | "can"
        )
    })
}

/// A demand worded as an obligation ("must be stopped", "must hold an investigation").
fn is_demand(said: &str) -> bool {
    said.get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("must "))
}

/// The country of the place a sentence opens with when it is a dateline: the place, then a
/// comma, a dash or an agency in brackets ("Peshawar, January 30", "BEIJING (AP) —").
fn dateline_state(sentence: &str, places: &[PlaceMention]) -> Option<String> {
    let place = places.first()?;
    let after = &sentence[place.end..];
    let rest = after.trim_start();
    // "KABUL - ..." but not "Kabul-based analysts said".
    let dash = rest.starts_with(['—', '–']) || (rest.starts_with('-') && after.len() > rest.len());
    let opens = place.start == 0 && (dash || rest.starts_with([',', '(', '[']));
    opens.then(|| place.country.clone())
}

/// Victims an attack report does not name: the civilians of the place it happened.
fn civilians_of(place: &PlaceMention, sentence_start: usize) -> ActorRef {
    ActorRef {
        text: place.name.clone(),
        code: place.country.clone(),
        sector: "CVL".to_string(),
        span: [sentence_start + place.start, sentence_start + place.end],
        ..ActorRef::default()
    }
}

/// The quotation that carries the event: the one its trigger stands in ("“We are putting more
/// pressure on ...”"), else the first after the trigger ("condemned the “gruesome incident”"),
/// else one the source is the speaker of ("“...,” he posted").
fn quote_for(view: &SentenceView<'_>, trigger: &Trigger, source: Option<usize>) -> Option<String> {
    let quotes = &view.quotes;
    let at = |q: &Range<usize>| (view.start + q.start, view.start + q.end);
    let speaker = view.speaker;
    let source_speaks = match (speaker, source) {
        (Some(sp), Some(so)) => {
            let (a, b) = (&view.actors[sp], &view.actors[so]);
            sp == so || (a.code == b.code && a.sector == b.sector && a.name == b.name)
        }
        (None, _) => true,
        _ => false,
    };
    let pick = view
        .quote_holding(trigger)
        .or_else(|| {
            quotes
                .iter()
                .find(|q| at(q).0 >= trigger.end)
                .filter(|_| source_speaks)
        })
        .or_else(|| {
            quotes
                .iter()
                .max_by_key(|q| q.len())
                .filter(|_| source_speaks && speaker.is_some())
        })?;
    Some(view.text[pick.clone()].trim().to_string())
}

/// Whether words between `from` and `to` move to another occasion ("in Doha after clashes").
fn scene_changes(view: &SentenceView<'_>, from: usize, to: usize) -> bool {
    const RECALL: &[&str] = &["after", "amid", "following", "since", "before", "during"];
    view.words
        .iter()
        .filter(|w| w.start >= from && w.end <= to)
        .any(|w| RECALL.contains(&w.lower))
}

/// The actors a sentence names as mediators or hosts of talks between others.
fn mediators(clause: &Clause<'_>) -> Vec<usize> {
    const BY: &[&str] = &["mediated", "brokered", "facilitated", "hosted", "mediation"];
    let words = clause.words;
    let actor_at = |byte: usize| clause.actors.iter().position(|a| a.start == byte);
    let actor_ending = |byte: usize| clause.actors.iter().position(|a| a.end == byte);
    let mut found = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let next = words.get(k + 1).map(|w| w.lower);
        let first = if BY.contains(&w.lower) && matches!(next, Some("by" | "of")) {
            // "mediated by the leaders of Qatar": skip a determiner.
            let mut j = k + 2;
            if words
                .get(j)
                .is_some_and(|w| roles::DETERMINERS.contains(&w.lower))
            {
                j += 1;
            }
            words.get(j).and_then(|w| actor_at(w.start))
        } else if matches!(
            w.lower,
            "mediating" | "mediation" | "mediators" | "mediator"
        ) && k > 0
        {
            // "with Trump mediating", "Qatar's mediation"
            let mut j = k - 1;
            if matches!(words[j].lower, "'s" | "’s") && j > 0 {
                j -= 1;
            }
            actor_ending(words[j].end)
        } else {
            None
        };
        if let Some(i) = first.filter(|&i| !clause.actors[i].code.is_empty()) {
            for m in roles::coordination(clause, i) {
                if !found.contains(&m) {
                    found.push(m);
                }
            }
        }
    }
    found
}

/// One event per party: coordinated targets ("thanked Qatar and Turkey") and coordinated sources
/// ("Congo and the US accuse Rwanda") each give their own event (GUIDELINES §3); a joint act of
/// three or more parties ("A, B and C signed") gives one event per pair.
fn coordinated_variants(
    event: Event,
    clause: &Clause<'_>,
    roles: &Roles,
    text: &str,
) -> Vec<Event> {
    let refs = |ids: &[usize]| -> Vec<ActorRef> {
        ids.iter()
            .map(|&i| actor_ref(text, &clause.actors[i]))
            .collect()
    };
    let co_sources = refs(&roles.co_sources);
    if roles.joint {
        let mut parties: Vec<ActorRef> = [event.source.clone(), event.target.clone()]
            .into_iter()
            .flatten()
            .collect();
        parties.extend(co_sources);
        let mut out = Vec::new();
        for (a, first) in parties.iter().enumerate() {
            for second in &parties[a + 1..] {
                if first.code != second.code {
                    let mut e = event.clone();
                    e.source = Some(first.clone());
                    e.target = Some(second.clone());
                    out.push(e);
                }
            }
        }
        return out;
    }
    let (Some(source), Some(target)) = (event.source.clone(), event.target.clone()) else {
        return Vec::new();
    };
    let mut sources = vec![source];
    sources.extend(co_sources);
    let mut targets = vec![target.clone()];
    if let Some(t) = roles.target {
        let more = roles::coordination(clause, t)
            .into_iter()
            .filter(|&j| j != t && clause.actors[j].code != target.code);
        targets.extend(refs(&more.collect::<Vec<_>>()));
    }
    let mut out = Vec::new();
    for s in &sources {
        for t in targets
            .iter()
            .filter(|t| t.code != s.code || t.sector != s.sector)
        {
            let mut e = event.clone();
            e.source = Some(s.clone());
            e.target = Some(t.clone());
            out.push(e);
        }
    }
    out
}

/// "..., for which X claimed responsibility": X carried out the attack the sentence reports.
fn claimant(view: &SentenceView<'_>) -> Option<usize> {
    let at = view.words.windows(2).position(|w| {
        w[0].lower == "claimed" && matches!(w[1].lower, "responsibility" | "credit")
    })?;
    let claimed = view.words[at].start;
    view.actors
        .iter()
        .rposition(|a| a.end <= claimed && view.words_between_count(a.end, claimed) == 0)
}

/// Whether an ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) lies after the publication day, as
/// far as its precision tells.
fn after_publication(date: &str, published: Option<NaiveDate>) -> bool {
    let Some(published) = published else {
        return false;
    };
    let published = published.format("%Y-%m-%d").to_string();
    let n = date.len().min(published.len());
    date.as_bytes()[..n] > published.as_bytes()[..n]
}

/// Who carries out an attack, as a news report calls a person it has not named yet.
const ATTACKER_NOUNS: &[&str] = &[
    "assailant",
    "attacker",
    "gunman",
    "shooter",
    "perpetrator",
    "bomber",
    "suspect",
];

/// The byte span of the name a sentence identifies an attacker by: "identified Crooks as the
/// assailant", "the gunman was identified as John Doe", "the shooter, identified as Jane Roe".
fn identified_attacker(view: &SentenceView<'_>, text: &str) -> Option<[usize; 2]> {
    let words = &view.words;
    let capitalised = |w: &Word<'_>| text[w.start..w.end].starts_with(char::is_uppercase);
    let attacker = |w: &Word<'_>| ATTACKER_NOUNS.contains(&w.lower);
    let name_at = |from: usize| -> Option<[usize; 2]> {
        let len = words
            .get(from..)?
            .iter()
            .take_while(|w| capitalised(w))
            .count();
        (1..=4)
            .contains(&len)
            .then(|| [words[from].start, words[from + len - 1].end])
    };
    let at = words.iter().position(|w| w.lower == "identified")?;
    if words.get(at + 1).is_some_and(|w| w.lower == "as") {
        // "the gunman, identified as ...": the attacker noun comes just before.
        let before = &words[at.saturating_sub(4)..at];
        return before
            .iter()
            .any(attacker)
            .then(|| name_at(at + 2))
            .flatten();
    }
    let name = name_at(at + 1)?;
    let after = words.iter().skip(at + 1).skip_while(|w| w.start < name[1]);
    let mut after = after.take(3);
    (after.next()?.lower == "as" && after.any(attacker)).then_some(name)
}

/// A trigger whose complement is an attack ("condemned the attack", "called for a halt to such
/// acts of terrorism") is aimed at whoever carried the attack out.
fn refers_to_attack(view: &SentenceView<'_>, trigger: &Trigger) -> bool {
    const ATTACK_WORDS: &[&str] = &[
        "attack",
        "incident",
        "assassination",
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "shelling",
        "attacks",
        "bombing",
        "bombings",
        "terrorism",
        "terror",
        "killing",
        "killings",
        "violence",
        "massacre",
        "assault",
        "blast",
        "explosion",
    ];
    let root = trigger.cameo.get(..2).unwrap_or("");
    if !matches!(root, "02" | "10" | "11" | "12" | "13") {
        return false;
    }
    view.words
        .iter()
        .skip_while(|w| w.start < trigger.end)
        .take(10)
        .any(|w| ATTACK_WORDS.contains(&w.lower))
}

/// PLOVER codes a future meeting, visit, aid or cooperation as the intention to do it (AGREE).
fn intended_code(cameo: &str, plover: &str, modality: Modality) -> String {
    if modality != Modality::Planned {
        return cameo.to_string();
    }
    match plover {
        "CONSULT" => "036".to_string(),
        "AID" => "033".to_string(),
        "COOPERATE" => "031".to_string(),
        _ => cameo.to_string(),
    }
}

/// "Japan protests China's travel advisory": a government that protests complains officially
/// (CAMEO 114, ACCUSE); PROTEST is civilians' collective action (GUIDELINES §2).
fn official_protest(cameo: String, source: &ActorRef) -> String {
    let state = crate::actors::is_state(&source.code);
    if cameo.starts_with("14") && state && matches!(source.sector.as_str(), "GOV" | "") {
        "114".to_string()
    } else {
        cameo
    }
}

/// "Pakistan carried out air strikes", "Russia massed troops": a state that attacks or mobilises
/// does so with its armed forces (GUIDELINES §3, MIL); a named person (a president ordering
/// strikes) keeps the office.
fn armed_forces_of_a_state(source: &mut ActorRef) {
    let state = crate::actors::is_state(&source.code);
    if state && source.name.is_none() && matches!(source.sector.as_str(), "GOV" | "") {
        source.sector = "MIL".to_string();
    }
}

/// A meeting held in a third country is CAMEO 044; the place says so.
fn refine_consult(event: &mut Event) {
    if event.cameo != "040" || event.location_code.is_empty() {
        return;
    }
    let parties = [&event.source, &event.target];
    if parties
        .iter()
        .all(|a| a.as_ref().is_some_and(|a| a.code != event.location_code))
    {
        event.cameo = "044".to_string();
        if let Some(info) = cameo_info("044") {
            event.goldstein = info.goldstein;
        }
    }
}

/// A trigger inside another event's report is recalled, not reported: a noun or participle after
/// an earlier trigger ("welcomed Afghanistan's rejection of reports alleging ...") or after
/// "after", "follows", "amid".
/// A verb that describes rather than reports: in a relative clause on another trigger's event
/// noun ("twin bombings which killed 84 people": that event, not a second one), or a participle
/// modifying a noun ("the slain commander": a past event whose doer the phrase does not name).
fn describes_other_trigger(doc: &Doc, triggers: &[Trigger], trigger: &Trigger) -> bool {
    if trigger.kind != TriggerKind::Verb {
        return false;
    }
    let h = trigger.head;
    doc.is_rel(h, "amod")
        || (doc.is_rel(h, "acl:relcl")
            && doc.head(h).is_some_and(|noun| {
                triggers
                    .iter()
                    .any(|t| t.kind == TriggerKind::Noun && t.head == noun)
            }))
}

/// "condemned the Taliban's restrictions on women", "the need to end a ban on girls'
/// schooling": a standing policy named as what another act answers is that act's topic, not an
/// occasion the article reports.
fn is_policy_reacted_to(doc: &Doc, triggers: &[Trigger], trigger: &Trigger) -> bool {
    if trigger.kind != TriggerKind::Noun || !trigger.cameo.starts_with("17") {
        return false;
    }
    let mut at = trigger.head;
    // Up through the noun phrases holding it: "the end of the ban", "the need to end a ban".
    for _ in 0..4 {
        let Some(h) = doc.head(at) else {
            return false;
        };
        if triggers
            .iter()
            .any(|t| t.head == h && t.head != trigger.head)
        {
            return true;
        }
        at = h;
    }
    false
}

fn is_nested(view: &SentenceView<'_>, earlier: &[Trigger], trigger: &Trigger) -> bool {
    const RECALL: &[&str] = &[
        "after",
        "follows",
        "following",
        "followed",
        "amid",
        "since",
        "over",
    ];
    let at = view.words.partition_point(|w| w.end <= trigger.start);
    let window = &view.words[at.saturating_sub(6)..at];
    if window.iter().any(|w| RECALL.contains(&w.lower)) {
        return true;
    }
    if earlier.is_empty() {
        return false;
    }
    // "agreed to a ceasefire": the agreement and the truce are one news, not a recalled one.
    if trigger.kind == TriggerKind::Noun && view.doc.has_syntax() {
        let verb = crate::syntax_roles::performing_verb(view.doc, trigger.head);
        if verb.is_some_and(|v| earlier.iter().any(|t| t.head == v)) {
            return false;
        }
    }
    let first = view.words.get(at).map_or("", |w| w.lower);
    let after_comma = at > 0 && view.words[at - 1].lower == ",";
    trigger.kind == TriggerKind::Noun || (first.ends_with("ing") && !after_comma)
}

/// Whether `trigger` is the content of an earlier request, ban or denial in its clause: after "to",
/// "for" or "on" ("called for a halt to attacks", "urged them to cooperate", "a ban on women
/// working"), or right after it ("demanded the release").
fn is_asked_for(view: &SentenceView<'_>, earlier: &[Trigger], trigger: &Trigger) -> bool {
    let text = view.text;
    let asks = |t: &Trigger| {
        let said = &text[t.start - view.start..t.end - view.start];
        matches!(t.cameo.get(..2), Some("02" | "10"))
            || (t.cameo.starts_with("17") && said.to_lowercase().contains("ban"))
            || t.cameo == "016"
    };
    if is_demanded(view, earlier, trigger) {
        return true;
    }
    let Some(ask) = earlier.iter().rev().find(|t| asks(t)) else {
        return false;
    };
    // "denied there had been air strikes", "denied it carried out the strikes": a denied event
    // is not reported (GUIDELINES §1).
    let denial = ask.cameo == "016";
    let from = view.words.partition_point(|w| w.start < ask.end);
    let to = view.words.partition_point(|w| w.end <= trigger.start);
    if to < from || to - from > 10 {
        return false;
    }
    let between = &view.words[from..to];
    let broken = between.iter().any(|w| {
        matches!(
            w.lower,
            "," | ";" | ":" | "and" | "but" | "while" | "which" | "who" | "after" | "before" | "as"
        )
    });
    let linked = denial
        || between.len() <= 2
        || between
            .iter()
            .any(|w| matches!(w.lower, "to" | "for" | "on"));
    !broken && linked
}

/// "X must hold an investigation, apprehend the culprits and bring them to justice": the acts
/// listed after a must-demand are what it demands, not what happened.
fn is_demanded(view: &SentenceView<'_>, earlier: &[Trigger], trigger: &Trigger) -> bool {
    let Some(demand) = earlier
        .iter()
        .rev()
        .find(|t| is_demand(&view.text[t.start - view.start..t.end - view.start]))
    else {
        return false;
    };
    let from = view.words.partition_point(|w| w.start < demand.end);
    let to = view.words.partition_point(|w| w.end <= trigger.start);
    from <= to
        && !view.words[from..to].iter().any(|w| {
            matches!(
                w.lower,
                ";" | ":" | "but" | "while" | "which" | "who" | "after" | "because" | "said"
            )
        })
}

/// Dates for one trigger: the date expression nearest to it (skipping "since ..." and claims), or
/// every member of a coordination ("in 2022 and 2023").
/// "relations improved since Lula took over in January": a date in a "since" clause dates the
/// start of a period, not an event of the sentence.
fn in_since_clause(view: &SentenceView<'_>, date: &DateMention) -> bool {
    let at = view
        .words
        .partition_point(|w| w.end <= view.start + date.start);
    view.words[at.saturating_sub(6)..at]
        .iter()
        .rev()
        .take_while(|w| !matches!(w.lower, "," | ";" | "and" | "but"))
        .any(|w| w.lower == "since")
}

fn event_dates(
    view: &SentenceView<'_>,
    trigger: &Trigger,
    modality: Modality,
) -> Vec<(FuzzyDate, Option<FuzzyDate>)> {
    let usable: Vec<&DateMention> = view
        .dates
        .iter()
        // "effective Nov. 23" dates when an act takes effect, not when it was announced.
        .filter(|d| {
            !matches!(
                d.cue.as_deref(),
                Some("until" | "till" | "by" | "effective")
            )
        })
        .filter(|d| {
            !view
                .claims
                .iter()
                .any(|c| d.start >= c.start && d.end <= c.end)
        })
        .filter(|d| !in_since_clause(view, d))
        .collect();
    let distance = |d: &DateMention| {
        let (a, b) = (view.start + d.start, view.start + d.end);
        if b <= trigger.start {
            trigger.start - b
        } else {
            a.saturating_sub(trigger.end)
        }
    };
    let Some(best) = usable.iter().min_by_key(|d| distance(d)) else {
        return Vec::new();
    };
    let pick = |d: &DateMention| {
        let date = if modality == Modality::Planned {
            d.future.unwrap_or(d.date)
        } else {
            d.date
        };
        (date, d.date_end)
    };
    let mut chosen = vec![pick(best)];
    // Coordinated dates: "in 2022 and 2023" are two occurrences.
    let mut last = *best;
    for d in usable.iter().filter(|d| d.start > best.start) {
        let gap = view.text[last.end..d.start].trim();
        if gap == "and" || gap == "," || gap == ", and" {
            chosen.push(pick(d));
            last = d;
        } else {
            break;
        }
    }
    chosen
}

/// "The visit comes just days after a bombing": the recalled event happened in the days before
/// publication, so its month is known though its day is not.
fn days_before_the_news(
    before: &[&str],
    published: Option<NaiveDate>,
) -> Option<(FuzzyDate, Option<FuzzyDate>)> {
    let tail = &before[before.len().saturating_sub(6)..];
    let days_after = tail
        .windows(2)
        .any(|w| matches!(w[0], "days" | "hours") && w[1] == "after");
    let p = published?;
    days_after.then(|| (FuzzyDate::month_of(p - chrono::Duration::days(3)), None))
}

/// Background: an event the article recalls (an earlier year, "earlier this year", a
/// pluperfect outside reported speech, "the last time"), not its news.
fn is_background(before: &[&str], date: Option<&FuzzyDate>, published: Option<NaiveDate>) -> bool {
    let recall_words = before.windows(2).any(|w| {
        matches!(
            (w[0], w[1]),
            ("earlier", "this")
                | ("last", "year")
                | ("last", "time")
                | ("previously", _)
                | ("had", _)
        )
    }) && !before.contains(&"that");
    if recall_words {
        return true;
    }
    let (Some(date), Some(p)) = (date, published) else {
        return false;
    };
    match (date.month, date.day) {
        (Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(date.year, m, d).is_some_and(|d| (p - d).num_days() > 7)
        }
        (Some(m), None) => (date.year, m) < (p.year(), p.month()),
        _ => date.year < p.year(),
    }
}

/// A day standing for `date` when it is not the publication date's period: the day itself, the
/// middle of its month or year otherwise (offices are coded as of that day).
fn event_day(date: &FuzzyDate, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let same_period = published.is_some_and(|p| {
        p.year() == date.year
            && date.month.is_none_or(|m| m == p.month())
            && date.day.is_none_or(|d| d == p.day())
    });
    if same_period {
        return None;
    }
    let month = date.month.unwrap_or(7);
    let day = date
        .day
        .unwrap_or(if date.month.is_some() { 15 } else { 1 });
    NaiveDate::from_ymd_opt(date.year, month, day)
}

fn set_date(event: &mut Event, date: Option<&FuzzyDate>, end: Option<&FuzzyDate>) {
    event.date = date.map(FuzzyDate::to_string);
    event.date_precision = date.map_or(DatePrecision::Unknown, FuzzyDate::precision);
    event.date_end = end.map(FuzzyDate::to_string);
}

/// The place where the event happened: for a visit, where the visitor went ("arrived in Japan",
/// "travelled to Kabul"); otherwise a place after "in/at/outside/near" that is not part of an
/// actor's name ("the embassy in Kabul").
/// With `in_actors`, a place inside an actor's name ("the embassy in Kabul", "the president in
/// Nairobi"), which says where that actor is, stands in when no other place is named: good
/// enough for the event's location, not for inferring its participants.
fn event_place<'v>(
    view: &'v SentenceView<'_>,
    trigger: &Trigger,
    in_actors: bool,
) -> Option<&'v PlaceMention> {
    let inside_actor = |p: &PlaceMention| {
        let (a, b) = (view.start + p.start, view.start + p.end);
        view.actors
            .iter()
            .any(|m| m.start <= a && b <= m.end && (m.start, m.end) != (a, b))
    };
    let visit = trigger.cameo.starts_with("042");
    let preps: &[&str] = if visit {
        &["in", "to", "into", "at"]
    } else {
        &["in", "at", "outside", "near", "inside"]
    };
    view.places
        .iter()
        .filter(|p| view.start + p.start >= trigger.start.saturating_sub(200))
        .filter(|p| p.preposition.as_deref().is_some_and(|w| preps.contains(&w)))
        .filter(|p| in_actors || !inside_actor(p))
        .min_by_key(|p| {
            let a = view.start + p.start;
            let distance = if a >= trigger.end {
                a - trigger.end
            } else {
                // Places before the trigger are a weaker reading than those after it.
                trigger.start.saturating_sub(a) * 2
            };
            (inside_actor(p), distance)
        })
}

/// The claim's "since ..." reference time, as a year or year-month.
fn claim_since(
    claim: &Claim,
    view: &SentenceView<'_>,
    published: Option<NaiveDate>,
) -> Option<String> {
    let (a, b) = claim.since?;
    let since_text = &view.text[a..b];
    find_dates(since_text, published).first().map(|d| {
        let mut d = d.date;
        d.day = None;
        d.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes `text` published on Friday 2025-05-16, with the dependency parse or without it (the
    /// word-order fallback alone).
    fn code_with(text: &str, parse: bool) -> Vec<Event> {
        let article = Article {
            id: "t".into(),
            published: NaiveDate::from_ymd_opt(2025, 5, 16),
            text: text.into(),
            ..Article::default()
        };
        let doc = if parse {
            attache_text::parse(&article.text, &[])
        } else {
            attache_text::analyze(&article.text, &[])
        };
        code_article(&article, &doc)
    }

    fn code(text: &str) -> Vec<Event> {
        code_with(text, false)
    }

    fn code_parsed(text: &str) -> Vec<Event> {
        code_with(text, true)
    }

    #[test]
    fn a_run_on_longer_than_the_limit_is_not_coded() {
        let clause = "India condemned Pakistan ";
        let words = clause.split_whitespace().count();
        let repeats = MAX_SENTENCE_TOKENS / words + 1;
        // The same clauses as sentences are coded, so the guard is what makes the difference.
        let sentences = clause.trim_end().to_string() + ". ";
        assert!(!code(&sentences.repeat(repeats)).is_empty());
        assert!(code(&clause.repeat(repeats)).is_empty());
    }

    fn dyads(events: &[Event]) -> Vec<(String, String, String)> {
        events
            .iter()
            .map(|e| {
                let code =
                    |a: &Option<ActorRef>| a.as_ref().map(|a| a.code.clone()).unwrap_or_default();
                (e.plover.clone(), code(&e.source), code(&e.target))
            })
            .collect()
    }

    #[test]
    fn coordinated_targets_give_one_event_each() {
        let events = code("The Pakistani prime minister thanked Qatar and Turkey for their help.");
        let d = dyads(&events);
        assert!(
            d.contains(&("SUPPORT".into(), "PAK".into(), "QAT".into())),
            "{d:?}"
        );
        assert!(
            d.contains(&("SUPPORT".into(), "PAK".into(), "TUR".into())),
            "{d:?}"
        );
    }

    #[test]
    fn a_pronoun_expecting_attacks_does_not_attack_its_last_partner() {
        let events = code(
            "Indian army chief Manoj Pande warned the Pakistani Taliban. He expects the attacks to continue.",
        );
        assert!(!events.iter().any(|e| e.plover == "ASSAULT"), "{events:?}");
    }

    #[test]
    fn an_envoy_meets_the_state_it_is_sent_to_and_mediates_nothing_there() {
        let events = code(
            "The Peruvian ambassador to Chile attended the meeting. Talks will be hosted by Bolivia.",
        );
        let d = dyads(&events);
        assert!(
            d.contains(&("CONSULT".into(), "PER".into(), "CHL".into())),
            "{d:?}"
        );
        assert!(!d.iter().any(|e| e.1 == "BOL"), "{d:?}");
    }

    #[test]
    fn passive_agent_is_the_source() {
        let events = code("Two Indian soldiers were killed by Pakistani troops on Wednesday.");
        let e = events
            .iter()
            .find(|e| e.plover == "ASSAULT")
            .expect("an assault");
        assert_eq!(e.source.as_ref().map(|a| a.code.as_str()), Some("PAK"));
        assert_eq!(e.target.as_ref().map(|a| a.code.as_str()), Some("IND"));
        assert_eq!(e.date.as_deref(), Some("2025-05-14"));
    }

    #[test]
    fn a_headline_and_its_lead_are_one_event() {
        let events = code(
            "France hosts Brazilian president\n\nThe French president hosted the Brazilian president in Paris on Thursday.",
        );
        let consult: Vec<&Event> = events.iter().filter(|e| e.plover == "CONSULT").collect();
        assert_eq!(consult.len(), 1, "{:?}", dyads(&events));
        assert_eq!(consult[0].date.as_deref(), Some("2025-05-15"));
    }

    #[test]
    fn the_news_and_a_dated_recollection_of_its_kind_are_two_events() {
        let events = code(
            "Kenyan ministers condemned Somalia's new border rules. Last year, the Kenyan \
             ministers also condemned Somalia's border rules.",
        );
        let dates: Vec<_> = events
            .iter()
            .filter(|e| e.plover == "ACCUSE")
            .map(|e| (e.date.clone(), e.background))
            .collect();
        assert_eq!(
            dates,
            [
                (Some("2025-05-16".into()), false),
                (Some("2024".into()), true)
            ]
        );
    }

    #[test]
    fn a_party_and_the_government_condemning_one_attack_make_two_statements() {
        let events = code(
            "A US senator was shot at a rally in Ohio on Saturday. Republicans condemned the attack. \
             The White House condemned the attack.",
        );
        let speakers: Vec<&str> = events
            .iter()
            .filter(|e| e.plover == "ACCUSE")
            .filter_map(|e| e.source.as_ref().map(|s| s.sector.as_str()))
            .collect();
        assert_eq!(speakers, ["PTY", "GOV"], "{:?}", dyads(&events));
    }

    #[test]
    fn forces_and_governments_of_one_dyad_are_two_actors() {
        let text = "Iranian border guards accused Afghan troops of firing first on Thursday. \
                    Iran accuses the Afghan government of blocking the river.";
        let accusations = code(text)
            .into_iter()
            .filter(|e| e.plover == "ACCUSE")
            .map(|e| (e.source.unwrap().sector, e.target.unwrap().sector))
            .collect::<Vec<_>>();
        assert_eq!(
            accusations,
            [("MIL".into(), "MIL".into()), ("GOV".into(), "GOV".into())]
        );
        // One side named as the state and as its army is still one occasion.
        let events =
            code("Pakistan bombed Kabul on Thursday. Pakistani jets bombed Kabul on Thursday.");
        let strikes = events.iter().filter(|e| e.plover == "ASSAULT").count();
        assert_eq!(strikes, 1, "{:?}", dyads(&events));
    }

    #[test]
    fn recalled_years_are_background() {
        let events = code("The Spanish king visited Morocco in 2019.");
        let e = events
            .iter()
            .find(|e| e.plover == "CONSULT")
            .expect("a visit");
        assert!(e.background);
        assert_eq!(e.date.as_deref(), Some("2019"));
    }

    fn has(events: &[Event], plover: &str, source: &str, target: &str) -> bool {
        dyads(events).contains(&(plover.into(), source.into(), target.into()))
    }

    #[track_caller]
    fn assert_has(events: &[Event], plover: &str, source: &str, target: &str) {
        assert!(has(events, plover, source, target), "{:?}", dyads(events));
    }

    #[track_caller]
    fn assert_no_type(events: &[Event], plover: &str) {
        assert!(
            events.iter().all(|e| e.plover != plover),
            "{:?}",
            dyads(events)
        );
    }

    #[track_caller]
    fn assert_lacks(events: &[Event], plover: &str, source: &str, target: &str) {
        assert!(!has(events, plover, source, target), "{:?}", dyads(events));
    }

    #[test]
    fn a_shooting_with_no_attacker_nor_place_is_by_gunmen_of_the_victims_state() {
        let events = code_parsed("Kenya's interior minister was shot during a campaign rally.");
        assert_source(&events, "ASSAULT", ("KEN", "UAF"));
    }

    /// The first event of type `plover` has a source of this code and sector.
    #[test]
    fn an_attacker_the_report_identifies_by_name_is_a_civilian_not_a_gunman() {
        let events = code_parsed(
            "Kenya's interior minister was shot during a campaign rally. Police later identified \
             Peter Mwangi as the gunman. The opposition condemned the attack.",
        );
        assert_source(&events, "ASSAULT", ("KEN", "CVL"));
        let attack = events.iter().find(|e| e.plover == "ASSAULT").unwrap();
        assert_eq!(
            attack.source.as_ref().unwrap().name.as_deref(),
            Some("Peter Mwangi")
        );
        // Unnamed, the attacker stays an unidentified gunman.
        let events = code_parsed(
            "Kenya's interior minister was shot during a campaign rally. The gunman has not \
             been identified.",
        );
        assert_source(&events, "ASSAULT", ("KEN", "UAF"));
    }

    #[test]
    fn a_date_still_to_come_is_not_the_news_date() {
        // Published 2025-05-16 (see `code_with`).
        let events = code_parsed(
            "Kenya's interior minister was shot during a campaign rally. The Senate Oversight \
             Committee summoned Police Director John Kamau to testify on May 22.",
        );
        let attack = events
            .iter()
            .find(|e| e.plover == "ASSAULT")
            .expect("an attack");
        assert_eq!(attack.date.as_deref(), Some("2025-05-16"), "{events:?}");
        let published = NaiveDate::from_ymd_opt(2025, 5, 16);
        assert!(after_publication("2025-05-22", published));
        assert!(!after_publication("2025-05", published));
        assert!(!after_publication("2025-05-16", published));
    }

    #[test]
    fn who_fends_off_an_offensive_is_its_target() {
        let events = code_parsed(
            "Somalia's army said it fended off an al-Shabaab offensive near Mogadishu on Sunday.",
        );
        let attack = events
            .iter()
            .find(|e| e.plover == "ASSAULT")
            .expect("an attack");
        let code = |a: &Option<ActorRef>| a.as_ref().map(|a| (a.code.clone(), a.sector.clone()));
        assert_eq!(code(&attack.target), Some(("SOM".into(), "MIL".into())));
        assert_eq!(code(&attack.source).map(|c| c.1), Some("REB".into()));
    }

    #[track_caller]
    fn assert_source(events: &[Event], plover: &str, expected: (&str, &str)) {
        let event = events.iter().find(|e| e.plover == plover);
        let source = event.and_then(|e| e.source.as_ref());
        assert_eq!(
            source.map(|s| (s.code.as_str(), s.sector.as_str())),
            Some(expected),
            "{:?}",
            dyads(events)
        );
    }

    #[test]
    fn a_truce_agreed_to_is_declared_by_those_who_agree_as_news() {
        let events =
            code_parsed("Peru and Chile agreed on Sunday to a ceasefire along their border.");
        let truce = events.iter().find(|e| e.plover == "RETREAT");
        assert!(truce.is_some_and(|e| !e.background), "{:?}", dyads(&events));
        assert_has(&events, "AGREE", "PER", "CHL");
    }

    #[test]
    fn a_joint_act_nobody_is_named_in_is_between_the_articles_pair() {
        let events = code_parsed(
            "Peru accused Chile of moving troops to the border. The clashes, which began on \
             Monday, were the deadliest in years.",
        );
        let clash = events.iter().find(|e| e.plover == "ASSAULT");
        let sides = clash.map(|e| {
            let side = |a: &Option<ActorRef>| {
                a.as_ref()
                    .map(|a| format!("{} {}", a.code, a.sector))
                    .unwrap_or_default()
            };
            let mut two = [side(&e.source), side(&e.target)];
            two.sort();
            two
        });
        assert_eq!(
            sides,
            Some(["CHL MIL".to_string(), "PER MIL".to_string()]),
            "{:?}",
            dyads(&events)
        );
    }

    #[test]
    fn talks_between_a_delegation_led_by_someone_and_another_party() {
        let events = code(
            "Talks between a Kenyan delegation led by Foreign Minister Jane Roe, the Somali \
             government and several allied countries began in Nairobi.",
        );
        let pairs: Vec<_> = dyads(&events)
            .into_iter()
            .filter(|d| d.0 == "CONSULT")
            .map(|d| {
                let mut two = [d.1, d.2];
                two.sort();
                two
            })
            .collect();
        assert_eq!(
            pairs,
            [["KEN".to_string(), "SOM".to_string()]],
            "{:?}",
            dyads(&events)
        );
    }

    #[test]
    fn welcoming_a_leader_to_the_white_house_hosts_a_visit_told_again_as_talks() {
        let events = code_parsed(
            "Joe Biden welcomed Narendra Modi to the White House on Thursday. Modi and Biden \
             held talks in the Oval Office on Thursday.",
        );
        let consult: Vec<_> = events.iter().filter(|e| e.plover == "CONSULT").collect();
        assert_eq!(consult.len(), 1, "{:?}", dyads(&events));
        assert_eq!(consult[0].cameo, "043");
        assert!(!events.iter().any(|e| e.plover == "SUPPORT"));
    }

    #[test]
    fn we_in_a_quotation_is_the_speakers_side() {
        let events = code_parsed(
            "\"We welcome Kenya to the alliance,\" NATO Secretary General Jane Roe said on Monday.",
        );
        assert_has(&events, "SUPPORT", "IGO", "KEN");
        // Outside a quotation "we" names nobody.
        let events = code_parsed("We welcome Kenya to the alliance, NATO officials wrote.");
        assert_lacks(&events, "SUPPORT", "IGO", "KEN");
    }

    #[test]
    fn a_threat_of_future_action_is_asserted() {
        let events = code("Iran said it would take counter-measures against Israel.");
        let threat = events.iter().find(|e| e.plover == "THREATEN");
        assert_eq!(
            threat.map(|e| e.modality),
            Some(Modality::Asserted),
            "{:?}",
            dyads(&events)
        );
    }

    #[test]
    fn arrests_nobody_claims_are_the_police_of_the_arrested() {
        let events = code_parsed(
            "Protests spread across Peru. At least 300 protesters have been arrested in Lima.",
        );
        assert!(
            dyads(&events).contains(&("COERCE".into(), "PER".into(), "PER".into())),
            "{:?}",
            dyads(&events)
        );
        let arrest = events.iter().find(|e| e.plover == "COERCE").unwrap();
        assert_eq!(arrest.source.as_ref().unwrap().sector, "COP");
        // An arrest with its agent keeps it.
        let events =
            code_parsed("Protests spread across Peru. Soldiers arrested 30 protesters in Lima.");
        let arrest = events.iter().find(|e| e.plover == "COERCE").unwrap();
        assert_eq!(arrest.source.as_ref().unwrap().sector, "MIL");
    }

    #[test]
    fn a_refusal_or_intention_without_target_answers_the_party_last_named() {
        let events = code_parsed(
            "The European Union proposed new sanctions on Monday. Hungary vetoed the package.",
        );
        assert_has(&events, "REJECT", "HUN", "EUR");
        let events = code_parsed(
            "Kenya invited Somalia to the summit in Nairobi. Somalia agreed to attend.",
        );
        assert_has(&events, "AGREE", "SOM", "KEN");
    }

    #[test]
    fn an_implicit_target_is_not_sought_far_back_nor_for_other_types() {
        // Three sentences later the proposal is no longer what a refusal answers.
        let events = code_parsed(
            "The European Union proposed new sanctions. Talks went on. Officials met again. \
             Nobody spoke. Hungary vetoed the package.",
        );
        assert!(
            !dyads(&events).iter().any(|d| d.0 == "REJECT"),
            "{:?}",
            dyads(&events)
        );
        // A condemnation with no target names none.
        let events = code_parsed("Kenya hosted the talks. Uganda condemned the decision.");
        assert!(
            !dyads(&events).iter().any(|d| d.0 == "ACCUSE"),
            "{:?}",
            dyads(&events)
        );
    }

    #[test]
    fn a_speaker_reporting_its_own_act_is_its_source_whenever_it_spoke() {
        for text in [
            "Kenya said it bombed rebel camps in Somalia.",
            "Kenya said on Tuesday that it bombed rebel camps in Somalia.",
            "Kenya said Tuesday it bombed rebel camps in Somalia.",
        ] {
            let events = code(text);
            assert!(
                has(&events, "ASSAULT", "KEN", "SOM"),
                "{text}: {:?}",
                dyads(&events)
            );
        }
    }

    #[test]
    fn the_pronoun_performing_a_reported_attack_is_the_speaker_and_its_victims_the_target() {
        let events =
            code_parsed("Al-Shabaab said on Friday that it carried out two bombings which killed 30 people in Kenya.");
        let assault = events
            .iter()
            .find(|e| e.plover == "ASSAULT")
            .unwrap_or_else(|| panic!("an assault: {:?}", dyads(&events)));
        assert_eq!(
            assault.source.as_ref().map(|a| a.code.as_str()),
            Some("SOM")
        );
        let target = assault.target.as_ref().expect("a target");
        assert_eq!(
            (target.code.as_str(), target.sector.as_str()),
            ("KEN", "CVL")
        );
        // Without a speaker, the pronoun stays unresolved rather than borrowing a bystander.
        let events = code_parsed(
            "Kenya's president said it carried out two bombings which killed 30 people.",
        );
        assert_lacks(&events, "ASSAULT", "KEN", "KEN");
    }

    #[test]
    fn a_verb_describing_an_event_noun_or_a_noun_is_not_another_event() {
        // "killed" says what the bombings did; "slain" recalls a killing whose doer is unnamed.
        let events = code_parsed(
            "Al-Shabaab carried out bombings which killed 30 people at a memorial in Kenya for a \
             slain Somali general.",
        );
        let assaults: Vec<_> = dyads(&events)
            .into_iter()
            .filter(|d| d.0 == "ASSAULT")
            .collect();
        assert_eq!(assaults.len(), 1, "{assaults:?}");
        assert_eq!(assaults[0].1, "SOM");
    }

    #[test]
    fn reactions_are_aimed_at_the_news_attacker_not_at_a_recalled_one() {
        let events = code_parsed(
            "Al-Shabaab carried out an attack on Kenya on Monday. In 2019, Ethiopia launched an \
             attack on Somalia. Uganda condemned the attack.",
        );
        assert_has(&events, "ACCUSE", "UGA", "SOM");
        assert_lacks(&events, "ACCUSE", "UGA", "ETH");
    }

    #[test]
    fn a_denial_answers_the_accuser_or_the_target_of_the_denied_act() {
        let events = code(
            "Kenya and Uganda accuse Tanzania of backing the rebels. Tanzania denies the claim.",
        );
        assert_has(&events, "REJECT", "TZA", "KEN");
        let events =
            code("Kenya bombed Somalia on Monday. Kenya denied it carried out the strikes.");
        assert_has(&events, "REJECT", "KEN", "SOM");
    }

    #[test]
    fn a_capital_after_in_is_where_not_whom() {
        let events = code_parsed("The UN meeting in Mogadishu ended on Monday.");
        assert_lacks(&events, "CONSULT", "UNO", "SOM");
        let events = code_parsed("Uganda condemned the bombing in Mogadishu.");
        assert_lacks(&events, "ACCUSE", "UGA", "SOM");
        let events = code_parsed("Kenya held talks with Mogadishu on Monday.");
        assert_has(&events, "CONSULT", "KEN", "SOM");
    }

    #[test]
    fn a_policy_that_another_act_answers_is_not_itself_reported() {
        let events = code_parsed("Uganda condemned Kenya's restrictions on Somali traders.");
        assert_has(&events, "ACCUSE", "UGA", "KEN");
        assert_no_type(&events, "COERCE");
    }

    #[test]
    fn coordinated_sources_act_each_on_their_own() {
        let events = code("Kenya, Uganda and Tanzania accused Somalia of harbouring the rebels.");
        for source in ["KEN", "UGA", "TZA"] {
            assert!(
                has(&events, "ACCUSE", source, "SOM"),
                "{:?}",
                dyads(&events)
            );
        }
        assert!(!events.iter().any(|e| e.joint), "{:?}", dyads(&events));
    }

    #[test]
    fn coordinated_subjects_of_a_meeting_meet_each_other() {
        let events = code("The Chilean president and the Peruvian president held talks in Lima.");
        let consult: Vec<&Event> = events.iter().filter(|e| e.plover == "CONSULT").collect();
        assert_eq!(consult.len(), 1, "{:?}", dyads(&events));
        assert!(consult[0].joint);
    }

    #[test]
    fn coordinated_sources_without_a_target_are_no_event() {
        let events = code("Brazil and Mexico were in favour of an extension.");
        assert!(events.is_empty(), "{:?}", dyads(&events));
    }

    #[test]
    fn a_comma_after_the_object_closes_an_apposition_not_a_list() {
        let events = code(
            "The Mongolian foreign minister will meet his Chinese counterpart, a Mongolian official said.",
        );
        assert_has(&events, "AGREE", "MNG", "CHN");
        assert_eq!(events.len(), 1, "{:?}", dyads(&events));
    }

    #[test]
    fn mediators_consult_each_party() {
        let events = code(
            "Ethiopia and Eritrea agreed on Sunday to a ceasefire after talks mediated by Kenya and Ghana.",
        );
        for mediator in ["KEN", "GHA"] {
            for party in ["ETH", "ERI"] {
                assert!(
                    has(&events, "CONSULT", mediator, party),
                    "{mediator}->{party}: {:?}",
                    dyads(&events)
                );
            }
        }
        assert_lacks(&events, "CONSULT", "KEN", "GHA");
    }

    #[test]
    fn mediation_in_a_later_sentence_refers_to_the_talks_already_reported() {
        let events = code(
            "Sudan held talks with South Sudan in Addis Ababa on Monday. The talks, mediated by Egypt, lasted two days.",
        );
        assert_has(&events, "CONSULT", "EGY", "SDN");
        assert_has(&events, "CONSULT", "EGY", "SSD");
    }

    #[test]
    fn unnamed_attackers_are_the_places_unidentified_armed_forces() {
        let events = code(
            "The Turkish embassy in Mogadishu came under attack on Thursday. Turkey condemned the attack.",
        );
        let attack = events
            .iter()
            .find(|e| e.plover == "ASSAULT")
            .expect("an attack");
        let source = attack.source.as_ref().expect("a source");
        assert_eq!(
            (source.code.as_str(), source.sector.as_str()),
            ("SOM", "UAF")
        );
        assert_has(&events, "ACCUSE", "TUR", "SOM");
    }

    #[test]
    fn one_sentence_tells_one_attack_whatever_its_words() {
        let events = code(
            "Pakistani Taliban militants bombed a mosque in Peshawar on Monday, killing dozens of worshippers.",
        );
        let attacks = events.iter().filter(|e| e.plover == "ASSAULT").count();
        assert_eq!(attacks, 1, "{:?}", dyads(&events));
    }

    #[test]
    fn an_attack_days_before_the_news_is_dated_to_its_month() {
        let events = code(
            "The Omani minister's visit to Kenya comes just days after al-Shabaab militants attacked a hotel in Nairobi.",
        );
        let attack = events
            .iter()
            .find(|e| e.plover == "ASSAULT")
            .expect("an attack");
        assert_eq!(attack.date.as_deref(), Some("2025-05"));
        assert!(attack.background);
    }

    #[test]
    fn a_quotation_goes_to_the_event_it_carries() {
        let events = code(
            "The Kenyan foreign minister condemned the “cowardly attack” by Somali militants and urged Somalia “to act without delay”.",
        );
        let quote = |plover: &str| {
            events
                .iter()
                .find(|e| e.plover == plover)
                .and_then(|e| e.quote.clone())
        };
        assert_eq!(
            quote("ACCUSE").as_deref(),
            Some("cowardly attack"),
            "{events:?}"
        );
        assert_eq!(quote("REQUEST").as_deref(), Some("to act without delay"));
    }

    #[test]
    fn a_speakers_quotation_is_not_given_to_someone_elses_event() {
        let events = code("“Kenya condemned the attack on Somalia,” a Ugandan official said.");
        let accuse = events
            .iter()
            .find(|e| e.plover == "ACCUSE")
            .expect("an accusation");
        // The trigger stands inside the quotation, so the quotation is the event's report.
        assert!(accuse.quote.is_some());
        let events =
            code("Kenya criticised Somalia, while Uganda said it was “a tragedy for the region”.");
        let accuse = events
            .iter()
            .find(|e| e.source.as_ref().is_some_and(|s| s.code == "KEN"))
            .expect("Kenya's criticism");
        assert_eq!(accuse.quote, None, "{events:?}");
    }

    #[test]
    fn the_tree_finds_a_subject_that_word_order_loses() {
        let text =
            "The Kenyan minister, after talks with Somali officials in Nairobi, condemned Ethiopia.";
        // Word order stops at "after"; the tree links "condemned" to its subject.
        assert!(!has(&code(text), "ACCUSE", "KEN", "ETH"));
        assert!(has(&code_parsed(text), "ACCUSE", "KEN", "ETH"));
    }

    #[test]
    fn the_tree_keeps_passive_agents_and_the_sources_own_mentions_apart() {
        let events = code_parsed("Ethiopia was accused by Kenya of arming militias.");
        assert_has(&events, "ACCUSE", "KEN", "ETH");
        let events = code_parsed(
            "The Indian minister reiterated New Delhi's commitment to Afghanistan's people.",
        );
        assert!(
            !events
                .iter()
                .any(|e| e.source.as_ref().map(|a| &a.code) == e.target.as_ref().map(|a| &a.code)),
            "{:?}",
            dyads(&events)
        );
    }

    #[test]
    fn the_verb_that_performs_an_event_noun_gives_its_participants() {
        let events = code_parsed(
            "The Kenyan president and the Somali president concluded four hours of talks at \
             Moi Air Base on Friday.",
        );
        assert_has(&events, "CONSULT", "KEN", "SOM");
        assert!(events
            .iter()
            .all(|e| e.target.as_ref().is_some_and(|t| t.sector != "MIL")));
        let events = code_parsed(
            "Members of Chile's government focused on trade at talks with a Peruvian delegation.",
        );
        assert_has(&events, "CONSULT", "CHL", "PER");
        // A reporting verb does not perform the noun it governs.
        let events = code_parsed("Kenya condemned the attack on Somali troops.");
        assert_lacks(&events, "ASSAULT", "KEN", "SOM");
    }

    #[test]
    fn a_verdict_on_someones_words_is_criticism_or_praise() {
        let events = code_parsed(
            "Peru's foreign ministry described the Chilean plan as absurd and dangerous.",
        );
        assert_has(&events, "ACCUSE", "PER", "CHL");
        let events = code_parsed("The Kenyan president called the Somali offer a great honor.");
        assert_has(&events, "SUPPORT", "KEN", "SOM");
        let events = code_parsed("The Kenyan president called the Somali offer a first step.");
        assert!(events.is_empty(), "{:?}", dyads(&events));
    }

    #[test]
    fn unnamed_groups_belong_to_the_country_of_the_scene() {
        let events = code_parsed(
            "Indian officials met Indian reporters in Delhi. On Tuesday, gunmen killed 20 \
             worshippers at a mosque in Peshawar.",
        );
        assert!(
            events.iter().any(
                |e| e.plover == "ASSAULT" && e.target.as_ref().is_some_and(|t| t.code == "PAK")
            ),
            "{:?}",
            dyads(&events)
        );
    }

    fn dated(events: &[Event], plover: &str) -> Option<String> {
        events
            .iter()
            .find(|e| e.plover == plover)
            .and_then(|e| e.date.clone())
    }

    #[test]
    fn a_date_in_a_since_clause_does_not_date_the_event() {
        let events = code(
            "Kenya signed agreements with Somalia, which underscored the improvement in \
             relations since Ruto took over in January.",
        );
        // Undated in its sentence, the signing is dated to the news: the publication day.
        assert_eq!(dated(&events, "SUPPORT").as_deref(), Some("2025-05-16"));
    }

    #[test]
    fn a_place_may_come_between_the_meeting_and_its_parties() {
        let events = code(
            "The May 12 meeting in the southern city of Kismayo between Kenya's president \
             Mohammed bin Rashid al-Kenyatta and Somali President Hassan Sheikh Mohamud was \
             the first of its kind.",
        );
        assert_eq!(dated(&events, "CONSULT").as_deref(), Some("2025-05-12"));
    }

    #[test]
    fn two_reports_of_one_meeting_keep_the_finer_date() {
        let events = code(
            "The Kenyan president met the Somali president this month. \
             The Kenyan president met the Somali president on May 12 in Nairobi.",
        );
        let consult: Vec<&Event> = events.iter().filter(|e| e.plover == "CONSULT").collect();
        assert_eq!(consult.len(), 1, "{:?}", dyads(&events));
        assert_eq!(consult[0].date.as_deref(), Some("2025-05-12"));
        assert_eq!(consult[0].date_precision, DatePrecision::Day);
        assert!(consult[0].sentence.contains("this month"));
        assert_eq!(consult[0].location, "Nairobi");
    }

    #[test]
    fn an_effective_date_is_not_the_announcements() {
        let events = code(
            "Kenya condemned Somalia in a statement on the border closure, effective June 1, 2025.",
        );
        // No other date: the statement is of the publication day.
        assert_eq!(dated(&events, "ACCUSE").as_deref(), Some("2025-05-16"));
    }

    #[test]
    fn an_undated_recalled_event_gets_the_news_month() {
        let events = code(
            "The Spanish king visited Morocco on Thursday. Spain had earlier criticised Algeria.",
        );
        let accuse = events
            .iter()
            .find(|e| e.plover == "ACCUSE")
            .expect("the criticism");
        assert!(accuse.background);
        assert_eq!(accuse.date.as_deref(), Some("2025-05"));
        assert_eq!(accuse.date_precision, DatePrecision::Month);
    }

    #[test]
    fn undated_news_takes_the_day_the_lead_gives() {
        // No event of the first sentence carries the date; the day it gives is the news's.
        let events = code(
            "The summit session was held on Monday in Nairobi. The Kenyan foreign minister \
             condemned Somalia.",
        );
        assert_eq!(dated(&events, "ACCUSE").as_deref(), Some("2025-05-12"));
    }

    #[test]
    fn places_carry_coordinates_and_venues_are_places() {
        let events =
            code("The Kenyan president held talks with Somalia at the White House on Thursday.");
        let consult = events
            .iter()
            .find(|e| e.plover == "CONSULT")
            .expect("a meeting");
        assert_eq!(
            (consult.location.as_str(), consult.location_code.as_str()),
            ("White House", "USA")
        );
        let (lat, lon) = (
            consult.location_lat.unwrap_or(0.0),
            consult.location_lon.unwrap_or(0.0),
        );
        assert!(
            (38.0..40.0).contains(&lat) && (-78.0..-76.0).contains(&lon),
            "{lat} {lon}"
        );
        // No place in the text: none in the event.
        let events = code("The Kenyan president met the Somali president on Thursday.");
        assert!(events
            .iter()
            .all(|e| e.location.is_empty() && e.location_lat.is_none()));
    }

    #[test]
    fn reports_of_the_news_without_a_place_happened_where_the_news_did() {
        let events = code(
            "The Kenyan president met the Somali president in Nairobi on Thursday. \
             The Kenyan president also thanked Ethiopia for its help. \
             Kenya had earlier criticised Eritrea.",
        );
        let place = |plover: &str| {
            events
                .iter()
                .find(|e| e.plover == plover)
                .map(|e| e.location.clone())
        };
        assert_eq!(
            place("SUPPORT").as_deref(),
            Some("Nairobi"),
            "{:?}",
            events
                .iter()
                .map(|e| (&e.plover, &e.location, &e.date, e.background))
                .collect::<Vec<_>>()
        );
        // A recalled event is not placed at the news's scene.
        assert_eq!(place("ACCUSE").as_deref(), Some(""));
    }

    #[test]
    fn a_government_that_protests_complains_and_students_protest() {
        let events = code_parsed("Kenya protested Somalia's decision to close the border.");
        assert_has(&events, "ACCUSE", "KEN", "SOM");
        assert_lacks(&events, "PROTEST", "KEN", "SOM");
        let events = code_parsed("Kenyan students protested against the government on Monday.");
        assert!(
            events.iter().any(|e| e.plover == "PROTEST"),
            "{:?}",
            dyads(&events)
        );
    }

    #[test]
    fn measures_of_control_at_home_fall_on_the_people() {
        let events = code("The Kenyan authorities imposed a curfew in Nairobi on Monday.");
        assert_has(&events, "COERCE", "KEN", "KEN");
        let events = code("Kenyan President William Ruto resigned on Monday.");
        assert_has(&events, "CONCEDE", "KEN", "KEN");
        // A foreign target the sentence names keeps its place.
        let events = code("Kenya imposed a curfew on Somali traders on Monday.");
        assert_lacks(&events, "COERCE", "KEN", "KEN");
    }

    #[test]
    fn a_claim_of_responsibility_names_the_attacker_and_is_no_new_attack() {
        let events = code_parsed(
            "Twelve Kenyan soldiers were killed in an attack on a base near Mandera on Monday. \
             Al-Shabaab claimed responsibility for the attack, saying it was revenge for an air \
             strike in Somalia. Kenya condemned the attack and vowed to hunt down the attackers.",
        );
        assert_has(&events, "ASSAULT", "SOM", "KEN");
        assert_has(&events, "ACCUSE", "KEN", "SOM");
        assert_has(&events, "THREATEN", "KEN", "SOM");
        assert_eq!(
            events.iter().filter(|e| e.plover == "ASSAULT").count(),
            1,
            "{:?}",
            dyads(&events)
        );
        assert!(
            events
                .iter()
                .flat_map(|e| [&e.source, &e.target])
                .flatten()
                .all(|a| a.sector != "UAF"),
            "{:?}",
            dyads(&events)
        );
    }

    #[test]
    fn the_dateline_tells_whose_police_they_are() {
        let events = code(
            "Peshawar, January 30 — Afghanistan reopened the border crossing on Monday. \
             Police arrested two Afghan traders at the crossing.",
        );
        assert_has(&events, "COERCE", "PAK", "AFG");
        let events = code(
            "Afghanistan reopened the border crossing on Monday. \
             Police arrested two Afghan traders at the crossing.",
        );
        assert_lacks(&events, "COERCE", "PAK", "AFG");
    }

    #[test]
    fn a_meeting_set_for_a_later_day_is_a_plan() {
        let events =
            code_parsed("The two-day meeting between Kenya and Somalia, involving envoys from ten countries, is scheduled for June 30.");
        assert_has(&events, "AGREE", "KEN", "SOM");
        assert_lacks(&events, "CONSULT", "KEN", "SOM");
        let events = code_parsed(
            "Kenya said the ceasefire will be followed by a meeting between Kenyan and Somali \
             army commanders.",
        );
        assert_has(&events, "AGREE", "KEN", "SOM");
        assert_lacks(&events, "CONSULT", "KEN", "SOM");
    }

    #[test]
    fn a_must_clause_is_the_speakers_demand_of_the_party_it_is_about() {
        let events =
            code("Kenya's foreign minister said attacks from Somali territory must be stopped.");
        assert_has(&events, "REQUEST", "KEN", "SOM");
        let events = code(
            "Kenya accused Somalia of shelling the border. \
             \"Such violations must be prevented,\" the Kenyan foreign minister said.",
        );
        assert_has(&events, "REQUEST", "KEN", "SOM");
    }

    #[test]
    fn a_quotation_that_names_no_speaker_goes_on_in_the_last_speakers_voice() {
        let events = code(
            "Kenya's embassy in Mogadishu came under attack on Friday. The statement said \
             Kenya \"strongly condemns\" the attack on its embassy. \
             \"The government of Somalia must immediately hold an investigation into the attack.\"",
        );
        assert_has(&events, "REQUEST", "KEN", "SOM");
        assert_lacks(&events, "REQUEST", "SOM", "KEN");
        // A sentence between them breaks the chain.
        let events = code(
            "Kenya's embassy in Mogadishu came under attack on Friday. The statement said \
             Kenya \"strongly condemns\" the attack on its embassy. The embassy reopened. \
             \"The government of Somalia must immediately hold an investigation into the attack.\"",
        );
        assert_lacks(&events, "REQUEST", "KEN", "SOM");
    }

    #[test]
    fn acts_listed_after_a_must_demand_are_demanded_not_done() {
        let events = code(
            "Kenya said the Somali government must hold an investigation into the attack, \
             arrest the gunmen and punish them.",
        );
        assert_has(&events, "REQUEST", "KEN", "SOM");
        assert_no_type(&events, "COERCE");
    }

    #[test]
    fn the_agency_a_statement_is_told_to_is_no_target() {
        let events = code(
            "The Somali embassy spokesman denied there had been air strikes and told Reuters \
             the ambassador was safe.",
        );
        let to_the_press = events
            .iter()
            .any(|e| e.target.as_ref().is_some_and(|t| t.sector == "MED"));
        assert!(!to_the_press, "{:?}", dyads(&events));
    }

    #[test]
    fn a_state_attacks_with_its_armed_forces() {
        let events = code("Kenya carried out air strikes on Somali villages on Monday.");
        assert_source(&events, "ASSAULT", ("KEN", "MIL"));
    }

    #[test]
    fn the_pair_meets_each_other_not_the_summit_they_met_at() {
        let events = code(
            "Kenya's president met Somalia's president in Nairobi on Monday. \
             The pair also met at the African Union summit in Addis Ababa last year.",
        );
        assert_lacks(&events, "CONSULT", "KEN", "IGO");
        assert_lacks(&events, "CONSULT", "SOM", "IGO");
        assert_has(&events, "CONSULT", "KEN", "SOM");
    }

    #[test]
    fn a_warning_of_a_fact_is_no_threat() {
        let events = code("Kenya warned that Somalia's decision had damaged relations.");
        assert_lacks(&events, "THREATEN", "KEN", "SOM");
        let events = code("Kenya warned that it would retaliate against Somalia.");
        assert_has(&events, "THREATEN", "KEN", "SOM");
    }

    #[test]
    fn what_is_asked_for_or_banned_has_not_happened() {
        let events = code("Kenya urged Somalia to cooperate with Ethiopia on the border.");
        assert_has(&events, "REQUEST", "KEN", "SOM");
        assert_no_type(&events, "COOPERATE");
        let events = code("Kenya condemned Somalia's ban on traders working with Ethiopia.");
        assert_no_type(&events, "COOPERATE");
        let events = code("Somalia denied that its forces had attacked Kenyan troops.");
        assert_no_type(&events, "ASSAULT");
        // Another clause reports a fact.
        let events =
            code("Kenya urged calm, and Somalia signed a trade agreement with Ethiopia on Monday.");
        assert!(
            events.iter().any(|e| e.plover != "REQUEST"),
            "{:?}",
            dyads(&events)
        );
    }

    #[test]
    fn who_reports_an_act_is_not_its_target() {
        let events = code(
            "Kenyan and Somali leaders have agreed to implement a ceasefire starting on Monday, \
             Ethiopian Prime Minister Abiy Ahmed said.",
        );
        assert!(has(&events, "RETREAT", "KEN", "SOM") || has(&events, "RETREAT", "SOM", "KEN"));
        assert!(
            events
                .iter()
                .flat_map(|e| [&e.source, &e.target])
                .flatten()
                .all(|a| a.code != "ETH"),
            "{:?}",
            dyads(&events)
        );
        // A target of the reporter's own state is still the target.
        let events =
            code("Somali forces attacked Kenyan border posts on Sunday, Kenyan officials said.");
        assert_has(&events, "ASSAULT", "SOM", "KEN");
    }

    #[test]
    fn a_speaker_does_not_call_himself_he_in_his_own_words() {
        let events = code(
            "Kenyan Foreign Minister Musalia Mudavadi spoke with Somali Foreign Minister Ahmed \
             Fiqi on Monday. “Deeply appreciate his condemnation of the terrorist attack,” \
             Mudavadi posted.",
        );
        assert_has(&events, "CONSULT", "KEN", "SOM");
        assert_lacks(&events, "ACCUSE", "KEN", "SOM");
    }
}
