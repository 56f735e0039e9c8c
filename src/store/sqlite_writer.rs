//! The single SQLite writer, with group commit: concurrent writes share one transaction, and
//! each caller returns once the commit that holds its write is done.
//!
//! SQLite allows one writer at a time, and sqlx runs each statement on a worker thread, so
//! what costs is the number of statements and commits per message, not the SQL. Writers queue
//! (in order) for the one connection; a writer that finds no transaction open begins one, does
//! its statements, and asks for a commit. The committer queues behind the writers already
//! waiting and commits them all at once: under load a commit holds many messages, each in the
//! same pages of the append-only tables, and alone a message still commits at once.
//!
//! A write that fails or is abandoned half-way (an error, a dropped future) marks the
//! transaction dirty: the next holder rolls the whole batch back and every writer in it gets
//! `StoreError::Conflict`, which callers retry.

use std::sync::{Arc, Weak};

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};
use tokio::sync::{Mutex, MutexGuard, Notify, oneshot};

use super::StoreError;

type CommitResult = Result<(), String>;

pub(crate) struct Writer {
    inner: Arc<Inner>,
}

struct Inner {
    state: Mutex<State>,
    commit: Arc<Notify>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Lets the committer task see that the store is gone and end.
        self.commit.notify_one();
    }
}

struct State {
    conn: Option<SqliteConnection>,
    in_txn: bool,
    dirty: bool,
    waiters: Vec<oneshot::Sender<CommitResult>>,
}

impl Writer {
    pub(crate) async fn open(options: &SqliteConnectOptions) -> Result<Writer, StoreError> {
        let conn = options.connect().await?;
        let commit = Arc::new(Notify::new());
        let inner = Arc::new(Inner {
            state: Mutex::new(State {
                conn: Some(conn),
                in_txn: false,
                dirty: false,
                waiters: Vec::new(),
            }),
            commit: commit.clone(),
        });
        tokio::spawn(committer(Arc::downgrade(&inner), commit));
        Ok(Writer { inner })
    }

    /// Waits for the connection and makes sure a transaction is open.
    pub(crate) async fn begin(&self) -> Result<WriteGuard<'_>, StoreError> {
        let mut state = self.inner.state.lock().await;
        state.settle_if_dirty().await;
        if !state.in_txn {
            sqlx::query("begin immediate")
                .execute(state.conn()?)
                .await?;
            state.in_txn = true;
        }
        Ok(WriteGuard {
            state: Some(state),
            commit: &self.inner.commit,
        })
    }

    /// Runs the migrations on the writer's connection, outside any batch.
    pub(crate) async fn migrate(&self, migrator: &Migrator) -> Result<(), StoreError> {
        let mut state = self.inner.state.lock().await;
        state.settle().await;
        migrator.run(state.conn()?).await?;
        Ok(())
    }

    pub(crate) async fn close(&self) {
        let mut state = self.inner.state.lock().await;
        state.settle().await;
        if let Some(conn) = state.conn.take() {
            let _ = conn.close().await;
        }
    }
}

impl State {
    fn conn(&mut self) -> Result<&mut SqliteConnection, StoreError> {
        self.conn
            .as_mut()
            .ok_or_else(|| StoreError::Unavailable(sqlx::Error::PoolClosed))
    }

    async fn settle_if_dirty(&mut self) {
        if self.dirty {
            self.settle().await;
        }
    }

    /// Ends the open transaction: commit, or roll back if a writer left it half-done; and
    /// tells every writer in it how it ended.
    async fn settle(&mut self) {
        if !self.in_txn {
            self.dirty = false;
            return;
        }
        let result = match self.conn.as_mut() {
            None => Err("connection closed".to_owned()),
            Some(conn) if self.dirty => {
                let _ = sqlx::query("rollback").execute(&mut *conn).await;
                Err("another write in the same batch failed; retry".to_owned())
            }
            Some(conn) => match sqlx::query("commit").execute(&mut *conn).await {
                Ok(_) => Ok(()),
                Err(e) => {
                    let _ = sqlx::query("rollback").execute(&mut *conn).await;
                    Err(format!("commit failed: {e}"))
                }
            },
        };
        self.in_txn = false;
        self.dirty = false;
        for waiter in self.waiters.drain(..) {
            let _ = waiter.send(result.clone());
        }
    }
}

async fn committer(inner: Weak<Inner>, commit: Arc<Notify>) {
    loop {
        commit.notified().await;
        let Some(inner) = inner.upgrade() else {
            return;
        };
        // The lock is fair: the writers already waiting go first and join this commit.
        inner.state.lock().await.settle().await;
    }
}

/// The writer, locked, inside the open batch transaction.
pub(crate) struct WriteGuard<'a> {
    state: Option<MutexGuard<'a, State>>,
    commit: &'a Notify,
}

impl WriteGuard<'_> {
    pub(crate) fn conn(&mut self) -> Result<&mut SqliteConnection, StoreError> {
        match self.state.as_mut() {
            Some(state) => state.conn(),
            None => Err(StoreError::Unavailable(sqlx::Error::PoolClosed)),
        }
    }

    /// Done writing: lets the next writer in and waits until the batch is committed.
    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        let (tx, rx) = oneshot::channel();
        if let Some(mut state) = self.state.take() {
            state.waiters.push(tx);
        }
        self.commit.notify_one();
        match rx.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(StoreError::Conflict(e)),
            Err(_) => Err(StoreError::Conflict("writer shut down".to_owned())),
        }
    }

    /// Done, having written nothing: no need to wait for a commit.
    pub(crate) fn release(mut self) {
        self.state.take();
    }
}

impl Drop for WriteGuard<'_> {
    fn drop(&mut self) {
        if let Some(mut state) = self.state.take() {
            // Dropped half-way (an error returned with `?`, or the caller's future dropped):
            // what this writer did cannot be told apart from the rest of the batch.
            state.dirty = true;
            self.commit.notify_one();
        }
    }
}
