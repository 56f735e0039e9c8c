//! The conversation engine: `step(state, input, flows, now)` decides what Sportello answers.
//! It does no I/O and reads no clock; everything it needs is passed in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::flows::FlowSet;
use crate::i18n::Lang;

/// Where a conversation stands. Serialised as JSON by the store; keep fields additive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct State {
    pub lang: Lang,
    /// Current flow and step; `None` before the first message and after the end.
    pub flow: Option<String>,
    pub step: Option<String>,
    /// Free-text questions not understood in a row.
    pub misses: u8,
    /// What the last bot message asked for beyond the step's own choices.
    pub pending: Pending,
    pub mode: Mode,
    /// The last steps visited, as `flow.step`, oldest first (for operators' summaries).
    pub path: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    #[default]
    Nothing,
    /// "Did you mean": the candidates offered, as `flow.step`.
    Suggestions { targets: Vec<String> },
    /// The language choice offered by `/lingua`.
    Language,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mode {
    /// The bot answers.
    #[default]
    Bot,
    /// Handed off to an office: the bot stays silent (except for emergencies) until the
    /// operator hands back or the citizen cancels.
    Handoff { office: String },
}

impl State {
    /// A new conversation in the language the citizen's client reports, Italian otherwise.
    pub fn new(lang: Option<Lang>) -> State {
        State {
            lang: lang.unwrap_or_default(),
            ..State::default()
        }
    }
}

/// What the citizen did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Input {
    /// A typed message: free text, a command (`/menu`), an option number or label.
    Text {
        text: String,
    },
    /// A tapped option. `at` is the `flow.step` the option was shown at, when the channel
    /// knows it, so that an older button still does what it said.
    Choice {
        id: String,
        at: Option<String>,
    },
    Location {
        latitude: f64,
        longitude: f64,
    },
    Photo,
    /// Anything else the channel received (voice, sticker, document...), named.
    Unsupported {
        what: String,
    },
}

/// One message to the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub text: String,
    pub choices: Vec<ChoiceView>,
    /// `flow.step` the choices belong to, for channels that encode it in buttons.
    pub at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceView {
    pub id: String,
    pub label: String,
    /// A link the option opens instead of sending a choice back.
    pub url: Option<String>,
}

/// Something beyond replies that the store and the hand-off need to act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    /// Put the conversation in the queue of an office.
    Handoff {
        office: String,
        reason: HandoffReason,
    },
    /// The citizen went back to the bot during a hand-off.
    HandoffCancelled { office: String },
    /// A message written during a hand-off, for the operator.
    ToOperator { office: String },
    /// A question the bot could not answer (for insights).
    NotUnderstood,
    /// The conversation ended (the citizen said goodbye or a flow ended).
    Ended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoffReason {
    /// A flow's hand-off choice or step.
    Flow,
    /// The citizen asked (`/operatore`).
    Asked,
    /// The bot did not understand twice in a row.
    NotUnderstood,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub state: State,
    pub replies: Vec<Reply>,
    pub effects: Vec<Effect>,
}

/// Runs one citizen input through the flows.
pub fn step(state: &State, input: &Input, flows: &FlowSet, now: DateTime<Utc>) -> Outcome {
    let _ = (input, flows, now);
    Outcome {
        state: state.clone(),
        replies: Vec::new(),
        effects: Vec::new(),
    }
}
