//! `sportello broadcast`: write an announcement, see it as citizens will, send it to one chat
//! as a test, schedule it, approve it (a second person, on emergency topics), cancel it, and
//! follow its progress. Each action is one of `announcements::actions`, which the web console
//! calls too; this module reads the arguments and words the answers and refusals in English.

use std::fmt::Write as _;

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::Subcommand;

use crate::announcements::actions::{self, Actor, Audience, Draft, Failure, Refusal};
use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::ids::ChannelKind;
use crate::settings::BroadcastsSettings;
use crate::store::Store;

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

/// A refusal in the command line's words, with the arguments that fix it.
pub fn refusal(r: &Refusal) -> String {
    let lang_name = |lang: Lang| {
        if lang == Lang::It {
            "Italian"
        } else {
            "English"
        }
    };
    match r {
        Refusal::UnknownTopic {
            topic,
            closest,
            topics,
        } => format!(
            "unknown topic `{topic}`{}: the topics are {}",
            closest
                .as_deref()
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default(),
            topics.join(", ")
        ),
        Refusal::MissingText(lang) => format!(
            "the {} text is missing: give it with --{} (every broadcast goes out in Italian \
             and English)",
            lang_name(*lang),
            lang.code()
        ),
        Refusal::TooLong(problems) => problems
            .iter()
            .map(|p| {
                format!(
                    "the {} text is {} characters with the closing line, over {}'s {} for a \
                     {}: shorten it by {}",
                    p.lang.code(),
                    p.chars,
                    p.channel,
                    p.max,
                    if p.caption { "caption" } else { "message" },
                    p.chars - p.max
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Refusal::Image {
            image,
            reason: Some(reason),
        } => format!("--image: {reason}; `{image}` cannot be sent"),
        Refusal::Image {
            image,
            reason: None,
        } => {
            format!("--image: `{image}` is not an image of flows/media/ the channels can send")
        }
        Refusal::UnknownLogin(login) => format!(
            "`{login}` is not a console account: see `sportello users list` (an admin adds \
             accounts with `sportello users add`)"
        ),
        Refusal::DisabledLogin(login) => format!("the account `{login}` is disabled"),
        Refusal::BadTime(text) => {
            format!("--at takes `now` or a time like 2026-12-01T09:00:00+01:00, not `{text}`")
        }
        Refusal::InPast(at) => format!(
            "--at {} is in the past: give a time to come, or `now` to send it at once",
            at.to_rfc3339()
        ),
        Refusal::NotFound(id) => {
            format!("there is no broadcast {id}: see `sportello broadcast list`")
        }
        Refusal::TopicGone(topic) => format!("the topic `{topic}` is no longer in the flows"),
        Refusal::OwnApproval { id, login } => format!(
            "broadcast {id} was written by `{login}`: another member of staff must approve it"
        ),
        Refusal::Expired(id) => format!("broadcast {id} has expired: it will not be sent"),
        Refusal::NotApprovable { id, status } => format!(
            "broadcast {id} is {}: only a draft or one awaiting approval is approved",
            status.code()
        ),
        Refusal::NotSchedulable { id, status } => format!(
            "broadcast {id} is {}: it cannot be scheduled",
            status.code()
        ),
        Refusal::Finished { id, status } => format!(
            "broadcast {id} is {} already: nothing to cancel",
            status.code()
        ),
        Refusal::Changed(id) => {
            format!("broadcast {id} changed meanwhile: see `sportello broadcast list`")
        }
    }
}

/// A failed action as the command line reports it.
fn failed(f: Failure) -> anyhow::Error {
    match f {
        Failure::Refused(r) => anyhow::anyhow!(refusal(&r)),
        Failure::Store(e) => anyhow::Error::new(e).context("the database failed"),
    }
}

/// What scheduling says.
fn scheduled(id: i64, topic: &str, done: actions::Scheduled) -> String {
    if done.awaits_approval {
        format!(
            "broadcast {id} is on the emergency topic `{topic}`: it goes out at {} once another \
             member of staff approves it (`sportello broadcast approve {id} --as LOGIN`)\n",
            done.at.to_rfc3339()
        )
    } else {
        format!("broadcast {id} scheduled for {}\n", done.at.to_rfc3339())
    }
}

/// The account of `--as`, when given.
async fn actor(
    store: &Store,
    login: Option<&str>,
) -> anyhow::Result<Option<crate::store::StaffAccount>> {
    match login {
        Some(login) => Ok(Some(actions::staff(store, login).await.map_err(failed)?)),
        None => Ok(None),
    }
}

/// Runs one `broadcast` command at `now`; what to print.
pub async fn run(
    command: BroadcastCommand,
    store: &Store,
    flows: &FlowSet,
    settings: &BroadcastsSettings,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    match command {
        BroadcastCommand::Create {
            topic,
            it,
            en,
            image,
            at,
            login,
        } => {
            let account = actions::staff(store, &login).await.map_err(failed)?;
            let draft = Draft {
                topic: &topic,
                it: it.as_deref(),
                en: en.as_deref(),
                image: image.as_deref(),
                request: None,
            };
            let at = at
                .as_deref()
                .map(|a| actions::parse_at(a, now))
                .transpose()
                .map_err(|r| failed(r.into()))?;
            let id = actions::create(store, flows, &account, &draft, now)
                .await
                .map_err(failed)?;
            let mut out = format!("broadcast {id} created as a draft on `{topic}`\n");
            if let Some(at) = at {
                let actor = Actor(Some(&account));
                let done = actions::schedule(store, flows, settings, actor, id, at, now)
                    .await
                    .map_err(failed)?;
                out.push_str(&scheduled(id, &topic, done));
            }
            Ok(out)
        }
        BroadcastCommand::Preview { id } => preview(store, flows, id).await,
        BroadcastCommand::Test { id, to } => {
            let b = actions::find(store, id).await.map_err(failed)?;
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
                .ok_or_else(|| failed(Refusal::TopicGone(b.topic.clone()).into()))?;
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
            let account = actor(store, login.as_deref()).await?;
            let b = actions::find(store, id).await.map_err(failed)?;
            let at = actions::parse_at(&at, now).map_err(|r| failed(r.into()))?;
            let actor = Actor(account.as_ref());
            let done = actions::schedule(store, flows, settings, actor, id, at, now)
                .await
                .map_err(failed)?;
            Ok(scheduled(id, &b.topic, done))
        }
        BroadcastCommand::Approve { id, login } => {
            let account = actions::staff(store, &login).await.map_err(failed)?;
            let at = actions::approve(store, &account, id, now)
                .await
                .map_err(failed)?;
            Ok(match at {
                Some(at) => format!(
                    "broadcast {id} approved by {login}: it goes out at {}\n",
                    at.to_rfc3339()
                ),
                None => format!("broadcast {id} approved by {login}; schedule it to send it\n"),
            })
        }
        BroadcastCommand::Cancel { id, login } => {
            let account = actor(store, login.as_deref()).await?;
            let done = actions::cancel(store, Actor(account.as_ref()), id, now)
                .await
                .map_err(failed)?;
            Ok(format!(
                "broadcast {id} cancelled: {} messages not sent were dropped; {} were sent \
                 already\n",
                done.dropped, done.sent
            ))
        }
        BroadcastCommand::List { limit } => list(store, limit).await,
    }
}

async fn preview(store: &Store, flows: &FlowSet, id: i64) -> anyhow::Result<String> {
    let b = actions::find(store, id).await.map_err(failed)?;
    let shown = actions::preview(store, flows, &b).await.map_err(failed)?;
    let mut out = format!(
        "broadcast {} on `{}` ({}), {}\n",
        b.broadcast_id,
        b.topic,
        if shown.emergency {
            "emergency"
        } else {
            "routine"
        },
        b.status.code()
    );
    for (lang, reply) in &shown.messages {
        let _ = writeln!(out, "\n--- {} ---", lang.code());
        if let Some(image) = &reply.image {
            let _ = writeln!(out, "[image: {}]", image.file);
        }
        let _ = writeln!(out, "{}", reply.text);
    }
    match shown.audience {
        Audience::Followed(followed) => {
            let _ = writeln!(out, "\nrecipients: those of broadcast {followed}");
        }
        Audience::Subscribers(audience) => {
            let total: u64 = audience.iter().map(|a| a.citizens).sum();
            let _ = writeln!(out, "\nsubscribers now: {total}");
            for a in audience {
                let _ = writeln!(out, "  {} {}: {}", a.channel, a.lang, a.citizens);
            }
        }
    }
    Ok(out)
}

async fn list(store: &Store, limit: i64) -> anyhow::Result<String> {
    let mut out = String::new();
    let broadcasts = actions::list(store, limit).await?;
    if broadcasts.is_empty() {
        out.push_str("no broadcasts yet\n");
    }
    for (b, p) in broadcasts {
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
