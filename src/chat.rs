//! `sportello chat`: talk to the flows in the terminal as a citizen would. Interactive on a
//! terminal; one citizen message per line otherwise, with `--json` for one JSON object per
//! bot turn.

use std::io::{BufRead, Write};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::engine::{self, Effect, Input, Outcome, State};
use crate::flows::FlowSet;
use crate::i18n::Lang;

/// One bot turn as `--json` prints it. The field names are an external contract.
#[derive(Debug, Serialize)]
pub struct TurnView<'a> {
    pub flow: Option<&'a str>,
    pub step: Option<&'a str>,
    pub text: String,
    pub choices: Vec<ChoiceJson<'a>>,
    pub handoff: Option<&'a str>,
    pub lang: &'static str,
}

#[derive(Debug, Serialize)]
pub struct ChoiceJson<'a> {
    pub id: &'a str,
    pub label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

impl<'a> TurnView<'a> {
    pub fn new(outcome: &'a Outcome, flows: &FlowSet) -> TurnView<'a> {
        let mut text: Vec<String> = outcome.replies.iter().map(|r| r.text.clone()).collect();
        if outcome
            .effects
            .iter()
            .any(|e| matches!(e, Effect::ToOperator { .. }))
        {
            // In the terminal there is no operator to read it: say where the message went.
            text.push(
                flows
                    .locales
                    .text(outcome.state.lang, "common-handoff-waiting", &[]),
            );
        }
        let choices = outcome
            .replies
            .iter()
            .rev()
            .find(|r| !r.choices.is_empty())
            .map(|r| {
                r.choices
                    .iter()
                    .map(|c| ChoiceJson {
                        id: &c.id,
                        label: &c.label,
                        url: c.url.as_deref(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let handoff = outcome.effects.iter().find_map(|e| match e {
            Effect::Handoff { office, .. } => Some(office.as_str()),
            _ => None,
        });
        TurnView {
            flow: outcome.state.flow.as_deref(),
            step: outcome.state.step.as_deref(),
            text: text.join("\n\n"),
            choices,
            handoff,
            lang: outcome.state.lang.code(),
        }
    }

    /// The turn as a person reads it: the text, then the options numbered.
    pub fn render_plain(&self) -> String {
        let mut out = self.text.clone();
        if !self.choices.is_empty() {
            out.push('\n');
        }
        for (i, c) in self.choices.iter().enumerate() {
            out.push_str(&format!("\n  {}. {}", i + 1, c.label));
            if let Some(url) = c.url {
                out.push_str(&format!(" <{url}>"));
            }
        }
        out
    }
}

pub struct ChatOptions {
    pub json: bool,
    pub lang: Option<Lang>,
    /// Fixed time for every turn (for trying out-of-hours behaviour); the clock otherwise.
    pub now: Option<DateTime<Utc>>,
    pub interactive: bool,
}

/// Plays a conversation: reads citizen lines from `input`, writes bot turns to `out`. The
/// state is kept by `keep`, called after every turn (the store, or nothing).
pub fn run(
    flows: &FlowSet,
    options: &ChatOptions,
    mut state: State,
    input: impl BufRead,
    mut out: impl Write,
    mut keep: impl FnMut(&State, &Input, &Outcome) -> anyhow::Result<()>,
) -> anyhow::Result<State> {
    let now = || options.now.unwrap_or_else(Utc::now);
    let mut play = |state: &State, input: Input, out: &mut dyn Write| -> anyhow::Result<State> {
        let outcome = engine::step(state, &input, flows, now());
        keep(state, &input, &outcome)?;
        let view = TurnView::new(&outcome, flows);
        if options.json {
            writeln!(out, "{}", serde_json::to_string(&view)?)?;
        } else {
            writeln!(out, "{}\n", view.render_plain())?;
        }
        Ok(outcome.state)
    };
    if options.interactive && state.flow.is_none() {
        state = play(
            &state,
            Input::Text {
                text: "/start".into(),
            },
            &mut out,
        )?;
    }
    for line in input.lines() {
        if options.interactive {
            write!(out, "> ")?;
            out.flush()?;
        }
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        state = play(&state, Input::Text { text: line }, &mut out)?;
    }
    Ok(state)
}
