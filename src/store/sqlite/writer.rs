//! The single SQLite writer, with group commit: concurrent writes share one transaction, and
//! each caller returns once the commit that holds its write is done.
//!
//! SQLite allows one writer at a time, and sqlx runs each statement on a worker thread, so
//! what costs is the number of statements and commits per message, not the SQL. Writers queue
//! (in order) for the one connection. A writer that finds no transaction open begins one; when
//! it is done it commits if nobody is queued behind it, and otherwise leaves the transaction
//! open for them and waits: the last writer of a burst commits for all. Under load a commit
//! holds many messages, sharing the pages of the append-only tables; alone, a message still
//! commits at once.
//!
//! Checkpoints (copying the write-ahead log back into the database file, and its `fsync`s) do
//! not run on the writer: after commits, a task with a connection of its own runs a passive
//! checkpoint at most every [`CHECKPOINT_PAUSE`], while the writer goes on. SQLite's own
//! checkpoint at commit stays as a backstop, at [`WAL_BACKSTOP_PAGES`] instead of its default
//! 1,000: it starts the log afresh when the background checkpoints, racing a busy writer,
//! never find it fully copied, and it takes over if they cannot run.
//!
//! A write that fails or is abandoned half-way (an error, a dropped future) marks the
//! transaction dirty: it is rolled back as a whole and every writer in it gets
//! `StoreError::Conflict`, which callers retry.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Row};
use tokio::sync::{Mutex, Notify, OwnedMutexGuard, oneshot};

use crate::store::StoreError;

/// Free pages handed back to the file system per turn of the writer (1 MiB of 4 KiB pages).
const VACUUM_STEP_PAGES: u32 = 256;

/// A commit waits for at most this many writers, so a steady stream cannot hold it open.
const MAX_BATCH: usize = 256;

/// The background checkpoint runs at most this often.
const CHECKPOINT_PAUSE: Duration = Duration::from_millis(100);

/// The log size (in 4 KiB pages, 32 MiB) at which a commit checkpoints on the writer itself.
const WAL_BACKSTOP_PAGES: u32 = 8192;

type CommitResult = Result<(), String>;

pub(crate) struct Writer {
    state: Arc<Mutex<State>>,
    /// Writers waiting for the lock: while there are some, a finished writer leaves the
    /// commit to them.
    queued: AtomicUsize,
    /// Taken by `close`, or dropped with the writer: either ends the checkpoint task, which
    /// closes its connection.
    checkpoints: std::sync::Mutex<Option<oneshot::Sender<()>>>,
}

struct State {
    conn: Option<SqliteConnection>,
    in_txn: bool,
    dirty: bool,
    /// A `begin`, `commit` or `rollback` was cut short (its caller's future dropped): whether
    /// it ran is unknown, so the next writer rolls back whatever may be open first.
    unsure: bool,
    waiters: Vec<oneshot::Sender<CommitResult>>,
    /// Told of every commit: the checkpoint task's cue.
    committed: Arc<Notify>,
}

impl Writer {
    /// Opens the writer's connection with `options`, and the checkpoint task's with
    /// `checkpoints`.
    pub(crate) async fn open(
        options: &SqliteConnectOptions,
        checkpoints: &SqliteConnectOptions,
    ) -> Result<Writer, StoreError> {
        let conn = options
            .clone()
            .pragma("wal_autocheckpoint", WAL_BACKSTOP_PAGES.to_string())
            .connect()
            .await?;
        let committed = Arc::new(Notify::new());
        let (stop, stopped) = oneshot::channel();
        let task = checkpoint_after_commits(checkpoints.connect().await?, committed.clone());
        tokio::spawn(async move {
            tokio::select! {
                () = task => {}
                _ = stopped => {}
            }
        });
        Ok(Writer {
            state: Arc::new(Mutex::new(State {
                conn: Some(conn),
                in_txn: false,
                dirty: false,
                unsure: false,
                waiters: Vec::new(),
                committed,
            })),
            queued: AtomicUsize::new(0),
            checkpoints: std::sync::Mutex::new(Some(stop)),
        })
    }

    /// Waits for the connection and makes sure a transaction is open.
    pub(crate) async fn begin(self: &Arc<Self>) -> Result<WriteGuard, StoreError> {
        let ticket = Queued::new(self);
        let mut state = self.state.clone().lock_owned().await;
        ticket.served();
        if state.dirty || state.unsure {
            state.settle().await;
        }
        if !state.in_txn {
            state.unsure = true;
            sqlx::query("begin immediate")
                .execute(state.conn()?)
                .await?;
            state.unsure = false;
            state.in_txn = true;
        }
        Ok(WriteGuard {
            writer: self.clone(),
            state: Some(state),
        })
    }

    /// Ends the open transaction if nobody is left to do it.
    async fn flush(self: Arc<Self>) {
        let mut state = self.state.lock().await;
        if self.queued.load(Ordering::SeqCst) == 0 {
            state.settle().await;
        }
    }

    /// Asks for a `flush` from a context that cannot wait (a `Drop`).
    fn flush_later(self: &Arc<Self>) {
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(self.clone().flush());
        }
    }

    /// Runs the migrations on the writer's connection, outside any batch.
    pub(crate) async fn migrate(&self, migrator: &Migrator) -> Result<(), StoreError> {
        let mut state = self.state.lock().await;
        state.settle().await;
        migrator.run(state.conn()?).await?;
        Ok(())
    }

    /// After a large purge: copies the zeroed pages (`secure_delete`) over the originals
    /// still in the write-ahead log and empties it, then gives free pages back to the file
    /// system. Files created with `auto_vacuum = incremental` (every file since that setting,
    /// see `store::connect_with`) shrink a few megabytes per turn of the writer, so citizens'
    /// messages pass in between; older files are rewritten with `VACUUM` when free pages are a
    /// quarter of them or more, which holds every writer until it is done.
    pub(crate) async fn reclaim_space(self: &Arc<Self>) -> Result<(), StoreError> {
        let (incremental, free, pages) = {
            let mut state = self.state.lock().await;
            state.settle().await;
            let conn = state.conn()?;
            sqlx::query("pragma wal_checkpoint(truncate)")
                .execute(&mut *conn)
                .await?;
            let mode: i64 = sqlx::query("pragma auto_vacuum")
                .fetch_one(&mut *conn)
                .await?
                .try_get(0)?;
            let free: i64 = sqlx::query("pragma freelist_count")
                .fetch_one(&mut *conn)
                .await?
                .try_get(0)?;
            let pages: i64 = sqlx::query("pragma page_count")
                .fetch_one(&mut *conn)
                .await?
                .try_get(0)?;
            (mode == 2, free, pages)
        };
        if incremental {
            let mut free = free;
            while free > 0 {
                let mut guard = self.begin().await?;
                let conn = guard.conn()?;
                sqlx::query(AssertSqlSafe(format!(
                    "pragma incremental_vacuum({VACUUM_STEP_PAGES})"
                )))
                .execute(&mut *conn)
                .await?;
                free = sqlx::query("pragma freelist_count")
                    .fetch_one(&mut *conn)
                    .await?
                    .try_get(0)?;
                guard.commit().await?;
            }
        } else if free * 4 >= pages {
            let mut state = self.state.lock().await;
            state.settle().await;
            sqlx::query("vacuum").execute(state.conn()?).await?;
        } else {
            return Ok(());
        }
        let mut state = self.state.lock().await;
        state.settle().await;
        sqlx::query("pragma wal_checkpoint(truncate)")
            .execute(state.conn()?)
            .await?;
        Ok(())
    }

    pub(crate) async fn close(&self) {
        drop(
            self.checkpoints
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take(),
        );
        let mut state = self.state.lock().await;
        state.settle().await;
        if let Some(conn) = state.conn.take() {
            let _ = conn.close().await;
        }
    }
}

/// Runs a passive checkpoint after commits, at most every `CHECKPOINT_PAUSE`: it copies what
/// the log holds into the database file without holding up the writer or the readers. A
/// failure (the file busy with a `VACUUM`, say) is left to the next round.
async fn checkpoint_after_commits(mut conn: SqliteConnection, committed: Arc<Notify>) {
    loop {
        committed.notified().await;
        if let Err(e) = sqlx::query("pragma wal_checkpoint(passive)")
            .execute(&mut conn)
            .await
        {
            tracing::debug!(error = %e, "background checkpoint failed");
        }
        tokio::time::sleep(CHECKPOINT_PAUSE).await;
    }
}

/// Counts a writer as queued until it gets the lock, or gives up waiting.
struct Queued<'a> {
    writer: &'a Arc<Writer>,
    waiting: bool,
}

impl<'a> Queued<'a> {
    fn new(writer: &'a Arc<Writer>) -> Queued<'a> {
        writer.queued.fetch_add(1, Ordering::SeqCst);
        Queued {
            writer,
            waiting: true,
        }
    }

    fn served(mut self) {
        self.writer.queued.fetch_sub(1, Ordering::SeqCst);
        self.waiting = false;
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        if self.waiting {
            // Dropped while waiting: a writer before it may have left the commit to it.
            self.writer.queued.fetch_sub(1, Ordering::SeqCst);
            self.writer.flush_later();
        }
    }
}

impl State {
    fn conn(&mut self) -> Result<&mut SqliteConnection, StoreError> {
        self.conn
            .as_mut()
            .ok_or(StoreError::Unavailable(sqlx::Error::PoolClosed))
    }

    /// Ends the open transaction: commit, or roll back if a writer left it half-done; and
    /// tells every writer in it how it ended.
    async fn settle(&mut self) {
        if self.unsure {
            if let Some(conn) = self.conn.as_mut() {
                // Fails harmlessly when no transaction is open.
                let _ = sqlx::query("rollback").execute(&mut *conn).await;
            }
            self.unsure = false;
            self.in_txn = false;
            self.dirty = false;
            for waiter in self.waiters.drain(..) {
                let _ = waiter.send(Err("the batch's commit was interrupted; retry".to_owned()));
            }
            return;
        }
        if !self.in_txn {
            self.dirty = false;
            return;
        }
        self.unsure = true;
        let result = match self.conn.as_mut() {
            None => Err("connection closed".to_owned()),
            Some(conn) if self.dirty => {
                let _ = sqlx::query("rollback").execute(&mut *conn).await;
                Err("another write in the same batch failed; retry".to_owned())
            }
            Some(conn) => match sqlx::query("commit").execute(&mut *conn).await {
                Ok(_) => {
                    self.committed.notify_one();
                    Ok(())
                }
                Err(e) => {
                    let _ = sqlx::query("rollback").execute(&mut *conn).await;
                    Err(format!("commit failed: {e}"))
                }
            },
        };
        self.unsure = false;
        self.in_txn = false;
        self.dirty = false;
        for waiter in self.waiters.drain(..) {
            let _ = waiter.send(result.clone());
        }
    }
}

/// The end of the group commit holding a write: `wait` for it.
pub(crate) struct Committed(oneshot::Receiver<CommitResult>);

impl Committed {
    pub(crate) async fn wait(self) -> Result<(), StoreError> {
        match self.0.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(StoreError::Conflict(e)),
            Err(_) => Err(StoreError::Conflict("writer shut down".to_owned())),
        }
    }
}

/// The writer, locked, inside the open batch transaction. Owned, so it can be handed to
/// another task (a batch of inbound messages lends it, see `store::batch`).
pub(crate) struct WriteGuard {
    writer: Arc<Writer>,
    state: Option<OwnedMutexGuard<State>>,
}

impl WriteGuard {
    pub(crate) fn conn(&mut self) -> Result<&mut SqliteConnection, StoreError> {
        match self.state.as_mut() {
            Some(state) => state.conn(),
            None => Err(StoreError::Unavailable(sqlx::Error::PoolClosed)),
        }
    }

    /// Done writing: commits (if nobody is queued to do it) and waits until the batch holding
    /// this write is committed.
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        match self.submit(1).await.pop() {
            Some(committed) => committed.wait().await,
            None => Err(StoreError::Conflict("writer shut down".to_owned())),
        }
    }

    /// Done writing: commits (if nobody is queued to do it) and lets the next writer in. Each
    /// of the `n` returned waits tells when the batch holding this write is committed: for a
    /// caller with more to do meanwhile, or that wrote for `n` callers at once.
    pub(crate) async fn submit(mut self, n: usize) -> Vec<Committed> {
        let mut waits = Vec::with_capacity(n);
        if let Some(mut state) = self.state.take() {
            for _ in 0..n {
                let (tx, rx) = oneshot::channel();
                state.waiters.push(tx);
                waits.push(Committed(rx));
            }
            self.finish(&mut state).await;
        }
        waits
    }

    /// Done, having written nothing: still commits for the writers before it if nobody else
    /// is queued, but does not wait.
    pub(crate) async fn release(mut self) {
        if let Some(mut state) = self.state.take() {
            self.finish(&mut state).await;
        }
    }

    async fn finish(&self, state: &mut State) {
        if self.writer.queued.load(Ordering::SeqCst) == 0 || state.waiters.len() >= MAX_BATCH {
            state.settle().await;
        }
    }
}

impl Drop for WriteGuard {
    fn drop(&mut self) {
        if let Some(mut state) = self.state.take() {
            // Dropped half-way (an error returned with `?`, or the caller's future dropped):
            // what this writer did cannot be told apart from the rest of the batch.
            state.dirty = true;
            drop(state);
            self.writer.flush_later();
        }
    }
}
