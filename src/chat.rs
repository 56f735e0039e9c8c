//! `sportello chat`: talk to the flows in the terminal as a citizen would, through the same
//! store and outbox as the real channels. Interactive on a terminal; one citizen message per
//! line otherwise, with `--json` for one JSON object per bot turn.

use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::channels::terminal::{self, TerminalChannel};
use crate::channels::{ChannelKind, ChannelUserId};
use crate::conversations::{self, Handled, Inbound};
use crate::engine::{Effect, Input, Reply, State};
use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::outbox::Dispatcher;
use crate::store::Store;

/// One bot turn as `--json` prints it. The field names are an external contract.
#[derive(Debug, Serialize)]
pub struct TurnView<'a> {
    pub flow: Option<&'a str>,
    pub step: Option<&'a str>,
    pub text: String,
    pub choices: Vec<ChoiceJson<'a>>,
    pub handoff: Option<&'a str>,
    pub lang: &'static str,
    /// Files the turn carried (the citizen's data export), written to the current folder.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ChoiceJson<'a> {
    pub id: &'a str,
    pub label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

/// In the terminal there is no operator to read what the citizen writes during a hand-off:
/// the turn says where the message went.
fn waiting_note(state: &State, effects: &[Effect], flows: &FlowSet) -> Option<String> {
    effects
        .iter()
        .any(|e| matches!(e, Effect::ToOperator { .. }))
        .then(|| {
            flows
                .locales
                .text(state.lang, "common-handoff-waiting", &[])
        })
}

impl<'a> TurnView<'a> {
    pub fn new(
        state: &'a State,
        replies: &'a [Reply],
        effects: &'a [Effect],
        flows: &FlowSet,
    ) -> TurnView<'a> {
        let mut text: Vec<String> = replies.iter().map(|r| r.text.clone()).collect();
        text.extend(waiting_note(state, effects, flows));
        let choices = replies
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
        let handoff = effects.iter().find_map(|e| match e {
            Effect::Handoff { office, .. } => Some(office.as_str()),
            _ => None,
        });
        TurnView {
            flow: state.flow.as_deref(),
            step: state.step.as_deref(),
            text: text.join("\n\n"),
            choices,
            handoff,
            lang: state.lang.code(),
            files: replies
                .iter()
                .filter_map(|r| r.attachment.as_ref().map(|a| a.filename.as_str()))
                .collect(),
        }
    }
}

pub struct ChatOptions {
    pub json: bool,
    pub lang: Option<Lang>,
    /// The citizen: the same name resumes the same conversation.
    pub user: String,
    /// Fixed time for every turn (for trying out-of-hours behaviour); the clock otherwise.
    pub now: Option<DateTime<Utc>>,
    pub interactive: bool,
}

/// Plays a conversation: reads citizen lines from `input`, processes each through the store
/// like any channel's message, and writes the bot's turns to `out`.
pub async fn run(
    flows: &FlowSet,
    store: &Store,
    options: &ChatOptions,
    input: impl BufRead,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let user = ChannelUserId::new(options.user.clone());
    let dispatcher = Dispatcher::new(store.clone(), TerminalChannel::quiet());
    let sequence = AtomicU64::new(0);
    let now = || options.now.unwrap_or_else(Utc::now);
    let turn = async |text: String, out: &mut dyn Write| -> anyhow::Result<()> {
        let n = sequence.fetch_add(1, Ordering::Relaxed);
        let inbound = Inbound {
            channel: ChannelKind::Terminal,
            user: user.clone(),
            message_id: format!(
                "{}-{}-{n}",
                std::process::id(),
                Utc::now().timestamp_nanos_opt().unwrap_or_default()
            ),
            lang_hint: options.lang,
            input: Input::Text { text },
            received_at: now(),
        };
        let Handled::Processed(p) = conversations::handle(store, flows, inbound, now()).await?
        else {
            return Ok(());
        };
        // The replies are shown from the processed turn; the outbox rows are marked sent.
        dispatcher.run_until_idle().await?;
        // A file is written where the chat runs, as a citizen's client would save it.
        for file in p.replies.iter().filter_map(|r| r.attachment.as_ref()) {
            std::fs::write(&file.filename, &file.content)
                .with_context(|| format!("cannot write {}", file.filename))?;
        }
        if options.json {
            let view = TurnView::new(&p.state, &p.replies, &p.effects, flows);
            writeln!(out, "{}", serde_json::to_string(&view)?)?;
        } else {
            for reply in &p.replies {
                writeln!(out, "{}\n", terminal::render(reply))?;
                if let Some(file) = &reply.attachment {
                    writeln!(out, "[{}]\n", file.filename)?;
                }
            }
            if let Some(note) = waiting_note(&p.state, &p.effects, flows) {
                writeln!(out, "{note}\n")?;
            }
        }
        Ok(())
    };
    if options.interactive {
        let resumed = store
            .current_conversation(ChannelKind::Terminal, &user)
            .await?;
        if resumed.is_none_or(|c| c.state.flow.is_none()) {
            turn("/start".into(), &mut out).await?;
        }
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
        turn(line, &mut out).await?;
    }
    Ok(())
}
