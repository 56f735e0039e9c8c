//! What the dispatcher shares with other processes and with the writers of rows: the share of
//! a channel's cap each process may use, and the topic a routine or alert payload names.
//!
//! Several processes on one database each run a dispatcher per channel. Each one holds a
//! heartbeat lease `outbox:<channel>:<claimer>` in the `leases` table, renewed every
//! [`HEARTBEAT`] and lasting [`HEARTBEAT_TTL`], and paces its channel at `cap / N`, N being
//! the live heartbeats of that channel. A process that starts while others send waits one
//! heartbeat and a second before its first send ([`JOIN_WAIT`]), so that the others have
//! counted it and the sends of their last second at the old pace have aged out of the
//! platform's window; a process whose share grows (another stopped) takes it a second later,
//! for the same reason. A process that dies stops counting when its lease expires.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::channels::Channel;
use crate::clock::Clock;
use crate::engine::Reply;
use crate::store::{Store, StoreError};

/// How often a dispatcher renews its heartbeat and counts the others.
pub const HEARTBEAT: Duration = Duration::from_secs(2);
/// How long a heartbeat counts without renewal: a process killed is forgotten after this.
pub const HEARTBEAT_TTL: Duration = Duration::from_secs(6);
/// How long a process that joins others waits before its first send, and one whose share
/// grows before it takes it up: a heartbeat for the others to count it, the platform's
/// one-second window, and a margin.
pub const JOIN_WAIT: Duration = Duration::from_millis(3_500);
/// How long a larger share waits (see [`JOIN_WAIT`]).
const GROW_WAIT: Duration = Duration::from_millis(1_200);

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
    mut current: u32,
) {
    let mut ticks = tokio::time::interval(HEARTBEAT);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        match beat(&store, channel, claimer, clock.now()).await {
            Ok(n) if n < current => {
                // Fewer processes: the one that left may have sent in the last second.
                tokio::time::sleep(GROW_WAIT).await;
                channel.set_share(n);
                current = n;
            }
            Ok(n) => {
                channel.set_share(n);
                current = n;
            }
            Err(e) => tracing::warn!(error = %e, "cannot renew the outbox heartbeat"),
        }
    }
}

/// The first heartbeat: counts the live dispatchers and, when others send already, waits
/// [`JOIN_WAIT`] before this one sends. Returns the count.
pub(super) async fn first_beat(
    store: &Store,
    channel: &impl Channel,
    claimer: &str,
    clock: &dyn Clock,
) -> u32 {
    match beat(store, channel, claimer, clock.now()).await {
        Ok(n) => {
            channel.set_share(n);
            if n > 1 {
                tracing::info!(
                    processes = n,
                    "other processes send on this channel: sharing its cap"
                );
                tokio::time::sleep(JOIN_WAIT).await;
            }
            n
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot write the outbox heartbeat");
            1
        }
    }
}

/// Gives the heartbeat up at a clean stop, so the others take the whole cap at once.
pub(super) async fn leave(store: &Store, channel: &impl Channel, claimer: &str) {
    let name = format!("{}{claimer}", prefix(channel));
    if let Err(e) = store.drop_lease(&name, claimer).await {
        tracing::debug!(error = %e, "cannot drop the outbox heartbeat");
    }
}

/// Waits out a pause the platform asked for (a 429 to any send of the channel) before a
/// send's time-out starts: a send that spent its time-out waiting its turn would be cut off
/// while the platform takes it, and go twice.
pub(super) async fn after_pause<C: crate::channels::Channel>(channel: &C) {
    while let Some(wait) = channel
        .pace()
        .and_then(|pace| pace.paused_for)
        .filter(|wait| !wait.is_zero())
    {
        tokio::time::sleep(wait).await;
    }
}
