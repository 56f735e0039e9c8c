//! The conversation engine: `step(state, input, flows, now)` decides what Sportello answers.
//! It does no I/O and reads no clock; everything it needs is passed in.

pub mod answers;
mod avvisi;
mod commands;
pub mod eval;
pub mod intents;
mod routing;
pub mod safety;
mod show;
pub mod testing;
mod turn;
mod waste;

pub use waste::collection_reminder;

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::flows::FlowSet;
use crate::i18n::Lang;

pub use avvisi::reminder;
pub use commands::command_menu;
pub use routing::route;

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
    /// Messages against the netiquette in the current window, and when the window began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abuse: Option<Abuse>,
    /// The privacy notice version the citizen has seen (`FlowSet::privacy_notice_version`).
    /// It belongs to the citizen, not the conversation: the turn fills it in from the
    /// citizen's row before each step and records it when it changes, so it is not serialised
    /// with the conversation's state.
    #[serde(skip)]
    pub notice: Option<String>,
    /// The topics the citizen subscribed to (`/avvisi`). Like `notice`, the citizen's, not
    /// the conversation's: the turn fills it in from the store before each step, and the
    /// changes go to the store as effects.
    #[serde(skip)]
    pub subscriptions: Vec<String>,
    /// The collection zone the citizen asked to remember (`waste.yaml`). The citizen's, like
    /// `subscriptions`: filled in by the turn, recorded through `Effect::WasteZone`.
    #[serde(skip)]
    pub waste_zone: Option<String>,
    /// During a hand-off: an operator has taken the case (claimed it or replied), so the bot
    /// keeps silent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub taken: bool,
    /// During a hand-off: when the citizen was last told that the request waits for an
    /// operator (Unix seconds), so the reminder comes at most once every
    /// [`REMIND_WAITING_MINUTES`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub told_waiting: Option<i64>,
    /// The first answer of the conversation opened with a greeting of the hour.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub greeted: bool,
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
    /// The confirmation asked by `/cancella_dati`.
    Erase,
    /// The 1–5 rating asked when an operator closed the case.
    Rating,
    /// Options the engine itself offered (main menu, operator), by id: a typed number picks
    /// from these, not from the step shown before them.
    Options { ids: Vec<String> },
    /// The topics of `/avvisi`: a typed number toggles one.
    Topics,
    /// A street and house number, to tell the collection zone (`waste.yaml`).
    Address,
    /// Whether to remember the collection zone just found.
    RememberZone { zone: String },
}

/// Abuse seen recently: after [`ABUSE_LIMIT`] messages within [`ABUSE_WINDOW_MINUTES`], the
/// bot pauses for [`COOLDOWN_MINUTES`] (emergencies still answered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abuse {
    pub count: u8,
    /// Unix seconds.
    pub since: i64,
    /// The end of a pause, once one has started, in Unix seconds.
    pub paused_until: Option<i64>,
}

/// A citizen who writes while their request waits for an operator is reminded of it at most
/// this often.
pub const REMIND_WAITING_MINUTES: i64 = 30;

const ABUSE_LIMIT: u8 = 3;
const ABUSE_WINDOW_MINUTES: i64 = 10;
const COOLDOWN_MINUTES: i64 = 15;

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

    /// A state as the store keeps it (JSON text); empty text, a conversation not yet
    /// stepped, is a new state.
    pub fn from_stored(json: &str) -> Result<State, serde_json::Error> {
        if json.is_empty() {
            Ok(State::default())
        } else {
            serde_json::from_str(json)
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
    /// A photo. `file_id` is the channel's own reference to it, where the operators'
    /// workspace can show it by that reference (Telegram): Sportello never downloads or
    /// stores the picture.
    Photo {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        file_id: Option<String>,
    },
    /// Anything else the channel received (voice, sticker, document...), named.
    Unsupported {
        what: String,
    },
}

/// One message to the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Reply {
    pub text: String,
    pub choices: Vec<ChoiceView>,
    /// `flow.step` the choices belong to, for channels that encode it in buttons.
    pub at: Option<String>,
    /// A file sent with the text (the citizen's data export), where the channel can send files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
    /// An image the channel shows with `image.alt` as its caption; `text` is then what a
    /// channel that cannot show it says instead ("[Immagine: ...]").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
}

/// An image of `flows/media/` and its alternative text in the citizen's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// The file's name in `flows/media/`.
    pub file: String,
    pub alt: String,
}

/// A small text file attached to a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub mime: String,
    pub content: String,
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
    /// A message written during a hand-off, for the operator; `urgent` when it was answered
    /// as an emergency, so the operators are alerted, not just shown it.
    ToOperator {
        office: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        urgent: bool,
    },
    /// A question the bot could not answer (for insights and `sportello unanswered`).
    NotUnderstood { reason: MissReason },
    /// The safety layer recognised a person in danger and answered with the numbers.
    Emergency { danger: safety::Kind },
    /// The safety layer found a danger only possible and said the numbers in one line before
    /// the usual answer.
    PossibleEmergency { danger: safety::Kind },
    /// The conversation ended (the citizen said goodbye or a flow ended).
    Ended,
    /// The citizen confirmed `/cancella_dati`: the store deletes everything about them but
    /// the receipt reply and a content-free audit row quoting `receipt` (docs/privacy.md).
    EraseCitizen { receipt: String },
    /// The citizen rated the help of the operator who closed their case (1–5), with what
    /// else they wrote (the store keeps it redacted, with the case).
    Rated {
        score: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
    /// The citizen asked for their data (`/i_miei_dati`): the store gathers everything about
    /// them in the same transaction and queues it as a reply with a JSON attachment
    /// (`privacy::export`).
    ExportCitizen,
    /// The citizen turned a topic on (`/avvisi`), having been shown the consent text of
    /// version `consent` (`FlowSet::alerts_consent_version`).
    Subscribed { topic: String, consent: String },
    /// The citizen turned a topic off.
    Unsubscribed { topic: String },
    /// `/stop`: every topic off.
    UnsubscribedAll,
    /// The citizen asked to remember their collection zone (never the address).
    WasteZone { zone: String },
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
    /// A threat against people: the operators must know.
    Threat,
}

/// Why a message went unanswered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissReason {
    /// Nothing matched well enough: the citizen got the out-of-scope answer.
    OutOfScope,
    /// "Did you mean" was offered and refused.
    Refused,
    /// A second miss in a row: handed to an operator.
    Handoff,
}

impl MissReason {
    pub fn code(self) -> &'static str {
        match self {
            MissReason::OutOfScope => "out_of_scope",
            MissReason::Refused => "refused",
            MissReason::Handoff => "handoff",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub state: State,
    pub replies: Vec<Reply>,
    pub effects: Vec<Effect>,
}

/// Longer messages are not matched: nobody asks a question in 4,000 characters, and the cap
/// keeps a hostile message from costing anything.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The longest message a channel takes (Telegram and WhatsApp: 4,096 characters).
pub const MAX_REPLY_CHARS: usize = 4096;
/// "Buongiorno" from this hour (Rome time), "Buonasera" from the next.
const GREETING_DAY_FROM: u32 = 5;
const GREETING_EVENING_FROM: u32 = 17;
/// Steps remembered in [`State::path`].
const PATH_LEN: usize = 10;
/// Deadlines listed at most in one answer.
const DEADLINES_SHOWN: usize = 5;

/// Option ids the engine itself offers.
const CHOICE_MENU: &str = "menu";
const CHOICE_OPERATOR: &str = "operatore";
const CHOICE_NONE: &str = "nessuno";
const SUGGESTION_PREFIX: &str = "s";
const CHOICE_YES: &str = "si";
const CHOICE_NO: &str = "no";

fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect::<String>().to_uppercase()
}

/// Runs one citizen input through the flows.
pub fn step(state: &State, input: &Input, flows: &FlowSet, now: DateTime<Utc>) -> Outcome {
    let mut turn = Turn::new(state, flows, now);
    turn.input(input);
    turn.greet();
    turn.privacy_notice();
    Outcome {
        state: turn.state,
        replies: turn.replies,
        effects: turn.effects,
    }
}

/// An operator closed the case: the bot answers again, and, when an operator replied
/// (`ask_rating`), asks the citizen for a 1–5 rating (optional: anything else the citizen
/// writes is handled as usual). Nobody rates help they never received.
pub fn handed_back(
    state: &State,
    flows: &FlowSet,
    now: DateTime<Utc>,
    ask_rating: bool,
) -> Outcome {
    let mut turn = Turn::new(state, flows, now);
    turn.state.mode = Mode::Bot;
    turn.state.taken = false;
    turn.state.told_waiting = None;
    turn.state.misses = 0;
    turn.state.pending = Pending::Nothing;
    turn.say(turn.t("handoff-handed-back", &[]), Vec::new(), None);
    if !ask_rating {
        return Outcome {
            state: turn.state,
            replies: turn.replies,
            effects: turn.effects,
        };
    }
    turn.state.pending = Pending::Rating;
    let choices = (1..=5)
        .map(|n| ChoiceView {
            id: n.to_string(),
            label: n.to_string(),
            url: None,
        })
        .collect();
    turn.say(turn.t("handoff-rate", &[]), choices, None);
    Outcome {
        state: turn.state,
        replies: turn.replies,
        effects: turn.effects,
    }
}

/// A date in words: "14 marzo 2025".
fn date_text(flows: &FlowSet, lang: Lang, date: chrono::NaiveDate) -> String {
    let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(lang, id, args);
    let day = date.day().to_string();
    let month = t(&format!("common-month-{}", date.month()), &[]);
    let year = date.year().to_string();
    t(
        "common-date",
        &[("day", &day), ("month", &month), ("year", &year)],
    )
}

/// When an office opens, in words: "lunedì 17 marzo 2025 alle 9:00".
pub fn opening(flows: &FlowSet, lang: Lang, opens: DateTime<chrono_tz::Tz>) -> String {
    let weekday = flows.locales.text(
        lang,
        &format!("common-weekday-{}", opens.weekday().number_from_monday()),
        &[],
    );
    let date = date_text(flows, lang, opens.date_naive());
    let time = format!("{}:{:02}", opens.hour(), opens.minute());
    flows.locales.text(
        lang,
        "common-opening",
        &[("weekday", &weekday), ("date", &date), ("time", &time)],
    )
}

/// The case went to another office: the conversation stays with operators, of that office,
/// and the citizen is told which office has it (and when it opens, if it is closed now).
pub fn transferred(state: &State, flows: &FlowSet, office: &str, now: DateTime<Utc>) -> Outcome {
    let mut turn = Turn::new(state, flows, now);
    turn.state.mode = Mode::Handoff {
        office: office.to_string(),
    };
    turn.state.taken = false;
    turn.state.told_waiting = Some(now.timestamp());
    let text = turn.office_text(office, "handoff-transferred", "handoff-transferred-closed");
    turn.say(text, Vec::new(), None);
    Outcome {
        state: turn.state,
        replies: turn.replies,
        effects: turn.effects,
    }
}

/// An operator took the case (claimed it or replied): from now on the bot keeps silent.
pub fn taken(state: &State) -> State {
    let mut state = state.clone();
    state.taken = matches!(state.mode, Mode::Handoff { .. });
    state
}

struct Turn<'a> {
    flows: &'a FlowSet,
    now: DateTime<Utc>,
    state: State,
    replies: Vec<Reply>,
    effects: Vec<Effect>,
    /// An emergency answer: nothing else (no privacy notice) in this turn.
    urgent: bool,
    /// The turn answers a question: it showed a step of the flows or handed off.
    answered: bool,
    /// The citizen only said thank you: the answer opens with thanks, not a greeting.
    thanked: bool,
    /// No step was shown before this turn: a conversation at its start.
    fresh: bool,
}

/// Splits `text` into parts of at most `max` characters, at paragraph breaks where possible,
/// else at line breaks, else between words, else anywhere.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut parts: Vec<String> = Vec::new();
    let mut rest = text.trim_end();
    while rest.chars().count() > max {
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let head = &rest[..limit];
        let cut = ["\n\n", "\n", " "]
            .iter()
            .find_map(|sep| head.rfind(sep).filter(|&i| i > 0).map(|i| (i, sep.len())))
            .unwrap_or((limit, 0));
        parts.push(rest[..cut.0].trim_end().to_string());
        rest = rest[cut.0 + cut.1..].trim_start_matches('\n');
    }
    parts.push(rest.to_string());
    parts
}

#[cfg(test)]
mod tests {
    use super::{Image, Reply, split_text};

    #[test]
    fn payloads_written_before_images_still_read_and_new_ones_name_the_image_only_when_set() {
        let old = r#"{"text":"Buongiorno","choices":[],"at":null}"#;
        let reply: Reply = serde_json::from_str(old).unwrap();
        assert_eq!(reply.image, None);
        assert!(!serde_json::to_string(&reply).unwrap().contains("image"));
        let with = Reply {
            image: Some(Image {
                file: "mappa.png".into(),
                alt: "Mappa".into(),
            }),
            ..reply
        };
        let back: Reply = serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
        assert_eq!(back, with);
    }

    #[test]
    fn a_short_text_is_one_part() {
        assert_eq!(split_text("Buongiorno", 4096), ["Buongiorno"]);
    }

    #[test]
    fn long_texts_split_at_paragraphs_first() {
        let text = format!(
            "{}\n\n{}\n\n{}",
            "a".repeat(30),
            "b".repeat(30),
            "c".repeat(30)
        );
        let parts = split_text(&text, 70);
        assert_eq!(
            parts,
            [
                format!("{}\n\n{}", "a".repeat(30), "b".repeat(30)),
                "c".repeat(30)
            ]
        );
    }

    #[test]
    fn a_paragraph_too_long_splits_between_words_and_every_part_fits() {
        let text = "parola ".repeat(2000);
        let parts = split_text(&text, 4096);
        assert!(parts.len() >= 3);
        assert!(
            parts
                .iter()
                .all(|p| p.chars().count() <= 4096 && !p.is_empty())
        );
        assert_eq!(parts.join(" ").split_whitespace().count(), 2000);
    }

    #[test]
    fn a_text_without_spaces_is_cut_anywhere_on_character_boundaries() {
        let text = "è".repeat(10_000);
        let parts = split_text(&text, 4096);
        assert_eq!(
            parts.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            [4096, 4096, 1808]
        );
    }
}
