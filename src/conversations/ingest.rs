//! One way in for every channel: a batch of translated updates is ordered per citizen and
//! handled, and the operators' messages are routed to the hand-off, in the order they came.
//!
//! A channel only translates what its platform sends into [`Update`]s and says what it needs
//! once each citizen's message is handled (Telegram answers the button's callback; WhatsApp and
//! the terminal need nothing). Each citizen's messages are handled one after the other, in the
//! order they arrived; different citizens, and the operators, are handled side by side.

use std::sync::Arc;

use tokio::task::JoinSet;

use super::{Handled, Inbound, count, handle};
use crate::clock::Clock;
use crate::flows::FlowSet;
use crate::handoff::{HandoffConfig, OperatorUpdate, on_operator_update};
use crate::ids::{ChannelKind, ChannelUserId};
use crate::metrics::Metrics;
use crate::store::{Store, StoreError};

/// A citizen on a channel.
type Citizen = (ChannelKind, ChannelUserId);

/// One update, as a channel translated it.
pub enum Update<A> {
    /// A citizen's message, with what the channel does once it is handled.
    Citizen { inbound: Inbound, after: A },
    /// A message or command written in the operators' group.
    Operator(OperatorUpdate),
}

/// What handling needs; each channel keeps one.
#[derive(Clone)]
pub struct Ingest {
    pub store: Store,
    /// The operators' hand-off settings, when operators answer through this channel.
    pub operators: Option<HandoffConfig>,
    pub clock: Arc<dyn Clock>,
    pub metrics: Arc<Metrics>,
}

impl Ingest {
    /// Handles a batch: each citizen's messages in order, citizens and operators side by side.
    /// Returns, for every citizen's message handled, what the channel asked to keep with it
    /// and what came of it, each citizen's in order. A failure to store one citizen's message
    /// stops that citizen's remaining ones (they will come again: the channel has not
    /// acknowledged them) but not the others'; the first such failure is returned after all
    /// have finished.
    pub async fn batch<A: Send + 'static>(
        &self,
        flows: &Arc<FlowSet>,
        updates: Vec<Update<A>>,
    ) -> Result<Vec<(A, Handled)>, StoreError> {
        let mut citizens: Vec<(Citizen, Vec<(Inbound, A)>)> = Vec::new();
        let mut operator_updates = Vec::new();
        for update in updates {
            match update {
                Update::Operator(u) => operator_updates.push(u),
                Update::Citizen { inbound, after } => {
                    let key = (inbound.channel, inbound.user.clone());
                    match citizens.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, list)) => list.push((inbound, after)),
                        None => citizens.push((key, vec![(inbound, after)])),
                    }
                }
            }
        }
        let mut tasks = JoinSet::new();
        if !operator_updates.is_empty() {
            let (ingest, flows) = (self.clone(), flows.clone());
            tasks.spawn(async move {
                let Some(config) = &ingest.operators else {
                    tracing::warn!(
                        updates = operator_updates.len(),
                        "operators' messages on a channel without operators; ignored"
                    );
                    return Ok(Vec::new());
                };
                for update in operator_updates {
                    let now = ingest.clock.now();
                    on_operator_update(&ingest.store, &flows, config, &update, now).await?;
                }
                Ok::<_, StoreError>(Vec::new())
            });
        }
        for (_, list) in citizens {
            let (ingest, flows) = (self.clone(), flows.clone());
            tasks.spawn(async move {
                let mut done = Vec::with_capacity(list.len());
                for (inbound, after) in list {
                    let channel = inbound.channel;
                    let now = ingest.clock.now();
                    let handled =
                        handle(&ingest.store, &flows, &ingest.metrics, inbound, now).await?;
                    count(&ingest.metrics, channel, &handled);
                    done.push((after, handled));
                }
                Ok::<_, StoreError>(done)
            });
        }
        let mut result = Ok(Vec::new());
        while let Some(finished) = tasks.join_next().await {
            match finished {
                Ok(Ok(done)) => {
                    if let Ok(all) = &mut result {
                        all.extend(done);
                    }
                }
                Ok(Err(e)) => {
                    if result.is_ok() {
                        result = Err(e);
                    }
                }
                Err(e) => tracing::error!(error = %e, "an update task panicked"),
            }
        }
        result
    }
}
