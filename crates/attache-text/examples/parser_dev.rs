//! Development tool: trains the parser in memory on EWT train (jackknifed tags
//! cached in a file, since they take most of the time) and scores it, pruned at
//! each threshold, on a treebank file with the shipped tagger.
//! `cargo run --release -p attache-text --example parser_dev -- UD_DIR DEV.conllu TAG_CACHE [EPOCHS] [PRUNE,...] [TRAIN_BEAM [DECODE_BEAM,...] [MARGIN,...]]`
//! (a training beam above 1 trains globally, [`attache_text::parser::global`]; the decoding
//! beams default to the training one).

use attache_text::conllu::read_conllu;
use attache_text::eval::{eval_end_to_end, eval_gold_tokens};
use attache_text::parser::global::train_parser_global;
use attache_text::parser::train::train_parser;
use attache_text::parser::Parser;
use attache_text::train::{jackknife_tags, parse_examples, treebank_file, SEED};
use attache_text::write_parser;
use attache_text::Syntax;
use std::path::Path;

fn read_cache(p: &Path) -> Option<Vec<Vec<u64>>> {
    let b = std::fs::read(p).ok()?;
    let mut it = b
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()));
    let n = it.next()? as usize;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let len = it.next()? as usize;
        out.push(it.by_ref().take(len).collect());
    }
    Some(out)
}

fn write_cache(p: &Path, tags: &[Vec<u64>]) {
    let mut b = Vec::new();
    b.extend((tags.len() as u64).to_le_bytes());
    for t in tags {
        b.extend((t.len() as u64).to_le_bytes());
        t.iter().for_each(|x| b.extend(x.to_le_bytes()));
    }
    std::fs::write(p, b).expect("cache writes");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (ud, dev, cache) = (
        Path::new(&args[1]),
        Path::new(&args[2]),
        Path::new(&args[3]),
    );
    let epochs = args.get(4).map_or(15, |e| e.parse().unwrap());
    let prunes: Vec<i16> = args
        .get(5)
        .map_or("600", String::as_str)
        .split(',')
        .map(|p| p.parse().unwrap())
        .collect();
    let train = read_conllu(&treebank_file(ud, "train").unwrap()).unwrap();
    let (labels, mut data) = parse_examples(&train);
    let tags = read_cache(cache).unwrap_or_else(|| {
        let t = jackknife_tags(&train, &mut |l| eprintln!("{l}"));
        write_cache(cache, &t);
        t
    });
    for (ex, t) in data.iter_mut().zip(tags) {
        ex.tags = t;
    }
    let train_beam: usize = args.get(6).map_or(1, |k| k.parse().unwrap());
    let decode_beams: Vec<usize> = args.get(7).map_or(vec![train_beam], |s| {
        s.split(',').map(|k| k.parse().unwrap()).collect()
    });
    let margins: Vec<i64> = args.get(8).map_or(vec![i64::MAX], |s| {
        s.split(',').map(|k| k.parse().unwrap()).collect()
    });
    let t0 = std::time::Instant::now();
    let report = |e, g: f64| eprintln!("epoch {e}: {:.2}% optimal", g * 100.0);
    let parser = if train_beam > 1 {
        train_parser_global(&data, labels, epochs, train_beam, SEED, report)
    } else {
        train_parser(&data, labels, epochs, SEED, report)
    };
    eprintln!("parser trained in {:.1} s", t0.elapsed().as_secs_f64());
    let tagger = std::fs::read("data/models/tagger.bin").expect("run from the repository root");
    let gold = read_conllu(dev).unwrap();
    for p in prunes {
        let pruned = Parser::new(parser.model.pruned(p));
        // `SAVE_PARSER=FILE` keeps the pruned model (for the benchmark's `ATTACHE_BENCH_MODELS`).
        if let Ok(f) = std::env::var("SAVE_PARSER") {
            std::fs::write(f, write_parser(&pruned)).expect("parser file writes");
        }
        let mut syntax = Syntax::from_bytes(&tagger, &write_parser(&pruned)).unwrap();
        for (&k, &m) in decode_beams
            .iter()
            .flat_map(|k| margins.iter().map(move |m| (k, m)))
        {
            syntax.parser.beam = k;
            syntax.parser.margin = m;
            let g = eval_gold_tokens(&syntax, &gold);
            let e = eval_end_to_end(&syntax, &gold);
            println!(
            "prune {p} beam {k} margin {m}: {:?} gold UAS {:.2} LAS {:.2} | e2e UAS {:.2} LAS {:.2} {:.0} tok/s",
            syntax.sizes(),
            g.uas,
            g.las,
            e.uas,
            e.las,
            e.tokens_per_second
        );
        }
    }
}
