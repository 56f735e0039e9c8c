//! Inbound processing: one citizen message in, exactly once, in one store transaction. The
//! conversation owns the turn: the store loads and locks the citizen's rows (`Store::turn`),
//! the engine decides, the transcript is redacted, and the store writes the result as plain
//! data (state, status, transcript lines, outbox rows, cases, privacy actions) together.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::engine::{self, Effect, HandoffReason, Input, Outcome, Reply, State};
use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::ids::{ChannelKind, ChannelUserId};
use crate::metrics::Metrics;
use crate::privacy::redact::{Redacted, redact};
use crate::store::{
    AsWritten, CaseWrite, ConversationId, ConversationStatus, InboundRow, OperatorItem, OutboxId,
    Store, StoreError, SubscriptionWrite, TurnDone, TurnLoaded, TurnWrites,
};

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
        Some(flows),
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

/// `flows`' texts render an export's readable part, and its steps say which are answers (for
/// the insights); without them (a fixed answering function) the export is the JSON file alone
/// and no step counts as an answer.
async fn handle_inner<F>(
    store: &Store,
    inbound: Inbound,
    now: DateTime<Utc>,
    step: F,
    flows: Option<&FlowSet>,
) -> Result<Handled, StoreError>
where
    F: Fn(&State, &Input, DateTime<Utc>) -> Outcome,
{
    let row = InboundRow {
        channel: inbound.channel,
        user: &inbound.user,
        message_id: &inbound.message_id,
        lang_hint: inbound.lang_hint.unwrap_or_default(),
        received_at: inbound.received_at,
    };
    // Conflicts (deadlock victims, SQLite busy after the time-out) roll the whole transaction
    // back, so running it again is safe.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match store
            .turn(
                &row,
                now,
                |loaded| {
                    decide(
                        loaded,
                        &inbound.input,
                        |state| step(state, &inbound.input, now),
                        |flow, step| flows.is_some_and(|f| f.is_answer(flow, step)),
                    )
                },
                |export, lang| {
                    serialize(&crate::privacy::export::reply(
                        flows.map(|f| &f.locales),
                        lang,
                        export,
                    ))
                },
            )
            .await
        {
            Err(StoreError::Conflict(e)) if attempt < 5 => {
                tracing::debug!(attempt, error = %e, "inbound transaction conflict, retrying");
                tokio::time::sleep(Duration::from_millis(5 * attempt)).await;
            }
            Err(e) => return Err(e),
            Ok(TurnDone::Duplicate) => return Ok(Handled::Duplicate),
            Ok(TurnDone::Saved(saved)) => {
                let (outcome, status, office) = saved.decided;
                let mut replies = outcome.replies;
                if let Some(payload) = &saved.export {
                    replies.push(
                        serde_json::from_str(payload)
                            .map_err(|e| StoreError::corrupt("export reply", e))?,
                    );
                }
                if !saved.outbox_ids.is_empty() {
                    store.wake_dispatchers();
                }
                return Ok(Handled::Processed(Box::new(Processed {
                    conversation_id: saved.conversation_id,
                    state: outcome.state,
                    status,
                    office,
                    replies,
                    effects: outcome.effects,
                    outbox_ids: saved.outbox_ids,
                })));
            }
        }
    }
}

/// One turn, inside the inbound transaction: the loaded state, the engine's step (`step`),
/// and what to write. Also returns the outcome, status and office for the caller.
fn decide(
    loaded: &TurnLoaded,
    input: &Input,
    step: impl FnOnce(&State) -> Outcome,
    is_answer: impl Fn(&str, &str) -> bool,
) -> (TurnWrites, (Outcome, ConversationStatus, Option<String>)) {
    let lang = Lang::from_tag(&loaded.lang).unwrap_or_default();
    let mut audits = Vec::new();
    let mut state = if loaded.state.is_empty() {
        State::new(Some(lang))
    } else {
        match serde_json::from_str(&loaded.state) {
            Ok(state) => state,
            Err(e) => {
                // A state that no longer parses must not silence the citizen forever: start
                // over in their language and leave a trace.
                tracing::error!(conversation_id = loaded.conversation_id.0, error = %e, "resetting unreadable state");
                audits.push(("state_reset", "{}".to_owned()));
                State::new(Some(lang))
            }
        }
    };
    state.notice = loaded.notice.clone();
    state.subscriptions = loaded.subscriptions.clone();
    state.waste_zone = loaded.waste_zone.clone();
    let outcome = step(&state);
    let (status, office) = next_status(loaded.status, loaded.office.clone(), &outcome);
    let redacted = redact_input(input);
    // The step shown, for the daily insights (no content: flow and step ids).
    if outcome.state.path != state.path
        && let Some((flow, step)) = outcome.state.path.last().and_then(|k| k.split_once('.'))
    {
        audits.push((
            crate::store::STEP_EVENT,
            serde_json::json!({ "flow": flow, "step": step, "answer": is_answer(flow, step) })
                .to_string(),
        ));
    }
    audits.extend(
        outcome
            .effects
            .iter()
            .map(|effect| (effect_event(effect), serialize(effect))),
    );
    let writes = TurnWrites {
        status,
        office: office.clone(),
        state: serialize(&outcome.state),
        flow: outcome.state.flow.clone(),
        step: outcome.state.step.clone(),
        lang: outcome.state.lang,
        input_kind: input_kind(input),
        special_category: redacted.special_category,
        replies: outcome
            .replies
            .iter()
            .map(|reply| (reply.text.clone(), serialize(reply)))
            .collect(),
        audits,
        cases: case_writes(&outcome.effects, input, &redacted.text),
        export: outcome
            .effects
            .iter()
            .any(|e| matches!(e, Effect::ExportCitizen)),
        erase: outcome
            .effects
            .iter()
            .any(|e| matches!(e, Effect::EraseCitizen { .. })),
        notice_seen: outcome
            .state
            .notice
            .clone()
            .filter(|seen| loaded.notice.as_ref() != Some(seen)),
        subscriptions: subscription_writes(&outcome.effects),
        waste_zone: outcome.effects.iter().find_map(|e| match e {
            Effect::WasteZone { zone } => Some(zone.clone()),
            _ => None,
        }),
        input_text: redacted.text,
    };
    (writes, (outcome, status, office))
}

/// The transcript form of an input. Only typed text can hold personal data in words; a
/// location is the citizen's position and is kept as sent, since an operator may need it (it
/// goes with the conversation's retention).
fn redact_input(input: &Input) -> Redacted {
    match input {
        Input::Text { text } => redact(text),
        other => Redacted {
            text: input_text(other),
            findings: Vec::new(),
            special_category: false,
        },
    }
}

fn serialize<T: serde::Serialize>(value: &T) -> String {
    // Engine types are plain data; serialising them cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// The audit event of an effect.
fn effect_event(effect: &Effect) -> &'static str {
    match effect {
        Effect::Handoff { .. } => "handoff",
        Effect::HandoffCancelled { .. } => "handoff_cancelled",
        Effect::ToOperator { .. } => "to_operator",
        Effect::NotUnderstood { .. } => "not_understood",
        Effect::Emergency { .. } => "emergency",
        Effect::PossibleEmergency { .. } => "possible_emergency",
        Effect::Ended => "ended",
        Effect::EraseCitizen { .. } => "erasure",
        Effect::Rated { .. } => "rated",
        Effect::ExportCitizen => "export",
        Effect::Subscribed { .. } => "subscribed",
        Effect::Unsubscribed { .. } => "unsubscribed",
        Effect::UnsubscribedAll => "unsubscribed_all",
        Effect::WasteZone { .. } => "waste_zone",
    }
}

/// What the subscription effects of a step change in the store.
fn subscription_writes(effects: &[Effect]) -> Vec<SubscriptionWrite> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Subscribed { topic, consent } => Some(SubscriptionWrite::On {
                topic: topic.clone(),
                consent_version: consent.clone(),
            }),
            Effect::Unsubscribed { topic } => Some(SubscriptionWrite::Off {
                topic: topic.clone(),
            }),
            Effect::UnsubscribedAll => Some(SubscriptionWrite::AllOff),
            _ => None,
        })
        .collect()
}

/// What the hand-off effects of a step record: cases and the operators' queue, and, when
/// the redaction changed what the citizen wrote to the case, the text as written (the store
/// keeps it only if told to, and only while the case is open).
fn case_writes(effects: &[Effect], input: &Input, redacted: &str) -> Vec<CaseWrite> {
    let mut out = Vec::new();
    let to_case = effects
        .iter()
        .any(|e| matches!(e, Effect::Handoff { .. } | Effect::ToOperator { .. }));
    for effect in effects {
        match effect {
            Effect::Handoff { office, reason } => out.push(CaseWrite::Open {
                office: office.clone(),
                reason: reason_code(*reason),
            }),
            Effect::ToOperator { urgent, .. } => out.push(CaseWrite::Queue(match input {
                Input::Text { text } if *urgent => OperatorItem::Emergency { text: text.clone() },
                Input::Text { text } => OperatorItem::Citizen { text: text.clone() },
                Input::Choice { id, .. } => OperatorItem::Citizen { text: id.clone() },
                Input::Photo {
                    file_id: Some(file_id),
                } => OperatorItem::CitizenPhoto {
                    file_id: file_id.clone(),
                },
                other => OperatorItem::CitizenSent {
                    what: sent_what(other),
                },
            })),
            Effect::HandoffCancelled { .. } => {
                out.push(CaseWrite::Queue(OperatorItem::Cancelled));
                out.push(CaseWrite::Cancel);
            }
            Effect::Rated { score, comment } => out.push(CaseWrite::Rate {
                score: i64::from(*score),
                // What the citizen wrote with the rating, redacted like the transcript.
                comment: comment.as_deref().map(|c| redact(c).text),
            }),
            _ => {}
        }
    }
    if let Input::Text { text } = input
        && to_case
        && text != redacted
    {
        out.push(CaseWrite::AsWritten(AsWritten(text.clone())));
    }
    out
}

fn reason_code(reason: HandoffReason) -> &'static str {
    match reason {
        HandoffReason::Flow => "flow",
        HandoffReason::Asked => "asked",
        HandoffReason::NotUnderstood => "not_understood",
        HandoffReason::Threat => "threat",
    }
}

/// What a non-text input was, for the operators: its kind, and a location's coordinates.
fn sent_what(input: &Input) -> String {
    match input {
        Input::Location { .. } => format!("location {}", input_text(input)),
        Input::Unsupported { what } => what.clone(),
        other => input_kind(other).to_owned(),
    }
}

/// Queues a reply a person wrote to a conversation outside the inbound transaction: sent as
/// written, kept in the transcript redacted, since a person wrote it, not the flows.
pub async fn queue_reply(
    store: &Store,
    conversation_id: ConversationId,
    reply: &Reply,
    now: DateTime<Utc>,
) -> Result<Option<OutboxId>, StoreError> {
    let payload =
        serde_json::to_string(reply).map_err(|e| StoreError::corrupt("reply payload", e))?;
    store
        .queue_reply(conversation_id, &payload, &redact(&reply.text).text, now)
        .await
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
            | Effect::PossibleEmergency { .. }
            | Effect::Rated { .. }
            | Effect::ExportCitizen
            | Effect::Subscribed { .. }
            | Effect::Unsubscribed { .. }
            | Effect::UnsubscribedAll
            | Effect::WasteZone { .. } => {}
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
