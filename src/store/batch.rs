//! Group processing of inbound messages: the inbound transactions of several citizens share
//! one database transaction and one statement per stage, on PostgreSQL and on SQLite.
//!
//! What a message costs is mostly per statement and per transaction, not per row. On
//! PostgreSQL that is parsing, planning, locking every table and index the statement touches,
//! and the commit. On SQLite it is the trip of each statement to the single writer's thread and
//! back, during which the writer is held (see `sqlite::writer`). So messages that arrive while a
//! batch is in flight wait in a queue, and the next batch takes them together: one `begin`,
//! one statement that upserts and locks every citizen, locks or opens their conversations and
//! records the inbound ids, then each caller runs its engine step in its own task and hands
//! back what to write, then one statement that writes every conversation, transcript line,
//! audit row and outbox row, then one `commit`. Alone, a message still goes at once (a batch
//! of one).
//!
//! The guarantees of the one-message transaction hold for each message of a batch:
//! - Each caller's writes commit with the whole batch or not at all, and the caller returns
//!   only once the commit is done.
//! - One citizen appears at most once per batch (a second message of theirs waits for the
//!   next batch), and citizens are locked in a fixed order, so batches in flight at once, in
//!   this process or another, wait for each other instead of deadlocking.
//! - The rare turns that write more (a hand-off's case, a data export, an erasure) get the
//!   batch's transaction lent to them in turn, and run the same statements as alone.
//! - If anything fails (a statement, a caller's step, a caller that gave up), the batch is
//!   rolled back and every caller in it processes its message alone, through the
//!   one-message transaction: one bad message cannot hold back the others, and an error is
//!   reported to the caller it belongs to. On SQLite the batch shares the writer's group
//!   commit, so a rollback also sends the other writes of that commit back to be retried, as
//!   any failed write there does.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot};

use super::db::{Native, Tx};
use super::turn::Loaded;
use super::{Backend, StoreError, postgres, sqlite};

/// The most messages one batch takes.
const MAX_BATCH: usize = 64;

/// PostgreSQL batches in flight at once: one being written while the next is loaded. While
/// both are, new messages queue and the next batch takes them together; more would only split
/// the same work into smaller batches (measured: 3 or more cost the server more per message,
/// see docs/benchmarks.md). On SQLite one: a second batch would only wait for the writer with
/// the few messages it took, while the queue behind it grows.
const MAX_RUNNING_PG: usize = 2;
const MAX_RUNNING_SQLITE: usize = 1;

/// What the first statement needs of one message.
pub(super) struct LoadArgs {
    pub channel: &'static str,
    pub user: String,
    pub lang_hint: &'static str,
    pub now_ms: i64,
    pub message_id: String,
    pub received_ms: i64,
}

/// What one turn writes, as rows for `SAVE_BATCH_PG` and `SAVE_BATCH_SQLITE`.
#[derive(Default)]
pub(super) struct SaveRows {
    /// Conversation id, status, state, flow, step, office, last seq, now, special category.
    #[allow(clippy::type_complexity)]
    pub conversation: (
        i64,
        &'static str,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        i64,
        i64,
        i64,
    ),
    /// Citizen id, language, privacy notice version seen in this turn, now.
    pub citizen: (i64, &'static str, Option<String>, i64),
    /// Conversation id, direction, kind, text, at.
    pub messages: Vec<(i64, &'static str, &'static str, String, i64)>,
    /// Citizen id, conversation id, event, detail, at.
    pub audits: Vec<(i64, i64, &'static str, String, i64)>,
    /// Conversation id, citizen id, inbound id, channel, seq, payload, at.
    pub outbox: Vec<(i64, i64, i64, &'static str, i64, String, i64)>,
    /// The turn has more to write on the batch's transaction (`Saved::lent`).
    pub needs_transaction: bool,
}

/// The batch's transaction, lent to one caller; `give_back` when done. Dropping it instead
/// rolls the batch back (every caller then goes alone).
pub(super) struct Lent {
    pub tx: Tx,
    back: oneshot::Sender<Tx>,
}

impl Lent {
    pub fn give_back(self) {
        let _ = self.back.send(self.tx);
    }
}

/// What the batch tells a caller after writing its turn.
pub(super) struct Saved {
    /// `(seq, outbox id)` of the caller's replies.
    pub outbox: Vec<(i64, i64)>,
    pub lent: Option<Lent>,
}

enum Event {
    Loaded(Option<Loaded>),
    Saved(Saved),
    Committed,
}

struct Join {
    args: LoadArgs,
    events: mpsc::UnboundedSender<Event>,
    save: oneshot::Receiver<Option<SaveRows>>,
}

/// The batch went wrong (or the caller gave up its place): process the message alone.
#[derive(Debug)]
pub(super) struct Abandoned;

/// A caller's place in a batch.
pub(super) struct Member {
    events: mpsc::UnboundedReceiver<Event>,
    save: Option<oneshot::Sender<Option<SaveRows>>>,
}

impl Member {
    async fn next(&mut self) -> Result<Event, Abandoned> {
        self.events.recv().await.ok_or(Abandoned)
    }

    /// The citizen's rows as loaded and locked; `None` for a message already processed, for
    /// which the caller is done.
    pub async fn loaded(&mut self) -> Result<Option<Loaded>, Abandoned> {
        match self.next().await? {
            Event::Loaded(None) => {
                if let Some(save) = self.save.take() {
                    let _ = save.send(None);
                }
                Ok(None)
            }
            Event::Loaded(Some(loaded)) => Ok(Some(loaded)),
            _ => Err(Abandoned),
        }
    }

    /// Hands the turn's rows to the batch and waits until they are written (not committed).
    pub async fn save(&mut self, rows: SaveRows) -> Result<Saved, Abandoned> {
        let save = self.save.take().ok_or(Abandoned)?;
        save.send(Some(rows)).map_err(|_| Abandoned)?;
        match self.next().await? {
            Event::Saved(saved) => Ok(saved),
            _ => Err(Abandoned),
        }
    }

    /// Waits for the batch's commit.
    pub async fn committed(mut self) -> Result<(), Abandoned> {
        match self.next().await? {
            Event::Committed => Ok(()),
            _ => Err(Abandoned),
        }
    }
}

pub(crate) struct Batcher {
    db: Backend,
    queue: Mutex<Queue>,
}

#[derive(Default)]
struct Queue {
    waiting: VecDeque<Join>,
    running: usize,
}

impl Queue {
    /// The next batch: waiting messages in arrival order, one per citizen and per message id;
    /// the rest stay queued, in order.
    fn take(&mut self) -> Vec<Join> {
        let mut batch = Vec::new();
        let mut citizens = HashSet::new();
        let mut ids = HashSet::new();
        let mut rest = VecDeque::new();
        while let Some(join) = self.waiting.pop_front() {
            let args = &join.args;
            let citizen = (args.channel, args.user.clone());
            let id = (args.channel, args.message_id.clone());
            if batch.len() < MAX_BATCH && !citizens.contains(&citizen) && !ids.contains(&id) {
                citizens.insert(citizen);
                ids.insert(id);
                batch.push(join);
            } else {
                rest.push_back(join);
            }
        }
        self.waiting = rest;
        batch
    }
}

impl Batcher {
    pub(crate) fn new(db: Backend) -> Arc<Batcher> {
        Arc::new(Batcher {
            db,
            queue: Mutex::new(Queue::default()),
        })
    }

    /// Queues a message for the next batch.
    pub(super) fn join(self: &Arc<Self>, args: LoadArgs) -> Member {
        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let (save_tx, save_rx) = oneshot::channel();
        let max_running = match self.db {
            Backend::Postgres(_) => MAX_RUNNING_PG,
            Backend::Sqlite { .. } => MAX_RUNNING_SQLITE,
        };
        let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        queue.waiting.push_back(Join {
            args,
            events: events_tx,
            save: save_rx,
        });
        if queue.running < max_running {
            queue.running += 1;
            tokio::spawn(self.clone().run());
        }
        Member {
            events: events_rx,
            save: Some(save_tx),
        }
    }

    /// Runs batches until the queue is empty.
    async fn run(self: Arc<Self>) {
        // Messages that arrive together (one `getUpdates` answer, webhook calls in flight)
        // are runnable tasks now: let them join before taking the first batch.
        tokio::task::yield_now().await;
        loop {
            let batch = {
                let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
                let batch = queue.take();
                if batch.is_empty() {
                    queue.running -= 1;
                    return;
                }
                batch
            };
            if let Err(e) = self.run_batch(batch).await {
                tracing::debug!(error = %e, "batch of inbound messages rolled back; each goes alone");
            }
        }
    }

    /// One batch. Returning an error drops every caller's channel: each then goes alone.
    async fn run_batch(&self, joins: Vec<Join>) -> Result<(), StoreError> {
        let n = joins.len();
        let args: Vec<&LoadArgs> = joins.iter().map(|join| &join.args).collect();
        let mut tx = match &self.db {
            Backend::Postgres(pool) => Tx::Postgres(postgres::batch::begin(pool).await?),
            Backend::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
        };
        let loaded = match tx.native()? {
            Native::Postgres(conn) => postgres::batch::load(conn, &args).await?,
            Native::Sqlite(conn) => sqlite::batch::load(conn, &args).await?,
        };
        let gone = || StoreError::Conflict("a caller left the batch".to_owned());
        let mut members = Vec::with_capacity(n);
        for (join, loaded) in joins.into_iter().zip(loaded) {
            join.events
                .send(Event::Loaded(loaded))
                .map_err(|_| gone())?;
            members.push((join.events, join.save));
        }
        let mut saving = Vec::new();
        let mut rows = Vec::new();
        for (events, save) in members {
            if let Some(save) = save.await.map_err(|_| gone())? {
                rows.push(save);
                saving.push(events);
            }
        }
        // (outbox id, conversation id, seq) of every reply written.
        let mut outbox: Vec<(i64, i64, i64)> = Vec::new();
        if !rows.is_empty() {
            outbox = match tx.native()? {
                Native::Postgres(conn) => postgres::batch::save(conn, &rows).await?,
                Native::Sqlite(conn) => sqlite::batch::save(conn, &rows).await?,
            };
        }
        for (events, save) in saving.iter().zip(&rows) {
            let conversation = save.conversation.0;
            let outbox = outbox
                .iter()
                .filter(|(_, of, _)| *of == conversation)
                .map(|&(id, _, seq)| (seq, id))
                .collect();
            if save.needs_transaction {
                let (back, returned) = oneshot::channel();
                events
                    .send(Event::Saved(Saved {
                        outbox,
                        lent: Some(Lent { tx, back }),
                    }))
                    .map_err(|_| gone())?;
                tx = returned.await.map_err(|_| gone())?;
            } else {
                events
                    .send(Event::Saved(Saved { outbox, lent: None }))
                    .map_err(|_| gone())?;
            }
        }
        match tx {
            Tx::Sqlite(guard) => {
                // The writer's group commit may wait for writers queued behind this batch:
                // the next batch need not wait with it.
                let committed = guard.submit(1).await;
                tokio::spawn(async move {
                    let Some(committed) = committed.into_iter().next() else {
                        return;
                    };
                    if committed.wait().await.is_ok() {
                        for events in saving {
                            let _ = events.send(Event::Committed);
                        }
                    }
                });
                return Ok(());
            }
            tx => tx.commit().await?,
        }
        for events in saving {
            let _ = events.send(Event::Committed);
        }
        Ok(())
    }
}

/// The place of message `index` (from 0) of a batch.
pub(super) fn slot(
    loaded: &mut [Option<Loaded>],
    index: i64,
) -> Result<&mut Option<Loaded>, StoreError> {
    usize::try_from(index)
        .ok()
        .and_then(|i| loaded.get_mut(i))
        .ok_or_else(|| StoreError::corrupt("inbound batch", "row out of range"))
}
