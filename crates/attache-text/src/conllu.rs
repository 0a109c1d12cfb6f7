//! A reader for CoNLL-U treebanks (Universal Dependencies): words with their tags,
//! lemma, head and relation, plus each sentence's text and document/paragraph marks.

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 1-based index of the head word; 0 for the root.
    pub head: usize,
    pub deprel: String,
    /// When the word is part of a multiword token (`don't` = `do` + `n't`), the
    /// token's surface form and the index of its first word (0-based).
    pub multiword: Option<(String, usize)>,
}

/// A treebank sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeSentence {
    pub sent_id: String,
    /// The raw text from the `# text =` line.
    pub text: String,
    /// Whether a `# newdoc` comment opens this sentence.
    pub new_doc: bool,
    /// Whether a `# newpar` comment (or a new document) opens this sentence.
    pub new_par: bool,
    pub words: Vec<Word>,
}

/// Reads all sentences of a CoNLL-U text. Empty nodes (`8.1`) are skipped;
/// multiword token lines (`4-5`) are attached to the words they cover.
pub fn parse_conllu(data: &str) -> Result<Vec<TreeSentence>, String> {
    let mut out = Vec::new();
    let mut cur = TreeSentence::default();
    let mut mwt: Option<(usize, usize, String)> = None;
    for (n, line) in data.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            mwt = None;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(t) = comment.strip_prefix("text =") {
                cur.text = t.trim().to_string();
            } else if let Some(t) = comment.strip_prefix("sent_id =") {
                cur.sent_id = t.trim().to_string();
            } else if comment.starts_with("newdoc") {
                cur.new_doc = true;
                cur.new_par = true;
            } else if comment.starts_with("newpar") {
                cur.new_par = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!("line {}: expected 10 columns", n + 1));
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let a: usize = a.parse().map_err(|_| format!("line {}: bad id", n + 1))?;
            let b: usize = b.parse().map_err(|_| format!("line {}: bad id", n + 1))?;
            mwt = Some((a, b, cols[1].to_string()));
            continue;
        }
        let index: usize = id
            .parse()
            .map_err(|_| format!("line {}: bad id {id:?}", n + 1))?;
        let head: usize = cols[6]
            .parse()
            .map_err(|_| format!("line {}: bad head {:?}", n + 1, cols[6]))?;
        let multiword = match &mwt {
            Some((a, b, surface)) if (*a..=*b).contains(&index) => Some((surface.clone(), a - 1)),
            _ => None,
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            multiword,
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &std::path::Path) -> Result<Vec<TreeSentence>, String> {
    let data = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_conllu(&data).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_multiword_tokens() {
        let data = "# newdoc id = d1\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = parse_conllu(data).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].new_doc && s[0].new_par);
        assert_eq!(s[0].text, "I don't.");
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].words[1].multiword, Some(("don't".to_string(), 1)));
        assert_eq!(s[0].words[2].head, 0);
    }
}
