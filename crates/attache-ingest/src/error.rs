use std::fmt;

/// A failed input: which file (and JSON Lines line), and why. Reading goes on after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    /// 1-based line of a JSON Lines file.
    pub line: Option<usize>,
    pub message: String,
}

impl ReadError {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        ReadError {
            path: path.into(),
            line: None,
            message: message.into(),
        }
    }

    pub(crate) fn at_line(
        path: impl Into<String>,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        ReadError {
            path: path.into(),
            line: Some(line),
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ReadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_forms() {
        assert_eq!(
            ReadError::at_line("a.jsonl", 3, "missing \"text\"").to_string(),
            "a.jsonl:3: missing \"text\""
        );
        assert_eq!(
            ReadError::new("b.txt", "empty article").to_string(),
            "b.txt: empty article"
        );
    }
}
