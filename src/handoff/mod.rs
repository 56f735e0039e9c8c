//! Human operators take over: the channel-agnostic core of the hand-off. Cases are opened by
//! the inbound transaction (`store::handoff`); this module delivers what the operators must
//! see to their workspace (one topic per case), announces cases when their office opens and
//! again when nobody takes them, and turns what operators write into replies, claims,
//! transfers and closes. The workspace itself is an [`OperatorsDesk`] (the Telegram
//! operators' group in `channels::telegram::operators`).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::clock::{Clock, SystemClock};
use crate::engine::{self, Mode, Reply, State};
use crate::flows::FlowSet;
use crate::flows::live::Live;
use crate::i18n::Lang;
use crate::sending::SendError;
use crate::store::Held;
use crate::store::{
    Case, CaseActed, CaseChange, CaseStatus, ConversationStatus, ItemOutcome, OperatorItem, Store,
    StoreError,
};

mod plan;

use plan::{Plan, act};

/// Transcript lines quoted in a new case's summary.
const SUMMARY_LINES: usize = 6;
/// Characters of one quoted line.
const SUMMARY_LINE_CHARS: usize = 300;
pub use crate::flows::CANNED_PREFIX;

/// Why a post to the workspace failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeskError {
    /// The case's topic no longer accepts messages (deleted or archived): make a new one.
    #[error("the topic is gone")]
    TopicGone,
    #[error(transparent)]
    Send(#[from] SendError),
}

/// Where operators work: a place per case (a topic) and a general place.
pub trait OperatorsDesk: Send + Sync + 'static {
    /// Creates a topic named `name`; returns its id.
    fn create_topic(&self, name: &str) -> impl Future<Output = Result<String, DeskError>> + Send;

    /// Posts `text` in a topic, or in the general place when `topic` is `None`.
    fn post(
        &self,
        topic: Option<&str>,
        text: &str,
    ) -> impl Future<Output = Result<(), DeskError>> + Send;

    /// Shows in a topic a photo the citizen sent, by the channel's file id, with `caption`.
    /// A workspace that cannot show it posts the caption alone.
    fn post_photo(
        &self,
        topic: &str,
        file_id: &str,
        caption: &str,
    ) -> impl Future<Output = Result<(), DeskError>> + Send {
        let _ = file_id;
        self.post(Some(topic), caption)
    }
}

/// What goes into a case's topic.
enum Post<'a> {
    Text(&'a str),
    Photo { file_id: &'a str, caption: &'a str },
}

/// How the hand-off behaves; from the settings.
#[derive(Debug, Clone)]
pub struct HandoffConfig {
    /// The language of the operators' workspace.
    pub lang: Lang,
    /// Sign replies with the operator's first name as well as the Comune.
    pub sign_with_name: bool,
    /// Show operators what the citizen writes with personal data masked, as the stored
    /// transcript has it, instead of as written.
    pub mask_personal_data: bool,
    /// How often the worker looks for due work when not woken.
    pub poll_interval: Duration,
    /// How long a claimed queue item is held before another worker may take it.
    pub lease: Duration,
    /// Attempts before an item that keeps failing is given up.
    pub max_attempts: i64,
}

impl Default for HandoffConfig {
    fn default() -> Self {
        HandoffConfig {
            lang: Lang::It,
            sign_with_name: false,
            mask_personal_data: false,
            poll_interval: Duration::from_secs(1),
            lease: Duration::from_secs(60),
            max_attempts: 10,
        }
    }
}

/// Delivers the operators' queue and announces cases.
pub struct Worker<D: OperatorsDesk> {
    store: Store,
    flows: Arc<Live>,
    desk: Arc<D>,
    clock: Arc<dyn Clock>,
    config: HandoffConfig,
}

impl<D: OperatorsDesk> Worker<D> {
    pub fn new(store: Store, flows: Arc<Live>, desk: Arc<D>, config: HandoffConfig) -> Worker<D> {
        Worker {
            store,
            flows,
            desk,
            clock: Arc::new(SystemClock),
            config,
        }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Worker<D> {
        self.clock = clock;
        self
    }

    /// Tells the operators, in the topic of the conversation's latest case, that a reply to
    /// the citizen is held outside the channel's reply window (WhatsApp's 24 hours). A
    /// conversation that never reached an operator has no topic: nothing to say.
    pub async fn tell_held(&self, held: &Held) -> Result<(), StoreError> {
        let cases = self.store.cases_of(held.conversation_id).await?;
        let Some(case) = cases.last() else {
            return Ok(());
        };
        let text = self
            .flows
            .get()
            .locales
            .text(self.config.lang, held.operator_text(), &[]);
        self.store
            .queue_operator_item(
                Some(case.case_id),
                &OperatorItem::Topic { text },
                self.clock.now(),
            )
            .await
    }

    /// One pass: announcements and reminders due now, then the queue until it is empty (or
    /// only holds items waiting for a retry). Returns how many items were handled.
    pub async fn run_once(&self) -> Result<usize, StoreError> {
        self.announce_due().await?;
        let mut handled = 0;
        loop {
            let now = self.clock.now();
            let items = self
                .store
                .claim_operator_items(now, self.config.lease, 16)
                .await?;
            if items.is_empty() {
                return Ok(handled);
            }
            // Items of different cases could go side by side; one at a time keeps the
            // workspace's own rate limits simple, and a group is not a busy chat.
            for claimed in items {
                handled += 1;
                let outcome = match &claimed.item {
                    None => ItemOutcome::Failed {
                        error: "unreadable payload".into(),
                    },
                    Some(item) => match self.deliver(claimed.case_id, item).await {
                        Ok(()) => ItemOutcome::Sent,
                        Err(e) => self.after_failure(claimed.attempts, e),
                    },
                };
                if let ItemOutcome::Failed { error } = &outcome {
                    tracing::warn!(item_id = claimed.item_id, %error, "operators' message given up");
                }
                self.store
                    .settle_operator_item(claimed.item_id, &outcome, self.clock.now())
                    .await?;
            }
        }
    }

    fn after_failure(&self, attempts: i64, error: DeskError) -> ItemOutcome {
        let now = self.clock.now();
        match error {
            DeskError::Send(SendError::Transient {
                retry_after,
                detail,
            }) if attempts < self.config.max_attempts => {
                let exponent = u32::try_from(attempts.clamp(1, 10) - 1).unwrap_or(0);
                let wait = retry_after
                    .unwrap_or_else(|| Duration::from_millis(500) * 2u32.pow(exponent))
                    .min(Duration::from_secs(300));
                ItemOutcome::Retry {
                    at: now + chrono::Duration::from_std(wait).unwrap_or_default(),
                    error: detail,
                }
            }
            other => ItemOutcome::Failed {
                error: other.to_string(),
            },
        }
    }

    /// Runs until `shutdown` completes: woken by new cases and messages of this process, and
    /// every poll interval for those of others and for announcements.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        let wake = self.store.wake_signal();
        tokio::pin!(shutdown);
        loop {
            let notified = wake.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Err(e) = self.run_once().await {
                tracing::warn!(error = %e, "hand-off worker pass failed");
            }
            let mut pause = self.config.poll_interval;
            if let Ok(Some(due)) = self.store.next_operator_item_due().await {
                let until = (due - self.clock.now()).to_std().unwrap_or_default();
                pause = pause.min(until.max(Duration::from_millis(10)));
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = notified => {}
                () = tokio::time::sleep(pause) => {}
            }
        }
    }

    /// Announces waiting cases whose office is open: once at the first opening after the
    /// case came in, and again each time it stays unclaimed for the office's time limit
    /// (counted in opening hours).
    async fn announce_due(&self) -> Result<(), StoreError> {
        let flows = self.flows.get();
        let now = self.clock.now();
        for case in self.store.open_cases().await? {
            if case.status != CaseStatus::Waiting {
                continue;
            }
            let office = flows.office(&case.office);
            if office.is_some_and(|o| !o.schedule.is_open(now)) {
                continue;
            }
            let t =
                |id: &str, args: &[(&str, &str)]| flows.locales.text(self.config.lang, id, args);
            let name = office_name(&flows, self.config.lang, &case.office);
            let text = match case.announced_at {
                None => t(
                    "operators-announce",
                    &[("case", &case.label), ("office", &name)],
                ),
                Some(last) => {
                    let limit = i64::from(office.map_or(30, |o| o.unclaimed_after));
                    let minutes = office.map_or_else(
                        || (now - last).num_minutes(),
                        |o| o.schedule.open_minutes_between(last, now),
                    );
                    if limit == 0 || minutes < limit {
                        continue;
                    }
                    let waited = office.map_or_else(
                        || (now - case.opened_at).num_minutes(),
                        |o| o.schedule.open_minutes_between(case.opened_at, now),
                    );
                    t(
                        "operators-reminder",
                        &[
                            ("case", &case.label),
                            ("office", &name),
                            ("minutes", &waited.to_string()),
                        ],
                    )
                }
            };
            if self.store.announce_case(&case, text, now).await? {
                tracing::info!(case_id = case.case_id, office = %case.office, "case announced to the operators");
            }
        }
        Ok(())
    }

    async fn deliver(&self, case_id: Option<i64>, item: &OperatorItem) -> Result<(), DeskError> {
        let flows = self.flows.get();
        let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(self.config.lang, id, args);
        if let OperatorItem::General { text } = item {
            return self.desk.post(None, text).await;
        }
        let case = match case_id {
            Some(id) => self.store.case(id).await.map_err(store_failure)?,
            None => None,
        };
        let Some(case) = case else {
            // The case was erased meanwhile: nothing to say about it.
            return Ok(());
        };
        let text = match item {
            OperatorItem::Open => {
                self.notify_citizen(&case).await.map_err(store_failure)?;
                if case.topic_id.is_none() {
                    self.open_topic(&flows, &case, false).await?;
                    return Ok(());
                }
                self.summary(&flows, &case, false)
                    .await
                    .map_err(store_failure)?
            }
            OperatorItem::Citizen { text } if self.config.mask_personal_data => {
                let masked = crate::privacy::redact::redact(text).text;
                t("operators-citizen-says", &[("text", &masked)])
            }
            OperatorItem::Citizen { text } => t("operators-citizen-says", &[("text", text)]),
            OperatorItem::CitizenSent { what } => t("operators-citizen-sent", &[("what", what)]),
            OperatorItem::CitizenPhoto { file_id } => {
                let caption = t("operators-citizen-photo", &[]);
                return self
                    .post_to_case(
                        &flows,
                        &case,
                        Post::Photo {
                            file_id,
                            caption: &caption,
                        },
                    )
                    .await;
            }
            OperatorItem::Emergency { text } => {
                // The general place first: whoever is there sees it even before opening the
                // case's topic.
                let office = office_name(&flows, self.config.lang, &case.office);
                let alert = t(
                    "operators-emergency-general",
                    &[("case", &case.label), ("office", &office)],
                );
                self.desk.post(None, &alert).await?;
                let text = if self.config.mask_personal_data {
                    crate::privacy::redact::redact(text).text
                } else {
                    text.clone()
                };
                t("operators-emergency", &[("text", &text)])
            }
            OperatorItem::Cancelled => t("operators-cancelled", &[("case", &case.label)]),
            OperatorItem::Topic { text } => text.clone(),
            OperatorItem::General { .. } => unreachable!("handled above"),
        };
        self.post_to_case(&flows, &case, Post::Text(&text)).await
    }

    /// Posts in the case's topic; a topic that is gone is made again (with the summary) and
    /// the post goes there.
    async fn post_to_case(
        &self,
        flows: &FlowSet,
        case: &Case,
        post: Post<'_>,
    ) -> Result<(), DeskError> {
        let topic = match &case.topic_id {
            Some(topic) => topic.clone(),
            None => self.open_topic(flows, case, false).await?,
        };
        let send = async |topic: &str| match post {
            Post::Text(text) => self.desk.post(Some(topic), text).await,
            Post::Photo { file_id, caption } => self.desk.post_photo(topic, file_id, caption).await,
        };
        match send(&topic).await {
            Err(DeskError::TopicGone) => {
                tracing::info!(case_id = case.case_id, "case topic gone; creating it again");
                let topic = self.open_topic(flows, case, true).await?;
                send(&topic).await
            }
            other => other,
        }
    }

    /// Creates the case's topic, records it, and posts the summary there.
    async fn open_topic(
        &self,
        flows: &FlowSet,
        case: &Case,
        again: bool,
    ) -> Result<String, DeskError> {
        let name = flows.locales.text(
            self.config.lang,
            "operators-topic-name",
            &[
                (
                    "office",
                    &office_name(flows, self.config.lang, &case.office),
                ),
                ("case", &case.label),
            ],
        );
        let topic = self.desk.create_topic(&truncate(&name, 128)).await?;
        self.store
            .set_case_topic(case.case_id, &topic, self.clock.now())
            .await
            .map_err(store_failure)?;
        let summary = self
            .summary(flows, case, again)
            .await
            .map_err(store_failure)?;
        self.desk.post(Some(&topic), &summary).await?;
        Ok(topic)
    }

    /// What an operator needs to take a case without asking the citizen again: office,
    /// reason, language, the path through the flows and the last messages.
    async fn summary(
        &self,
        flows: &FlowSet,
        case: &Case,
        again: bool,
    ) -> Result<String, StoreError> {
        let lang = self.config.lang;
        let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(lang, id, args);
        let conversation = self.store.conversation(case.conversation_id).await?;
        let state = match conversation {
            Some(c) => State::from_stored(&c.state).map_err(|e| {
                StoreError::corrupt(format!("state of conversation {}", c.conversation_id), e)
            })?,
            None => State::default(),
        };
        let transcript = self.store.transcript(case.conversation_id).await?;
        // A new topic shows the conversation up to the hand-off; what came after follows as
        // mirrored messages. A topic made again shows the latest lines.
        // Only what the citizen wrote in words: the bot's texts are the flows' own, and
        // commands and typed option numbers say nothing the path does not.
        let shown: Vec<_> = transcript
            .iter()
            .filter(|line| again || line.at <= case.opened_at)
            .filter(|line| written_by_citizen(line))
            .collect();
        let quoted: Vec<String> = shown[shown.len().saturating_sub(SUMMARY_LINES)..]
            .iter()
            .map(|line| {
                t(
                    "operators-line-citizen",
                    &[("text", &truncate(&line.text, SUMMARY_LINE_CHARS))],
                )
            })
            .collect();
        let messages = if quoted.is_empty() {
            t("operators-summary-no-messages", &[])
        } else {
            quoted.join("\n")
        };
        let reason = match case.reason.as_str() {
            "asked" => t("operators-reason-asked", &[]),
            "not_understood" => t("operators-reason-not-understood", &[]),
            "threat" => t("operators-reason-threat", &[]),
            _ => t("operators-reason-flow", &[]),
        };
        let mut text = String::new();
        if again {
            text.push_str(&t("operators-topic-recreated", &[]));
            text.push_str("\n\n");
        }
        text.push_str(&t(
            "operators-summary",
            &[
                ("case", &case.label),
                ("office", &office_name(flows, lang, &case.office)),
                ("reason", &reason),
                ("lang", state.lang.code()),
                ("path", &path_text(flows, lang, &state.path)),
                ("messages", &messages),
            ],
        ));
        let now = self.clock.now();
        if let Some(office) = flows.office(&case.office)
            && !office.schedule.is_open(now)
            && let Some(opens) = office.schedule.next_opening(now)
        {
            text.push_str("\n\n");
            text.push_str(&t(
                "operators-registered-closed",
                &[("opens", &engine::opening(flows, lang, opens))],
            ));
        }
        Ok(truncate(&text, engine::MAX_REPLY_CHARS))
    }

    /// Tells the citizen the case number and their place in the queue, once.
    async fn notify_citizen(&self, case: &Case) -> Result<(), StoreError> {
        if case.notified_at.is_some() || case.status == CaseStatus::Closed {
            return Ok(());
        }
        let position = self.store.queue_position(case).await?;
        let flows = self.flows.get();
        act(
            &self.store,
            case.case_id,
            None,
            self.clock.now(),
            |case, state| {
                if case.notified_at.is_some() {
                    return Plan::default();
                }
                let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(state.lang, id, args);
                let mut text = t("common-handoff-case", &[("case", &case.label)]);
                if case.status == CaseStatus::Waiting {
                    text.push('\n');
                    text.push_str(&t(
                        "handoff-position",
                        &[("position", &position.to_string())],
                    ));
                }
                Plan {
                    replies: vec![(plain(text.clone()), "reply", text)],
                    case: CaseChange::Notified,
                    ..Plan::default()
                }
            },
        )
        .await?;
        Ok(())
    }
}

fn store_failure(e: StoreError) -> DeskError {
    DeskError::Send(SendError::Transient {
        retry_after: None,
        detail: format!("store: {e}"),
    })
}

/// The bot's replies of an operator's action, with their transcript kind and text.
fn bot_replies(replies: Vec<Reply>) -> Vec<(Reply, &'static str, String)> {
    replies
        .into_iter()
        .map(|r| {
            let text = r.text.clone();
            (r, "reply", text)
        })
        .collect()
}

fn plain(text: String) -> Reply {
    Reply {
        text,
        ..Reply::default()
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A transcript line the citizen wrote in words (stored redacted): not a command, not a
/// typed option number, not a tap.
fn written_by_citizen(line: &crate::store::TranscriptLine) -> bool {
    let text = line.text.trim();
    line.inbound
        && line.kind == "text"
        && !text.starts_with('/')
        && text.chars().any(char::is_alphabetic)
}

/// The steps the citizen went through, as "flow title: step title", without repeats in a row.
fn path_text(flows: &FlowSet, lang: Lang, path: &[String]) -> String {
    let mut titles: Vec<String> = Vec::new();
    for key in path {
        let title = flows.resolve_key(key).map_or_else(
            || key.clone(),
            |at| {
                let (flow, step) = flows.step(at);
                let flow_title = flows.locales.text(lang, &flow.title.text, &[]);
                match &step.title {
                    Some(id) => {
                        let step_title = flows.locales.text(lang, &id.text, &[]);
                        if step_title == flow_title {
                            flow_title
                        } else {
                            format!("{flow_title}: {step_title}")
                        }
                    }
                    None => flow_title,
                }
            },
        );
        // "Anagrafe" then "Anagrafe: Carta d'identità": the step says the flow already.
        if titles
            .last()
            .is_some_and(|last| title.starts_with(&format!("{last}: ")))
        {
            titles.pop();
        }
        if titles.last() != Some(&title) {
            titles.push(title);
        }
    }
    if titles.is_empty() {
        return flows.locales.text(lang, "operators-summary-no-path", &[]);
    }
    titles.join(" > ")
}

/// An office's name in `lang`, or its id when the flows no longer know it.
fn office_name(flows: &FlowSet, lang: Lang, office: &str) -> String {
    flows.office(office).map_or_else(
        || office.to_string(),
        |o| flows.locales.text(lang, &o.name.text, &[]),
    )
}

/// A message an operator wrote in the workspace, normalised by the channel adapter.
#[derive(Clone)]
pub struct OperatorUpdate {
    /// The workspace's id for this update, unique (Telegram: the `update_id`); a second
    /// delivery is recognised.
    pub update_id: String,
    /// The operator's user id in the workspace (checked against the office's `operators`).
    pub user_id: i64,
    pub first_name: String,
    /// The topic written in; `None` for the general place.
    pub topic: Option<String>,
    pub text: String,
}

impl std::fmt::Debug for OperatorUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperatorUpdate")
            .field("update_id", &self.update_id)
            .field("topic", &self.topic)
            .field("chars", &self.text.chars().count())
            .finish()
    }
}

/// What an operator wrote, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OperatorCommand {
    Claim,
    Close,
    Transfer(String),
    Note(String),
    Canned(Option<String>),
    Queue,
    /// An unknown command: never sent to the citizen.
    Unknown,
    Reply(String),
}

fn parse_command(text: &str) -> OperatorCommand {
    let text = text.trim();
    let Some(rest) = text.strip_prefix('/') else {
        return OperatorCommand::Reply(text.to_string());
    };
    let (word, argument) = match rest.split_once(char::is_whitespace) {
        Some((w, a)) => (w, a.trim()),
        None => (rest, ""),
    };
    let word = word.split('@').next().unwrap_or_default().to_lowercase();
    let argument = (!argument.is_empty()).then(|| argument.to_string());
    match word.as_str() {
        "prendo" | "claim" => OperatorCommand::Claim,
        "chiudi" | "close" => OperatorCommand::Close,
        "trasferisci" | "transfer" => OperatorCommand::Transfer(argument.unwrap_or_default()),
        "nota" | "note" => OperatorCommand::Note(argument.unwrap_or_default()),
        "risposte" | "replies" => OperatorCommand::Canned(argument),
        "coda" | "queue" => OperatorCommand::Queue,
        _ => OperatorCommand::Unknown,
    }
}

/// Handles what an operator wrote in the workspace. Only messages in a case's topic act on
/// that case, and only from the office's listed operators when it lists any; `/coda` works
/// anywhere. Everything else is ignored.
pub async fn on_operator_update(
    store: &Store,
    flows: &FlowSet,
    config: &HandoffConfig,
    update: &OperatorUpdate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let command = parse_command(&update.text);
    let case = match &update.topic {
        Some(topic) => store.case_by_topic(topic).await?,
        None => None,
    };
    let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(config.lang, id, args);
    if command == OperatorCommand::Queue {
        let queues = store.office_queues().await?;
        let mut text = t("operators-queue-header", &[]);
        if queues.is_empty() {
            text = t("operators-queue-empty", &[]);
        }
        for q in queues {
            text.push('\n');
            text.push_str(&t(
                "operators-queue-line",
                &[
                    ("office", &office_name(flows, config.lang, &q.office)),
                    ("waiting", &q.waiting.to_string()),
                    ("unanswered", &q.unanswered.to_string()),
                ],
            ));
        }
        return store
            .queue_operator_item(None, &OperatorItem::General { text }, now)
            .await;
    }
    let Some(case) = case else {
        tracing::debug!("operators' message outside a case topic ignored");
        return Ok(());
    };
    if let Some(office) = flows.office(&case.office)
        && !office.operators.is_empty()
        && !office.operators.contains(&update.user_id)
    {
        tracing::info!(
            case_id = case.case_id,
            "message from someone not listed as an operator of the office ignored"
        );
        return Ok(());
    }
    let operator = update.user_id.to_string();
    let acted = act(
        store,
        case.case_id,
        Some(&update.update_id),
        now,
        |case, state| plan(flows, config, update, &operator, &command, case, state, now),
    )
    .await?;
    if acted == CaseActed::Duplicate {
        tracing::debug!("operators' update already processed");
    }
    Ok(())
}

/// Decides what an operator's command does to the case and the conversation.
#[allow(clippy::too_many_arguments)]
fn plan(
    flows: &FlowSet,
    config: &HandoffConfig,
    update: &OperatorUpdate,
    operator: &str,
    command: &OperatorCommand,
    case: &Case,
    state: &engine::State,
    now: DateTime<Utc>,
) -> Plan {
    let ops = |id: &str, args: &[(&str, &str)]| flows.locales.text(config.lang, id, args);
    let citizen = |id: &str, args: &[(&str, &str)]| flows.locales.text(state.lang, id, args);
    let name = update.first_name.as_str();
    let audit = |event: &'static str, extra: serde_json::Value| {
        let mut detail = serde_json::json!({ "case_id": case.case_id, "operator": operator });
        if let (Some(d), Some(e)) = (detail.as_object_mut(), extra.as_object()) {
            d.extend(e.clone());
        }
        (event, detail)
    };
    let topic = |text: String| OperatorItem::Topic { text };
    if case.status == CaseStatus::Closed {
        return Plan {
            queue: vec![topic(ops(
                "operators-case-closed",
                &[("case", &case.label)],
            ))],
            ..Plan::default()
        };
    }
    match command {
        OperatorCommand::Claim => {
            if case.status == CaseStatus::Claimed && case.claimed_by.as_deref() != Some(operator) {
                return Plan {
                    queue: vec![topic(ops(
                        "operators-claimed-already",
                        &[("case", &case.label), ("name", name)],
                    ))],
                    ..Plan::default()
                };
            }
            Plan {
                state: Some((
                    engine::taken(state),
                    ConversationStatus::WithOperator,
                    Some(case.office.clone()),
                )),
                case: CaseChange::Claim {
                    by: operator.to_string(),
                },
                queue: vec![topic(ops(
                    "operators-claimed",
                    &[("case", &case.label), ("name", name)],
                ))],
                audit: vec![audit("operator_claimed", serde_json::json!({}))],
                ..Plan::default()
            }
        }
        OperatorCommand::Close => {
            let unanswered = case.operator_replies == 0;
            let outcome = engine::handed_back(state, flows, now, !unanswered);
            let replies = bot_replies(outcome.replies);
            let mut queue = vec![topic(ops(
                "operators-closed",
                &[("case", &case.label), ("name", name)],
            ))];
            if unanswered {
                queue.push(topic(ops(
                    "operators-closed-unanswered",
                    &[("case", &case.label)],
                )));
                queue.push(OperatorItem::General {
                    text: ops("operators-closed-unanswered", &[("case", &case.label)]),
                });
            }
            Plan {
                state: Some((outcome.state, ConversationStatus::Bot, None)),
                replies,
                case: CaseChange::Close {
                    by: "operator".into(),
                },
                queue,
                audit: vec![audit(
                    "operator_closed",
                    serde_json::json!({ "unanswered": unanswered }),
                )],
                ..Plan::default()
            }
        }
        OperatorCommand::Transfer(to) => {
            let wanted = to.trim().to_lowercase();
            let Some(office) = flows.office(&wanted) else {
                let offices: Vec<&str> = flows
                    .offices
                    .offices
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect();
                let text = match closest_office(&wanted, &offices) {
                    Some(suggestion) => ops(
                        "operators-transfer-suggest",
                        &[("office", to), ("suggestion", suggestion)],
                    ),
                    None => ops(
                        "operators-transfer-unknown",
                        &[("office", to), ("offices", &offices.join(", "))],
                    ),
                };
                return Plan {
                    queue: vec![topic(text)],
                    ..Plan::default()
                };
            };
            if office.id == case.office {
                return Plan {
                    queue: vec![topic(ops(
                        "operators-transfer-same",
                        &[
                            ("case", &case.label),
                            ("office", &office_name(flows, config.lang, &office.id)),
                        ],
                    ))],
                    ..Plan::default()
                };
            }
            let outcome = engine::transferred(state, flows, &office.id, now);
            Plan {
                state: Some((
                    outcome.state,
                    ConversationStatus::WaitingOperator,
                    Some(office.id.clone()),
                )),
                replies: bot_replies(outcome.replies),
                case: CaseChange::Transfer {
                    office: office.id.clone(),
                },
                queue: vec![topic(ops(
                    "operators-transferred",
                    &[
                        ("case", &case.label),
                        ("office", &office_name(flows, config.lang, &office.id)),
                        ("name", name),
                    ],
                ))],
                audit: vec![audit(
                    "operator_transferred",
                    serde_json::json!({ "from": case.office, "to": office.id }),
                )],
                ..Plan::default()
            }
        }
        OperatorCommand::Note(text) if !text.is_empty() => Plan {
            notes: vec![text.clone()],
            queue: vec![topic(ops("operators-note-saved", &[]))],
            audit: vec![audit("operator_note", serde_json::json!({}))],
            ..Plan::default()
        },
        OperatorCommand::Canned(None) => {
            let mut ids: Vec<&str> = flows
                .locales
                .definitions(state.lang)
                .map(|(id, _)| id)
                .filter(|id| id.starts_with(CANNED_PREFIX))
                .collect();
            ids.sort_unstable();
            let text = if ids.is_empty() {
                ops("operators-replies-none", &[])
            } else {
                let mut text = ops("operators-replies-header", &[]);
                for id in ids {
                    text.push('\n');
                    text.push_str(&ops(
                        "operators-replies-line",
                        &[
                            ("id", &id[CANNED_PREFIX.len()..]),
                            ("text", &truncate(&citizen(id, &[]), 120)),
                        ],
                    ));
                }
                text
            };
            Plan {
                queue: vec![topic(text)],
                ..Plan::default()
            }
        }
        OperatorCommand::Canned(Some(id)) => {
            let key = format!("{CANNED_PREFIX}{}", id.trim());
            if !flows.locales.has(state.lang, &key) {
                return Plan {
                    queue: vec![topic(ops("operators-replies-unknown", &[("id", id)]))],
                    ..Plan::default()
                };
            }
            reply(
                flows,
                config,
                state,
                case,
                operator,
                name,
                &citizen(&key, &[]),
                audit,
            )
        }
        OperatorCommand::Reply(text) if !text.is_empty() => {
            reply(flows, config, state, case, operator, name, text, audit)
        }
        _ => Plan::default(),
    }
}

/// The office an operator most likely meant by a name that is none: the only one whose id
/// starts with or contains it ("polizia" → `polizia-locale`), else the nearest by spelling.
fn closest_office<'a>(wanted: &str, offices: &[&'a str]) -> Option<&'a str> {
    if wanted.is_empty() {
        return None;
    }
    for fits in [
        (|id: &str, w: &str| id.starts_with(w)) as fn(&str, &str) -> bool,
        |id: &str, w: &str| id.contains(w),
    ] {
        let found: Vec<&str> = offices
            .iter()
            .copied()
            .filter(|id| fits(id, wanted))
            .collect();
        if let [only] = found.as_slice() {
            return Some(only);
        }
    }
    crate::diag::closest(wanted, offices.iter().copied())
}

/// A reply to the citizen, signed as the Comune (and the operator's first name by setting).
#[allow(clippy::too_many_arguments)]
fn reply(
    flows: &FlowSet,
    config: &HandoffConfig,
    state: &engine::State,
    case: &Case,
    operator: &str,
    name: &str,
    text: &str,
    audit: impl Fn(&'static str, serde_json::Value) -> (&'static str, serde_json::Value),
) -> Plan {
    let signed = if config.sign_with_name && !name.is_empty() {
        flows.locales.text(
            state.lang,
            "handoff-signature-named",
            &[("text", text), ("name", name)],
        )
    } else {
        flows
            .locales
            .text(state.lang, "handoff-signature", &[("text", text)])
    };
    // The citizen is with an operator from the first reply on.
    let with_operator = matches!(state.mode, Mode::Handoff { .. }).then(|| {
        (
            engine::taken(state),
            ConversationStatus::WithOperator,
            Some(case.office.clone()),
        )
    });
    Plan {
        state: with_operator,
        replies: vec![(plain(signed), "operator", text.to_string())],
        case: CaseChange::Replied {
            by: operator.to_string(),
        },
        audit: vec![audit("operator_replied", serde_json::json!({}))],
        ..Plan::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_commands_are_read_with_their_argument() {
        assert_eq!(parse_command("/prendo"), OperatorCommand::Claim);
        assert_eq!(parse_command("/chiudi@ComuneBot"), OperatorCommand::Close);
        assert_eq!(
            parse_command("/trasferisci  tributi "),
            OperatorCommand::Transfer("tributi".into())
        );
        assert_eq!(
            parse_command("/nota richiamare domani"),
            OperatorCommand::Note("richiamare domani".into())
        );
        assert_eq!(parse_command("/risposte"), OperatorCommand::Canned(None));
        assert_eq!(
            parse_command("/risposte orari"),
            OperatorCommand::Canned(Some("orari".into()))
        );
        assert_eq!(parse_command("/boh"), OperatorCommand::Unknown);
        let offices = [
            "urp",
            "anagrafe",
            "tributi",
            "polizia-locale",
            "servizi-sociali",
        ];
        assert_eq!(closest_office("polizia", &offices), Some("polizia-locale"));
        assert_eq!(closest_office("sociali", &offices), Some("servizi-sociali"));
        assert_eq!(closest_office("tribbuti", &offices), Some("tributi"));
        assert_eq!(closest_office("biblioteca", &offices), None);
        assert_eq!(
            parse_command(" Buongiorno, le rispondo subito "),
            OperatorCommand::Reply("Buongiorno, le rispondo subito".into())
        );
    }
}
