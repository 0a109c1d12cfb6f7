//! Prints the sentences of each file given, one per line, with `|` between
//! tokens: a quick way to eyeball the splitter on real articles.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for path in std::env::args().skip(1) {
        match std::fs::read_to_string(&path) {
            Ok(text) => print_doc(&text),
            Err(err) => {
                eprintln!("{path}: {err}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

fn print_doc(text: &str) {
    let doc = attache_text::analyze(text, &[]);
    for s in &doc.sentences {
        let tokens: Vec<&str> = doc.tokens[s.tokens.clone()]
            .iter()
            .map(|t| t.text(text))
            .collect();
        println!("{}", tokens.join("|"));
    }
}
