//! Development tool: trains the tagger on a treebank's train file (in memory,
//! pruned as shipped) and prints its UPOS/XPOS accuracy on gold tokens of another
//! file, with the most frequent UPOS confusions.
//! `cargo run --release -p attache-text --example tagger_dev -- UD_DIR DEV.conllu [EPOCHS]`

use attache_text::conllu::read_conllu;
use attache_text::tagger::{train_tagger, WordAtoms};
use attache_text::train::{treebank_file, SEED, TAGGER_EPOCHS, TAGGER_PRUNE};
use std::collections::HashMap;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let ud = Path::new(&args[1]);
    let dev = read_conllu(Path::new(&args[2])).expect("dev treebank");
    let epochs = args.get(3).map_or(TAGGER_EPOCHS, |e| e.parse().unwrap());
    let train = read_conllu(&treebank_file(ud, "train").unwrap()).expect("train treebank");
    let t0 = std::time::Instant::now();
    let tagger = train_tagger(&train, epochs, SEED, |e, acc| {
        eprintln!("epoch {e}: train {:.2}%", acc * 100.0)
    });
    eprintln!("trained in {:.1} s", t0.elapsed().as_secs_f64());
    let tagger = tagger.pruned(TAGGER_PRUNE);
    let mut scores = Box::new([0i32; 256]);
    let mut out = Vec::new();
    let (mut n, mut upos, mut xpos) = (0usize, 0usize, 0usize);
    let mut confusions: HashMap<(String, &str), usize> = HashMap::new();
    let t1 = std::time::Instant::now();
    for s in &dev {
        let atoms = WordAtoms::of_sentence(s);
        tagger.tag(&atoms, &mut scores, &mut out);
        for (w, &c) in s.words.iter().zip(&out) {
            n += 1;
            let (u, x) = (tagger.upos[c as usize], tagger.xpos[c as usize]);
            upos += (u == w.upos) as usize;
            xpos += (x == w.xpos) as usize;
            if u != w.upos {
                *confusions.entry((w.upos.clone(), u)).or_default() += 1;
            }
        }
    }
    let _ = t1;
    // Speed: the best of five passes over the atoms (hashing excluded).
    let sents: Vec<Vec<WordAtoms>> = dev.iter().map(WordAtoms::of_sentence).collect();
    let mut secs = f64::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        for a in &sents {
            tagger.tag(a, &mut scores, &mut out);
        }
        secs = secs.min(t.elapsed().as_secs_f64());
    }
    let mut conf: Vec<_> = confusions.into_iter().collect();
    conf.sort_by_key(|c| std::cmp::Reverse(c.1));
    for ((g, p), k) in conf.iter().take(12) {
        println!("  gold {g} -> {p}: {k}");
    }
    println!(
        "sizes {:?} UPOS {:.2} XPOS {:.2} ({} words, {:.0} words/s)",
        tagger.size(),
        100.0 * upos as f64 / n as f64,
        100.0 * xpos as f64 / n as f64,
        n,
        n as f64 / secs
    );
}
