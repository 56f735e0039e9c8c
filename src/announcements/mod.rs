//! Announcements, shared by the command line (`sportello broadcast`) and the web console:
//! what a citizen receives (the text in their language, the line saying why they receive it,
//! the image if any), and every action staff take on a broadcast with its checks and its
//! audit row (`actions`). The fronts only read their input and word the answers.

pub mod actions;

use std::collections::BTreeMap;

use crate::engine::{Image, Reply};
use crate::flows::{FlowSet, Topic};
use crate::i18n::Lang;
use crate::store::{Broadcast, Priority};

/// The priority of the rows of a broadcast on `topic`: emergency topics go before routine
/// messages, never before replies to citizens who are writing.
pub fn priority(topic: &Topic) -> Priority {
    if topic.emergency {
        Priority::Alert
    } else {
        Priority::Routine
    }
}

/// What a citizen speaking `lang` receives: `body`, then why they receive it.
pub fn compose(
    flows: &FlowSet,
    topic: &Topic,
    body: &str,
    image: Option<&str>,
    lang: Lang,
) -> Reply {
    let name = flows.locales.text(lang, &topic.label.text, &[]);
    let footer = flows
        .locales
        .text(lang, "avvisi-reminder-footer", &[("topic", &name)]);
    let text = format!("{}\n\n{footer}", body.trim());
    Reply {
        image: image.map(|file| Image {
            file: file.to_owned(),
            alt: text.clone(),
        }),
        text,
        ..Reply::default()
    }
}

/// The body in `lang`, else the Italian one, else any.
pub fn body(texts: &BTreeMap<String, String>, lang: Lang) -> Option<&str> {
    texts
        .get(lang.code())
        .or_else(|| texts.get(Lang::It.code()))
        .or_else(|| texts.values().next())
        .map(String::as_str)
}

/// The payload of a broadcast for each language (JSON of the reply) and its text; `None` when
/// its topic is no longer in the flows.
pub fn payloads(
    flows: &FlowSet,
    broadcast: &Broadcast,
) -> Option<BTreeMap<String, (String, String)>> {
    let topic = flows.topic(&broadcast.topic)?;
    let mut out = BTreeMap::new();
    for lang in Lang::ALL {
        let body = body(&broadcast.texts, lang)?;
        let reply = compose(flows, topic, body, broadcast.image.as_deref(), lang);
        // The topic goes with the message: outside WhatsApp's 24-hour window it decides the
        // template.
        let json = crate::outbox::payload_with_topic(&reply, &broadcast.topic);
        out.insert(lang.code().to_owned(), (json, reply.text));
    }
    Some(out)
}

/// A language's message over a channel's limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    pub lang: Lang,
    /// Characters with the closing line.
    pub chars: usize,
    pub max: usize,
    /// The channel whose limit it is.
    pub channel: &'static str,
    /// The limit is a caption's (there is an image), not a message's.
    pub caption: bool,
}

/// Whether each language's message fits every channel: its text, or its caption when it
/// carries an image. The languages over a limit.
pub fn check_lengths(
    flows: &FlowSet,
    topic: &Topic,
    texts: &BTreeMap<String, String>,
    image: Option<&str>,
) -> Vec<TooLong> {
    use crate::flows::limits::strictest;
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let Some(body) = texts.get(lang.code()) else {
            continue;
        };
        let reply = compose(flows, topic, body, image, lang);
        let chars = reply.text.chars().count();
        let limit = if image.is_some() {
            strictest(&flows.limits, |l| l.caption_max)
        } else {
            strictest(&flows.limits, |l| l.text_max)
        };
        if let Some((max, channel)) = limit
            && chars > max
        {
            problems.push(TooLong {
                lang,
                chars,
                max,
                channel: channel.name,
                caption: image.is_some(),
            });
        }
    }
    problems
}
