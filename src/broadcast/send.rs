//! The broadcast job: scheduled broadcasts whose time has come are turned into outbox rows for
//! their recipients, a chunk of citizens per transaction, walked by citizen id, so memory does
//! not grow with the number of subscribers; a broadcast is sent once all its rows are done;
//! rows past their expiry are marked failed. `sportello run` runs it under a lease, so one
//! process queues at a time; a killed holder's lease expires within `LEASE` and another
//! process takes over where the cursor stopped. Queueing again is harmless: each citizen's row
//! is unique per broadcast.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::clock::Clock;
use crate::flows::FlowSet;
use crate::flows::live::Live;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};

/// How long the job's lease lasts without renewal: a killed holder is replaced after this.
pub const LEASE: Duration = Duration::from_secs(30);

/// The lease's name.
const LEASE_NAME: &str = "broadcasts";

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PassReport {
    pub started: u64,
    pub queued: u64,
    pub finished: u64,
    pub expired: u64,
}

/// One pass at `now`: start what is due, queue what is sending (every chunk, renewing the
/// lease of `holder` as it goes, when given), finish what is done, expire stale rows.
pub async fn pass(
    store: &Store,
    flows: &FlowSet,
    now: DateTime<Utc>,
    chunk: u32,
    holder: Option<(&str, &dyn Clock)>,
) -> Result<PassReport, StoreError> {
    let mut report = PassReport {
        started: store.start_due_broadcasts(now).await?.len() as u64,
        ..PassReport::default()
    };
    for broadcast in store.broadcasts_to_queue().await? {
        let Some(payloads) = super::payloads(flows, &broadcast) else {
            tracing::error!(
                broadcast = broadcast.broadcast_id,
                "the broadcast's topic is no longer in the flows; cancelled"
            );
            store.cancel_broadcast(broadcast.broadcast_id, now).await?;
            continue;
        };
        let payloads = payloads
            .into_iter()
            .map(|(lang, (json, _))| (lang, json))
            .collect();
        loop {
            let done = store
                .queue_broadcast_chunk(
                    &broadcast,
                    &payloads,
                    Lang::It.code(),
                    i64::from(chunk),
                    now,
                )
                .await?;
            report.queued += done.queued;
            if done.done {
                break;
            }
            if let Some((holder, clock)) = holder
                && !store
                    .take_lease(LEASE_NAME, holder, clock.now(), LEASE)
                    .await?
            {
                // Another process took over (this one was too slow to renew): it goes on
                // from the cursor.
                return Ok(report);
            }
        }
        tracing::info!(
            broadcast = broadcast.broadcast_id,
            queued = report.queued,
            "broadcast queued"
        );
    }
    report.expired = store.expire_outbox(now).await?;
    report.finished = store.finish_broadcasts(now).await?.len() as u64;
    Ok(report)
}

/// Runs the job every `poll` while this process holds its lease, with the flows in service.
pub async fn on_schedule(
    store: Store,
    flows: Arc<Live>,
    clock: Arc<dyn Clock>,
    chunk: u32,
    poll: Duration,
    stop: impl Future<Output = ()>,
) {
    let holder = crate::store::lease_holder();
    let (store, flows, clock, holder) = (&store, &flows, &clock, &holder);
    crate::wake::every(poll, stop, (), |()| async move {
        let now = clock.now();
        match store.take_lease(LEASE_NAME, holder, now, LEASE).await {
            Ok(true) => {
                let held = Some((holder.as_str(), clock.as_ref()));
                if let Err(e) = pass(store, &flows.get(), now, chunk, held).await {
                    tracing::error!(error = %e, "the broadcast job failed");
                }
            }
            Ok(false) => {}
            Err(e) => tracing::error!(error = %e, "the broadcast job's lease failed"),
        }
    })
    .await;
}
