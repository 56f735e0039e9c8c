//! Inbound processing: one citizen message in, exactly once, in one store transaction —
//! dedupe, load the conversation, run the engine, save state, transcript and outbox together.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::engine::{self, Effect, Input, Outcome, Reply, State};
use crate::flows::FlowSet;
use crate::i18n::{Lang, Locales};
use crate::ids::{ChannelKind, ChannelUserId};
use crate::metrics::Metrics;
use crate::store::{ConversationId, ConversationStatus, OutboxId, Store, StoreError};

mod ingest;
pub use ingest::{Ingest, Update};

/// One message from a citizen, normalised by a channel adapter.
#[derive(Clone)]
pub struct Inbound {
    pub channel: ChannelKind,
    pub user: ChannelUserId,
    /// The channel's own id for this message, unique within the channel (Telegram: the
    /// `update_id`; WhatsApp: the `wamid`; terminal: anything unique). A second delivery with
    /// the same id is recognised and produces nothing.
    pub message_id: String,
    /// The language the citizen's client reports, used for a new citizen only.
    pub lang_hint: Option<Lang>,
    pub input: Input,
    pub received_at: DateTime<Utc>,
}

impl fmt::Debug for Inbound {
    // The input may hold message text or a location: never in a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inbound")
            .field("channel", &self.channel)
            .field("user", &self.user)
            .field("message_id", &self.message_id)
            .field("lang_hint", &self.lang_hint)
            .field("input", &input_kind(&self.input))
            .field("received_at", &self.received_at)
            .finish()
    }
}

/// What came of an inbound message.
#[derive(Debug, Clone, PartialEq)]
pub enum Handled {
    /// Already processed earlier: nothing was run, stored or queued.
    Duplicate,
    Processed(Box<Processed>),
}

/// The result of a processed message: the state and replies as committed.
#[derive(Clone, PartialEq)]
pub struct Processed {
    pub conversation_id: ConversationId,
    pub state: State,
    pub status: ConversationStatus,
    pub office: Option<String>,
    pub replies: Vec<Reply>,
    pub effects: Vec<Effect>,
    /// One outbox row per reply, in sending order.
    pub outbox_ids: Vec<OutboxId>,
}

impl fmt::Debug for Processed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Processed")
            .field("conversation_id", &self.conversation_id)
            .field("status", &self.status)
            .field("office", &self.office)
            .field("flow", &self.state.flow)
            .field("step", &self.state.step)
            .field("replies", &self.replies.len())
            .field("effects", &self.effects)
            .field("outbox_ids", &self.outbox_ids)
            .finish()
    }
}

impl Handled {
    pub fn is_duplicate(&self) -> bool {
        matches!(self, Handled::Duplicate)
    }

    pub fn processed(&self) -> Option<&Processed> {
        match self {
            Handled::Duplicate => None,
            Handled::Processed(p) => Some(p),
        }
    }
}

/// Processes one inbound message through the engine and the store, exactly once.
pub async fn handle(
    store: &Store,
    flows: &FlowSet,
    metrics: &Metrics,
    inbound: Inbound,
    now: DateTime<Utc>,
) -> Result<Handled, StoreError> {
    handle_inner(
        store,
        inbound,
        now,
        |state, input, now| {
            let started = std::time::Instant::now();
            let outcome = engine::step(state, input, flows, now);
            metrics.observe_step(started.elapsed());
            outcome
        },
        Some(&flows.locales),
    )
    .await
}

/// `handle` with the engine passed in as a function: the store's guarantees do not depend on
/// what the engine answers, and tests and benchmarks use a fixed answering function to count
/// replies exactly. Production code calls `handle`.
pub async fn handle_with<F>(
    store: &Store,
    inbound: Inbound,
    now: DateTime<Utc>,
    step: F,
) -> Result<Handled, StoreError>
where
    F: Fn(&State, &Input, DateTime<Utc>) -> Outcome,
{
    handle_inner(store, inbound, now, step, None).await
}

/// `texts` render an export's readable part; without them (a fixed answering function) the
/// export is the JSON file alone.
async fn handle_inner<F>(
    store: &Store,
    inbound: Inbound,
    now: DateTime<Utc>,
    step: F,
    texts: Option<&Locales>,
) -> Result<Handled, StoreError>
where
    F: Fn(&State, &Input, DateTime<Utc>) -> Outcome,
{
    // Conflicts (deadlock victims, SQLite busy after the time-out) roll the whole transaction
    // back, so running it again is safe.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match store
            .process_inbound(
                &inbound,
                now,
                |state| step(state, &inbound.input, now),
                |state, export| crate::privacy::export::reply(texts, state.lang, export),
            )
            .await
        {
            Err(StoreError::Conflict(e)) if attempt < 5 => {
                tracing::debug!(attempt, error = %e, "inbound transaction conflict, retrying");
                tokio::time::sleep(Duration::from_millis(5 * attempt)).await;
            }
            result => {
                if let Ok(Handled::Processed(p)) = &result
                    && !p.outbox_ids.is_empty()
                {
                    store.wake_dispatchers();
                }
                return result;
            }
        }
    }
}

/// The kind of an input, as stored in the transcript and shown in logs.
pub(crate) fn input_kind(input: &Input) -> &'static str {
    match input {
        Input::Text { .. } => "text",
        Input::Choice { .. } => "choice",
        Input::Location { .. } => "location",
        Input::Photo { .. } => "photo",
        Input::Unsupported { .. } => "unsupported",
    }
}

/// The transcript text for an input.
pub(crate) fn input_text(input: &Input) -> String {
    match input {
        Input::Text { text } => text.clone(),
        Input::Choice { id, .. } => id.clone(),
        Input::Location {
            latitude,
            longitude,
        } => format!("{latitude},{longitude}"),
        Input::Photo { .. } => String::new(),
        Input::Unsupported { what } => what.clone(),
    }
}

/// The conversation's status and office after an engine step.
pub(crate) fn next_status(
    status: ConversationStatus,
    office: Option<String>,
    outcome: &Outcome,
) -> (ConversationStatus, Option<String>) {
    let (mut status, mut office) = (status, office);
    for effect in &outcome.effects {
        match effect {
            Effect::Handoff { office: to, .. } => {
                status = ConversationStatus::WaitingOperator;
                office = Some(to.clone());
            }
            Effect::HandoffCancelled { .. } => {
                status = ConversationStatus::Bot;
                office = None;
            }
            Effect::Ended | Effect::EraseCitizen { .. } => status = ConversationStatus::Closed,
            Effect::ToOperator { .. }
            | Effect::NotUnderstood { .. }
            | Effect::Emergency { .. }
            | Effect::Rated { .. }
            | Effect::ExportCitizen => {}
        }
    }
    // The engine's mode is the source of truth for who answers; keep the status consistent
    // with it even if an effect was missed.
    match (&outcome.state.mode, status) {
        (engine::Mode::Handoff { office: to }, ConversationStatus::Bot) => {
            status = ConversationStatus::WaitingOperator;
            office = Some(to.clone());
        }
        (
            engine::Mode::Bot,
            ConversationStatus::WaitingOperator | ConversationStatus::WithOperator,
        ) => {
            status = ConversationStatus::Bot;
            office = None;
        }
        _ => {}
    }
    (status, office)
}

/// Counts what a processed message did, for `/metrics`.
pub fn count(metrics: &Metrics, channel: ChannelKind, handled: &Handled) {
    let Handled::Processed(p) = handled else {
        return;
    };
    metrics.updates_in.inc(channel.code());
    for effect in &p.effects {
        match effect {
            Effect::Handoff { office, .. } => metrics.handoffs.inc(office),
            Effect::NotUnderstood { .. } => metrics.not_understood.inc(channel.code()),
            Effect::Ended if p.office.is_none() => metrics.solved_by_bot.inc(channel.code()),
            _ => {}
        }
    }
}
