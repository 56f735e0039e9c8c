//! What is SQLite's own: the connection options, the single writer with group commit
//! (`writer`), the migrations, and the statements whose SQLite text differs from
//! PostgreSQL's (`sql`, and the batch's in `batch`).

pub(super) mod batch;
pub(super) mod outbox;
pub(super) mod sql;
pub(super) mod turn;
pub(crate) mod writer;

use std::str::FromStr;
use std::sync::Arc;

use sqlx::sqlite::{
    SqliteAutoVacuum, SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};

use super::{StoreError, StoreOptions};
use writer::Writer;

/// Opens the writer and the reader pool of the SQLite file at `url`, created if missing.
pub(super) async fn connect(
    url: &str,
    options: &StoreOptions,
) -> Result<(Arc<Writer>, SqlitePool), StoreError> {
    let connect = SqliteConnectOptions::from_str(url)
        .map_err(|e| StoreError::InvalidUrl(e.to_string()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // With WAL, NORMAL loses no committed data on a process crash; only an OS crash
        // or power cut can drop the last transactions. See docs/storage.md.
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(options.acquire_timeout)
        .foreign_keys(true)
        // Deleted rows are overwritten with zeros, so a purge or an erasure leaves no
        // readable bytes in the file's free pages (see `Store::purge`).
        .pragma("secure_delete", "on")
        // New files give the pages a purge freed back a little at a time
        // (`incremental_vacuum`), without holding the writer as `VACUUM` does. A file
        // created before keeps its mode (only a `VACUUM` would change it).
        .auto_vacuum(SqliteAutoVacuum::Incremental);
    // The writer touches every table on every message: a larger page cache than
    // SQLite's 2 MiB default keeps their upper b-tree levels in memory.
    let write =
        Arc::new(Writer::open(&connect.clone().pragma("cache_size", "-32768"), &connect).await?);
    let read = SqlitePoolOptions::new()
        .max_connections(options.max_connections.clamp(1, 8))
        .acquire_timeout(options.acquire_timeout)
        .connect_with(connect)
        .await?;
    Ok((write, read))
}

/// Applies the embedded SQLite migrations on the writer's connection.
pub(super) async fn migrate(write: &Writer) -> Result<(), StoreError> {
    write.migrate(&sqlx::migrate!("migrations/sqlite")).await
}
