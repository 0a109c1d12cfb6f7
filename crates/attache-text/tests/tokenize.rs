// A one-range skip list is a slice holding one range, not a range to collect.
#![allow(clippy::single_range_in_vec_init)]

use attache_text::{tokenize, Token};

/// Token strings of `text`, after checking the invariants every tokenization
/// must keep: ordered, non-empty, non-overlapping tokens on char boundaries,
/// with only whitespace between them.
fn toks(text: &str) -> Vec<&str> {
    let tokens = tokenize(text, &[]);
    check_invariants(text, &tokens);
    tokens.iter().map(|t| &text[t.start..t.end]).collect()
}

fn check_invariants(text: &str, tokens: &[Token]) {
    let mut prev_end = 0;
    for t in tokens {
        assert!(t.start < t.end, "empty token {t:?}");
        assert!(t.start >= prev_end, "overlap at {t:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        prev_end = t.end;
    }
}

/// Checks that tokenizing `text` yields exactly `expected`.
fn check(text: &str, expected: &[&str]) {
    assert_eq!(toks(text), expected, "tokenizing {text:?}");
}

#[test]
fn empty_and_blank_text() {
    check("", &[]);
    check(" \n\t\u{a0} ", &[]);
}

#[test]
fn plain_words_and_punctuation() {
    check(
        "Ministers met, then left; talks (again) failed!",
        &[
            "Ministers",
            "met",
            ",",
            "then",
            "left",
            ";",
            "talks",
            "(",
            "again",
            ")",
            "failed",
            "!",
        ],
    );
}

#[test]
fn possessive_clitics_with_both_apostrophes() {
    check("Afghanistan's army", &["Afghanistan", "'s", "army"]);
    check("Afghanistan’s army", &["Afghanistan", "’s", "army"]);
    check("the ministers' plan", &["the", "ministers", "'", "plan"]);
    check("O'Neill's office", &["O'Neill", "'s", "office"]);
}

#[test]
fn verbal_clitics() {
    check("they don't", &["they", "do", "n't"]);
    check("we can’t", &["we", "ca", "n’t"]);
    check("It won't", &["It", "wo", "n't"]);
    check("DIDN'T", &["DID", "N'T"]);
    check(
        "they're we'll I'd you've I'm",
        &[
            "they", "'re", "we", "'ll", "I", "'d", "you", "'ve", "I", "'m",
        ],
    );
    check("We cannot", &["We", "can", "not"]);
    check("gonna", &["gon", "na"]);
}

#[test]
fn sentence_final_etc_gives_its_period_to_the_sentence() {
    check(
        "food, fuel, etc. Prices rose",
        &["food", ",", "fuel", ",", "etc", ".", "Prices", "rose"],
    );
    check(
        "food, fuel etc.\nPrices",
        &["food", ",", "fuel", "etc", ".", "Prices"],
    );
    check(
        "food, fuel, etc. were short",
        &["food", ",", "fuel", ",", "etc.", "were", "short"],
    );
}

#[test]
fn contractions_written_without_apostrophe_split_as_in_ewt() {
    check("i dont think so", &["i", "do", "nt", "think", "so"]);
    check(
        "He wont come, Im sure",
        &["He", "wo", "nt", "come", ",", "I", "m", "sure"],
    );
    check(
        "couldnt thats youre",
        &["could", "nt", "that", "s", "you", "re"],
    );
    // All-capital short words are acronyms; "its" and "lets" stay whole.
    check("IM its lets", &["IM", "its", "lets"]);
}

#[test]
fn clock_times_split_from_am_and_pm() {
    check("at 5pm or 7:30PM", &["at", "5", "pm", "or", "7:30", "PM"]);
    check("the 10am call", &["the", "10", "am", "call"]);
    check("spam 4x4pm", &["spam", "4x4pm"]);
}

#[test]
fn emoticons_and_angle_quotes_are_one_token() {
    check(
        "great :) see you ;-(",
        &["great", ":)", "see", "you", ";-("],
    );
    check("<< File: report >>", &["<<", "File", ":", "report", ">>"]);
    check("note:Dave", &["note", ":", "Dave"]);
    check("(as in 4:)", &["(", "as", "in", "4", ":", ")"]);
}

#[test]
fn apostrophes_that_are_not_clitics() {
    check("Shi'ite rock'n'roll", &["Shi'ite", "rock'n'roll"]);
    check("'quoted'", &["'", "quoted", "'"]);
}

#[test]
fn hyphenated_compounds_split_as_in_ewt() {
    check("so-called rebels", &["so", "-", "called", "rebels"]);
    check("al-Qaeda", &["al", "-", "Qaeda"]);
    check("a long-term deal", &["a", "long", "-", "term", "deal"]);
    check("the F-16", &["the", "F", "-", "16"]);
}

#[test]
fn hyphenated_prefixes_stay_whole() {
    check(
        "non-stop anti-government mid-July e-mail",
        &["non-stop", "anti-government", "mid-July", "e-mail"],
    );
    check("Pro-Kremlin Ex-minister", &["Pro-Kremlin", "Ex-minister"]);
}

#[test]
fn numbers_keep_separators() {
    check("26,000 troops", &["26,000", "troops"]);
    check("1,250,000", &["1,250,000"]);
    check("3.5 percent", &["3.5", "percent"]);
    check("$4.2bn", &["$", "4.2bn"]);
    check("at 5:30", &["at", "5:30"]);
    check("9/11 and 11/28/2000", &["9/11", "and", "11/28/2000"]);
    check("50%", &["50", "%"]);
}

#[test]
fn comma_between_numbers_that_is_not_a_separator() {
    check("1,2 and 10,50", &["1", ",", "2", "and", "10", ",", "50"]);
    check("In 2019,2020", &["In", "2019", ",", "2020"]);
}

#[test]
fn number_ranges_split_but_phone_numbers_do_not() {
    check("1999–2000", &["1999", "–", "2000"]);
    check("1999-2000", &["1999", "-", "2000"]);
    check(
        "call 713-853-3989 or 646-8420",
        &["call", "713-853-3989", "or", "646-8420"],
    );
}

#[test]
fn dashes() {
    check("peace — for now", &["peace", "—", "for", "now"]);
    check("peace—for now", &["peace", "—", "for", "now"]);
    check("peace--for now", &["peace", "--", "for", "now"]);
}

#[test]
fn abbreviations_keep_their_period() {
    check("U.S. officials", &["U.S.", "officials"]);
    check(
        "Dr. Lt. Gen. Mr. St. Inc. etc. and",
        &["Dr.", "Lt.", "Gen.", "Mr.", "St.", "Inc.", "etc.", "and"],
    );
    check("on Jan. 5", &["on", "Jan.", "5"]);
    check("at 3 p.m. today", &["at", "3", "p.m.", "today"]);
    check("a Ph.D. student", &["a", "Ph.D.", "student"]);
}

#[test]
fn initials_keep_their_period() {
    check("Dr. S. Jaishankar", &["Dr.", "S.", "Jaishankar"]);
    check(
        "Lt. Gen. A. B. Smith",
        &["Lt.", "Gen.", "A.", "B.", "Smith"],
    );
}

#[test]
fn number_abbreviation_only_before_a_number() {
    check("No. 10 Downing Street", &["No.", "10", "Downing", "Street"]);
    check("He said No. Then", &["He", "said", "No", ".", "Then"]);
    check("said no.", &["said", "no", "."]);
}

#[test]
fn sentence_final_period_is_separate() {
    check("It ended.", &["It", "ended", "."]);
    check("in 2019.", &["in", "2019", "."]);
    check("He said \"no.\"", &["He", "said", "\"", "no", ".", "\""]);
}

#[test]
fn words_run_together_at_a_period_are_split() {
    check(
        "talks ended.The minister",
        &["talks", "ended", ".", "The", "minister"],
    );
}

#[test]
fn ellipses() {
    check("wait... and", &["wait", "...", "and"]);
    check("wait… and", &["wait", "…", "and"]);
    check("Dr... no", &["Dr", "...", "no"]);
}

#[test]
fn question_and_exclamation_runs() {
    check("What?! No!!", &["What", "?!", "No", "!!"]);
}

#[test]
fn curly_quotes() {
    check(
        "“We won,” she said.",
        &["“", "We", "won", ",", "”", "she", "said", "."],
    );
}

#[test]
fn urls_are_one_token() {
    check(
        "see https://example.org/a/b?c=1&d=2.",
        &["see", "https://example.org/a/b?c=1&d=2", "."],
    );
    check(
        "(www.example.com/path)",
        &["(", "www.example.com/path", ")"],
    );
    check(
        "https://en.wikipedia.org/wiki/A_(b)",
        &["https://en.wikipedia.org/wiki/A_(b)"],
    );
    check("pic at t.co/Ab12Cd", &["pic", "at", "t.co/Ab12Cd"]);
}

#[test]
fn domains_are_one_token() {
    check(
        "told BBC.com and bbc.co.uk",
        &["told", "BBC.com", "and", "bbc.co.uk"],
    );
}

#[test]
fn emails_handles_and_hashtags() {
    check(
        "mail press@gov.example.org.",
        &["mail", "press@gov.example.org", "."],
    );
    check("(@Jane_Doe99)", &["(", "@Jane_Doe99", ")"]);
    check("#MeToo #Gaza2025,", &["#MeToo", "#Gaza2025", ","]);
    check("ranked #1", &["ranked", "#", "1"]);
    check("a @ b", &["a", "@", "b"]);
}

#[test]
fn ampersand_in_initialisms() {
    check("AT&T and S&P", &["AT&T", "and", "S&P"]);
    check("salt&pepper", &["salt", "&", "pepper"]);
}

#[test]
fn non_ascii_words_and_marks() {
    check(
        "Zelenskyy met Erdoğan in Türkiye",
        &["Zelenskyy", "met", "Erdoğan", "in", "Türkiye"],
    );
    // "é" written as "e" + combining acute accent stays one word.
    check("Jose\u{301} said", &["Jose\u{301}", "said"]);
    check("नरेंद्र मोदी", &["नरेंद्र", "मोदी"]);
}

#[test]
fn emoji_and_flags() {
    check("great👍🏽 🇺🇸!", &["great", "👍🏽", "🇺🇸", "!"]);
}

#[test]
fn unusual_spaces_separate_tokens() {
    check("a\u{a0}b\u{200b}c\u{feff}d", &["a", "b", "c", "d"]);
}

#[test]
fn offsets_round_trip_on_mixed_text() {
    let text =
        "“Afghanistan’s envoy,” Dr. S. Jaishankar said — in 1999–2000 — \u{a0}26,000 troops…";
    let tokens = tokenize(text, &[]);
    check_invariants(text, &tokens);
    let expected = [
        "“",
        "Afghanistan",
        "’s",
        "envoy",
        ",",
        "”",
        "Dr.",
        "S.",
        "Jaishankar",
        "said",
        "—",
        "in",
        "1999",
        "–",
        "2000",
        "—",
        "26,000",
        "troops",
        "…",
    ];
    let got: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(got, expected);
    // Only whitespace lies between tokens.
    let mut covered = String::new();
    let mut prev = 0;
    for t in &tokens {
        assert!(text[prev..t.start].chars().all(char::is_whitespace));
        covered.push_str(&text[t.start..t.end]);
        prev = t.end;
    }
    assert!(text[prev..].chars().all(char::is_whitespace));
    let without_space: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(covered, without_space);
}

#[test]
fn skip_ranges_are_never_tokenized() {
    let text = "Talks resumed. Advertisement Subscribe now Ministers met.";
    let skip_start = text.find("Advertisement").unwrap_or(0);
    let skip_end = text.find("Ministers").unwrap_or(0) - 1;
    let tokens = tokenize(text, &[skip_start..skip_end]);
    check_invariants(text, &tokens);
    let got: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(got, ["Talks", "resumed", ".", "Ministers", "met", "."]);
}

#[test]
fn skip_range_cutting_a_word_splits_it() {
    let text = "abcdef ghi";
    let tokens = tokenize(text, &[2..4]);
    let got: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(got, ["ab", "ef", "ghi"]);
    for t in &tokens {
        assert!(t.end <= 2 || t.start >= 4, "{t:?} touches the skip range");
    }
}

#[test]
fn skip_range_inside_a_multibyte_char_is_widened() {
    let text = "a’b c";
    // 2..3 falls inside ’ (bytes 1..4); the whole char is skipped.
    let tokens = tokenize(text, &[2..3]);
    let got: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(got, ["a", "b", "c"]);
}

#[test]
fn skip_ranges_at_edges_and_out_of_bounds() {
    let text = "one two three";
    let tokens = tokenize(text, &[0..4, 8..100]);
    let got: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(got, ["two"]);
}

#[test]
fn overlapping_or_unsorted_skip_ranges_do_not_panic() {
    let text = "one two three four";
    let tokens = tokenize(text, &[4..10, 6..8, 0..2]);
    check_invariants(text, &tokens);
    let got: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(got, ["one", "ree", "four"]);
}

#[test]
fn capital_letter_at_the_end_of_a_sentence_is_not_an_initial() {
    check("He wrote on X.", &["He", "wrote", "on", "X", "."]);
    check(
        "He wrote on X.\nNext",
        &["He", "wrote", "on", "X", ".", "Next"],
    );
    check("backed Plan B. the", &["backed", "Plan", "B", ".", "the"]);
    check("George W. Bush", &["George", "W.", "Bush"]);
}

#[test]
fn clitic_after_an_abbreviation_or_number() {
    check("the U.S.'s role", &["the", "U.S.", "'s", "role"]);
    check("Acme Inc.’s profit", &["Acme", "Inc.", "’s", "profit"]);
    check("the 1990's", &["the", "1990", "'s"]);
    check("a 'sore' point", &["a", "'", "sore", "'", "point"]);
}

/// Deterministic xorshift, so the stress test needs no dependency and always
/// checks the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

#[test]
fn random_text_and_skip_ranges_keep_every_invariant() {
    const PIECES: [&str; 24] = [
        "a",
        "Z",
        "7",
        ".",
        ",",
        "'",
        "’",
        "-",
        "–",
        "\"",
        "“",
        "”",
        " ",
        "\n",
        "@",
        "#",
        "é",
        "\u{301}",
        "👍",
        "U.S.",
        "Dr.",
        "http://x.io/",
        "n't",
        "…",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..rng.next(40) {
            text.push_str(PIECES[rng.next(PIECES.len())]);
        }
        let mut skip = Vec::new();
        let mut at = 0;
        while at < text.len() && rng.next(3) == 0 {
            let start = at + rng.next(text.len() - at);
            let end = start + rng.next(6);
            skip.push(start..end);
            at = end + 1;
        }
        let doc = attache_text::analyze(&text, &skip);
        check_invariants(&text, &doc.tokens);
        for t in &doc.tokens {
            for r in &skip {
                assert!(
                    t.end <= r.start || t.start >= r.end,
                    "{t:?} meets {r:?} in {text:?}"
                );
            }
        }
        let mut next = 0;
        for s in &doc.sentences {
            assert_eq!(s.tokens.start, next);
            assert!(s.tokens.end > s.tokens.start);
            next = s.tokens.end;
        }
        assert_eq!(next, doc.tokens.len());
    }
}

#[test]
fn dotted_names_stay_whole() {
    check(
        "See Budget_2024.xls and notes.PDF, or post to misc.kids.health-care now.",
        &[
            "See",
            "Budget_2024.xls",
            "and",
            "notes.PDF",
            ",",
            "or",
            "post",
            "to",
            "misc.kids.health-care",
            "now",
            ".",
        ],
    );
    check(
        "Join chat.example.net or Weather.Com today.",
        &[
            "Join",
            "chat.example.net",
            "or",
            "Weather.Com",
            "today",
            ".",
        ],
    );
    // Two words run together by a missing space stay apart.
    check(
        "It ended.Then we left.",
        &["It", "ended", ".", "Then", "we", "left", "."],
    );
}

#[test]
fn mail_system_addresses_without_a_dot() {
    check(
        "Copy Maria Lopez@HOUSTON and Ops@CORP_EAST today",
        &[
            "Copy",
            "Maria",
            "Lopez@HOUSTON",
            "and",
            "Ops@CORP_EAST",
            "today",
        ],
    );
}

#[test]
fn short_mixed_end_marks_stay_together() {
    check(
        "Really.? Sure!. Why..?",
        &["Really", ".?", "Sure", "!.", "Why", "..?"],
    );
    check("Wait...? No!!..", &["Wait", "...", "?", "No", "!!", ".."]);
    check(
        "It costs $$$ and A++ grades",
        &["It", "costs", "$$$", "and", "A", "++", "grades"],
    );
}

#[test]
fn abbreviation_before_a_full_stop() {
    check(
        "Acme Corp, Inc.. Then",
        &["Acme", "Corp", ",", "Inc.", ".", "Then"],
    );
}

#[test]
fn its_without_apostrophe_before_words_only_it_is_takes() {
    check("its not over", &["it", "s", "not", "over"]);
    check("Its a deal", &["It", "s", "a", "deal"]);
    check(
        "The army and its allies kept its own plan",
        &[
            "The", "army", "and", "its", "allies", "kept", "its", "own", "plan",
        ],
    );
    check(
        "its all-time high and its in-house team",
        &[
            "its", "all", "-", "time", "high", "and", "its", "in", "-", "house", "team",
        ],
    );
}
