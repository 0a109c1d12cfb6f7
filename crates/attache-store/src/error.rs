//! Errors of the store. Every message names the database file, because a user may run several
//! stores (per project, per corpus) and "database is locked" alone does not say which one.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open event store {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error("event store {path}: WAL journal mode could not be enabled (it is {mode:?})")]
    NotWal { path: PathBuf, mode: String },

    #[error("event store {path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error(
        "event store {path} has schema version {found}, newer than the {supported} this attache \
         understands; use a newer attache to open it"
    )]
    FutureSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("event store {path}: event JSON could not be converted: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },

    #[error(
        "event store {path}: event belongs to article {event_article:?}, \
         but was ingested with article {article:?}"
    )]
    ArticleMismatch {
        path: PathBuf,
        article: String,
        event_article: String,
    },
}
