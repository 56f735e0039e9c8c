//! What an operator writes in the workspace (`OperatorUpdate`): a reply, `/prendo`, `/chiudi`,
//! `/trasferisci`, `/nota`, `/risposte`, `/coda`, read and turned into a plan.

use chrono::{DateTime, Utc};

use super::plan::{Plan, act};
use super::{CANNED_PREFIX, HandoffConfig, bot_replies, office_name, plain, truncate};
use crate::engine::{self, Mode};
use crate::flows::FlowSet;
use crate::store::{
    Case, CaseActed, CaseChange, CaseStatus, ConversationStatus, OperatorItem, Store, StoreError,
};

/// A message an operator wrote in the workspace, normalised by the channel adapter.
#[derive(Clone)]
pub struct OperatorUpdate {
    /// The workspace's id for this update, unique (Telegram: the `update_id`); a second
    /// delivery is recognised.
    pub update_id: String,
    /// The operator's user id in the workspace (checked against the office's `operators`).
    pub user_id: i64,
    pub first_name: String,
    /// The topic written in; `None` for the general place.
    pub topic: Option<String>,
    pub text: String,
}

impl std::fmt::Debug for OperatorUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperatorUpdate")
            .field("update_id", &self.update_id)
            .field("topic", &self.topic)
            .field("chars", &self.text.chars().count())
            .finish()
    }
}

/// What an operator wrote, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum OperatorCommand {
    Claim,
    Close,
    Transfer(String),
    Note(String),
    Canned(Option<String>),
    Queue,
    /// An unknown command: never sent to the citizen.
    Unknown,
    Reply(String),
}

pub(super) fn parse_command(text: &str) -> OperatorCommand {
    let text = text.trim();
    let Some(rest) = text.strip_prefix('/') else {
        return OperatorCommand::Reply(text.to_string());
    };
    let (word, argument) = match rest.split_once(char::is_whitespace) {
        Some((w, a)) => (w, a.trim()),
        None => (rest, ""),
    };
    let word = word.split('@').next().unwrap_or_default().to_lowercase();
    let argument = (!argument.is_empty()).then(|| argument.to_string());
    match word.as_str() {
        "prendo" | "claim" => OperatorCommand::Claim,
        "chiudi" | "close" => OperatorCommand::Close,
        "trasferisci" | "transfer" => OperatorCommand::Transfer(argument.unwrap_or_default()),
        "nota" | "note" => OperatorCommand::Note(argument.unwrap_or_default()),
        "risposte" | "replies" => OperatorCommand::Canned(argument),
        "coda" | "queue" => OperatorCommand::Queue,
        _ => OperatorCommand::Unknown,
    }
}

/// Handles what an operator wrote in the workspace. Only messages in a case's topic act on
/// that case, and only from the office's listed operators when it lists any; `/coda` works
/// anywhere. Everything else is ignored.
pub async fn on_operator_update(
    store: &Store,
    flows: &FlowSet,
    config: &HandoffConfig,
    update: &OperatorUpdate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let command = parse_command(&update.text);
    let case = match &update.topic {
        Some(topic) => store.case_by_topic(topic).await?,
        None => None,
    };
    let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(config.lang, id, args);
    if command == OperatorCommand::Queue {
        let queues = store.office_queues().await?;
        let mut text = t("operators-queue-header", &[]);
        if queues.is_empty() {
            text = t("operators-queue-empty", &[]);
        }
        for q in queues {
            text.push('\n');
            text.push_str(&t(
                "operators-queue-line",
                &[
                    ("office", &office_name(flows, config.lang, &q.office)),
                    ("waiting", &q.waiting.to_string()),
                    ("unanswered", &q.unanswered.to_string()),
                ],
            ));
        }
        return store
            .queue_operator_item(None, &OperatorItem::General { text }, now)
            .await;
    }
    let Some(case) = case else {
        tracing::debug!("operators' message outside a case topic ignored");
        return Ok(());
    };
    if let Some(office) = flows.office(&case.office)
        && !office.operators.is_empty()
        && !office.operators.contains(&update.user_id)
    {
        tracing::info!(
            case_id = case.case_id,
            "message from someone not listed as an operator of the office ignored"
        );
        return Ok(());
    }
    let operator = update.user_id.to_string();
    let acted = act(
        store,
        case.case_id,
        Some(&update.update_id),
        now,
        |case, state| plan(flows, config, update, &operator, &command, case, state, now),
    )
    .await?;
    if acted == CaseActed::Duplicate {
        tracing::debug!("operators' update already processed");
    }
    Ok(())
}

/// Decides what an operator's command does to the case and the conversation.
#[allow(clippy::too_many_arguments)]
pub(super) fn plan(
    flows: &FlowSet,
    config: &HandoffConfig,
    update: &OperatorUpdate,
    operator: &str,
    command: &OperatorCommand,
    case: &Case,
    state: &engine::State,
    now: DateTime<Utc>,
) -> Plan {
    let ops = |id: &str, args: &[(&str, &str)]| flows.locales.text(config.lang, id, args);
    let citizen = |id: &str, args: &[(&str, &str)]| flows.locales.text(state.lang, id, args);
    let name = update.first_name.as_str();
    let audit = |event: &'static str, extra: serde_json::Value| {
        let mut detail = serde_json::json!({ "case_id": case.case_id, "operator": operator });
        if let (Some(d), Some(e)) = (detail.as_object_mut(), extra.as_object()) {
            d.extend(e.clone());
        }
        (event, detail)
    };
    let topic = |text: String| OperatorItem::Topic { text };
    if case.status == CaseStatus::Closed {
        return Plan {
            queue: vec![topic(ops(
                "operators-case-closed",
                &[("case", &case.label)],
            ))],
            ..Plan::default()
        };
    }
    match command {
        OperatorCommand::Claim => {
            if case.status == CaseStatus::Claimed && case.claimed_by.as_deref() != Some(operator) {
                return Plan {
                    queue: vec![topic(ops(
                        "operators-claimed-already",
                        &[("case", &case.label), ("name", name)],
                    ))],
                    ..Plan::default()
                };
            }
            Plan {
                state: Some((
                    engine::taken(state),
                    ConversationStatus::WithOperator,
                    Some(case.office.clone()),
                )),
                case: CaseChange::Claim {
                    by: operator.to_string(),
                },
                queue: vec![topic(ops(
                    "operators-claimed",
                    &[("case", &case.label), ("name", name)],
                ))],
                audit: vec![audit("operator_claimed", serde_json::json!({}))],
                ..Plan::default()
            }
        }
        OperatorCommand::Close => {
            let unanswered = case.operator_replies == 0;
            let outcome = engine::handed_back(state, flows, now, !unanswered);
            let replies = bot_replies(outcome.replies);
            let mut queue = vec![topic(ops(
                "operators-closed",
                &[("case", &case.label), ("name", name)],
            ))];
            if unanswered {
                queue.push(topic(ops(
                    "operators-closed-unanswered",
                    &[("case", &case.label)],
                )));
                queue.push(OperatorItem::General {
                    text: ops("operators-closed-unanswered", &[("case", &case.label)]),
                });
            }
            Plan {
                state: Some((outcome.state, ConversationStatus::Bot, None)),
                replies,
                case: CaseChange::Close {
                    by: "operator".into(),
                },
                queue,
                audit: vec![audit(
                    "operator_closed",
                    serde_json::json!({ "unanswered": unanswered }),
                )],
                ..Plan::default()
            }
        }
        OperatorCommand::Transfer(to) => {
            let wanted = to.trim().to_lowercase();
            let Some(office) = flows.office(&wanted) else {
                let offices: Vec<&str> = flows
                    .offices
                    .offices
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect();
                let text = match closest_office(&wanted, &offices) {
                    Some(suggestion) => ops(
                        "operators-transfer-suggest",
                        &[("office", to), ("suggestion", suggestion)],
                    ),
                    None => ops(
                        "operators-transfer-unknown",
                        &[("office", to), ("offices", &offices.join(", "))],
                    ),
                };
                return Plan {
                    queue: vec![topic(text)],
                    ..Plan::default()
                };
            };
            if office.id == case.office {
                return Plan {
                    queue: vec![topic(ops(
                        "operators-transfer-same",
                        &[
                            ("case", &case.label),
                            ("office", &office_name(flows, config.lang, &office.id)),
                        ],
                    ))],
                    ..Plan::default()
                };
            }
            let outcome = engine::transferred(state, flows, &office.id, now);
            Plan {
                state: Some((
                    outcome.state,
                    ConversationStatus::WaitingOperator,
                    Some(office.id.clone()),
                )),
                replies: bot_replies(outcome.replies),
                case: CaseChange::Transfer {
                    office: office.id.clone(),
                },
                queue: vec![topic(ops(
                    "operators-transferred",
                    &[
                        ("case", &case.label),
                        ("office", &office_name(flows, config.lang, &office.id)),
                        ("name", name),
                    ],
                ))],
                audit: vec![audit(
                    "operator_transferred",
                    serde_json::json!({ "from": case.office, "to": office.id }),
                )],
                ..Plan::default()
            }
        }
        OperatorCommand::Note(text) if !text.is_empty() => Plan {
            notes: vec![text.clone()],
            queue: vec![topic(ops("operators-note-saved", &[]))],
            audit: vec![audit("operator_note", serde_json::json!({}))],
            ..Plan::default()
        },
        OperatorCommand::Canned(None) => {
            let mut ids: Vec<&str> = flows
                .locales
                .definitions(state.lang)
                .map(|(id, _)| id)
                .filter(|id| id.starts_with(CANNED_PREFIX))
                .collect();
            ids.sort_unstable();
            let text = if ids.is_empty() {
                ops("operators-replies-none", &[])
            } else {
                let mut text = ops("operators-replies-header", &[]);
                for id in ids {
                    text.push('\n');
                    text.push_str(&ops(
                        "operators-replies-line",
                        &[
                            ("id", &id[CANNED_PREFIX.len()..]),
                            ("text", &truncate(&citizen(id, &[]), 120)),
                        ],
                    ));
                }
                text
            };
            Plan {
                queue: vec![topic(text)],
                ..Plan::default()
            }
        }
        OperatorCommand::Canned(Some(id)) => {
            let key = format!("{CANNED_PREFIX}{}", id.trim());
            if !flows.locales.has(state.lang, &key) {
                return Plan {
                    queue: vec![topic(ops("operators-replies-unknown", &[("id", id)]))],
                    ..Plan::default()
                };
            }
            reply(
                flows,
                config,
                state,
                case,
                operator,
                name,
                &citizen(&key, &[]),
                audit,
            )
        }
        OperatorCommand::Reply(text) if !text.is_empty() => {
            reply(flows, config, state, case, operator, name, text, audit)
        }
        _ => Plan::default(),
    }
}

/// The office an operator most likely meant by a name that is none: the only one whose id
/// starts with or contains it ("polizia" → `polizia-locale`), else the nearest by spelling.
pub(super) fn closest_office<'a>(wanted: &str, offices: &[&'a str]) -> Option<&'a str> {
    if wanted.is_empty() {
        return None;
    }
    for fits in [
        (|id: &str, w: &str| id.starts_with(w)) as fn(&str, &str) -> bool,
        |id: &str, w: &str| id.contains(w),
    ] {
        let found: Vec<&str> = offices
            .iter()
            .copied()
            .filter(|id| fits(id, wanted))
            .collect();
        if let [only] = found.as_slice() {
            return Some(only);
        }
    }
    crate::diag::closest(wanted, offices.iter().copied())
}

/// A reply to the citizen, signed as the Comune (and the operator's first name by setting).
#[allow(clippy::too_many_arguments)]
pub(super) fn reply(
    flows: &FlowSet,
    config: &HandoffConfig,
    state: &engine::State,
    case: &Case,
    operator: &str,
    name: &str,
    text: &str,
    audit: impl Fn(&'static str, serde_json::Value) -> (&'static str, serde_json::Value),
) -> Plan {
    let signed = if config.sign_with_name && !name.is_empty() {
        flows.locales.text(
            state.lang,
            "handoff-signature-named",
            &[("text", text), ("name", name)],
        )
    } else {
        flows
            .locales
            .text(state.lang, "handoff-signature", &[("text", text)])
    };
    // The citizen is with an operator from the first reply on.
    let with_operator = matches!(state.mode, Mode::Handoff { .. }).then(|| {
        (
            engine::taken(state),
            ConversationStatus::WithOperator,
            Some(case.office.clone()),
        )
    });
    Plan {
        state: with_operator,
        replies: vec![(plain(signed), "operator", text.to_string())],
        case: CaseChange::Replied {
            by: operator.to_string(),
        },
        audit: vec![audit("operator_replied", serde_json::json!({}))],
        ..Plan::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_commands_are_read_with_their_argument() {
        assert_eq!(parse_command("/prendo"), OperatorCommand::Claim);
        assert_eq!(parse_command("/chiudi@ComuneBot"), OperatorCommand::Close);
        assert_eq!(
            parse_command("/trasferisci  tributi "),
            OperatorCommand::Transfer("tributi".into())
        );
        assert_eq!(
            parse_command("/nota richiamare domani"),
            OperatorCommand::Note("richiamare domani".into())
        );
        assert_eq!(parse_command("/risposte"), OperatorCommand::Canned(None));
        assert_eq!(
            parse_command("/risposte orari"),
            OperatorCommand::Canned(Some("orari".into()))
        );
        assert_eq!(parse_command("/boh"), OperatorCommand::Unknown);
        let offices = [
            "urp",
            "anagrafe",
            "tributi",
            "polizia-locale",
            "servizi-sociali",
        ];
        assert_eq!(closest_office("polizia", &offices), Some("polizia-locale"));
        assert_eq!(closest_office("sociali", &offices), Some("servizi-sociali"));
        assert_eq!(closest_office("tribbuti", &offices), Some("tributi"));
        assert_eq!(closest_office("biblioteca", &offices), None);
        assert_eq!(
            parse_command(" Buongiorno, le rispondo subito "),
            OperatorCommand::Reply("Buongiorno, le rispondo subito".into())
        );
    }
}
