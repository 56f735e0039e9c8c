//! A turn of the conversation: reading the input (commands, emergencies, conduct, pending
//! answers), greeting, the privacy notice and the engine's own options.

use chrono::{DateTime, Timelike, Utc};

use super::commands::Command;
use super::{
    ABUSE_LIMIT, ABUSE_WINDOW_MINUTES, Abuse, CHOICE_MENU, CHOICE_NO, CHOICE_NONE, CHOICE_OPERATOR,
    CHOICE_YES, COOLDOWN_MINUTES, ChoiceView, Effect, GREETING_DAY_FROM, GREETING_EVENING_FROM,
    HandoffReason, Input, MAX_REPLY_CHARS, MAX_TEXT_CHARS, Mode, Pending, Reply, SUGGESTION_PREFIX,
    State, Turn, answers, base36, intents, safety, split_text,
};
use crate::calendar::TIME_ZONE;
use crate::flows::{FlowSet, MAIN_FLOW, StepRef};
use crate::i18n::Lang;
use crate::text::matcher;

impl<'a> Turn<'a> {
    pub(super) fn new(state: &State, flows: &'a FlowSet, now: DateTime<Utc>) -> Turn<'a> {
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

    pub(super) fn t(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.flows.locales.text(self.state.lang, id, args)
    }

    /// Queues a message; one too long for a chat message goes out in parts, with the options
    /// on the last.
    pub(super) fn say(&mut self, text: String, choices: Vec<ChoiceView>, at: Option<String>) {
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

    pub(super) fn engine_choice(&self, id: &str, label: &str) -> ChoiceView {
        ChoiceView {
            id: id.to_string(),
            label: self.t(label, &[]),
            url: None,
        }
    }

    pub(super) fn current(&self) -> Option<StepRef> {
        self.flows.find(
            self.state.flow.as_deref()?,
            Some(self.state.step.as_deref()?),
        )
    }

    pub(super) fn in_handoff(&self) -> Option<String> {
        match &self.state.mode {
            Mode::Handoff { office } => Some(office.clone()),
            Mode::Bot => None,
        }
    }

    /// In a hand-off, what the citizen sent goes to the operator, and the citizen is told they
    /// are waiting (at most so often); whether it did.
    pub(super) fn pass_to_operator(&mut self) -> bool {
        let Some(office) = self.in_handoff() else {
            return false;
        };
        self.effects.push(Effect::ToOperator {
            office,
            urgent: self.urgent,
        });
        self.remind_waiting(false);
        true
    }

    pub(super) fn input(&mut self, input: &Input) {
        match input {
            Input::Text { text } => self.text(text),
            Input::Choice { id, at } => self.choice(id, at.as_deref()),
            Input::Location { .. } | Input::Photo { .. } | Input::Unsupported { .. } => {
                // The operator can look at what the citizen sent.
                if !self.pass_to_operator() {
                    let choices = vec![self.engine_choice(CHOICE_MENU, "common-main-menu")];
                    self.say(self.t("common-unsupported-input", &[]), choices, None);
                }
            }
        }
    }

    pub(super) fn text(&mut self, text: &str) {
        let text = text.trim();
        self.thanked = intents::only_courtesy(text) && !intents::greets(text);
        // Safety first: in any state, however long the message.
        if let Some(alarm) = safety::assess(text) {
            if alarm.sure {
                return self.alarm(&alarm);
            }
            self.caution(alarm.kind);
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
        if self.pass_to_operator() {
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
        if self.netiquette(text, reading) {
            return;
        }
        if reading.person {
            return self.hand_to_person(text);
        }
        self.free_text(text);
    }

    /// A person asked for in words: the office of the topic the message names, if any, else
    /// the current one.
    fn hand_to_person(&mut self, text: &str) {
        let office = match self.route(text) {
            matcher::Verdict::Clear(at) => self.flows.step(at).0.office.as_ref(),
            _ => None,
        }
        .map_or_else(|| self.current_office(), |o| o.text.clone());
        self.handoff(office, HandoffReason::Asked);
    }

    /// Answers a person in danger: the numbers for their kind of danger first, in their
    /// language (and in the language of their words when it differs), then the Comune's own
    /// emergency page or the way on.
    pub(super) fn alarm(&mut self, alarm: &safety::Alarm) {
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

    /// A danger only possible: the numbers in one line first, then the usual answer. The
    /// reply goes first in the queue and an operator in a hand-off sees the message as urgent.
    fn caution(&mut self, danger: safety::Kind) {
        self.effects.push(Effect::PossibleEmergency { danger });
        self.urgent = true;
        self.say(self.t(danger.caution(), &[]), Vec::new(), None);
    }

    /// The Comuni's netiquette: insults, threats and spam are answered soberly once, then the
    /// bot goes on helping; repeated abuse pauses it for a while; threats reach the operators.
    /// Returns whether the message was dealt with.
    pub(super) fn netiquette(&mut self, text: &str, reading: intents::Reading) -> bool {
        let conduct = reading.conduct;
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
        // Go on helping when the message also asks for a person ("useless bot, get me a
        // person") or something the flows answer.
        if reading.person {
            self.hand_to_person(text);
            return true;
        }
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
    pub(super) fn restart_if_stale(&mut self) -> bool {
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
    pub(super) fn offered(&self) -> Vec<(String, String)> {
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
            Pending::Topics => self.topic_options(),
            Pending::Erase => vec![
                (CHOICE_YES.into(), self.t("common-erase-yes", &[])),
                (CHOICE_NO.into(), self.t("common-erase-no", &[])),
            ],
            Pending::RememberZone { .. } => vec![
                (CHOICE_YES.into(), self.t("raccolta-ricordare-si", &[])),
                (CHOICE_NO.into(), self.t("raccolta-ricordare-no", &[])),
            ],
            Pending::Nothing | Pending::Address => match self.current() {
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
    pub(super) fn typed_choice(&self, text: &str) -> Option<String> {
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

    pub(super) fn step_title(&self, at: StepRef) -> String {
        let (flow, step) = self.flows.step(at);
        let id = step.title.as_ref().unwrap_or(&flow.title);
        self.t(&id.text, &[])
    }

    pub(super) fn command(&mut self, command: Command, argument: Option<&str>) {
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
                // And so is withdrawing consent.
                Command::Stop => self.stop_all(),
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
            Command::Calendar => self.calendar(),
            Command::Alerts => self.topics_screen(None),
            Command::Stop => self.stop_all(),
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
    pub(super) fn pending_answer(&mut self, text: &str) -> bool {
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
            Pending::RememberZone { ref zone } => match answers::yes_no(text) {
                Some(yes) => {
                    let zone = zone.clone();
                    self.remember_zone(zone, yes);
                    true
                }
                None => false,
            },
            Pending::Address => self.address_answer(text),
            _ => false,
        }
    }

    pub(super) fn rated(&mut self, score: u8, comment: Option<String>) {
        self.effects.push(Effect::Rated { score, comment });
        let choices = vec![self.engine_choice(CHOICE_MENU, "common-main-menu")];
        self.say(self.t("handoff-rated", &[]), choices, None);
    }

    pub(super) fn erase(&mut self, confirmed: bool) {
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
    pub(super) fn greet(&mut self) {
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
    pub(super) fn privacy_notice_seen(&mut self) {
        self.state.notice = Some(self.flows.privacy_notice_version.clone());
    }

    /// The short notice (GDPR Art. 13) to a citizen who has not seen the current version:
    /// after the answer, so a citizen in a hurry reads what they asked first; and not in an
    /// emergency turn, which gets the emergency numbers and nothing else (the notice comes
    /// with the next message).
    pub(super) fn privacy_notice(&mut self) {
        if self.urgent
            || self.state.notice.as_deref() == Some(self.flows.privacy_notice_version.as_str())
            || self.state.flow.as_deref() == Some(self.flows.emergency_flow().id.as_str())
        {
            return;
        }
        self.privacy_notice_seen();
        self.say(self.t("common-privacy-short", &[]), Vec::new(), None);
    }

    pub(super) fn help(&mut self) {
        self.offer(self.t("common-help", &[]), &[CHOICE_MENU, CHOICE_OPERATOR]);
    }

    /// Says `text` with options of the engine's own (see [`engine_label`]); a typed number
    /// then picks from these.
    pub(super) fn offer(&mut self, text: String, ids: &[&str]) {
        let choices = ids
            .iter()
            .filter_map(|id| Some(self.engine_choice(id, engine_label(id)?)))
            .collect();
        self.state.pending = Pending::Options {
            ids: ids.iter().map(|id| id.to_string()).collect(),
        };
        self.say(text, choices, None);
    }

    pub(super) fn main_menu(&mut self) {
        if let Some(at) = self.flows.find(MAIN_FLOW, None) {
            self.show(at);
        }
    }

    pub(super) fn emergency(&mut self) {
        let id = self.flows.emergency_flow().id.clone();
        if let Some(at) = self.flows.find(&id, None) {
            self.show(at);
        }
    }

    pub(super) fn language(&mut self, argument: Option<&str>) {
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

    pub(super) fn set_language(&mut self, lang: Lang) {
        self.state.lang = lang;
        self.state.pending = Pending::Nothing;
        self.say(self.t("common-language-set", &[]), Vec::new(), None);
        self.reshow();
    }

    /// The office competent for where the citizen is, else the default one.
    pub(super) fn current_office(&self) -> String {
        self.current()
            .and_then(|at| self.flows.step(at).0.office.as_ref())
            .map_or_else(
                || self.flows.default_office().to_string(),
                |o| o.text.clone(),
            )
    }

    /// Shows the current step again (or the main menu when there is none).
    pub(super) fn reshow(&mut self) {
        match self.current() {
            Some(at) => self.show(at),
            None => self.main_menu(),
        }
    }
}

/// The label of an option the engine itself offers.
pub(super) fn engine_label(id: &str) -> Option<&'static str> {
    match id {
        CHOICE_MENU => Some("common-main-menu"),
        CHOICE_OPERATOR => Some("common-operator"),
        _ => None,
    }
}
