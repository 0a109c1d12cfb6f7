//! The event store: SQLite (bundled, WAL) holding articles and the events coded from them.
