//! What is PostgreSQL's own: the pool, the migrations, and the statements whose PostgreSQL
//! text differs from SQLite's (`sql`, and the batch's in `batch`).

pub(super) mod batch;
pub(super) mod outbox;
pub(super) mod sql;
pub(super) mod turn;

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use super::{StoreError, StoreOptions};

pub(super) async fn connect(url: &str, options: &StoreOptions) -> Result<PgPool, StoreError> {
    let connect =
        PgConnectOptions::from_str(url).map_err(|e| StoreError::InvalidUrl(e.to_string()))?;
    Ok(PgPoolOptions::new()
        .max_connections(options.max_connections)
        .acquire_timeout(options.acquire_timeout)
        .connect_with(connect)
        .await?)
}

/// Applies the embedded PostgreSQL migrations. Safe to run from several processes at once
/// (sqlx takes an advisory lock).
pub(super) async fn migrate(pool: &PgPool) -> Result<(), StoreError> {
    sqlx::migrate!("migrations/postgres").run(pool).await?;
    Ok(())
}
