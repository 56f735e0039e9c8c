//! Showing the flows: a chosen option, a step with its choices and sources, deadlines, the
//! hand-off to an office and the reminders while waiting.

use super::{
    CHOICE_MENU, CHOICE_NO, CHOICE_NONE, CHOICE_OPERATOR, CHOICE_YES, ChoiceView, DEADLINES_SHOWN,
    Effect, HandoffReason, Image, MissReason, Mode, PATH_LEN, Pending, REMIND_WAITING_MINUTES,
    Reply, SUGGESTION_PREFIX, Turn, date_text, opening,
};
use crate::calendar::TIME_ZONE;
use crate::flows::{Action, Choice, StepRef, TOPICS_AT};
use crate::i18n::Lang;

impl Turn<'_> {
    pub(super) fn choice(&mut self, id: &str, at: Option<&str>) {
        if self.pass_to_operator() {
            return;
        }
        // The buttons of `/avvisi` toggle their topic whenever they are tapped.
        let topics = match at {
            Some(at) => at == TOPICS_AT,
            None => self.state.pending == Pending::Topics,
        };
        if topics && self.topic_tapped(id) {
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
            (Pending::RememberZone { zone }, None) if id == CHOICE_YES || id == CHOICE_NO => {
                return self.remember_zone(zone.clone(), id == CHOICE_YES);
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

    pub(super) fn act(&mut self, origin: StepRef, choice: &Choice) {
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

    pub(super) fn end(&mut self) {
        self.state.flow = None;
        self.state.step = None;
        self.state.misses = 0;
        self.effects.push(Effect::Ended);
        self.say(self.t("common-goodbye", &[]), Vec::new(), None);
    }

    pub(super) fn step_choices(&self, at: StepRef) -> Vec<ChoiceView> {
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
    pub(super) fn show(&mut self, at: StepRef) {
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
        let asks_address = if step.collection {
            let (part, asks) = self.collection_part();
            if !part.is_empty() {
                text.push_str("\n\n");
                text.push_str(&part);
            }
            asks
        } else {
            false
        };
        let choices = self.step_choices(at);
        self.say(text, choices, Some(key));
        if asks_address {
            self.state.pending = Pending::Address;
        }
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
    pub(super) fn source_line(&self, step: &crate::flows::Step) -> Option<String> {
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
    pub(super) fn source(&mut self) {
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

    /// `/calendario`: every upcoming deadline in a calendar file the citizen's phone imports,
    /// with reminders a week and a day before each.
    pub(super) fn calendar(&mut self) {
        let today = self.now.with_timezone(&TIME_ZONE).date_naive();
        let upcoming = self.flows.upcoming_all(today);
        if upcoming.is_empty() {
            return self.offer(self.t("common-calendar-none", &[]), &[CHOICE_MENU]);
        }
        let content =
            crate::flows::ics::deadlines_calendar(self.flows, self.state.lang, &upcoming, self.now);
        let attachment = super::Attachment {
            filename: self.t("common-calendar-file", &[]),
            mime: "text/calendar".into(),
            content,
        };
        let count = upcoming.len().to_string();
        self.offer(
            self.t("common-calendar", &[("count", &count)]),
            &[CHOICE_MENU],
        );
        if let Some(reply) = self.replies.last_mut() {
            reply.attachment = Some(attachment);
        }
    }

    pub(super) fn deadlines(&self, tags: &[&str]) -> String {
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

    pub(super) fn date(&self, date: chrono::NaiveDate) -> String {
        date_text(self.flows, self.state.lang, date)
    }

    pub(super) fn handoff(&mut self, office: String, reason: HandoffReason) {
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
    pub(super) fn office_text(&self, office: &str, open: &str, closed: &str) -> String {
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
    pub(super) fn remind_waiting(&mut self, asked: bool) {
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
}
