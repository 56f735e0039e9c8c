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
use crate::engine::{self, Reply, State};
use crate::flows::FlowSet;
use crate::flows::live::Live;
use crate::i18n::Lang;
use crate::sending::SendError;
use crate::store::Held;
use crate::store::{Case, CaseChange, CaseStatus, ItemOutcome, OperatorItem, Store, StoreError};
use crate::wake;

mod plan;
mod staff;
mod update;

use plan::{Plan, act};
pub use staff::{Actor, StaffAction, StaffRequest, act_as_staff};
pub use update::{OperatorUpdate, on_operator_update};

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
        let poll = self.config.poll_interval;
        wake::run_passes(&wake, poll, &*self.clock, shutdown, || self.pass()).await;
    }

    /// One pass of [`Self::run`]; returns when the next work falls due, if known.
    async fn pass(&self) -> Option<DateTime<Utc>> {
        if let Err(e) = self.run_once().await {
            tracing::warn!(error = %e, "hand-off worker pass failed");
        }
        self.store.next_operator_item_due().await.ok().flatten()
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
                    let minutes = flows.waited_minutes(&case.office, last, now);
                    if limit == 0 || minutes < limit {
                        continue;
                    }
                    let waited = flows.waited_minutes(&case.office, case.opened_at, now);
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
pub fn office_name(flows: &FlowSet, lang: Lang, office: &str) -> String {
    flows.office(office).map_or_else(
        || office.to_string(),
        |o| flows.locales.text(lang, &o.name.text, &[]),
    )
}
