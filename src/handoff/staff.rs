//! What a member of staff does to a case from the web console: the same plans as the
//! operators' group (`update::plan`), so a claim, reply, transfer or close made in the console
//! shows in the case's topic, and the other way round. Who may act on which office is the
//! console's check; this module only acts.

use chrono::{DateTime, Utc};

use super::HandoffConfig;
use super::plan::{Plan, act};
use super::update::{OperatorCommand, OperatorUpdate, plan};
use crate::flows::FlowSet;
use crate::store::{CaseActed, OperatorItem, Store, StoreError};

/// An action on a case from the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffAction {
    Claim,
    /// A reply to the citizen, as written.
    Reply(String),
    /// A ready reply (`risposta-<id>`), in the citizen's language.
    Canned(String),
    /// An internal note, never sent.
    Note(String),
    Transfer(String),
    Close,
}

/// Who acts: the value stored as the case's operator, and the name shown to colleagues (and
/// to the citizen when replies are signed).
#[derive(Debug, Clone)]
pub struct Actor<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// One action of a member of staff on a case.
#[derive(Debug, Clone)]
pub struct StaffRequest<'a> {
    pub case_id: i64,
    pub actor: Actor<'a>,
    pub action: StaffAction,
    /// Unique per submitted form: a second submission of the same form acts once
    /// (`CaseActed::Duplicate`).
    pub action_id: &'a str,
    pub now: DateTime<Utc>,
}

/// Acts on the case.
pub async fn act_as_staff(
    store: &Store,
    flows: &FlowSet,
    config: &HandoffConfig,
    request: &StaffRequest<'_>,
) -> Result<CaseActed, StoreError> {
    let StaffRequest {
        case_id,
        actor,
        action,
        action_id,
        now,
    } = request;
    let (case_id, action_id, now) = (*case_id, *action_id, *now);
    let command = match action {
        StaffAction::Claim => OperatorCommand::Claim,
        StaffAction::Close => OperatorCommand::Close,
        StaffAction::Transfer(office) => OperatorCommand::Transfer(office.clone()),
        StaffAction::Note(text) => OperatorCommand::Note(text.clone()),
        StaffAction::Canned(id) => OperatorCommand::Canned(Some(id.clone())),
        StaffAction::Reply(text) => OperatorCommand::Reply(text.clone()),
    };
    let update = OperatorUpdate {
        update_id: action_id.to_string(),
        user_id: 0,
        first_name: actor.name.to_string(),
        topic: None,
        text: String::new(),
    };
    act(store, case_id, Some(action_id), now, |case, state| {
        let mut planned: Plan = plan(flows, config, &update, actor.id, &command, case, state, now);
        // What was written in the console appears in the topic, where the group's operators
        // read it (their own messages are there already). A close or transfer sends the bot's
        // texts, which the topic does not need.
        let written = match action {
            StaffAction::Reply(_) | StaffAction::Canned(_) => planned.replies.first(),
            _ => None,
        };
        let mirrored = match (written, planned.notes.first()) {
            (Some((_, _, text)), _) => Some(("operators-console-reply", text.clone())),
            (None, Some(note)) => Some(("operators-console-note", note.clone())),
            (None, None) => None,
        };
        if let Some((id, text)) = mirrored {
            let line = flows.locales.text(
                config.lang,
                id,
                &[("name", actor.name), ("text", text.as_str())],
            );
            planned.queue.push(OperatorItem::Topic { text: line });
        }
        planned
    })
    .await
}
