//! `sportello broadcast`: write an announcement, see it as citizens will, send it to one chat
//! as a test, schedule it, approve it (a second person, on emergency topics), cancel it, and
//! follow its progress. Each change is written to the staff audit under the login given.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use clap::Subcommand;

use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::ids::ChannelKind;
use crate::settings::BroadcastsSettings;
use crate::store::{Broadcast, BroadcastStatus, NewBroadcast, StaffAccount, Store};

#[derive(Debug, Subcommand)]
pub enum BroadcastCommand {
    /// Write an announcement to the subscribers of a topic, in Italian and English; a draft
    /// unless `--at` schedules it.
    Create {
        /// The topic (an id of flows/topics.yaml).
        #[arg(long)]
        topic: String,
        /// The Italian text.
        #[arg(long)]
        it: Option<String>,
        /// The English text.
        #[arg(long)]
        en: Option<String>,
        /// An image of flows/media/, sent with the text as its caption.
        #[arg(long)]
        image: Option<String>,
        /// When to send it: RFC 3339 (2026-12-01T09:00:00+01:00) or `now`.
        #[arg(long)]
        at: Option<String>,
        /// Your console login.
        #[arg(long = "as")]
        login: String,
    },
    /// Print the message in each language as a citizen will see it, and who would get it now.
    Preview { id: i64 },
    /// Send the message, in each language, to one chat only (`telegram:CHATID`,
    /// `whatsapp:NUMBER`): not counted in its progress.
    Test {
        id: i64,
        #[arg(long)]
        to: String,
    },
    /// Schedule a broadcast: RFC 3339 or `now`. On an emergency topic it waits for approval
    /// when `broadcasts_emergency_approval` is on.
    Schedule {
        id: i64,
        #[arg(long)]
        at: String,
        #[arg(long = "as")]
        login: Option<String>,
    },
    /// Approve a broadcast written by someone else; a scheduled one waiting for approval goes.
    Approve {
        id: i64,
        #[arg(long = "as")]
        login: String,
    },
    /// Cancel a broadcast: what was not sent yet is dropped, what was sent stays.
    Cancel {
        id: i64,
        #[arg(long = "as")]
        login: Option<String>,
    },
    /// The latest broadcasts with their status and progress.
    List {
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
}

/// A login of an enabled console account.
async fn staff(store: &Store, login: &str) -> anyhow::Result<StaffAccount> {
    match store.staff_login(login).await? {
        Some(found) if !found.account.disabled => Ok(found.account),
        Some(_) => bail!("the account `{login}` is disabled"),
        None => bail!(
            "`{login}` is not a console account: see `sportello users list` (an admin adds \
             accounts with `sportello users add`)"
        ),
    }
}

/// `--at`: a time to come, or `now`.
fn parse_at(text: &str, now: DateTime<Utc>) -> anyhow::Result<DateTime<Utc>> {
    if text.trim() == "now" {
        return Ok(now);
    }
    let at = DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .with_context(|| {
            format!("--at takes `now` or a time like 2026-12-01T09:00:00+01:00, not `{text}`")
        })?;
    if at < now - chrono::Duration::minutes(1) {
        bail!("--at {text} is in the past: give a time to come, or `now` to send it at once");
    }
    Ok(at)
}

async fn find(store: &Store, id: i64) -> anyhow::Result<Broadcast> {
    store
        .broadcast(id)
        .await?
        .with_context(|| format!("there is no broadcast {id}: see `sportello broadcast list`"))
}

/// Runs one `broadcast` command at `now`; what to print.
pub async fn run(
    command: BroadcastCommand,
    store: &Store,
    flows: &FlowSet,
    settings: &BroadcastsSettings,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let audit = |staff: Option<StaffAccount>, login: String, action: &'static str, id: i64| async move {
        let detail = serde_json::json!({ "broadcast": id });
        store
            .audit_staff(staff.as_ref(), &login, action, None, &detail, now)
            .await
            .context("cannot write the staff audit")
    };
    match command {
        BroadcastCommand::Create {
            topic,
            it,
            en,
            image,
            at,
            login,
        } => {
            let account = staff(store, &login).await?;
            let Some(found) = flows.topic(&topic) else {
                let ids: Vec<&str> = flows.topics.iter().map(|t| t.id.as_str()).collect();
                bail!(
                    "unknown topic `{topic}`{}: the topics are {}",
                    crate::diag::closest(&topic, ids.iter().copied())
                        .map(|c| format!(" (did you mean `{c}`?)"))
                        .unwrap_or_default(),
                    ids.join(", ")
                );
            };
            let mut texts = BTreeMap::new();
            for (lang, text, flag) in [(Lang::It, it, "--it"), (Lang::En, en, "--en")] {
                match text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) {
                    Some(text) => {
                        texts.insert(lang.code().to_owned(), text);
                    }
                    None => bail!(
                        "the {} text is missing: give it with {flag} (every broadcast goes \
                         out in Italian and English)",
                        if lang == Lang::It {
                            "Italian"
                        } else {
                            "English"
                        }
                    ),
                }
            }
            if let Some(image) = &image
                && !flows.media.contains_key(image)
            {
                let dir = flows
                    .topics_file
                    .parent()
                    .unwrap_or(std::path::Path::new("."));
                crate::flows::media::check_image(dir, image, &flows.limits)
                    .map_err(|e| anyhow::anyhow!("--image: {e}"))?;
                bail!("--image: `{image}` is not an image of flows/media/ the channels can send");
            }
            let problems = super::check_lengths(flows, found, &texts, image.as_deref());
            if !problems.is_empty() {
                bail!("{}", problems.join("; "));
            }
            let at = at.as_deref().map(|a| parse_at(a, now)).transpose()?;
            let id = store
                .create_broadcast(
                    &NewBroadcast {
                        topic: &found.id,
                        texts: &texts,
                        image: image.as_deref(),
                        status: BroadcastStatus::Draft,
                        priority: super::priority(found),
                        created_by: &account.username,
                        send_at: None,
                        expires_at: None,
                        cap: None,
                        follows: None,
                    },
                    now,
                )
                .await?;
            audit(Some(account.clone()), login, "broadcast_create", id).await?;
            let mut out = format!("broadcast {id} created as a draft on `{}`\n", found.id);
            if let Some(at) = at {
                let b = find(store, id).await?;
                out.push_str(&schedule(store, flows, settings, &b, at, now).await?);
            }
            Ok(out)
        }
        BroadcastCommand::Preview { id } => preview(store, flows, &find(store, id).await?).await,
        BroadcastCommand::Test { id, to } => {
            let b = find(store, id).await?;
            let (channel, chat) = to
                .split_once(':')
                .and_then(|(c, chat)| Some((c.parse::<ChannelKind>().ok()?, chat)))
                .filter(|(c, chat)| {
                    matches!(c, ChannelKind::Telegram | ChannelKind::WhatsApp) && !chat.is_empty()
                })
                .with_context(|| {
                    format!("--to takes telegram:CHATID or whatsapp:NUMBER, not `{to}`")
                })?;
            let payloads = super::payloads(flows, &b)
                .with_context(|| format!("the topic `{}` is no longer in the flows", b.topic))?;
            let rows: Vec<(String, String)> = payloads.into_values().collect();
            let queued = store
                .queue_test_send(channel, chat, Lang::It.code(), &rows, now)
                .await?;
            Ok(format!(
                "broadcast {id}: {} test messages queued for {} (one per language); they are \
                 not counted in its progress\n",
                queued.len(),
                channel.code()
            ))
        }
        BroadcastCommand::Schedule { id, at, login } => {
            let account = match &login {
                Some(login) => Some(staff(store, login).await?),
                None => None,
            };
            let b = find(store, id).await?;
            let at = parse_at(&at, now)?;
            let out = schedule(store, flows, settings, &b, at, now).await?;
            audit(
                account,
                login.unwrap_or_else(|| "command-line".into()),
                "broadcast_schedule",
                id,
            )
            .await?;
            Ok(out)
        }
        BroadcastCommand::Approve { id, login } => {
            let account = staff(store, &login).await?;
            let b = find(store, id).await?;
            if b.created_by == account.username {
                bail!(
                    "broadcast {id} was written by `{login}`: another member of staff must \
                     approve it"
                );
            }
            if b.expires_at.is_some_and(|e| e <= now) {
                bail!("broadcast {id} has expired: it will not be sent");
            }
            let (from, to, at) = match b.status {
                BroadcastStatus::AwaitingApproval => (
                    BroadcastStatus::AwaitingApproval,
                    BroadcastStatus::Scheduled,
                    Some(b.send_at.map_or(now, |s| s.max(now))),
                ),
                BroadcastStatus::Draft => (BroadcastStatus::Draft, BroadcastStatus::Draft, None),
                other => bail!(
                    "broadcast {id} is {}: only a draft or one awaiting approval is approved",
                    other.code()
                ),
            };
            if !store
                .move_broadcast(id, &[from], to, at, Some(&account.username), now)
                .await?
            {
                bail!("broadcast {id} changed meanwhile: see `sportello broadcast list`");
            }
            audit(Some(account), login.clone(), "broadcast_approve", id).await?;
            Ok(match to {
                BroadcastStatus::Scheduled => format!(
                    "broadcast {id} approved by {login}: it goes out at {}\n",
                    at.unwrap_or(now).to_rfc3339()
                ),
                _ => format!("broadcast {id} approved by {login}; schedule it to send it\n"),
            })
        }
        BroadcastCommand::Cancel { id, login } => {
            let account = match &login {
                Some(login) => Some(staff(store, login).await?),
                None => None,
            };
            let b = find(store, id).await?;
            let Some(dropped) = store.cancel_broadcast(id, now).await? else {
                bail!(
                    "broadcast {id} is {} already: nothing to cancel",
                    b.status.code()
                );
            };
            audit(
                account,
                login.unwrap_or_else(|| "command-line".into()),
                "broadcast_cancel",
                id,
            )
            .await?;
            let p = store.broadcast_progress(id).await?;
            Ok(format!(
                "broadcast {id} cancelled: {dropped} messages not sent were dropped; {} were \
                 sent already\n",
                p.sent
            ))
        }
        BroadcastCommand::List { limit } => list(store, limit).await,
    }
}

/// Schedules `b` at `at`, or leaves it waiting for approval; what to print.
async fn schedule(
    store: &Store,
    flows: &FlowSet,
    settings: &BroadcastsSettings,
    b: &Broadcast,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    use BroadcastStatus::*;
    let id = b.broadcast_id;
    if !matches!(b.status, Draft | AwaitingApproval | Scheduled) {
        bail!(
            "broadcast {id} is {}: it cannot be scheduled",
            b.status.code()
        );
    }
    let emergency = flows.topic(&b.topic).is_some_and(|t| t.emergency);
    let waits = emergency && settings.emergency_approval && b.approved_by.is_none();
    let to = if waits { AwaitingApproval } else { Scheduled };
    if !store
        .move_broadcast(
            id,
            &[Draft, AwaitingApproval, Scheduled],
            to,
            Some(at),
            None,
            now,
        )
        .await?
    {
        bail!("broadcast {id} changed meanwhile: see `sportello broadcast list`");
    }
    Ok(if waits {
        format!(
            "broadcast {id} is on the emergency topic `{}`: it goes out at {} once another \
             member of staff approves it (`sportello broadcast approve {id} --as LOGIN`)\n",
            b.topic,
            at.to_rfc3339()
        )
    } else {
        format!("broadcast {id} scheduled for {}\n", at.to_rfc3339())
    })
}

async fn preview(store: &Store, flows: &FlowSet, b: &Broadcast) -> anyhow::Result<String> {
    let topic = flows
        .topic(&b.topic)
        .with_context(|| format!("the topic `{}` is no longer in the flows", b.topic))?;
    let mut out = format!(
        "broadcast {} on `{}` ({}), {}\n",
        b.broadcast_id,
        b.topic,
        if topic.emergency {
            "emergency"
        } else {
            "routine"
        },
        b.status.code()
    );
    for lang in Lang::ALL {
        let Some(body) = super::body(&b.texts, lang) else {
            continue;
        };
        let reply = super::compose(flows, topic, body, b.image.as_deref(), lang);
        let _ = writeln!(out, "\n--- {} ---", lang.code());
        if let Some(image) = &reply.image {
            let _ = writeln!(out, "[image: {}]", image.file);
        }
        let _ = writeln!(out, "{}", reply.text);
    }
    if let Some(followed) = b.follows {
        let _ = writeln!(out, "\nrecipients: those of broadcast {followed}");
        return Ok(out);
    }
    let audience = store.broadcast_audience(&b.topic).await?;
    let total: u64 = audience.iter().map(|a| a.citizens).sum();
    let _ = writeln!(out, "\nsubscribers now: {total}");
    for a in audience {
        let _ = writeln!(out, "  {} {}: {}", a.channel, a.lang, a.citizens);
    }
    Ok(out)
}

async fn list(store: &Store, limit: i64) -> anyhow::Result<String> {
    let mut out = String::new();
    let broadcasts = store.broadcasts(limit).await?;
    if broadcasts.is_empty() {
        out.push_str("no broadcasts yet\n");
    }
    for b in broadcasts {
        let p = store.broadcast_progress(b.broadcast_id).await?;
        let _ = writeln!(
            out,
            "{} {} {} at {} by {}{}: queued {}, sent {}, failed {}, blocked {}{}",
            b.broadcast_id,
            b.status.code(),
            b.topic,
            b.send_at.map_or("-".into(), |t| t.to_rfc3339()),
            b.created_by,
            b.approved_by
                .as_deref()
                .map(|a| format!(", approved by {a}"))
                .unwrap_or_default(),
            p.queued,
            p.sent,
            p.failed,
            p.blocked,
            if p.expired > 0 {
                format!(", expired {}", p.expired)
            } else {
                String::new()
            }
        );
    }
    Ok(out)
}
