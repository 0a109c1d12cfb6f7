//! Ingest: every input kind becomes an [`Article`] whose `text` is what all later offsets point into.
//!
//! Boilerplate (page furniture such as "Advertisement", the ` date YYYY-MM-DD` header of our
//! plain-text format, byline lines) is not cut out of the text: it is listed in
//! [`Article::boilerplate`] so that the text stage skips it while every byte offset stays valid
//! against the original text.

mod article;
mod boilerplate;
mod byline;
mod compressed;
mod dateline;
mod dates;
mod error;
mod feed;
mod front_matter;
mod header;
mod html;
mod inputs;
mod jsonl;
mod lines;
mod options;
mod pending;
mod text_file;
mod warc;
mod warnings;

pub use article::Article;
pub use compressed::{show_size, DEFAULT_MAX_BYTES};
pub use error::ReadError;
#[doc(hidden)]
pub use inputs::read_bytes_for_fuzzing;
pub use inputs::{read_inputs, read_inputs_deferred, read_inputs_with, InputFormat, InputSettings};
pub use jsonl::parse_json_article;
pub use options::ReadOptions;
pub use pending::Pending;
pub use text_file::parse_text_article;
pub use warnings::set_warning_sink;
