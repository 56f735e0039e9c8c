//! The conversation engine: `step(state, input, flows, now)` decides what Sportello answers.
//! It does no I/O and reads no clock; everything it needs is passed in.

pub mod answers;
pub mod eval;
pub mod intents;
pub mod safety;
pub mod testing;
use crate::text::matcher;
use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::TIME_ZONE;
use crate::flows::{Action, Choice, FlowSet, MAIN_FLOW, StepRef};
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
    /// Messages against the netiquette in the current window, and when the window began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abuse: Option<Abuse>,
    /// The privacy notice version the citizen has seen (`FlowSet::privacy_notice_version`).
    /// It belongs to the citizen, not the conversation: the turn fills it in from the
    /// citizen's row before each step and records it when it changes, so it is not serialised
    /// with the conversation's state.
    #[serde(skip)]
    pub notice: Option<String>,
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

/// Commands, with their Italian name first and English aliases after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Start,
    Menu,
    Help,
    Operator,
    Emergency,
    Language,
    Cancel,
    Privacy,
    Erase,
    Export,
    Source,
}

/// One command citizens type: its Italian and English names, other aliases, and the text id
/// that describes it in a channel's command menu (none for `/start`, which the menu does not
/// show).
struct CommandName {
    command: Command,
    it: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    describe: Option<&'static str>,
}

/// Every command, in the order of the channels' command menus: the one table of names.
#[rustfmt::skip]
const COMMAND_NAMES: &[CommandName] = &[
    CommandName { command: Command::Start, it: "start", en: "start", aliases: &["inizio"], describe: None },
    CommandName { command: Command::Menu, it: "menu", en: "menu", aliases: &[], describe: Some("common-command-menu") },
    CommandName { command: Command::Help, it: "aiuto", en: "help", aliases: &[], describe: Some("common-command-help") },
    CommandName { command: Command::Operator, it: "operatore", en: "operator", aliases: &[], describe: Some("common-command-operator") },
    CommandName { command: Command::Emergency, it: "emergenza", en: "emergency", aliases: &["sos"], describe: Some("common-command-emergency") },
    CommandName { command: Command::Language, it: "lingua", en: "language", aliases: &[], describe: Some("common-command-language") },
    CommandName { command: Command::Cancel, it: "annulla", en: "cancel", aliases: &["stop"], describe: Some("common-command-cancel") },
    CommandName { command: Command::Source, it: "fonte", en: "source", aliases: &[], describe: Some("common-command-source") },
    CommandName { command: Command::Privacy, it: "privacy", en: "privacy", aliases: &["informativa"], describe: Some("common-command-privacy") },
    CommandName { command: Command::Erase, it: "cancella_dati", en: "delete_my_data", aliases: &[], describe: Some("common-command-erase") },
    CommandName { command: Command::Export, it: "i_miei_dati", en: "my_data", aliases: &[], describe: Some("common-command-export") },
];

impl Command {
    fn parse(word: &str) -> Option<Command> {
        // `/menu@ComuneBot` in groups carries the bot's name.
        let word = word.split('@').next().unwrap_or_default().to_lowercase();
        COMMAND_NAMES
            .iter()
            .find(|c| c.it == word || c.en == word || c.aliases.contains(&word.as_str()))
            .map(|c| c.command)
    }
}

/// The commands a channel shows in its command menu, in `lang`: (name, description text id).
pub fn command_menu(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    COMMAND_NAMES.iter().filter_map(move |c| {
        let name = match lang {
            Lang::It => c.it,
            Lang::En => c.en,
        };
        Some((name, c.describe?))
    })
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

impl<'a> Turn<'a> {
    fn new(state: &State, flows: &'a FlowSet, now: DateTime<Utc>) -> Turn<'a> {
        Turn {
            flows,
            now,
            state: state.clone(),
            replies: Vec::new(),
            effects: Vec::new(),
            urgent: false,
            answered: false,
            thanked: false,
            fresh: state.path.is_empty() && state.flow.is_none(),
        }
    }

    fn t(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.flows.locales.text(self.state.lang, id, args)
    }

    /// Queues a message; one too long for a chat message goes out in parts, with the options
    /// on the last.
    fn say(&mut self, text: String, choices: Vec<ChoiceView>, at: Option<String>) {
        let mut parts = split_text(&text, MAX_REPLY_CHARS);
        let last = parts.pop().unwrap_or_default();
        for part in parts {
            self.replies.push(Reply {
                text: part,
                ..Reply::default()
            });
        }
        self.replies.push(Reply {
            text: last,
            choices,
            at,
            ..Reply::default()
        });
    }

    fn engine_choice(&self, id: &str, label: &str) -> ChoiceView {
        ChoiceView {
            id: id.to_string(),
            label: self.t(label, &[]),
            url: None,
        }
    }

    fn current(&self) -> Option<StepRef> {
        self.flows.find(
            self.state.flow.as_deref()?,
            Some(self.state.step.as_deref()?),
        )
    }

    fn in_handoff(&self) -> Option<String> {
        match &self.state.mode {
            Mode::Handoff { office } => Some(office.clone()),
            Mode::Bot => None,
        }
    }

    fn input(&mut self, input: &Input) {
        match input {
            Input::Text { text } => self.text(text),
            Input::Choice { id, at } => self.choice(id, at.as_deref()),
            Input::Location { .. } | Input::Photo { .. } | Input::Unsupported { .. } => {
                if let Some(office) = self.in_handoff() {
                    // The operator can look at what the citizen sent.
                    self.effects.push(Effect::ToOperator {
                        office,
                        urgent: false,
                    });
                    self.remind_waiting(false);
                } else {
                    let choices = vec![self.engine_choice(CHOICE_MENU, "common-main-menu")];
                    self.say(self.t("common-unsupported-input", &[]), choices, None);
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        let text = text.trim();
        self.thanked = intents::only_courtesy(text) && !intents::greets(text);
        // Safety first: in any state, however long the message.
        if let Some(alarm) = safety::detect(text) {
            return self.alarm(&alarm);
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            self.say(self.t("common-message-too-long", &[]), Vec::new(), None);
            return;
        }
        // The Comune's own emergency words, with the same routine-context rule as the
        // built-in weak words.
        if let Some(at) = self.flows.emergency_index.phrase_hit(text)
            && !safety::routine_context(text)
        {
            // The operator, if any, must know too.
            if let Some(office) = self.in_handoff() {
                self.effects.push(Effect::ToOperator {
                    office,
                    urgent: true,
                });
            }
            self.urgent = true;
            self.show(at);
            return;
        }
        if let Some(rest) = text.strip_prefix('/') {
            let mut words = rest.split_whitespace();
            let command = words.next().and_then(Command::parse);
            let argument = words.next();
            match command {
                Some(command) => self.command(command, argument),
                None => self.help(),
            }
            return;
        }
        if let Some(office) = self.in_handoff() {
            self.effects.push(Effect::ToOperator {
                office,
                urgent: false,
            });
            self.remind_waiting(false);
            return;
        }
        if self.restart_if_stale() {
            return;
        }
        if text.is_empty() {
            self.reshow();
            return;
        }
        if self.pending_answer(text) {
            return;
        }
        if let Some(id) = self.typed_choice(text) {
            self.choice(&id, None);
            return;
        }
        let reading = intents::read(text);
        if self.netiquette(text, reading.conduct) {
            return;
        }
        if reading.person {
            let office = match self.route(text) {
                matcher::Verdict::Clear(at) => self.flows.step(at).0.office.as_ref(),
                _ => None,
            }
            .map_or_else(|| self.current_office(), |o| o.text.clone());
            return self.handoff(office, HandoffReason::Asked);
        }
        self.free_text(text);
    }

    /// Answers a person in danger: the numbers for their kind of danger first, in their
    /// language (and in the language of their words when it differs), then the Comune's own
    /// emergency page or the way on.
    fn alarm(&mut self, alarm: &safety::Alarm) {
        let handoff = self.in_handoff();
        if let Some(office) = &handoff {
            // The operator must know at once.
            self.effects.push(Effect::ToOperator {
                office: office.clone(),
                urgent: true,
            });
        }
        self.effects.push(Effect::Emergency { danger: alarm.kind });
        self.urgent = true;
        let id = alarm.kind.message();
        let mut text = self.t(&id, &[]);
        if let Some(lang) = alarm.lang.filter(|&l| l != self.state.lang) {
            text.push_str("\n\n");
            text.push_str(&self.flows.locales.text(lang, "safety-other-language", &[]));
            text.push('\n');
            text.push_str(&self.flows.locales.text(lang, &id, &[]));
        }
        if alarm.kind.shows_comune_page() && alarm.kind != safety::Kind::Help {
            self.say(text, Vec::new(), None);
            self.emergency();
        } else if handoff.is_some() {
            self.say(text, Vec::new(), None);
        } else if alarm.kind == safety::Kind::Help {
            self.say(text, Vec::new(), None);
            self.main_menu();
        } else {
            self.offer(text, &[CHOICE_MENU, CHOICE_OPERATOR]);
        }
    }

    /// The Comuni's netiquette: insults, threats and spam are answered soberly once, then the
    /// bot goes on helping; repeated abuse pauses it for a while; threats reach the operators.
    /// Returns whether the message was dealt with.
    fn netiquette(&mut self, text: &str, conduct: intents::Conduct) -> bool {
        let now = self.now.timestamp();
        if let Some(until) = self.state.abuse.as_ref().and_then(|a| a.paused_until) {
            if now < until {
                // Paused: silence (emergencies were answered before this point).
                return true;
            }
            self.state.abuse = None;
        }
        if conduct == intents::Conduct::Fine {
            return false;
        }
        let window = ABUSE_WINDOW_MINUTES * 60;
        let abuse = match self.state.abuse.take() {
            Some(a) if now - a.since <= window => Abuse {
                count: a.count.saturating_add(1),
                ..a
            },
            _ => Abuse {
                count: 1,
                since: now,
                paused_until: None,
            },
        };
        let first = abuse.count == 1;
        let pause = abuse.count >= ABUSE_LIMIT;
        self.state.abuse = Some(Abuse {
            paused_until: pause.then_some(now + COOLDOWN_MINUTES * 60),
            ..abuse
        });
        if conduct == intents::Conduct::Threat {
            self.say(self.t("civility-netiquette", &[]), Vec::new(), None);
            let office = self.flows.default_office().to_string();
            self.handoff(office, HandoffReason::Threat);
            return true;
        }
        if pause {
            self.say(self.t("civility-cooldown", &[]), Vec::new(), None);
            return true;
        }
        if first {
            self.say(self.t("civility-netiquette", &[]), Vec::new(), None);
        }
        // Go on helping when the message also asks something the flows answer.
        match self.route(text) {
            matcher::Verdict::Clear(at) if !self.flows.step(at).1.end => self.show(at),
            _ => {
                if !first {
                    self.say(self.t("civility-netiquette", &[]), Vec::new(), None);
                }
            }
        }
        true
    }

    /// After an edit of the flows, a conversation may stand at a step that no longer exists:
    /// it is brought back to its flow's start (or the main menu), with a word of explanation.
    fn restart_if_stale(&mut self) -> bool {
        if self.state.flow.is_none() || self.current().is_some() {
            return false;
        }
        let start = self
            .state
            .flow
            .as_deref()
            .and_then(|f| self.flows.find(f, None));
        self.say(self.t("common-flows-updated", &[]), Vec::new(), None);
        match start {
            Some(at) => self.show(at),
            None => self.main_menu(),
        }
        true
    }

    /// The options offered by the last message, as (id, label).
    fn offered(&self) -> Vec<(String, String)> {
        match &self.state.pending {
            Pending::Suggestions { targets } => {
                let mut out: Vec<(String, String)> = (1..=targets.len())
                    .map(|i| format!("{SUGGESTION_PREFIX}{i}"))
                    .zip(
                        targets
                            .iter()
                            .filter_map(|k| self.flows.resolve_key(k))
                            .map(|at| self.step_title(at)),
                    )
                    .collect();
                out.push((CHOICE_NONE.into(), self.t("common-none-of-these", &[])));
                out
            }
            Pending::Language => Lang::ALL
                .iter()
                .map(|l| {
                    (
                        l.code().to_string(),
                        self.t(&format!("common-language-{}", l.code()), &[]),
                    )
                })
                .collect(),
            Pending::Rating => (1..=5).map(|n| (n.to_string(), n.to_string())).collect(),
            Pending::Options { ids } => ids
                .iter()
                .filter_map(|id| Some((id.clone(), self.t(engine_label(id)?, &[]))))
                .collect(),
            Pending::Erase => vec![
                (CHOICE_YES.into(), self.t("common-erase-yes", &[])),
                (CHOICE_NO.into(), self.t("common-erase-no", &[])),
            ],
            Pending::Nothing => match self.current() {
                Some(at) => self
                    .flows
                    .step(at)
                    .1
                    .choices
                    .iter()
                    .map(|c| (c.id.clone(), self.t(&c.label.text, &[])))
                    .collect(),
                None => Vec::new(),
            },
        }
    }

    /// A typed option: its number, or its label.
    fn typed_choice(&self, text: &str) -> Option<String> {
        let offered = self.offered();
        let wanted = text.trim_end_matches(['.', ')']);
        if let Ok(n) = wanted.parse::<usize>() {
            return n
                .checked_sub(1)
                .and_then(|i| offered.get(i))
                .map(|(id, _)| id.clone());
        }
        let folded = matcher::fold(text);
        offered
            .into_iter()
            .find(|(_, label)| matcher::fold(label) == folded)
            .map(|(id, _)| id)
    }

    fn step_title(&self, at: StepRef) -> String {
        let (flow, step) = self.flows.step(at);
        let id = step.title.as_ref().unwrap_or(&flow.title);
        self.t(&id.text, &[])
    }

    fn command(&mut self, command: Command, argument: Option<&str>) {
        if let Some(office) = self.in_handoff() {
            match command {
                Command::Cancel => {
                    self.state.mode = Mode::Bot;
                    self.state.taken = false;
                    self.state.told_waiting = None;
                    self.effects.push(Effect::HandoffCancelled { office });
                    self.say(self.t("common-handoff-cancelled", &[]), Vec::new(), None);
                    self.main_menu();
                }
                Command::Emergency => {
                    self.effects.push(Effect::ToOperator {
                        office,
                        urgent: true,
                    });
                    self.emergency();
                }
                Command::Language => self.language(argument),
                // The notice is owed at any time, also while an operator has the case.
                Command::Privacy => {
                    self.privacy_notice_seen();
                    self.say(self.t("common-privacy-notice", &[]), Vec::new(), None)
                }
                // Access to one's data is owed at any time too.
                Command::Export => self.effects.push(Effect::ExportCitizen),
                _ => self.remind_waiting(true),
            }
            return;
        }
        match command {
            Command::Start | Command::Menu | Command::Cancel => self.main_menu(),
            Command::Help => self.help(),
            Command::Operator => {
                let office = self.current_office();
                self.handoff(office, HandoffReason::Asked);
            }
            Command::Emergency => self.emergency(),
            Command::Language => self.language(argument),
            Command::Source => self.source(),
            Command::Privacy => {
                self.privacy_notice_seen();
                self.offer(self.t("common-privacy-notice", &[]), &[CHOICE_MENU]);
            }
            // The store answers: it gathers the data in the same transaction.
            Command::Export => self.effects.push(Effect::ExportCitizen),
            Command::Erase => {
                self.state.pending = Pending::Erase;
                let choices = vec![
                    self.engine_choice(CHOICE_YES, "common-erase-yes"),
                    self.engine_choice(CHOICE_NO, "common-erase-no"),
                ];
                self.say(self.t("common-erase-confirm", &[]), choices, None);
            }
        }
    }

    /// A typed answer to the question pending, in the citizen's own words: a rating ("3, però
    /// ci avete messo tanto", "ottimo") or a yes or no ("sì", "confermo"). Returns whether the
    /// message was that answer.
    fn pending_answer(&mut self, text: &str) -> bool {
        match self.state.pending {
            Pending::Rating => match answers::rating(text) {
                Some((score, comment)) => {
                    self.state.pending = Pending::Nothing;
                    self.rated(score, comment);
                    true
                }
                None => false,
            },
            Pending::Erase => match answers::yes_no(text) {
                Some(yes) => {
                    self.state.pending = Pending::Nothing;
                    self.erase(yes);
                    true
                }
                None => false,
            },
            _ => false,
        }
    }

    fn rated(&mut self, score: u8, comment: Option<String>) {
        self.effects.push(Effect::Rated { score, comment });
        let choices = vec![self.engine_choice(CHOICE_MENU, "common-main-menu")];
        self.say(self.t("handoff-rated", &[]), choices, None);
    }

    fn erase(&mut self, confirmed: bool) {
        if !confirmed {
            self.say(self.t("common-erase-cancelled", &[]), Vec::new(), None);
            return self.reshow();
        }
        // The engine reads no randomness: the time in microseconds, in base 36, is unique
        // enough for a receipt the citizen quotes to the DPO, and the audit row keeps it.
        let receipt = format!("E{}", base36(self.now.timestamp_micros().unsigned_abs()));
        let notice = self.state.notice.take();
        self.state = State::new(Some(self.state.lang));
        // The store forgets the version with everything else; no notice in the receipt turn,
        // and no greeting at the head of the receipt.
        self.state.notice = notice;
        self.state.greeted = true;
        self.effects.push(Effect::EraseCitizen {
            receipt: receipt.clone(),
        });
        self.say(
            self.t("common-erase-done", &[("receipt", &receipt)]),
            Vec::new(),
            None,
        );
    }

    /// The first answer of a conversation to a question (a step of the flows, a hand-off)
    /// opens with a greeting of the hour ("Buongiorno", "Buonasera", Rome time), as the
    /// Comuni's style asks. An emergency answer does not wait for courtesies, thanks are
    /// answered with thanks, and the engine's own notices (a photo, help) are no answer.
    /// An image before the text keeps its caption: the greeting opens the text.
    fn greet(&mut self) {
        if self.state.greeted || !self.fresh || self.urgent || !self.answered || self.thanked {
            return;
        }
        let Some(first) = self.replies.iter_mut().find(|r| r.image.is_none()) else {
            return;
        };
        let hour = self.now.with_timezone(&TIME_ZONE).hour();
        let part = if (GREETING_DAY_FROM..GREETING_EVENING_FROM).contains(&hour) {
            "day"
        } else {
            "evening"
        };
        let greeting =
            self.flows
                .locales
                .text(self.state.lang, "common-greeting", &[("part", part)]);
        first.text = format!("{greeting}\n{}", first.text);
        self.state.greeted = true;
    }

    /// The full notice shown counts as the short one.
    fn privacy_notice_seen(&mut self) {
        self.state.notice = Some(self.flows.privacy_notice_version.clone());
    }

    /// The short notice (GDPR Art. 13) to a citizen who has not seen the current version:
    /// after the answer, so a citizen in a hurry reads what they asked first; and not in an
    /// emergency turn, which gets the emergency numbers and nothing else (the notice comes
    /// with the next message).
    fn privacy_notice(&mut self) {
        if self.urgent
            || self.state.notice.as_deref() == Some(self.flows.privacy_notice_version.as_str())
            || self.state.flow.as_deref() == Some(self.flows.emergency_flow().id.as_str())
        {
            return;
        }
        self.privacy_notice_seen();
        self.say(self.t("common-privacy-short", &[]), Vec::new(), None);
    }

    fn help(&mut self) {
        self.offer(self.t("common-help", &[]), &[CHOICE_MENU, CHOICE_OPERATOR]);
    }

    /// Says `text` with options of the engine's own (see [`engine_label`]); a typed number
    /// then picks from these.
    fn offer(&mut self, text: String, ids: &[&str]) {
        let choices = ids
            .iter()
            .filter_map(|id| Some(self.engine_choice(id, engine_label(id)?)))
            .collect();
        self.state.pending = Pending::Options {
            ids: ids.iter().map(|id| id.to_string()).collect(),
        };
        self.say(text, choices, None);
    }

    fn main_menu(&mut self) {
        if let Some(at) = self.flows.find(MAIN_FLOW, None) {
            self.show(at);
        }
    }

    fn emergency(&mut self) {
        let id = self.flows.emergency_flow().id.clone();
        if let Some(at) = self.flows.find(&id, None) {
            self.show(at);
        }
    }

    fn language(&mut self, argument: Option<&str>) {
        if let Some(lang) = argument.and_then(Lang::from_tag) {
            self.set_language(lang);
            return;
        }
        self.state.pending = Pending::Language;
        let choices = Lang::ALL
            .iter()
            .map(|l| self.engine_choice(l.code(), &format!("common-language-{}", l.code())))
            .collect();
        self.say(self.t("common-language-choose", &[]), choices, None);
    }

    fn set_language(&mut self, lang: Lang) {
        self.state.lang = lang;
        self.state.pending = Pending::Nothing;
        self.say(self.t("common-language-set", &[]), Vec::new(), None);
        self.reshow();
    }

    /// The office competent for where the citizen is, else the default one.
    fn current_office(&self) -> String {
        self.current()
            .and_then(|at| self.flows.step(at).0.office.as_ref())
            .map_or_else(
                || self.flows.default_office().to_string(),
                |o| o.text.clone(),
            )
    }

    /// Shows the current step again (or the main menu when there is none).
    fn reshow(&mut self) {
        match self.current() {
            Some(at) => self.show(at),
            None => self.main_menu(),
        }
    }

    fn choice(&mut self, id: &str, at: Option<&str>) {
        if let Some(office) = self.in_handoff() {
            self.effects.push(Effect::ToOperator {
                office,
                urgent: false,
            });
            self.remind_waiting(false);
            return;
        }
        if at.is_none() && self.restart_if_stale() {
            return;
        }
        let pending = std::mem::take(&mut self.state.pending);
        match (&pending, at) {
            (Pending::Suggestions { targets }, None) => {
                if id == CHOICE_NONE {
                    self.effects.push(Effect::NotUnderstood {
                        reason: MissReason::Refused,
                    });
                    return self.out_of_scope();
                }
                let picked = id
                    .strip_prefix(SUGGESTION_PREFIX)
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| targets.get(n.checked_sub(1)?))
                    .and_then(|k| self.flows.resolve_key(k));
                if let Some(target) = picked {
                    return self.show(target);
                }
            }
            (Pending::Erase, None) if id == CHOICE_YES || id == CHOICE_NO => {
                return self.erase(id == CHOICE_YES);
            }
            (Pending::Rating, None) => {
                if let Some(score) = id.parse::<u8>().ok().filter(|n| (1..=5).contains(n)) {
                    return self.rated(score, None);
                }
            }
            (Pending::Language, None) => {
                if let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == id) {
                    return self.set_language(lang);
                }
            }
            _ => {}
        }
        let origin = match at {
            Some(key) => self.flows.resolve_key(key),
            None => self.current(),
        };
        let found = origin.and_then(|o| {
            self.flows
                .step(o)
                .1
                .choices
                .iter()
                .find(|c| c.id == id)
                .map(|c| (o, c.clone()))
        });
        match (found, id) {
            (Some((origin, choice)), _) => self.act(origin, &choice),
            (None, CHOICE_MENU) => self.main_menu(),
            (None, CHOICE_OPERATOR) => {
                let office = self.current_office();
                self.handoff(office, HandoffReason::Asked);
            }
            (None, _) => {
                self.state.pending = pending;
                self.say(self.t("common-choice-expired", &[]), Vec::new(), None);
                self.reshow();
            }
        }
    }

    fn act(&mut self, origin: StepRef, choice: &Choice) {
        match &choice.action {
            Action::Goto { flow, step, .. } => {
                if let Some(target) = self.flows.find(flow, step.as_deref()) {
                    self.show(target);
                }
            }
            Action::Handoff(office) => self.handoff(office.text.clone(), HandoffReason::Flow),
            Action::Link(url) => {
                let text = self.t("common-source", &[("url", &url.text)]);
                let choices = self.step_choices(origin);
                self.say(text, choices, Some(self.flows.key(origin)));
            }
            Action::Deadlines(tag) => {
                let text = self.deadlines(&[tag.text.as_str()]);
                let choices = self.step_choices(origin);
                self.say(text, choices, Some(self.flows.key(origin)));
            }
            Action::End => self.end(),
        }
    }

    fn end(&mut self) {
        self.state.flow = None;
        self.state.step = None;
        self.state.misses = 0;
        self.effects.push(Effect::Ended);
        self.say(self.t("common-goodbye", &[]), Vec::new(), None);
    }

    fn step_choices(&self, at: StepRef) -> Vec<ChoiceView> {
        let (_, step) = self.flows.step(at);
        step.choices
            .iter()
            .map(|c| ChoiceView {
                id: c.id.clone(),
                label: self.t(&c.label.text, &[]),
                url: match &c.action {
                    Action::Link(url) => Some(url.text.clone()),
                    _ => None,
                },
            })
            .collect()
    }

    /// Moves to a step and says it: its text, its deadlines, its source, its options.
    fn show(&mut self, at: StepRef) {
        let (flow, step) = self.flows.step(at);
        let key = self.flows.key(at);
        self.state.flow = Some(flow.id.clone());
        self.state.step = Some(step.id.clone());
        self.state.misses = 0;
        self.state.pending = Pending::Nothing;
        self.answered = true;
        self.state.path.push(key.clone());
        if self.state.path.len() > PATH_LEN {
            self.state.path.remove(0);
        }
        let mut text = self.t(&step.say.text, &[]);
        if !step.deadlines.is_empty() {
            let tags: Vec<&str> = step.deadlines.iter().map(|t| t.text.as_str()).collect();
            text.push_str("\n\n");
            text.push_str(&self.deadlines(&tags));
        }
        if flow.show_source
            && let Some(line) = self.source_line(step)
        {
            text.push_str("\n\n");
            text.push_str(&line);
        }
        if let Some(image) = &step.image {
            let alt = self.t(&image.alt.text, &[]);
            self.replies.push(Reply {
                text: self.t("common-image", &[("alt", &alt)]),
                image: Some(Image {
                    file: image.file.text.clone(),
                    alt,
                }),
                ..Reply::default()
            });
        }
        let choices = self.step_choices(at);
        self.say(text, choices, Some(key));
        if let Some(office) = &step.handoff {
            self.handoff(office.text.clone(), HandoffReason::Flow);
        } else if step.end {
            self.state.flow = None;
            self.state.step = None;
            self.effects.push(Effect::Ended);
        }
    }

    /// "Fonte: URL — verificato il 20 novembre 2026", or without the date when the step has
    /// none; `None` for a step without a source.
    fn source_line(&self, step: &crate::flows::Step) -> Option<String> {
        let url = &step.source.as_ref()?.text;
        Some(match step.verified {
            Some(v) => {
                let date = self.date(v.date);
                self.t("common-source-verified", &[("url", url), ("date", &date)])
            }
            None => self.t("common-source", &[("url", url)]),
        })
    }

    /// `/fonte`: the source of the step shown last, with that step's options again.
    fn source(&mut self) {
        let Some(at) = self.current() else {
            return self.offer(self.t("common-source-none", &[]), &[CHOICE_MENU]);
        };
        let (_, step) = self.flows.step(at);
        let text = self
            .source_line(step)
            .unwrap_or_else(|| self.t("common-source-none", &[]));
        let choices = self.step_choices(at);
        self.say(text, choices, Some(self.flows.key(at)));
    }

    fn deadlines(&self, tags: &[&str]) -> String {
        let today = self.now.with_timezone(&TIME_ZONE).date_naive();
        let upcoming = self.flows.upcoming(tags, today);
        if upcoming.is_empty() {
            return self.t("common-deadlines-none", &[]);
        }
        let mut text = self.t("common-deadlines-header", &[]);
        for d in upcoming.into_iter().take(DEADLINES_SHOWN) {
            let date = self.date(d.date);
            let title = self.t(&d.title.text, &[]);
            text.push('\n');
            text.push_str(&self.t(
                "common-deadline-line",
                &[("date", &date), ("title", &title)],
            ));
        }
        text
    }

    fn date(&self, date: chrono::NaiveDate) -> String {
        date_text(self.flows, self.state.lang, date)
    }

    fn handoff(&mut self, office: String, reason: HandoffReason) {
        self.state.pending = Pending::Nothing;
        self.state.misses = 0;
        let text = self.office_text(&office, "common-handoff-open", "common-handoff-closed");
        self.state.mode = Mode::Handoff {
            office: office.clone(),
        };
        self.state.taken = false;
        self.state.told_waiting = Some(self.now.timestamp());
        self.answered = true;
        self.effects.push(Effect::Handoff { office, reason });
        self.say(text, Vec::new(), None);
    }

    /// A text about `office` in its state now: `open` (with `$office`) while it is open,
    /// `closed` (with `$office` and `$opens`) while it is closed, and `common-handoff-never`
    /// for an office without opening hours.
    fn office_text(&self, office: &str, open: &str, closed: &str) -> String {
        let (name, schedule) = match self.flows.office(office) {
            Some(o) => (self.t(&o.name.text, &[]), Some(&o.schedule)),
            None => (office.to_string(), None),
        };
        match schedule.map(|s| (s.is_open(self.now), s.next_opening(self.now))) {
            Some((true, _)) => self.t(open, &[("office", &name)]),
            Some((false, Some(opens))) => {
                let opens = opening(self.flows, self.state.lang, opens);
                self.t(closed, &[("office", &name), ("opens", &opens)])
            }
            _ => self.t("common-handoff-never", &[("office", &name)]),
        }
    }

    /// During a hand-off: once an operator has the case, the bot keeps silent; while nobody
    /// has taken it, a citizen who writes is reminded that it waits (with the office closed,
    /// when it opens) at most once every [`REMIND_WAITING_MINUTES`]. A command (`asked`)
    /// always gets an answer.
    fn remind_waiting(&mut self, asked: bool) {
        let Some(office) = self.in_handoff() else {
            return;
        };
        let now = self.now.timestamp();
        let due = self
            .state
            .told_waiting
            .is_none_or(|t| now - t >= REMIND_WAITING_MINUTES * 60);
        if !asked && (self.state.taken || !due) {
            return;
        }
        let text = if self.state.taken {
            self.t("common-handoff-taken", &[])
        } else {
            self.state.told_waiting = Some(now);
            self.office_text(
                &office,
                "common-handoff-waiting",
                "common-handoff-waiting-closed",
            )
        };
        self.say(text, Vec::new(), None);
    }

    fn free_text(&mut self, text: &str) {
        match self.route(text) {
            matcher::Verdict::Clear(at) => self.show(at),
            matcher::Verdict::Close(targets) => {
                let keys: Vec<String> = targets.iter().map(|&t| self.flows.key(t)).collect();
                let mut choices: Vec<ChoiceView> = targets
                    .iter()
                    .enumerate()
                    .map(|(i, &t)| ChoiceView {
                        id: format!("{SUGGESTION_PREFIX}{}", i + 1),
                        label: self.step_title(t),
                        url: None,
                    })
                    .collect();
                choices.push(self.engine_choice(CHOICE_NONE, "common-none-of-these"));
                self.state.pending = Pending::Suggestions { targets: keys };
                self.say(self.t("common-did-you-mean", &[]), choices, None);
            }
            matcher::Verdict::Miss { best } => {
                self.state.misses = self.state.misses.saturating_add(1);
                let reason = if self.state.misses >= 2 {
                    MissReason::Handoff
                } else {
                    MissReason::OutOfScope
                };
                self.effects.push(Effect::NotUnderstood { reason });
                if self.state.misses >= 2 {
                    let office = best
                        .and_then(|at| self.flows.step(at).0.office.as_ref())
                        .map_or_else(
                            || self.flows.default_office().to_string(),
                            |o| o.text.clone(),
                        );
                    self.handoff(office, HandoffReason::NotUnderstood);
                } else {
                    self.out_of_scope();
                }
            }
        }
    }

    /// Where free text goes: [`route`], from the current state's point of view.
    fn route(&self, text: &str) -> matcher::Verdict<StepRef> {
        route(self.flows, text)
    }

    /// A question with no good match: the default office's contacts, the menu and a person.
    fn out_of_scope(&mut self) {
        let office = self.flows.office(self.flows.default_office());
        let name = office.map_or_else(String::new, |o| self.t(&o.name.text, &[]));
        let contacts = office
            .map(|o| {
                let phone = o.contacts.phone.clone().unwrap_or_default();
                let email = o.contacts.email.clone().unwrap_or_default();
                self.t(
                    "common-out-of-scope-contacts",
                    &[("phone", &phone), ("email", &email)],
                )
            })
            .unwrap_or_default();
        let text = self.t(
            "common-out-of-scope",
            &[("office", &name), ("contacts", &contacts)],
        );
        self.offer(text, &[CHOICE_MENU, CHOICE_OPERATOR]);
    }
}

/// The label of an option the engine itself offers.
fn engine_label(id: &str) -> Option<&'static str> {
    match id {
        CHOICE_MENU => Some("common-main-menu"),
        CHOICE_OPERATOR => Some("common-operator"),
        _ => None,
    }
}

// Routing bands, set on the development set (`flows/eval/dev.txt`) and checked on the
// held-out set, which no tuning looks at. Two signals meet: the classifier's probability that
// the question is about a flow, and the matcher's score of that flow's best step (in the
// matcher's units, where a fully matched trigger scores about 1.5).
/// A flow the classifier gives this probability goes straight to its best step...
const ROUTE_CLEAR_P: f32 = 0.5;
/// ...when the matcher also finds this much evidence in that flow.
const ROUTE_CLEAR_SCORE: f32 = 0.9;
/// A step the matcher scores this much goes straight, when the classifier agrees on its flow.
const ROUTE_MATCHER_CLEAR: f32 = 1.0;
/// A step the matcher scores this much, this far ahead of every other flow, goes straight
/// whatever the classifier says.
const ROUTE_MATCHER_SURE: f32 = 1.5;
const ROUTE_MATCHER_RATIO: f32 = 2.0;
/// A flow the classifier is this sure of goes straight on weaker matcher evidence.
const ROUTE_SURE_P: f32 = 0.7;
const ROUTE_SURE_SCORE: f32 = 0.3;
/// Below this probability, or this matcher score, nothing is offered: out of scope.
const ROUTE_CLOSE_P: f32 = 0.4;
const ROUTE_CLOSE_SCORE: f32 = 1.0;
/// Rivals offered in "did you mean" have at least this fraction of the best probability.
const ROUTE_BAND: f32 = 0.5;
/// A question the classifier gives this probability of being one the Comune does not answer
/// here (`out-of-scope.yaml`), more than any flow, is out of scope unless an editor's trigger
/// matches it outright.
const ROUTE_OUT_P: f32 = 0.4;

/// Where free text goes. Free text never does what only a tap should: a step that ends the
/// conversation is reached only by a message that is exactly one of its triggers, and the
/// main menu and such steps are never offered as "did you mean".
pub fn route(flows: &FlowSet, text: &str) -> matcher::Verdict<StepRef> {
    match route_topics(flows, text) {
        // "Buongiorno, sono Mario Rossi": a greeting with nothing the flows know is a greeting.
        matcher::Verdict::Miss { .. } if intents::greets(text) => {
            match flows.find(MAIN_FLOW, None) {
                Some(at) => matcher::Verdict::Clear(at),
                None => matcher::Verdict::Miss { best: None },
            }
        }
        verdict => verdict,
    }
}

fn route_topics(flows: &FlowSet, text: &str) -> matcher::Verdict<StepRef> {
    let closing = |at: StepRef| flows.step(at).1.end;
    // A message that is exactly a trigger an editor wrote ("buongiorno", "residenza") is clear.
    if let Some(at) = flows.exact_trigger(text) {
        return matcher::Verdict::Clear(at);
    }
    // Only greetings, thanks and politeness: where one of its words leads ("grazie"), else
    // the main menu; never to a step that ends the conversation.
    if intents::only_courtesy(text) {
        let word_step = matcher::fold(text)
            .split(' ')
            .filter_map(|w| flows.exact_trigger(w))
            .find(|&at| !closing(at));
        return match word_step.or_else(|| flows.find(MAIN_FLOW, None)) {
            Some(at) => matcher::Verdict::Clear(at),
            None => matcher::Verdict::Miss { best: None },
        };
    }
    let (matches, _) = flows.index.rank(text);
    let ranked: Vec<(StepRef, f32)> = matches
        .into_iter()
        .filter(|m| !closing(m.target))
        .map(|m| (m.target, m.score))
        .collect();
    let probs = flows.classifier.predict(text);
    let mut by_prob: Vec<usize> = (0..flows.flows.len()).collect();
    by_prob.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
    // The step of a flow the question goes to: the matcher's best there, else the flow's start.
    let step_of = |flow: usize| -> Option<(StepRef, f32)> {
        ranked
            .iter()
            .find(|(at, _)| at.flow == flow)
            .copied()
            .or_else(|| flows.find(&flows.flows[flow].id, None).map(|at| (at, 0.0)))
    };
    let Some(&first) = by_prob.first() else {
        return matcher::Verdict::Miss { best: None };
    };
    let p1 = probs[first];
    let top = ranked.first().copied();
    // The classifier puts the question among those the Comune does not answer here.
    let outside = flows
        .out_class()
        .is_some_and(|out| probs[out] >= ROUTE_OUT_P && probs[out] > p1);
    if let Some((at, score)) = step_of(first)
        && p1 >= ROUTE_CLEAR_P
        && score >= ROUTE_CLEAR_SCORE
        && !outside
    {
        return matcher::Verdict::Clear(at);
    }
    if let Some((at, score)) = top
        && at.flow == first
        && score >= ROUTE_MATCHER_CLEAR
        && !outside
    {
        return matcher::Verdict::Clear(at);
    }
    let rival = ranked
        .iter()
        .find(|(at, _)| top.is_some_and(|(t, _)| t.flow != at.flow))
        .map_or(0.0, |r| r.1);
    if let Some((at, score)) = top
        && score >= ROUTE_MATCHER_SURE
        && score >= ROUTE_MATCHER_RATIO * rival
    {
        return matcher::Verdict::Clear(at);
    }
    let best = top.map(|(at, _)| at);
    if outside {
        return matcher::Verdict::Miss { best };
    }
    if let Some((at, score)) = step_of(first)
        && p1 >= ROUTE_SURE_P
        && score >= ROUTE_SURE_SCORE
    {
        return matcher::Verdict::Clear(at);
    }
    if p1 < ROUTE_CLOSE_P || top.is_none_or(|(_, s)| s < ROUTE_CLOSE_SCORE) {
        return matcher::Verdict::Miss { best };
    }
    let offered: Vec<StepRef> = by_prob
        .iter()
        .filter(|&&f| probs[f] >= ROUTE_BAND * p1 && flows.flows[f].id != MAIN_FLOW)
        .take(3)
        .filter_map(|&f| step_of(f).map(|(at, _)| at))
        .collect();
    match offered.as_slice() {
        [_, _, ..] => matcher::Verdict::Close(offered),
        _ => matcher::Verdict::Miss { best },
    }
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
