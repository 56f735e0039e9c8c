//! The one interface the store's operations are written against: a connection of either
//! backend (`Conn`), a query built for it (`Query`), the rows it returns (`Row`), and the three
//! ways a `Store` hands out a connection (`Store::read`, `Store::write`,
//! `Store::transaction`). Each operation is written once with `$n` placeholders, which both
//! SQLite and PostgreSQL accept; where the dialects differ, it asks `Conn::dialect` and takes
//! the text from `sqlite` or `postgres`.
//!
//! Values are bound and columns decoded by sqlx's own encoders and decoders of the backend the
//! query runs on: nothing is copied into a neutral form on the way in or out.

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnection, PgPool, PgRow, Postgres};
use sqlx::sqlite::{Sqlite, SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{Database, Decode, Encode, SqlSafeStr, Transaction, Type};

use super::sqlite::writer::WriteGuard;
use super::{Backend, BackendKind, Store, StoreError};

/// A value that binds on both backends. (Not for all `'q`: an `Option<&'a str>` encodes only
/// for `'q` within `'a`.)
pub(crate) trait Value<'q>:
    Encode<'q, Sqlite> + Type<Sqlite> + Encode<'q, Postgres> + Type<Postgres>
{
}

impl<'q, T> Value<'q> for T where
    T: Encode<'q, Sqlite> + Type<Sqlite> + Encode<'q, Postgres> + Type<Postgres>
{
}

/// A column type that decodes on both backends.
pub(crate) trait Column:
    for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

impl<T> Column for T where
    T: for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres>
{
}

/// Where a query runs: a pool for reads, or one connection (the SQLite writer's, or a
/// PostgreSQL connection or transaction).
pub(crate) enum Conn<'a> {
    /// SQLite's reader pool.
    SqliteReader(&'a SqlitePool),
    PgPool(&'a PgPool),
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

impl Conn<'_> {
    pub(crate) fn dialect(&self) -> BackendKind {
        match self {
            Conn::SqliteReader(_) | Conn::Sqlite(_) => BackendKind::Sqlite,
            Conn::PgPool(_) | Conn::Postgres(_) => BackendKind::Postgres,
        }
    }

    /// A query for this connection's backend; bind its values and run it on this connection.
    pub(crate) fn query(&self, sql: impl SqlSafeStr) -> Query {
        match self.dialect() {
            BackendKind::Sqlite => Query::Sqlite(sqlx::query(sql)),
            BackendKind::Postgres => Query::Postgres(sqlx::query(sql)),
        }
    }
}

type Of<DB> = sqlx::query::Query<'static, DB, <DB as Database>::Arguments>;

/// A query with its values, for the backend of the `Conn` that made it.
#[must_use = "query must be executed to affect database"]
pub(crate) enum Query {
    Sqlite(Of<Sqlite>),
    Postgres(Of<Postgres>),
}

/// What a statement changed.
pub(crate) struct Done(u64);

impl Done {
    pub(crate) fn rows_affected(&self) -> u64 {
        self.0
    }
}

fn mismatch() -> sqlx::Error {
    sqlx::Error::Protocol("query run on a connection of the other backend".to_owned())
}

impl Query {
    pub(crate) fn bind<'q, T: Value<'q>>(self, value: T) -> Query {
        match self {
            Query::Sqlite(q) => Query::Sqlite(q.bind(value)),
            Query::Postgres(q) => Query::Postgres(q.bind(value)),
        }
    }

    pub(crate) async fn execute(self, conn: &mut Conn<'_>) -> Result<Done, sqlx::Error> {
        Ok(Done(match (self, conn) {
            (Query::Sqlite(q), Conn::Sqlite(c)) => q.execute(&mut **c).await?.rows_affected(),
            (Query::Sqlite(q), Conn::SqliteReader(p)) => q.execute(*p).await?.rows_affected(),
            (Query::Postgres(q), Conn::Postgres(c)) => q.execute(&mut **c).await?.rows_affected(),
            (Query::Postgres(q), Conn::PgPool(p)) => q.execute(*p).await?.rows_affected(),
            _ => return Err(mismatch()),
        }))
    }

    pub(crate) async fn fetch_all(self, conn: &mut Conn<'_>) -> Result<Vec<Row>, sqlx::Error> {
        fn rows<R>(rows: Vec<R>, row: fn(R) -> Row) -> Vec<Row> {
            rows.into_iter().map(row).collect()
        }
        Ok(match (self, conn) {
            (Query::Sqlite(q), Conn::Sqlite(c)) => rows(q.fetch_all(&mut **c).await?, Row::Sqlite),
            (Query::Sqlite(q), Conn::SqliteReader(p)) => rows(q.fetch_all(*p).await?, Row::Sqlite),
            (Query::Postgres(q), Conn::Postgres(c)) => {
                rows(q.fetch_all(&mut **c).await?, Row::Postgres)
            }
            (Query::Postgres(q), Conn::PgPool(p)) => rows(q.fetch_all(*p).await?, Row::Postgres),
            _ => return Err(mismatch()),
        })
    }

    pub(crate) async fn fetch_optional(
        self,
        conn: &mut Conn<'_>,
    ) -> Result<Option<Row>, sqlx::Error> {
        Ok(match (self, conn) {
            (Query::Sqlite(q), Conn::Sqlite(c)) => {
                q.fetch_optional(&mut **c).await?.map(Row::Sqlite)
            }
            (Query::Sqlite(q), Conn::SqliteReader(p)) => {
                q.fetch_optional(*p).await?.map(Row::Sqlite)
            }
            (Query::Postgres(q), Conn::Postgres(c)) => {
                q.fetch_optional(&mut **c).await?.map(Row::Postgres)
            }
            (Query::Postgres(q), Conn::PgPool(p)) => q.fetch_optional(*p).await?.map(Row::Postgres),
            _ => return Err(mismatch()),
        })
    }

    pub(crate) async fn fetch_one(self, conn: &mut Conn<'_>) -> Result<Row, sqlx::Error> {
        self.fetch_optional(conn)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }
}

/// A row of either backend, decoded in place.
pub(crate) enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

impl Row {
    pub(crate) fn try_get<T: Column>(&self, index: usize) -> Result<T, sqlx::Error> {
        use sqlx::Row as _;
        match self {
            Row::Sqlite(row) => row.try_get(index),
            Row::Postgres(row) => row.try_get(index),
        }
    }

    /// The names of the row's columns, in order.
    pub(crate) fn column_names(&self) -> Vec<&str> {
        use sqlx::{Column as _, Row as _};
        match self {
            Row::Sqlite(row) => row.columns().iter().map(|c| c.name()).collect(),
            Row::Postgres(row) => row.columns().iter().map(|c| c.name()).collect(),
        }
    }
}

/// A connection held for writing: on SQLite the writer inside its batch transaction; on
/// PostgreSQL a transaction, or a connection whose statements commit one by one. `commit`
/// ends it; dropped without, what it wrote is rolled back (on SQLite with the batch).
pub(crate) enum Tx {
    Sqlite(WriteGuard),
    Postgres(Transaction<'static, Postgres>),
    PgAutocommit(PoolConnection<Postgres>),
}

/// A `Tx`'s connection as its backend's own, for the few statements that bind what only one
/// backend encodes (PostgreSQL arrays, SQLite's JSON arrays of rows): see `sqlite` and
/// `postgres`.
pub(crate) enum Native<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

impl Tx {
    pub(crate) fn conn(&mut self) -> Result<Conn<'_>, StoreError> {
        Ok(match self.native()? {
            Native::Sqlite(conn) => Conn::Sqlite(conn),
            Native::Postgres(conn) => Conn::Postgres(conn),
        })
    }

    pub(crate) fn native(&mut self) -> Result<Native<'_>, StoreError> {
        Ok(match self {
            Tx::Sqlite(guard) => Native::Sqlite(guard.conn()?),
            Tx::Postgres(tx) => Native::Postgres(&mut *tx),
            Tx::PgAutocommit(conn) => Native::Postgres(&mut *conn),
        })
    }

    /// Commits, and returns once what was written is durable.
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(guard) => guard.commit().await,
            Tx::Postgres(tx) => Ok(tx.commit().await?),
            Tx::PgAutocommit(_) => Ok(()),
        }
    }

    /// Commits when `result` is `Ok`, and returns it; an error is returned as it is, and
    /// what was written is rolled back.
    pub(crate) async fn commit_if_ok<T>(
        self,
        result: Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let value = result?;
        self.commit().await?;
        Ok(value)
    }

    /// Done, having written nothing.
    pub(crate) async fn release(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(guard) => {
                guard.release().await;
                Ok(())
            }
            Tx::Postgres(tx) => Ok(tx.rollback().await?),
            Tx::PgAutocommit(_) => Ok(()),
        }
    }
}

impl Store {
    /// For reads: on SQLite the reader pool, so reads do not queue behind the single writer.
    pub(crate) fn read(&self) -> Conn<'_> {
        match &self.backend {
            Backend::Sqlite { read, .. } => Conn::SqliteReader(read),
            Backend::Postgres(pool) => Conn::PgPool(pool),
        }
    }

    /// For writes: on SQLite the write joins the writer's batch transaction, and `commit`
    /// returns once that is committed; on PostgreSQL each statement commits on its own (use
    /// one statement, or CTEs, for atomicity, or `transaction`).
    pub(crate) async fn write(&self) -> Result<Tx, StoreError> {
        Ok(match &self.backend {
            Backend::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Backend::Postgres(pool) => Tx::PgAutocommit(pool.acquire().await?),
        })
    }

    /// One transaction: on SQLite inside the writer's batch, on PostgreSQL a transaction of
    /// its own.
    pub(crate) async fn transaction(&self) -> Result<Tx, StoreError> {
        Ok(match &self.backend {
            Backend::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Backend::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}
