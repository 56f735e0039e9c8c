//! Emergency alerts from a CAP 1.2 source (`alerts_cap_url` or `alerts_cap_file`): each
//! message read is handled once (`cap_alerts`, keyed by sender, identifier and sent time); one
//! that concerns the Comune (`alerts::assess`) becomes a broadcast on the alerts' topic,
//! waiting for a person's approval or, with `alerts_auto_send`, going at once. An `Update`
//! goes to the recipients of the alert it names; a `Cancel` drops what of that alert was not
//! sent yet and tells those it reached. An alert carries its expiry to its outbox rows: past
//! it, nothing of it is sent.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};

use crate::alerts::feed::{self, Document, Entry};
use crate::alerts::{self, Alert, Info, MsgType, Verdict};
use crate::clock::Clock;
use crate::flows::FlowSet;
use crate::flows::live::Live;
use crate::i18n::Lang;
use crate::settings::AlertsSettings;
use crate::store::{Broadcast, BroadcastStatus, NewBroadcast, Priority, Store};

/// Who the broadcasts made from CAP messages name as their author.
pub const AUTHOR: &str = "cap";

/// The longest part of an alert's description kept in a message: the rest is on its web page.
const DESCRIPTION_MAX: usize = 2500;

/// What became of one CAP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    /// Handled before (by this process or another).
    Seen,
    /// Not for the Comune's citizens, and why.
    Skipped(String),
    /// A broadcast of the alert (or its update), waiting for approval or scheduled.
    Broadcast(i64),
    /// A cancellation: the alerts named were cancelled or stopped; the broadcasts telling
    /// those already reached.
    Cancelled(Vec<i64>),
}

/// The topic of alerts: the setting, or the first emergency topic.
pub fn alerts_topic<'a>(
    flows: &'a FlowSet,
    settings: &AlertsSettings,
) -> anyhow::Result<&'a crate::flows::Topic> {
    match &settings.topic {
        Some(id) => flows
            .topic(id)
            .with_context(|| format!("alerts_topic `{id}` is not a topic of topics.yaml")),
        None => flows
            .topics
            .iter()
            .find(|t| t.emergency)
            .context("no topic of topics.yaml has `emergency: true`: set alerts_topic"),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.trim().to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// The body of an alert's message in `lang`, from its part in that language (else Italian).
fn alert_body(flows: &FlowSet, lang: Lang, info: &Info, update: bool) -> String {
    let headline = info.headline.as_deref().unwrap_or(&info.event);
    let head = if update {
        "broadcast-cap-update"
    } else {
        "broadcast-cap-alert"
    };
    let mut parts = vec![flows.locales.text(lang, head, &[("headline", headline)])];
    parts.extend(
        info.description
            .as_deref()
            .map(|d| shorten(d, DESCRIPTION_MAX)),
    );
    parts.extend(
        info.instruction
            .as_deref()
            .map(|i| shorten(i, DESCRIPTION_MAX / 2)),
    );
    if let Some(until) = info.expires {
        let local = until.with_timezone(&crate::calendar::TIME_ZONE);
        let until = local.format("%d/%m/%Y %H:%M").to_string();
        parts.push(
            flows
                .locales
                .text(lang, "broadcast-cap-until", &[("until", &until)]),
        );
    }
    parts.extend(info.web.clone());
    parts.join("\n\n")
}

/// Handles one CAP message at `now`.
pub async fn handle(
    store: &Store,
    flows: &FlowSet,
    settings: &AlertsSettings,
    alert: &Alert,
    now: DateTime<Utc>,
) -> anyhow::Result<Handled> {
    let place = settings
        .place()
        .context("alerts_lat and alerts_lon must say where the Comune is")?;
    let topic = alerts_topic(flows, settings)?;
    let verdict = alerts::assess(alert, &place, &settings.threshold(), now);
    let sent = alert.sent.to_rfc3339();
    let key = (
        alert.sender.as_str(),
        alert.identifier.as_str(),
        sent.as_str(),
    );
    let code = match &verdict {
        Verdict::Tell { .. } => "tell".to_owned(),
        Verdict::Cancel { .. } => "cancel".to_owned(),
        Verdict::Skip(why) => format!("skip: {why}"),
    };
    let kind = format!("{:?}", alert.msg_type).to_lowercase();
    if !store.record_cap_alert(key, &kind, &code, now).await? {
        return Ok(Handled::Seen);
    }
    let handled = match verdict {
        Verdict::Skip(why) => return Ok(Handled::Skipped(why.to_string())),
        Verdict::Tell { msg_type, infos } => {
            let mut follows = None;
            if msg_type == MsgType::Update {
                for r in &alert.references {
                    let Some(earlier) = store.broadcast_by_cap(&r.sender, &r.identifier).await?
                    else {
                        continue;
                    };
                    if matches!(
                        earlier.status,
                        BroadcastStatus::Sending | BroadcastStatus::Sent
                    ) {
                        follows = Some(earlier.broadcast_id);
                    } else {
                        // Not gone out yet: the update replaces it, to the topic.
                        store.cancel_broadcast(earlier.broadcast_id, now).await?;
                    }
                }
            }
            let update = follows.is_some();
            let mut texts = BTreeMap::new();
            for lang in Lang::ALL {
                if let Some(info) = alerts::in_language(&infos, lang.code()) {
                    texts.insert(
                        lang.code().to_owned(),
                        alert_body(flows, lang, info, update),
                    );
                }
            }
            let expires_at = infos
                .iter()
                .filter_map(|i| i.expires)
                .min()
                .map(|e| e.with_timezone(&Utc));
            let (status, send_at) = if settings.auto_send {
                (BroadcastStatus::Scheduled, Some(now))
            } else {
                (BroadcastStatus::AwaitingApproval, None)
            };
            let id = store
                .create_broadcast(
                    &NewBroadcast {
                        topic: &topic.id,
                        texts: &texts,
                        image: None,
                        status,
                        priority: Priority::Alert,
                        created_by: AUTHOR,
                        send_at,
                        expires_at,
                        cap: Some((&alert.sender, &alert.identifier)),
                        follows,
                        request: None,
                    },
                    now,
                )
                .await?;
            store.link_cap_alert(key, id, now).await?;
            Handled::Broadcast(id)
        }
        Verdict::Cancel { references } => {
            let mut told = Vec::new();
            for r in references {
                let Some(earlier) = store.broadcast_by_cap(&r.sender, &r.identifier).await? else {
                    continue;
                };
                let reached = matches!(
                    earlier.status,
                    BroadcastStatus::Sending | BroadcastStatus::Sent
                );
                if store
                    .cancel_broadcast(earlier.broadcast_id, now)
                    .await?
                    .is_none()
                {
                    store.drop_unsent(earlier.broadcast_id, now).await?;
                }
                if reached {
                    let id = tell_cancelled(store, flows, &topic.id, alert, &earlier, now).await?;
                    store.link_cap_alert(key, id, now).await?;
                    told.push(id);
                }
            }
            Handled::Cancelled(told)
        }
    };
    Ok(handled)
}

/// A broadcast to those `earlier` reached, saying it is withdrawn; it goes at once.
async fn tell_cancelled(
    store: &Store,
    flows: &FlowSet,
    topic: &str,
    alert: &Alert,
    earlier: &Broadcast,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let infos: Vec<&Info> = alert.infos.iter().collect();
    let mut texts = BTreeMap::new();
    for lang in Lang::ALL {
        let first = super::body(&earlier.texts, lang)
            .and_then(|b| b.lines().next())
            .unwrap_or_default();
        let mut body = flows
            .locales
            .text(lang, "broadcast-cap-cancel", &[("alert", first)]);
        if let Some(d) =
            alerts::in_language(&infos, lang.code()).and_then(|i| i.description.as_deref())
        {
            body = format!("{body}\n\n{}", shorten(d, DESCRIPTION_MAX));
        }
        texts.insert(lang.code().to_owned(), body);
    }
    Ok(store
        .create_broadcast(
            &NewBroadcast {
                topic,
                texts: &texts,
                image: None,
                status: BroadcastStatus::Scheduled,
                priority: Priority::Alert,
                created_by: AUTHOR,
                send_at: Some(now),
                expires_at: None,
                cap: Some((&alert.sender, &alert.identifier)),
                follows: Some(earlier.broadcast_id),
                request: None,
            },
            now,
        )
        .await?)
}

/// Where CAP messages are read from.
#[derive(Debug, Clone)]
pub enum Source {
    Url(String),
    File(std::path::PathBuf),
}

impl Source {
    pub fn from_settings(settings: &AlertsSettings) -> Option<Source> {
        match (&settings.cap_url, &settings.cap_file) {
            (Some(url), _) => Some(Source::Url(url.clone())),
            (None, Some(file)) => Some(Source::File(file.clone())),
            (None, None) => None,
        }
    }

    /// What is now at the source; `None` when there is nothing (an empty answer or file, a
    /// 204 or 404).
    async fn read(&self, client: &reqwest::Client) -> anyhow::Result<Option<String>> {
        match self {
            Source::Url(url) => get(client, url).await,
            Source::File(path) => read_file(path).await,
        }
    }

    /// What is at `link`, an address a feed of this source gives: relative to the feed's
    /// address, or to the feed file's folder.
    async fn follow(&self, client: &reqwest::Client, link: &str) -> anyhow::Result<Option<String>> {
        let web = |l: &str| l.starts_with("http://") || l.starts_with("https://");
        match self {
            Source::Url(base) => {
                let url = reqwest::Url::parse(base)
                    .and_then(|base| base.join(link))
                    .with_context(|| format!("the feed's link `{link}`"))?;
                get(client, url.as_str()).await
            }
            Source::File(_) if web(link) => get(client, link).await,
            Source::File(path) => {
                read_file(&path.parent().unwrap_or(Path::new(".")).join(link)).await
            }
        }
    }
}

async fn get(client: &reqwest::Client, url: &str) -> anyhow::Result<Option<String>> {
    let answer = client
        .get(url)
        .send()
        .await
        .with_context(|| format!("the CAP source {url}"))?;
    if matches!(answer.status().as_u16(), 204 | 404) {
        return Ok(None);
    }
    if !answer.status().is_success() {
        bail!("the CAP source {url} answered {}", answer.status());
    }
    Ok(Some(answer.text().await?).filter(|t| !t.trim().is_empty()))
}

async fn read_file(path: &Path) -> anyhow::Result<Option<String>> {
    match tokio::fs::read_to_string(path).await {
        Ok(text) => Ok(Some(text).filter(|t| !t.trim().is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The links of a feed whose alert was handled, so that later polls do not fetch them again;
/// a link leaves it when the feed no longer lists it.
#[derive(Debug, Default)]
pub struct Followed(Mutex<HashSet<String>>);

impl Followed {
    fn has(&self, link: &str) -> bool {
        self.0.lock().is_ok_and(|set| set.contains(link))
    }

    fn add(&self, link: String) {
        if let Ok(mut set) = self.0.lock() {
            set.insert(link);
        }
    }

    fn keep_only(&self, listed: &HashSet<String>) {
        if let Ok(mut set) = self.0.lock() {
            set.retain(|l| listed.contains(l));
        }
    }
}

/// Reads the source once and handles what it holds: one alert, or each alert of a feed,
/// oldest first (so an update follows the alert it names). An entry that cannot be read or
/// handled is logged and left for the next poll; the others go on.
pub async fn poll_once(
    store: &Store,
    flows: &FlowSet,
    settings: &AlertsSettings,
    source: &Source,
    client: &reqwest::Client,
    followed: &Followed,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Handled>> {
    let Some(text) = source.read(client).await? else {
        return Ok(Vec::new());
    };
    let entries = match feed::read(&text).map_err(|e| anyhow::anyhow!("the CAP source: {e}"))? {
        Document::Alert(alert) => {
            return Ok(vec![handle(store, flows, settings, &alert, now).await?]);
        }
        Document::Feed(entries) => entries,
    };
    let listed: HashSet<String> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Link(link) => Some(link.clone()),
            _ => None,
        })
        .collect();
    followed.keep_only(&listed);
    let mut alerts = Vec::new();
    for entry in entries {
        match entry {
            Entry::Alert(alert) => alerts.push((*alert, None)),
            Entry::Link(link) if followed.has(&link) => {}
            Entry::Link(link) => match source.follow(client, &link).await {
                Ok(Some(xml)) => match alerts::parse(&xml) {
                    Ok(alert) => alerts.push((alert, Some(link))),
                    Err(e) => tracing::warn!(%link, error = %e, "a CAP alert of the feed"),
                },
                Ok(None) => tracing::warn!(%link, "a CAP alert of the feed is not there"),
                Err(e) => tracing::warn!(%link, error = %e, "a CAP alert of the feed"),
            },
            Entry::Invalid(why) => tracing::warn!(%why, "an entry of the CAP feed"),
        }
    }
    alerts.sort_by_key(|(alert, _)| alert.sent);
    let mut handled = Vec::new();
    for (alert, link) in alerts {
        match handle(store, flows, settings, &alert, now).await {
            Ok(h) => {
                handled.push(h);
                if let Some(link) = link {
                    followed.add(link);
                }
            }
            Err(e) => {
                tracing::warn!(identifier = %alert.identifier, error = %e, "a CAP alert of the feed")
            }
        }
    }
    Ok(handled)
}

/// How long the poller's lease lasts unrenewed: a killed holder is replaced after it.
const LEASE: Duration = Duration::from_secs(30);
/// How often the poller looks at the clock (and renews its lease).
const TICK: Duration = Duration::from_secs(5);

/// Polls the source every `alerts_poll_seconds` while this process holds the lease.
pub async fn on_schedule(
    store: Store,
    flows: Arc<Live>,
    clock: Arc<dyn Clock>,
    settings: AlertsSettings,
    source: Source,
    stop: impl Future<Output = ()>,
) {
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            tracing::error!(error = %e, "cannot build the HTTP client for CAP alerts");
            return;
        }
    };
    let holder = crate::store::lease_holder();
    let followed = Followed::default();
    let (store, flows, clock, settings, source, client, holder, followed) = (
        &store, &flows, &clock, &settings, &source, &client, &holder, &followed,
    );
    let tick = TICK.min(settings.poll);
    crate::wake::every(tick, stop, None, |last: Option<DateTime<Utc>>| async move {
        let now = clock.now();
        let due = last.is_none_or(|l| (now - l).to_std().unwrap_or_default() >= settings.poll);
        if !due {
            return last;
        }
        match store.take_lease("cap-alerts", holder, now, LEASE).await {
            Ok(true) => {}
            Ok(false) => return last,
            Err(e) => {
                tracing::error!(error = %e, "the CAP poller's lease failed");
                return last;
            }
        }
        match poll_once(store, &flows.get(), settings, source, client, followed, now).await {
            Ok(handled) => {
                for handled in handled.iter().filter(|h| **h != Handled::Seen) {
                    tracing::info!(?handled, "CAP alert handled");
                }
            }
            Err(e) => tracing::warn!(error = %e, "the CAP source could not be read"),
        }
        Some(now)
    })
    .await;
}
