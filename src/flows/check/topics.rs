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
            if let Some(template) = &topic.whatsapp_template {
                self.template(file, template);
            }
        }
    }

    /// A template's name as Meta allows it (lowercase letters, digits, `_`, at most 512) and
    /// a language code like `it` or `en_US`: anything else is refused at every send.
    fn template(&mut self, file: &std::path::Path, template: &crate::flows::TopicTemplate) {
        let name_ok = !template.name.is_empty()
            && template.name.len() <= 512
            && template
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !name_ok {
            self.error(
                file,
                template.pos,
                format!("`{}` is not a WhatsApp template name", template.name),
                Some("use the name as approved: lowercase letters, digits and `_`".into()),
            );
        }
        let (lang, region) = template
            .lang
            .split_once('_')
            .map_or((template.lang.as_str(), None), |(l, r)| (l, Some(r)));
        let lang_ok = (2..=3).contains(&lang.len())
            && lang.bytes().all(|b| b.is_ascii_lowercase())
            && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()));
        if !lang_ok {
            self.error(
                file,
                template.pos,
                format!(
                    "`{}` is not a WhatsApp template language code",
                    template.lang
                ),
                Some("use the code the template was approved in, e.g. `it` or `en_US`".into()),
            );
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
