//! Checks of `topics.yaml` and of the deadlines' reminders: a topic is defined once, with
//! its texts in every language and an id that fits a button; a deadline reminds the
//! subscribers of a topic that exists.

use std::collections::HashSet;

use super::Checker;
use crate::flows::TOPICS_AT;

impl Checker<'_> {
    pub(super) fn topics(&mut self) {
        let file = self.set.topics_file.as_path();
        let mut seen = HashSet::new();
        for topic in &self.set.topics {
            if !seen.insert(topic.id.as_str()) {
                self.error(
                    file,
                    topic.pos,
                    format!("topic `{}` is defined twice", topic.id),
                    None,
                );
            }
            // The button of `/avvisi` carries `avvisi/<topic id>`.
            let data = super::callback_data(TOPICS_AT, &topic.id);
            if let Some((max, channel)) = self.strictest(|l| l.callback_data_max)
                && data.len() > max
            {
                self.error(
                    file,
                    topic.pos,
                    format!(
                        "the {channel} button data `{data}` is {} bytes, over the {max} allowed",
                        data.len()
                    ),
                    Some("shorten the topic id".into()),
                );
            }
            self.message(file, &topic.label);
            self.message(file, &topic.description);
        }
    }

    pub(super) fn reminders(&mut self) {
        let file = self.set.deadlines_file.as_path();
        for d in &self.set.deadlines {
            match &d.topic {
                Some(topic) if self.set.topic(&topic.text).is_none() => {
                    let known = self.set.topics.iter().map(|t| t.id.as_str());
                    let hint = match crate::diag::closest(&topic.text, known) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("topics are defined in {}", self.set.topics_file.display()),
                    };
                    self.error(
                        file,
                        topic.pos,
                        format!(
                            "deadline `{}` names an unknown topic `{}`",
                            d.id, topic.text
                        ),
                        Some(hint),
                    );
                }
                None if !d.remind.is_empty() => self.error(
                    file,
                    d.pos,
                    format!("deadline `{}` has reminders but no topic", d.id),
                    Some("add `topic:`: its subscribers are the ones reminded".into()),
                ),
                _ => {}
            }
        }
    }
}
