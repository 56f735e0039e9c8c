//! What staff do to a broadcast, one function per action, for the command line and the web
//! console alike: each checks what it is given, refuses with a [`Refusal`] (plain data, worded
//! by each front in its own language), changes the store, and writes the staff audit row
//! (`broadcast_create`, `broadcast_schedule`, `broadcast_approve`, `broadcast_cancel`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

use super::TooLong;
use crate::engine::Reply;
use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::settings::BroadcastsSettings;
use crate::store::{
    AudienceCount, Broadcast, BroadcastProgress, BroadcastStatus, NewBroadcast, StaffAccount,
    Store, StoreError,
};

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a topic of `topics.yaml`; the closest id, and every id.
    UnknownTopic {
        topic: String,
        closest: Option<String>,
        topics: Vec<String>,
    },
    /// A language's text is missing or empty.
    MissingText(Lang),
    /// Texts over a channel's limit.
    TooLong(Vec<TooLong>),
    /// An image the flows do not hold, or a channel would refuse; the reason when a file was
    /// read and refused.
    Image {
        image: String,
        reason: Option<String>,
    },
    UnknownLogin(String),
    DisabledLogin(String),
    /// A time that is not `now` nor a time.
    BadTime(String),
    /// A time already past.
    InPast(DateTime<Utc>),
    NotFound(i64),
    /// The broadcast's topic is no longer in the flows.
    TopicGone(String),
    /// The author asked to approve their own broadcast.
    OwnApproval {
        id: i64,
        login: String,
    },
    Expired(i64),
    /// Only a draft or one awaiting approval is approved.
    NotApprovable {
        id: i64,
        status: BroadcastStatus,
    },
    /// Only a draft, one awaiting approval or one scheduled is scheduled.
    NotSchedulable {
        id: i64,
        status: BroadcastStatus,
    },
    /// Sent or cancelled already.
    Finished {
        id: i64,
        status: BroadcastStatus,
    },
    /// Someone else changed it between the read and the write.
    Changed(i64),
}

/// An action that did not happen: refused, or the database failed.
#[derive(Debug)]
pub enum Failure {
    Refused(Refusal),
    Store(StoreError),
}

impl From<Refusal> for Failure {
    fn from(r: Refusal) -> Self {
        Failure::Refused(r)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

type Done<T> = Result<T, Failure>;

/// Who acts: a console account, or the command line without a login (`schedule`, `cancel`).
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a>(pub Option<&'a StaffAccount>);

impl Actor<'_> {
    fn login(&self) -> &str {
        self.0.map_or("command-line", |a| a.username.as_str())
    }
}

/// A broadcast to write.
#[derive(Debug, Clone, Default)]
pub struct Draft<'a> {
    pub topic: &'a str,
    pub it: Option<&'a str>,
    pub en: Option<&'a str>,
    /// A file of `flows/media/`.
    pub image: Option<&'a str>,
    /// The form it comes from (the console's): sent again, it makes no second broadcast.
    pub request: Option<&'a str>,
}

/// A login of an enabled console account.
pub async fn staff(store: &Store, login: &str) -> Done<StaffAccount> {
    match store.staff_login(login).await? {
        Some(found) if !found.account.disabled => Ok(found.account),
        Some(_) => Err(Refusal::DisabledLogin(login.into()).into()),
        None => Err(Refusal::UnknownLogin(login.into()).into()),
    }
}

/// `at` unless it is past (a minute's grace for the time it took to type).
pub fn not_past(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<DateTime<Utc>, Refusal> {
    if at < now - chrono::Duration::minutes(1) {
        return Err(Refusal::InPast(at));
    }
    Ok(at)
}

/// A time to come written as RFC 3339, or `now`.
pub fn parse_at(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, Refusal> {
    if text.trim() == "now" {
        return Ok(now);
    }
    let at = DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Refusal::BadTime(text.into()))?;
    not_past(at, now)
}

/// A time to come given as the Comune's local date and time (`2026-12-11`, `09:00`).
pub fn local_at(date: &str, time: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, Refusal> {
    let bad = || Refusal::BadTime(format!("{date} {time}"));
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| bad())?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| bad())?;
    let at = crate::calendar::TIME_ZONE
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .ok_or_else(bad)?
        .with_timezone(&Utc);
    not_past(at, now)
}

/// The broadcast `id`.
pub async fn find(store: &Store, id: i64) -> Done<Broadcast> {
    Ok(store.broadcast(id).await?.ok_or(Refusal::NotFound(id))?)
}

async fn audit(
    store: &Store,
    actor: Actor<'_>,
    action: &str,
    id: i64,
    now: DateTime<Utc>,
) -> Done<()> {
    let detail = serde_json::json!({ "broadcast": id });
    store
        .audit_staff(actor.0, actor.login(), action, None, &detail, now)
        .await?;
    Ok(())
}

/// Writes `draft` as a draft by `author`, after every check; its id.
pub async fn create(
    store: &Store,
    flows: &FlowSet,
    author: &StaffAccount,
    draft: &Draft<'_>,
    now: DateTime<Utc>,
) -> Done<i64> {
    // The same form sent again (a double click, a reload): the broadcast it made.
    if let Some(request) = draft.request
        && let Some(id) = store.broadcast_for_request(request).await?
    {
        return Ok(id);
    }
    let Some(topic) = flows.topic(draft.topic) else {
        let topics: Vec<String> = flows.topics.iter().map(|t| t.id.clone()).collect();
        return Err(Refusal::UnknownTopic {
            topic: draft.topic.into(),
            closest: crate::diag::closest(draft.topic, topics.iter().map(String::as_str))
                .map(str::to_owned),
            topics,
        }
        .into());
    };
    let mut texts = BTreeMap::new();
    for (lang, text) in [(Lang::It, draft.it), (Lang::En, draft.en)] {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => {
                texts.insert(lang.code().to_owned(), text.to_owned());
            }
            None => return Err(Refusal::MissingText(lang).into()),
        }
    }
    if let Some(image) = draft.image
        && !flows.media.contains_key(image)
    {
        let dir = flows
            .topics_file
            .parent()
            .unwrap_or(std::path::Path::new("."));
        let reason = crate::flows::media::check_image(dir, image, &flows.limits).err();
        return Err(Refusal::Image {
            image: image.into(),
            reason,
        }
        .into());
    }
    let too_long = super::check_lengths(flows, topic, &texts, draft.image);
    if !too_long.is_empty() {
        return Err(Refusal::TooLong(too_long).into());
    }
    let id = store
        .create_broadcast(
            &NewBroadcast {
                topic: &topic.id,
                texts: &texts,
                image: draft.image,
                status: BroadcastStatus::Draft,
                priority: super::priority(topic),
                created_by: &author.username,
                send_at: None,
                expires_at: None,
                cap: None,
                follows: None,
                request: draft.request,
            },
            now,
        )
        .await?;
    audit(store, Actor(Some(author)), "broadcast_create", id, now).await?;
    Ok(id)
}

/// What scheduling did: the time, and whether it waits for a second person's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheduled {
    pub at: DateTime<Utc>,
    pub awaits_approval: bool,
}

/// Schedules broadcast `id` at `at` (checked with [`parse_at`] or [`local_at`]); on an
/// emergency topic not approved yet it waits for approval.
pub async fn schedule(
    store: &Store,
    flows: &FlowSet,
    settings: &BroadcastsSettings,
    actor: Actor<'_>,
    id: i64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Done<Scheduled> {
    use BroadcastStatus::*;
    let b = find(store, id).await?;
    if !matches!(b.status, Draft | AwaitingApproval | Scheduled) {
        return Err(Refusal::NotSchedulable {
            id,
            status: b.status,
        }
        .into());
    }
    let emergency = flows.topic(&b.topic).is_some_and(|t| t.emergency);
    let waits = emergency && settings.emergency_approval && b.approved_by.is_none();
    let to = if waits { AwaitingApproval } else { Scheduled };
    let from = [Draft, AwaitingApproval, Scheduled];
    if !store
        .move_broadcast(id, &from, to, Some(at), None, now)
        .await?
    {
        return Err(Refusal::Changed(id).into());
    }
    audit(store, actor, "broadcast_schedule", id, now).await?;
    Ok(self::Scheduled {
        at,
        awaits_approval: waits,
    })
}

/// Approves broadcast `id` as `approver`, who must not be its author: one awaiting approval is
/// scheduled (at its time, or now if that has passed); the time it goes, if it is scheduled.
pub async fn approve(
    store: &Store,
    approver: &StaffAccount,
    id: i64,
    now: DateTime<Utc>,
) -> Done<Option<DateTime<Utc>>> {
    use BroadcastStatus::*;
    let b = find(store, id).await?;
    if b.created_by == approver.username {
        return Err(Refusal::OwnApproval {
            id,
            login: approver.username.clone(),
        }
        .into());
    }
    if b.expires_at.is_some_and(|e| e <= now) {
        return Err(Refusal::Expired(id).into());
    }
    let (to, at) = match b.status {
        AwaitingApproval => (Scheduled, Some(b.send_at.map_or(now, |s| s.max(now)))),
        Draft => (Draft, None),
        status => return Err(Refusal::NotApprovable { id, status }.into()),
    };
    if !store
        .move_broadcast(id, &[b.status], to, at, Some(&approver.username), now)
        .await?
    {
        return Err(Refusal::Changed(id).into());
    }
    audit(store, Actor(Some(approver)), "broadcast_approve", id, now).await?;
    Ok(at)
}

/// What a cancel did: the messages dropped, and those sent already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled {
    pub dropped: u64,
    pub sent: u64,
}

/// Cancels broadcast `id`: what was not sent is dropped, what was sent stays.
pub async fn cancel(
    store: &Store,
    actor: Actor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Done<Cancelled> {
    let b = find(store, id).await?;
    let Some(dropped) = store.cancel_broadcast(id, now).await? else {
        return Err(Refusal::Finished {
            id,
            status: b.status,
        }
        .into());
    };
    audit(store, actor, "broadcast_cancel", id, now).await?;
    let sent = store.broadcast_progress(id).await?.sent;
    Ok(Cancelled { dropped, sent })
}

/// Who a broadcast goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// The citizens its messages reached (a CAP update or cancel).
    Followed(i64),
    /// The topic's subscribers now, by channel and language.
    Subscribers(Vec<AudienceCount>),
}

/// A broadcast as citizens will see it.
#[derive(Debug, Clone)]
pub struct Preview {
    pub emergency: bool,
    /// Each language's message, as sent.
    pub messages: Vec<(Lang, Reply)>,
    pub audience: Audience,
}

/// Each language's message of `b` and who would get it now.
pub async fn preview(store: &Store, flows: &FlowSet, b: &Broadcast) -> Done<Preview> {
    let topic = flows
        .topic(&b.topic)
        .ok_or_else(|| Refusal::TopicGone(b.topic.clone()))?;
    let messages = Lang::ALL
        .into_iter()
        .filter_map(|lang| {
            let body = super::body(&b.texts, lang)?;
            Some((
                lang,
                super::compose(flows, topic, body, b.image.as_deref(), lang),
            ))
        })
        .collect();
    let audience = match b.follows {
        Some(followed) => Audience::Followed(followed),
        None => Audience::Subscribers(store.broadcast_audience(&b.topic).await?),
    };
    Ok(Preview {
        emergency: topic.emergency,
        messages,
        audience,
    })
}

/// The latest `limit` broadcasts, newest first, each with its progress.
pub async fn list(
    store: &Store,
    limit: i64,
) -> Result<Vec<(Broadcast, BroadcastProgress)>, StoreError> {
    let mut out = Vec::new();
    for b in store.broadcasts(limit).await? {
        let progress = store.broadcast_progress(b.broadcast_id).await?;
        out.push((b, progress));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The console's date and time are Rome's, winter and summer; a time past, or not a time,
    /// is refused as the command line's `--at` is.
    #[test]
    fn times_are_read_in_rome_and_the_past_is_refused() {
        let now = utc("2026-11-25T09:00:00Z");
        assert_eq!(
            local_at("2026-12-11", "09:00", now),
            Ok(utc("2026-12-11T08:00:00Z"))
        );
        assert_eq!(
            local_at(" 2027-07-01 ", "09:30", now),
            Ok(utc("2027-07-01T07:30:00Z"))
        );
        assert_eq!(
            local_at("2026-11-25", "09:59", now),
            Ok(utc("2026-11-25T08:59:00Z")),
            "a minute's grace"
        );
        assert_eq!(
            local_at("2020-01-01", "09:00", now),
            Err(Refusal::InPast(utc("2020-01-01T08:00:00Z")))
        );
        assert!(matches!(
            local_at("domani", "9", now),
            Err(Refusal::BadTime(_))
        ));
        assert_eq!(parse_at("now", now), Ok(now));
        assert_eq!(
            parse_at("2026-12-11T09:00:00+01:00", now),
            local_at("2026-12-11", "09:00", now)
        );
        assert!(matches!(
            parse_at("tomorrow", now),
            Err(Refusal::BadTime(_))
        ));
    }
}
