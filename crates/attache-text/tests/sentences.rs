// A one-range skip list is a slice holding one range, not a range to collect.
#![allow(clippy::single_range_in_vec_init)]

use attache_text::{analyze, split_sentences, tokenize, Doc};

/// Sentence texts of `text`, after checking that the sentences tile the tokens
/// and that their byte spans match their tokens.
fn sents(text: &str) -> Vec<&str> {
    let doc = analyze(text, &[]);
    check_invariants(&doc);
    doc.sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}

fn check_invariants(doc: &Doc) {
    let mut next_token = 0;
    for s in &doc.sentences {
        assert_eq!(s.tokens.start, next_token, "sentences must tile the tokens");
        assert!(s.tokens.start < s.tokens.end, "empty sentence {s:?}");
        assert_eq!(s.start, doc.tokens[s.tokens.start].start);
        assert_eq!(s.end, doc.tokens[s.tokens.end - 1].end);
        next_token = s.tokens.end;
    }
    assert_eq!(next_token, doc.tokens.len());
}

fn check(text: &str, expected: &[&str]) {
    assert_eq!(sents(text), expected, "splitting {text:?}");
}

#[test]
fn empty_text_has_no_sentences() {
    check("", &[]);
    check("  \n\n ", &[]);
}

#[test]
fn basic_terminals() {
    check(
        "Talks began. They failed! Why? Nobody knows.",
        &["Talks began.", "They failed!", "Why?", "Nobody knows."],
    );
}

#[test]
fn text_without_final_punctuation() {
    check("Talks began. They failed", &["Talks began.", "They failed"]);
}

#[test]
fn titles_and_initials_do_not_end_sentences() {
    check(
        "Dr. S. Jaishankar met Mr. Wang in St. Petersburg.",
        &["Dr. S. Jaishankar met Mr. Wang in St. Petersburg."],
    );
    check(
        "Lt. Gen. A. B. Smith arrived. He spoke.",
        &["Lt. Gen. A. B. Smith arrived.", "He spoke."],
    );
}

#[test]
fn us_followed_by_a_name_or_lower_case_continues() {
    check("U.S. officials said so.", &["U.S. officials said so."]);
    check("The U.S. President spoke.", &["The U.S. President spoke."]);
    check(
        "Martin Luther King Jr. Day passed.",
        &["Martin Luther King Jr. Day passed."],
    );
}

#[test]
fn abbreviation_that_ends_a_sentence() {
    check(
        "They met in the U.S. The talks failed.",
        &["They met in the U.S.", "The talks failed."],
    );
    check(
        "He works for Acme Inc. It is large.",
        &["He works for Acme Inc.", "It is large."],
    );
    check(
        "They met in the U.S. “We agreed,” he said.",
        &["They met in the U.S.", "“We agreed,” he said."],
    );
}

#[test]
fn initial_that_ends_a_sentence() {
    check(
        "He backed Plan B. The others did not.",
        &["He backed Plan B.", "The others did not."],
    );
}

#[test]
fn number_abbreviation() {
    check(
        "He left No. 10 Downing Street on Monday.",
        &["He left No. 10 Downing Street on Monday."],
    );
}

#[test]
fn times() {
    check(
        "The vote ends at 3 p.m. Eastern time.",
        &["The vote ends at 3 p.m. Eastern time."],
    );
    check(
        "The vote ended at 3 p.m. The count began.",
        &["The vote ended at 3 p.m.", "The count began."],
    );
    check(
        "It starts at 3 p.m. on Monday.",
        &["It starts at 3 p.m. on Monday."],
    );
}

#[test]
fn months() {
    check("On Jan. 5 the army moved.", &["On Jan. 5 the army moved."]);
}

#[test]
fn decimals_do_not_split() {
    check(
        "Growth was 3.5 percent. Prices rose.",
        &["Growth was 3.5 percent.", "Prices rose."],
    );
}

#[test]
fn closing_quotes_and_brackets_stay_with_the_sentence() {
    check(
        "He said \"no.\" Then he left.",
        &["He said \"no.\"", "Then he left."],
    );
    check(
        "He said “no.” Then he left.",
        &["He said “no.”", "Then he left."],
    );
    check(
        "(He declined.) Talks went on.",
        &["(He declined.)", "Talks went on."],
    );
    check(
        "It was “over.”) Talks went on.",
        &["It was “over.”)", "Talks went on."],
    );
}

#[test]
fn question_inside_quotes_followed_by_lower_case_continues() {
    check(
        "\"Why?\" he asked. Nobody answered.",
        &["\"Why?\" he asked.", "Nobody answered."],
    );
    check("“Now!” she shouted.", &["“Now!” she shouted."]);
}

#[test]
fn straight_quote_after_space_opens_the_next_sentence() {
    check(
        "He left. \"We will return,\" aides said.",
        &["He left.", "\"We will return,\" aides said."],
    );
}

#[test]
fn ellipses() {
    check(
        "He paused... The room waited.",
        &["He paused...", "The room waited."],
    );
    check("He paused… and went on.", &["He paused… and went on."]);
    check(
        "He paused… The room waited.",
        &["He paused…", "The room waited."],
    );
}

#[test]
fn period_then_lower_case_continues() {
    check(
        "They earned approx. five million.",
        &["They earned approx. five million."],
    );
    check(
        "The plan, i.e. the truce, held.",
        &["The plan, i.e. the truce, held."],
    );
}

#[test]
fn period_then_digit_splits() {
    check(
        "He was born in 1950. 2020 was different.",
        &["He was born in 1950.", "2020 was different."],
    );
}

#[test]
fn newline_ends_a_sentence() {
    check(
        "Ceasefire holds in Gaza\nThe truce began on Sunday.",
        &["Ceasefire holds in Gaza", "The truce began on Sunday."],
    );
    check(
        "First paragraph ends here\n\nsecond one starts",
        &["First paragraph ends here", "second one starts"],
    );
    check("Line one\r\nLine two", &["Line one", "Line two"]);
}

#[test]
fn newline_after_abbreviation_still_ends_a_sentence() {
    check(
        "Meeting with Dr.\nSecond line.",
        &["Meeting with Dr.", "Second line."],
    );
}

#[test]
fn social_media_embed_line_does_not_swallow_the_next_paragraph() {
    let text = "Talks were productive today… pic.twitter.com/Ab12 — Dr. A. Name (@handle) May 15, 2025\nThe minister later flew home.";
    check(text, &[
        "Talks were productive today… pic.twitter.com/Ab12 — Dr. A. Name (@handle) May 15, 2025",
        "The minister later flew home.",
    ]);
}

#[test]
fn skip_range_is_a_sentence_boundary() {
    let text = "Troops withdrew from the city Advertisement Officials confirmed the move.";
    let ad = text.find("Advertisement").unwrap_or(0);
    let doc = analyze(text, &[ad..ad + "Advertisement".len()]);
    check_invariants(&doc);
    let got: Vec<&str> = doc
        .sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    assert_eq!(
        got,
        [
            "Troops withdrew from the city",
            "Officials confirmed the move."
        ]
    );
}

#[test]
fn split_sentences_agrees_with_analyze() {
    let text = "One. Two? Three!";
    let tokens = tokenize(text, &[]);
    let sentences = split_sentences(text, &tokens);
    assert_eq!(sentences, analyze(text, &[]).sentences);
    assert_eq!(sentences.len(), 3);
    assert_eq!(sentences[1].tokens, 2..4);
}

#[test]
fn doc_accessors() {
    let text = "Afghanistan’s envoy left. He returned.";
    let doc = analyze(text, &[]);
    assert_eq!(doc.token_text(text, 0), "Afghanistan");
    assert_eq!(doc.token_text(text, 1), "’s");
    assert_eq!(doc.token_text(text, 99), "");
    assert_eq!(doc.sentences[1].text(text), "He returned.");
    let second: Vec<&str> = doc
        .sentence_tokens(1)
        .iter()
        .map(|t| t.text(text))
        .collect();
    assert_eq!(second, ["He", "returned", "."]);
    assert!(doc.sentence_tokens(7).is_empty());
}

#[test]
fn news_paragraph() {
    let text = "NEW DELHI, May 15 (Reuters) - India's External Affairs Minister Dr. S. Jaishankar \
met U.S. Secretary of State Marco Rubio on Thursday, officials said. \"We discussed trade,\" \
he told reporters at 3 p.m. The talks, which began in 2019–2020, will resume in Washington.";
    check(text, &[
        "NEW DELHI, May 15 (Reuters) - India's External Affairs Minister Dr. S. Jaishankar met U.S. Secretary of State Marco Rubio on Thursday, officials said.",
        "\"We discussed trade,\" he told reporters at 3 p.m.",
        "The talks, which began in 2019–2020, will resume in Washington.",
    ]);
}

#[test]
fn web_text_sentences_starting_lower_case() {
    // The learned boundary model (EWT train) splits where the rules cannot.
    check(
        "thanks for the photos. i will call you tomorrow.",
        &["thanks for the photos.", "i will call you tomorrow."],
    );
    check(
        "Is the pool open today? and how late?",
        &["Is the pool open today?", "and how late?"],
    );
}

#[test]
fn news_abbreviations_still_hold_with_the_model() {
    check(
        "The U.S. Navy said Gen. Smith, of Acme Inc. in Dallas, arrived at 3 p.m. on Jan. 5.",
        &["The U.S. Navy said Gen. Smith, of Acme Inc. in Dallas, arrived at 3 p.m. on Jan. 5."],
    );
    check(
        "Nepal reacted on Friday. PM Ram Thapa condemned the attack.",
        &[
            "Nepal reacted on Friday.",
            "PM Ram Thapa condemned the attack.",
        ],
    );
    check(
        "He moved to the U.S. The talks failed.",
        &["He moved to the U.S.", "The talks failed."],
    );
}

#[test]
fn mail_header_stamps_stand_alone() {
    check(
        "Dana Reyes 03/14/2002 09:41 AM Please review the draft",
        &[
            "Dana Reyes",
            "03/14/2002 09:41 AM",
            "Please review the draft",
        ],
    );
    check(
        "Forwarded by Lee Park on 11/02/99 17:05:12 The memo follows",
        &[
            "Forwarded by Lee Park on 11/02/99 17:05:12",
            "The memo follows",
        ],
    );
    // A date alone, or a time without a date, is part of its sentence.
    check(
        "The vote on 11/02/99 was close and ended at 17:05 after talks",
        &["The vote on 11/02/99 was close and ended at 17:05 after talks"],
    );
}

#[test]
fn sign_offs_and_links_end_sentences_without_punctuation() {
    // Web text ends a line of thought at a URL, an address or a rule, with no
    // full stop; the model may end a sentence next to such a token.
    check(
        "The photos are on my page http://www.example.org/trip.html Tell me what you think",
        &[
            "The photos are on my page http://www.example.org/trip.html",
            "Tell me what you think",
        ],
    );
    check(
        "Write to me at lena.moss@example.com I will be back on Monday",
        &[
            "Write to me at lena.moss@example.com",
            "I will be back on Monday",
        ],
    );
    // Between two words it still may not: a title before a name stays.
    check(
        "The talks ended at 6 PM Ram Thapa said later",
        &["The talks ended at 6 PM Ram Thapa said later"],
    );
}
