//! `sportello chat`: talk to the flows in the terminal as a citizen would, through the same
//! store and outbox as the real channels. Interactive on a terminal; one citizen message per
//! line otherwise, with `--json` for one JSON object per bot turn.

use std::io::{BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::channels::terminal::{self, TerminalDesk, TerminalScreen};
use crate::channels::{ChannelKind, ChannelUserId};
use crate::clock::{Clock, ManualClock, SystemClock};
use crate::conversations::{Handled, Inbound, Ingest, Update};
use crate::engine::{Effect, Input, Reply, State};
use crate::flows::live::Live;
use crate::handoff::{HandoffConfig, OperatorUpdate, Worker};
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
    /// Images the turn showed (`file` in flows/media/, `alt` its alternative text), shown as
    /// their alternative text in `text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<&'a crate::engine::Image>,
}

#[derive(Debug, Serialize)]
pub struct ChoiceJson<'a> {
    pub id: &'a str,
    pub label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

impl<'a> TurnView<'a> {
    pub fn new(state: &'a State, replies: &'a [Reply], effects: &'a [Effect]) -> TurnView<'a> {
        let text: Vec<String> = replies.iter().map(|r| r.text.clone()).collect();
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
            images: replies.iter().filter_map(|r| r.image.as_ref()).collect(),
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

/// The prefix of a chat line written as the operator of the citizen's case.
pub const OPERATOR_PREFIX: &str = "!op ";
/// How the operators' side is marked in the terminal.
const OPERATORS_MARK: &str = "[operatori]";

/// Plays a conversation: reads citizen lines from `input`, processes each through the store
/// like any channel's message, and writes the bot's turns to `out`. A line starting with
/// `!op ` is written as the operator of the citizen's open case (a reply, or a command such
/// as `/chiudi`); what the operators would see in their group is shown marked `[operatori]`.
pub async fn run(
    live: &Arc<Live>,
    store: &Store,
    options: &ChatOptions,
    input: impl BufRead,
    mut out: impl Write,
) -> anyhow::Result<()> {
    let flows_now = live.get();
    let flows = &*flows_now;
    let user = ChannelUserId::new(options.user.clone());
    let clock: Arc<dyn Clock> = match options.now {
        Some(at) => Arc::new(ManualClock::new(at)),
        None => Arc::new(SystemClock),
    };
    let screen = Arc::new(TerminalScreen::default());
    // Replies are due at the chat's time, which `--now` may put in the future.
    let dispatcher = Dispatcher::with_arc(store.clone(), screen.clone()).with_clock(clock.clone());
    let desk = Arc::new(TerminalDesk::default());
    let handoff = HandoffConfig::default();
    let worker = Worker::new(store.clone(), live.clone(), desk.clone(), handoff.clone())
        .with_clock(clock.clone());
    let ingest = Ingest {
        store: store.clone(),
        operators: Some(handoff.clone()),
        clock: clock.clone(),
        // The terminal chat serves no /metrics: its counts go to an instance of its own.
        metrics: Arc::new(crate::metrics::Metrics::new()),
    };
    let sequence = AtomicU64::new(0);
    let message_id = || {
        let n = sequence.fetch_add(1, Ordering::Relaxed);
        format!(
            "{}-{}-{n}",
            std::process::id(),
            Utc::now().timestamp_nanos_opt().unwrap_or_default()
        )
    };
    // What else reached the citizen and the operators after a turn: the case notice, an
    // operator's reply, a close.
    let aftermath = async |shown: usize, out: &mut dyn Write| -> anyhow::Result<()> {
        worker.run_once().await?;
        dispatcher.run_until_idle().await?;
        let extra: Vec<Reply> = screen.take().into_iter().skip(shown).collect();
        if !options.json {
            for post in desk.take() {
                writeln!(out, "{OPERATORS_MARK} {}\n", post.replace('\n', "\n    "))?;
            }
            for reply in &extra {
                writeln!(out, "{}\n", terminal::render(reply))?;
            }
        } else if !extra.is_empty() {
            let conversation = store
                .current_conversation(ChannelKind::Terminal, &user)
                .await?;
            let state = conversation
                .map(|c| State::from_stored(&c.state))
                .transpose()?
                .unwrap_or_default();
            let view = TurnView::new(&state, &extra, &[]);
            writeln!(out, "{}", serde_json::to_string(&view)?)?;
        }
        Ok(())
    };
    let turn = async |text: String, out: &mut dyn Write| -> anyhow::Result<()> {
        let inbound = Inbound {
            channel: ChannelKind::Terminal,
            user: user.clone(),
            message_id: message_id(),
            lang_hint: options.lang,
            input: Input::Text { text },
            received_at: clock.now(),
        };
        let handled = ingest
            .batch(&flows_now, vec![Update::Citizen { inbound, after: () }])
            .await?;
        let Some(((), Handled::Processed(p))) = handled.into_iter().next() else {
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
            let view = TurnView::new(&p.state, &p.replies, &p.effects);
            writeln!(out, "{}", serde_json::to_string(&view)?)?;
        } else {
            for reply in &p.replies {
                writeln!(out, "{}\n", terminal::render(reply))?;
                if let Some(file) = &reply.attachment {
                    writeln!(out, "[{}]\n", file.filename)?;
                }
            }
        }
        aftermath(p.replies.len(), out).await
    };
    // The operator's line goes to the topic of the citizen's open case.
    let operator = async |text: String, out: &mut dyn Write| -> anyhow::Result<()> {
        worker.run_once().await?;
        let conversation = store
            .current_conversation(ChannelKind::Terminal, &user)
            .await?;
        let case = match conversation {
            Some(c) => store.cases_of(c.conversation_id).await?.pop(),
            None => None,
        };
        let topic = case
            .filter(|c| c.status != crate::store::CaseStatus::Closed)
            .and_then(|c| c.topic_id);
        if topic.is_none() && !text.trim_start().starts_with("/coda") {
            let none = flows
                .locales
                .text(handoff.lang, "operators-queue-empty", &[]);
            writeln!(out, "{OPERATORS_MARK} {none}\n")?;
            return Ok(());
        }
        let update = OperatorUpdate {
            update_id: message_id(),
            user_id: 0,
            first_name: std::env::var("USER").unwrap_or_else(|_| "operator".into()),
            topic,
            text,
        };
        ingest
            .batch::<()>(&flows_now, vec![Update::Operator(update)])
            .await?;
        aftermath(0, out).await
    };
    if options.interactive {
        let resumed = store
            .current_conversation(ChannelKind::Terminal, &user)
            .await?;
        if resumed.is_none_or(|c| c.flow.is_none()) {
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
        match line.strip_prefix(OPERATOR_PREFIX) {
            Some(text) => operator(text.to_string(), &mut out).await?,
            None => turn(line, &mut out).await?,
        }
    }
    Ok(())
}
