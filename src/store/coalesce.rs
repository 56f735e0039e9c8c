//! Coalescing: writes that arrive while an earlier one is in flight are done together in the
//! next, as one statement instead of one each.
//!
//! On PostgreSQL what a small write costs is mostly per statement (parsing, planning, locking,
//! the commit), not per row; on SQLite it is the hand-off to the single writer's thread. So a
//! caller queues its item and waits for its turn; whoever gets the turn with its own item
//! still queued writes every queued item at once and tells each caller its result. Alone, an
//! item still goes at once (a batch of one).
//!
//! A shared write that fails, or that is cut short (its caller's future dropped), gives no
//! result: each caller then writes its own item alone, so one bad item cannot hold the others
//! back and an error reaches the caller it belongs to.

use std::future::Future;
use std::sync::Mutex;

use tokio::sync::oneshot;

/// Items of type `T` written together, each with a result of type `R`.
pub(crate) struct Coalesce<T, R> {
    queue: Mutex<Vec<(T, oneshot::Sender<R>)>>,
    /// Held while one shared write is in flight; the items queued meanwhile go in the next.
    turn: tokio::sync::Mutex<()>,
}

impl<T, R> Default for Coalesce<T, R> {
    fn default() -> Self {
        Coalesce {
            queue: Mutex::new(Vec::new()),
            turn: tokio::sync::Mutex::new(()),
        }
    }
}

impl<T, R> Coalesce<T, R> {
    /// Writes `item` together with the items queued beside it, with `write`, which gets them
    /// in the order they were queued and returns one result each, in the same order, or
    /// `None` if the shared write failed (it logs why). `None` here means the caller must
    /// write its item alone.
    pub(crate) async fn run<F, Fut>(&self, item: T, write: F) -> Option<R>
    where
        F: FnOnce(Vec<T>) -> Fut,
        Fut: Future<Output = Option<Vec<R>>>,
    {
        let (tx, mut rx) = oneshot::channel();
        lock(&self.queue).push((item, tx));
        let _turn = self.turn.lock().await;
        match rx.try_recv() {
            Ok(result) => return Some(result),
            Err(oneshot::error::TryRecvError::Closed) => return None,
            Err(oneshot::error::TryRecvError::Empty) => {}
        }
        // This item is still queued: write all that are.
        let (items, senders): (Vec<T>, Vec<_>) =
            std::mem::take(&mut *lock(&self.queue)).into_iter().unzip();
        let expected = items.len();
        if let Some(results) = write(items).await
            && results.len() == expected
        {
            for (tx, result) in senders.into_iter().zip(results) {
                // The waiting caller may be gone (its task cut short): nothing to tell.
                let _ = tx.send(result);
            }
        }
        // On failure the senders are dropped here, and every caller writes alone.
        rx.try_recv().ok()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::Coalesce;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn items_queued_during_a_write_go_together_in_the_next() {
        let coalesce = Arc::new(Coalesce::<u32, u32>::default());
        let writes = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for n in 0..50u32 {
            let coalesce = coalesce.clone();
            let writes = writes.clone();
            tasks.push(tokio::spawn(async move {
                coalesce
                    .run(n, |items| async move {
                        writes.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Some(items.into_iter().map(|n| n * 2).collect())
                    })
                    .await
            }));
        }
        for (n, task) in tasks.into_iter().enumerate() {
            assert_eq!(task.await.unwrap(), Some(n as u32 * 2));
        }
        let writes = writes.load(Ordering::SeqCst);
        assert!(
            writes < 50,
            "50 items took {writes} writes: nothing was coalesced"
        );
    }

    #[tokio::test]
    async fn a_failed_shared_write_leaves_each_caller_to_write_alone() {
        let coalesce = Coalesce::<u32, u32>::default();
        let failed = coalesce.run(1, |_| async { None }).await;
        assert_eq!(failed, None);
        let short = coalesce.run(1, |_| async { Some(Vec::new()) }).await;
        assert_eq!(short, None, "a result missing for an item is a failure");
        let ok = coalesce.run(3, |items| async move { Some(items) }).await;
        assert_eq!(ok, Some(3));
    }
}
