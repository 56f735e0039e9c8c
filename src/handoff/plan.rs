//! What an operator's action writes: the plan `on_operator_update` and the worker decide,
//! turned into the store's plain `CasePlan` (state and replies serialised, texts redacted).

use chrono::{DateTime, Utc};

use crate::engine::{Reply, State};
use crate::privacy::redact::redact;
use crate::store::{
    Case, CaseActed, CaseChange, CasePlan, CaseState, ConversationStatus, OperatorItem, Store,
    StoreError,
};

/// What an operator's action does, decided from the case and the conversation's state; the
/// store writes it as plain data (`store::CasePlan`).
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// The conversation's new state, status and office.
    pub(super) state: Option<(State, ConversationStatus, Option<String>)>,
    /// Messages to the citizen, through the outbox, with their transcript kind and text.
    pub(super) replies: Vec<(Reply, &'static str, String)>,
    /// Transcript lines that are not sent (internal notes).
    pub(super) notes: Vec<String>,
    pub(super) case: CaseChange,
    pub(super) queue: Vec<OperatorItem>,
    /// Audit rows: event and detail (no message content).
    pub(super) audit: Vec<(&'static str, serde_json::Value)>,
}

impl Plan {
    /// As the store writes it: state and replies as JSON, transcript texts redacted, since a
    /// person wrote them.
    fn stored(self) -> CasePlan {
        fn json(value: &impl serde::Serialize) -> String {
            // Engine types are plain data; serialising them cannot fail.
            serde_json::to_string(value).unwrap_or_default()
        }
        CasePlan {
            state: self.state.map(|(state, status, office)| CaseState {
                state: json(&state),
                flow: state.flow,
                step: state.step,
                status,
                office,
            }),
            replies: self
                .replies
                .into_iter()
                .map(|(reply, kind, text)| (json(&reply), kind, redact(&text).text))
                .collect(),
            notes: self.notes.iter().map(|note| redact(note).text).collect(),
            case: self.case,
            queue: self.queue,
            audit: self.audit,
        }
    }
}

/// `Store::act_on_case` with the conversation's state read for `plan`.
pub(super) async fn act(
    store: &Store,
    case_id: i64,
    update_id: Option<&str>,
    now: DateTime<Utc>,
    plan: impl FnOnce(&Case, &State) -> Plan,
) -> Result<CaseActed, StoreError> {
    store
        .act_on_case(case_id, update_id, now, |case, json| {
            let state = State::from_stored(json).map_err(|e| {
                StoreError::corrupt(format!("state of conversation {}", case.conversation_id), e)
            })?;
            Ok(plan(case, &state).stored())
        })
        .await
}
