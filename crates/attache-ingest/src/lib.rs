//! Ingest: every input kind becomes an [`Article`] whose `text` is what all later offsets point into.
//!
//! Boilerplate (page furniture such as "Advertisement", the ` date YYYY-MM-DD` header of our
//! plain-text format) is not cut out of the text: it is listed in [`Article::boilerplate`] so that
//! the text stage skips it while every byte offset stays valid against the original text.

mod article;
pub use article::Article;
