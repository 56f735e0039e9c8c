//! What each simulated citizen of the end-to-end benchmarks sends, and how many messages the
//! service sends back for each: plans run through the engine itself (`engine::step` is pure),
//! as a channel (`Surface`) would show and read the replies.

// Each benchmark uses a part.
#![allow(dead_code)]

use chrono::Utc;
use sportello::engine::{self, ChoiceView, Effect, Input, Reply, State};
use sportello::flows::FlowSet;
use sportello::i18n::Lang;

/// One step of a citizen's plan.
#[derive(Clone, Copy)]
pub enum Say {
    Text(&'static str),
    /// Tap the n-th option (modulo their number) of the last message that had options.
    Tap(usize),
}

use Say::{Tap, Text};

/// Plans in the proportions of a plausible day: questions in plain words, menu taps, an
/// emergency now and then, one citizen in ten asking for an operator, some in English.
pub const PLANS: &[(&str, &[Say])] = &[
    (
        "it",
        &[
            Text("/start"),
            Tap(1),
            Tap(0),
            Text("quando scade la tari?"),
            Tap(1),
        ],
    ),
    (
        "it",
        &[
            Text("carta d'identità"),
            Tap(0),
            Text("/menu"),
            Tap(2),
            Tap(0),
        ],
    ),
    (
        "it",
        &[
            Text("ho preso una multa"),
            Tap(0),
            Text("c'è un incendio"),
            Text("/menu"),
            Tap(3),
        ],
    ),
    (
        "it",
        &[
            Text("/start"),
            Tap(4),
            Tap(1),
            Text("come faccio il cambio di residenza?"),
            Tap(0),
        ],
    ),
    (
        "it",
        &[
            Text("buongiorno"),
            Text("ritiro ingombranti"),
            Tap(0),
            Text("grazie"),
            Text("/menu"),
        ],
    ),
    (
        "it",
        &[
            Text("/start"),
            Text("/operatore"),
            Text("/menu"),
            Text("/annulla"),
            Text("quando scade l'imu?"),
        ],
    ),
    (
        "it",
        &[
            Text("iscrizione mensa scolastica"),
            Tap(0),
            Text("orari dell'anagrafe"),
            Tap(1),
            Text("/aiuto"),
        ],
    ),
    (
        "it",
        &[
            Text("bonus affitto"),
            Tap(0),
            Text("eventi del fine settimana"),
            Tap(0),
            Text("/menu"),
        ],
    ),
    (
        "en",
        &[
            Text("/start"),
            Text("when is the waste tax due?"),
            Tap(0),
            Text("identity card"),
            Tap(1),
        ],
    ),
    (
        "en",
        &[
            Text("I got a parking fine"),
            Tap(0),
            Text("there is a fire"),
            Text("/menu"),
            Tap(2),
        ],
    ),
];

/// What goes to the service.
#[derive(Clone, Debug)]
pub enum Message {
    Text(String),
    /// A tap on a button the bot sent: its callback data or reply id.
    Tap(String),
    /// A row picked from a list the bot sent: its id.
    Choose(String),
}

/// How a channel shows the engine's replies and reads the citizen's answers back.
pub trait Surface {
    /// The language the service gives a new citizen who writes with `tag`.
    fn lang(&self, tag: &'static str) -> Option<Lang>;
    /// The messages the channel sends for these replies (what the fake server receives).
    fn sends(&self, replies: &[Reply]) -> usize;
    /// What the citizen can answer to `reply`: one message per choice worth tapping
    /// (`tappable`), in order.
    fn options(&self, reply: &Reply) -> Vec<Message>;
    /// What the service's adapter reads from `message`, sent in `tag`.
    fn input(&self, tag: &'static str, message: &Message) -> Input;
}

/// Links open a page; hand-offs (the operator's option, the example's complaint step) and
/// goodbyes are asked for on purpose only.
pub fn tappable(choice: &ChoiceView) -> bool {
    choice.url.is_none() && !["operatore", "reclamo", "fine"].contains(&choice.id.as_str())
}

#[derive(Debug)]
pub struct Script {
    pub lang: &'static str,
    pub messages: Vec<Message>,
    /// `replies_after[k]`: messages the chat has received once message k is fully answered.
    pub replies_after: Vec<usize>,
}

impl Script {
    /// Messages received before message k's first reply.
    pub fn replies_before(&self, k: usize) -> usize {
        if k == 0 { 0 } else { self.replies_after[k - 1] }
    }

    pub fn replies_total(&self) -> usize {
        self.replies_after.last().copied().unwrap_or(0)
    }

    pub fn taps(&self) -> usize {
        self.messages
            .iter()
            .filter(|m| matches!(m, Message::Tap(_) | Message::Choose(_)))
            .count()
    }
}

/// Runs a plan through the engine as the service would, turning taps into what the channel's
/// options send back and counting the messages each step causes.
pub fn script(
    surface: &dyn Surface,
    flows: &FlowSet,
    lang: &'static str,
    plan: &[Say],
    variant: usize,
) -> Script {
    let now = Utc::now();
    let citizen_lang = surface.lang(lang);
    let mut state = State::new(citizen_lang);
    let mut options: Vec<Message> = Vec::new();
    let mut out = Script {
        lang,
        messages: Vec::new(),
        replies_after: Vec::new(),
    };
    for say in plan {
        let message = match *say {
            Text(text) => Message::Text(text.to_string()),
            Tap(_) if options.is_empty() => continue,
            Tap(n) => options[(n + variant) % options.len()].clone(),
        };
        let input = surface.input(lang, &message);
        let outcome = engine::step(&state, &input, flows, now);
        if outcome.replies.is_empty() {
            // Not sent at all: the citizen would wait for a reply that never comes.
            continue;
        }
        state = if outcome.effects.contains(&Effect::Ended) {
            // The store closes the conversation; the next message opens a new one.
            State::new(citizen_lang)
        } else {
            outcome.state
        };
        let offered = outcome
            .replies
            .iter()
            .rev()
            .find(|r| r.choices.iter().any(|c| c.url.is_none()))
            .map(|reply| surface.options(reply))
            .unwrap_or_default();
        if !offered.is_empty() {
            options = offered;
        }
        let before = out.replies_after.last().copied().unwrap_or(0);
        out.replies_after
            .push(before + surface.sends(&outcome.replies));
        out.messages.push(message);
    }
    out
}

/// Every plan in a few tap variants, so that the taps spread over the flows.
pub fn scripts(surface: &dyn Surface, flows: &FlowSet) -> Vec<Script> {
    let mut scripts = Vec::new();
    for variant in 0..4 {
        for (lang, plan) in PLANS {
            let script = script(surface, flows, lang, plan, variant * 3);
            if !script.messages.is_empty() {
                scripts.push(script);
            }
        }
    }
    scripts
}
