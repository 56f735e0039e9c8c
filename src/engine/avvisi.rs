//! Subscriptions in the chat: the `/avvisi` screen with one toggle per topic of
//! `topics.yaml`, `/stop`, and the words of a deadline reminder. The engine decides; the
//! store writes the changes (`Effect::Subscribed`...) in the same transaction.

use chrono::NaiveDate;

use super::{CHOICE_MENU, ChoiceView, Effect, Pending, Reply, Turn, date_text};
use crate::flows::{Deadline, FlowSet, TOPICS_AT, Topic};
use crate::i18n::Lang;

impl Turn<'_> {
    /// `/avvisi`: every topic with whether the citizen receives it, and the consent text;
    /// `said` opens the message (what the last tap did).
    pub(super) fn topics_screen(&mut self, said: Option<String>) {
        if self.flows.topics.is_empty() {
            self.offer(self.t("avvisi-none", &[]), &[CHOICE_MENU]);
            return;
        }
        let lines: Vec<String> = self
            .flows
            .topics
            .iter()
            .map(|topic| {
                let label = self.t(&topic.label.text, &[]);
                let description = self.t(&topic.description.text, &[]);
                self.t(
                    "avvisi-topic-line",
                    &[("label", &label), ("description", &description)],
                )
            })
            .collect();
        let mut text = said.map(|s| format!("{s}\n\n")).unwrap_or_default();
        text.push_str(&self.t("avvisi-intro", &[("topics", &lines.join("\n"))]));
        text.push_str("\n\n");
        text.push_str(&self.t("avvisi-consent", &[]));
        let mut choices: Vec<ChoiceView> = self
            .flows
            .topics
            .iter()
            .map(|topic| ChoiceView {
                id: topic.id.clone(),
                label: self.toggle_label(topic),
                url: None,
            })
            .collect();
        choices.push(self.engine_choice(CHOICE_MENU, "common-main-menu"));
        self.state.pending = Pending::Topics;
        self.say(text, choices, Some(TOPICS_AT.to_string()));
    }

    /// A topic's button: its name and whether it is on.
    fn toggle_label(&self, topic: &Topic) -> String {
        let name = self.t(&topic.label.text, &[]);
        let id = if self.subscribed(&topic.id) {
            "avvisi-button-on"
        } else {
            "avvisi-button-off"
        };
        self.t(id, &[("topic", &name)])
    }

    fn subscribed(&self, topic: &str) -> bool {
        self.state.subscriptions.iter().any(|t| t == topic)
    }

    /// The topics' options, as a typed number or label picks them.
    pub(super) fn topic_options(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .flows
            .topics
            .iter()
            .map(|topic| (topic.id.clone(), self.toggle_label(topic)))
            .collect();
        out.push((CHOICE_MENU.into(), self.t("common-main-menu", &[])));
        out
    }

    /// A tap on the `/avvisi` screen (or its number typed): turns the topic on or off and
    /// shows the screen again. Returns whether `id` was an option of the screen.
    pub(super) fn topic_tapped(&mut self, id: &str) -> bool {
        if id == CHOICE_MENU {
            self.state.pending = Pending::Nothing;
            self.main_menu();
            return true;
        }
        let Some(topic) = self.flows.topic(id) else {
            return false;
        };
        let name = self.t(&topic.label.text, &[]);
        let said = if self.subscribed(id) {
            self.state.subscriptions.retain(|t| t != id);
            self.effects.push(Effect::Unsubscribed {
                topic: id.to_string(),
            });
            self.t("avvisi-turned-off", &[("topic", &name)])
        } else {
            self.state.subscriptions.push(id.to_string());
            self.effects.push(Effect::Subscribed {
                topic: id.to_string(),
                consent: self.flows.alerts_consent_version.clone(),
            });
            self.t("avvisi-turned-on", &[("topic", &name)])
        };
        self.topics_screen(Some(said));
        true
    }

    /// `/stop`: every topic off at once.
    pub(super) fn stop_all(&mut self) {
        if self.state.subscriptions.is_empty() {
            self.say(self.t("avvisi-stop-none", &[]), Vec::new(), None);
            return;
        }
        self.state.subscriptions.clear();
        self.effects.push(Effect::UnsubscribedAll);
        self.say(self.t("avvisi-stop-done", &[]), Vec::new(), None);
    }
}

/// The reminder of `deadline` sent on `today` to a subscriber of `topic`, in `lang`: its
/// title, how many days are left and the date, its link, and why the citizen receives it.
pub fn reminder(
    flows: &FlowSet,
    lang: Lang,
    deadline: &Deadline,
    topic: &Topic,
    today: NaiveDate,
) -> Reply {
    let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(lang, id, args);
    let title = t(&deadline.title.text, &[]);
    let days = (deadline.date - today).num_days();
    let id = match days {
        ..=0 => "avvisi-reminder-today",
        1 => "avvisi-reminder-tomorrow",
        _ => "avvisi-reminder-days",
    };
    let date = date_text(flows, lang, deadline.date);
    let days = days.to_string();
    let mut text = t(id, &[("title", &title), ("days", &days), ("date", &date)]);
    if let Some(url) = &deadline.link {
        text.push('\n');
        text.push_str(&t("avvisi-reminder-link", &[("url", url)]));
    }
    text.push_str("\n\n");
    let name = t(&topic.label.text, &[]);
    text.push_str(&t("avvisi-reminder-footer", &[("topic", &name)]));
    Reply {
        text,
        ..Reply::default()
    }
}
