//! What the dispatcher shares with other processes and with the writers of rows: the share of
//! a channel's cap each process may use, and the topic a routine or alert payload names.
//!
//! Several processes on one database each run a dispatcher per channel. Each one holds a
//! heartbeat lease `outbox:<channel>:<claimer>` in the `leases` table, renewed every
//! [`HEARTBEAT`] and lasting [`HEARTBEAT_TTL`], and paces its channel at `cap / N`, N being
//! the live heartbeats of that channel. A process that starts while others send waits one
//! heartbeat before its first send, so that the others have counted it and slowed down; a
//! process that dies stops counting when its lease expires, and the others speed up again.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::channels::Channel;
use crate::clock::Clock;
use crate::engine::Reply;
use crate::store::{Store, StoreError};

/// How often a dispatcher renews its heartbeat and counts the others.
pub const HEARTBEAT: Duration = Duration::from_secs(5);
/// How long a heartbeat counts without renewal: a process killed is forgotten after this.
pub const HEARTBEAT_TTL: Duration = Duration::from_secs(15);

/// A payload of a message about a topic (a reminder, an announcement, an alert): the reply
/// and, beside its fields, `"topic"`. Outside a channel's reply window the dispatcher sends it
/// as what the channel allows for that topic (`Channel::send_outside_window`).
pub fn payload_with_topic(reply: &Reply, topic: &str) -> String {
    let mut value = serde_json::to_value(reply).unwrap_or(serde_json::Value::Null);
    if let Some(fields) = value.as_object_mut() {
        fields.insert("topic".to_owned(), topic.into());
    }
    value.to_string()
}

/// The topic a payload names, if any.
pub fn payload_topic(payload: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Topic {
        topic: Option<String>,
    }
    serde_json::from_str::<Topic>(payload).ok()?.topic
}

/// The lease names of one channel's dispatchers start with this.
fn prefix(channel: &impl Channel) -> String {
    format!("outbox:{}:", channel.kind().code())
}

/// Renews this dispatcher's heartbeat and returns how many dispatchers of the channel are
/// live, this one included.
pub(super) async fn beat(
    store: &Store,
    channel: &impl Channel,
    claimer: &str,
    now: DateTime<Utc>,
) -> Result<u32, StoreError> {
    let prefix = prefix(channel);
    let name = format!("{prefix}{claimer}");
    store.take_lease(&name, claimer, now, HEARTBEAT_TTL).await?;
    let live = store.live_leases(&prefix, now).await?;
    Ok(u32::try_from(live).unwrap_or(u32::MAX).max(1))
}

/// Keeps the channel's share of the cap up to date, one beat every [`HEARTBEAT`] after
/// [`first_beat`], until the future is dropped.
pub(super) async fn keep_share(
    store: Store,
    channel: &impl Channel,
    claimer: &str,
    clock: &dyn Clock,
) {
    let mut ticks = tokio::time::interval(HEARTBEAT);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        match beat(&store, channel, claimer, clock.now()).await {
            Ok(n) => channel.set_share(n),
            Err(e) => tracing::warn!(error = %e, "cannot renew the outbox heartbeat"),
        }
    }
}

/// The first heartbeat: counts the live dispatchers and, when others send already, waits one
/// heartbeat so that they have counted this one before it sends.
pub(super) async fn first_beat(
    store: &Store,
    channel: &impl Channel,
    claimer: &str,
    clock: &dyn Clock,
) {
    match beat(store, channel, claimer, clock.now()).await {
        Ok(n) => {
            channel.set_share(n);
            if n > 1 && channel.pace().is_some() {
                tracing::info!(
                    processes = n,
                    "other processes send on this channel: sharing its cap"
                );
                tokio::time::sleep(HEARTBEAT).await;
            }
        }
        Err(e) => tracing::warn!(error = %e, "cannot write the outbox heartbeat"),
    }
}

/// Gives the heartbeat up at a clean stop, so the others take the whole cap at once.
pub(super) async fn leave(store: &Store, channel: &impl Channel, claimer: &str) {
    let name = format!("{}{claimer}", prefix(channel));
    if let Err(e) = store.drop_lease(&name, claimer).await {
        tracing::debug!(error = %e, "cannot drop the outbox heartbeat");
    }
}
