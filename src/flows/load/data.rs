//! The data files beside the flows: `offices.yaml` (offices, hours, closures, contacts),
//! `deadlines.yaml`, `topics.yaml` and `out-of-scope.yaml`.

use std::str::FromStr;

use chrono::{NaiveDate, Weekday};

use super::{check_key_id, date, message_id, name, names, triggers, url};
use crate::calendar::{Closures, Schedule, TimeRange, WeeklyHours};
use crate::diag::Pos;
use crate::flows::yaml::{Node, Reader};
use crate::flows::{Contacts, Deadline, Name, Office, Offices, Topic, TopicTemplate, Trigger};

const OFFICES_KEYS: &[&str] = &["default", "closures", "offices"];
const CLOSURES_KEYS: &[&str] = &["patron", "extra", "national_holidays"];
const OFFICE_KEYS: &[&str] = &[
    "name",
    "hours",
    "closures",
    "contacts",
    "unclaimed_after",
    "operators",
];
const CONTACT_KEYS: &[&str] = &["phone", "email", "pec", "address", "url"];
const DEADLINES_KEYS: &[&str] = &["deadlines"];
const OUT_OF_SCOPE_KEYS: &[&str] = &["examples"];
const DEADLINE_KEYS: &[&str] = &["id", "tags", "date", "title", "link", "topic", "remind"];
const TOPICS_KEYS: &[&str] = &["topics"];
const TOPIC_KEYS: &[&str] = &[
    "id",
    "label",
    "description",
    "emergency",
    "whatsapp_template",
];
const TEMPLATE_KEYS: &[&str] = &["name", "language"];
/// A reminder goes at most this many days before its deadline.
pub const REMIND_DAYS_MAX: u64 = 366;
pub(super) const WEEKDAYS: &[(&str, Weekday)] = &[
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];
/// Minutes an unclaimed case may wait within office hours before it is announced again.
const DEFAULT_UNCLAIMED_AFTER: u32 = 30;

pub(super) fn read_offices(r: &mut Reader<'_>, root: &Node) -> Option<Offices> {
    let mut f = r.fields(root, "the offices file")?;
    let default = f.require(r, "default").and_then(|n| name(r, n));
    let mut shared = Closures {
        national_holidays: true,
        patron: None,
        extra: Vec::new(),
    };
    if let Some(node) = f.get("closures") {
        read_closures(r, node, &mut shared);
    }
    let mut offices = Vec::new();
    if let Some(node) = f.require(r, "offices")
        && let Some(mut entries) = r.fields(node, "`offices`")
    {
        for (id, pos, node) in entries.all() {
            check_key_id(r, "office", id, pos);
            if let Some(office) = read_office(r, id, pos, node, &shared) {
                offices.push(office);
            }
        }
    }
    f.finish(r, OFFICES_KEYS);
    let default = default?;
    Some(Offices {
        file: r.file.to_path_buf(),
        default,
        offices,
    })
}

fn read_closures(r: &mut Reader<'_>, node: &Node, closures: &mut Closures) {
    let Some(mut f) = r.fields(node, "`closures`") else {
        return;
    };
    if let Some(n) = f.get("national_holidays") {
        closures.national_holidays = r.bool(n).unwrap_or(true);
    }
    if let Some(n) = f.get("patron") {
        let parsed = r.string(n).and_then(|text| {
            let (m, d) = text.split_once('-')?;
            let (m, d) = (m.parse().ok()?, d.parse().ok()?);
            NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
        });
        match parsed {
            Some(md) => closures.patron = Some(md),
            None => {
                r.error(n.pos, "the patron saint's day is written as month-day")
                    .hint = Some("for 4 October write \"10-04\"".into())
            }
        }
    }
    if let Some(n) = f.get("extra") {
        for item in r.list(n) {
            if let Some(d) = date(r, item) {
                closures.extra.push(d);
            }
        }
    }
    f.finish(r, CLOSURES_KEYS);
}

fn read_office(
    r: &mut Reader<'_>,
    id: &str,
    pos: Pos,
    node: &Node,
    shared: &Closures,
) -> Option<Office> {
    let what = format!("office `{id}`");
    let mut f = r.fields(node, &what)?;
    let name_id = f.require(r, "name").and_then(|n| message_id(r, n));
    let mut hours = WeeklyHours::default();
    if let Some(node) = f.get("hours")
        && let Some(mut days) = r.fields(node, "`hours`")
    {
        for (day, pos, ranges) in days.all() {
            let Some(&(_, weekday)) = WEEKDAYS.iter().find(|(d, _)| *d == day) else {
                r.error(pos, format!("unknown weekday `{day}`")).hint =
                    Some("weekdays are mon, tue, wed, thu, fri, sat, sun".into());
                continue;
            };
            let mut parsed = Vec::new();
            for (text, pos) in r.strings(ranges) {
                match TimeRange::from_str(&text) {
                    Ok(range) => parsed.push(range),
                    Err(e) => {
                        r.error(pos, format!("`{text}` is not a time range: {e}"))
                            .hint = Some("write opening hours as \"09:00-12:30\"".into());
                    }
                }
            }
            if let Err(e) = hours.set(weekday, parsed) {
                r.error(pos, format!("hours of `{day}`: {e}"));
            }
        }
    }
    let mut closures = shared.clone();
    if let Some(node) = f.get("closures") {
        for item in r.list(node) {
            if let Some(d) = date(r, item) {
                closures.extra.push(d);
            }
        }
    }
    let mut contacts = Contacts::default();
    if let Some(node) = f.get("contacts")
        && let Some(mut c) = r.fields(node, "`contacts`")
    {
        for (key, slot) in [
            ("phone", &mut contacts.phone),
            ("email", &mut contacts.email),
            ("pec", &mut contacts.pec),
            ("address", &mut contacts.address),
            ("url", &mut contacts.url),
        ] {
            *slot = c.get(key).and_then(|n| r.string(n));
        }
        c.finish(r, CONTACT_KEYS);
    }
    let unclaimed_after = f
        .get("unclaimed_after")
        .and_then(|n| r.uint(n))
        .map_or(DEFAULT_UNCLAIMED_AFTER, |m| {
            m.min(u64::from(u32::MAX)) as u32
        });
    let operators = f
        .get("operators")
        .map(|n| {
            r.list(n)
                .into_iter()
                .filter_map(|item| {
                    let text = r.string(item)?;
                    text.parse::<i64>().ok().or_else(|| {
                        r.error(item.pos, format!("`{text}` is not a Telegram user id"))
                            .hint = Some("Telegram user ids are numbers, e.g. 123456789".into());
                        None
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    f.finish(r, OFFICE_KEYS);
    Some(Office {
        id: id.to_string(),
        pos,
        name: name_id?,
        schedule: Schedule { hours, closures },
        contacts,
        unclaimed_after,
        operators,
    })
}

/// `out-of-scope.yaml`: questions, per language, that the chat does not answer; they teach the
/// router what to keep out.
pub(super) fn read_out_of_scope(r: &mut Reader<'_>, root: &Node) -> Vec<Trigger> {
    let Some(mut f) = r.fields(root, "the out-of-scope file") else {
        return Vec::new();
    };
    let examples = f
        .require(r, "examples")
        .map(|n| triggers(r, n, "examples"))
        .unwrap_or_default();
    f.finish(r, OUT_OF_SCOPE_KEYS);
    examples
}

pub(super) fn read_deadlines(r: &mut Reader<'_>, root: &Node) -> Vec<Deadline> {
    let Some(mut f) = r.fields(root, "the deadlines file") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(list) = f.require(r, "deadlines") {
        for node in r.list(list) {
            let Some(mut d) = r.fields(node, "a deadline") else {
                continue;
            };
            let id = d.require(r, "id").and_then(|n| name(r, n));
            let tags: Vec<Name> = d
                .require(r, "tags")
                .map(|n| names(r, n))
                .unwrap_or_default();
            let date = d.require(r, "date").and_then(|n| date(r, n));
            let title = d.require(r, "title").and_then(|n| message_id(r, n));
            let link = d.get("link").and_then(|n| url(r, n)).map(|n| n.text);
            let topic = d.get("topic").and_then(|n| name(r, n));
            let remind = d
                .get("remind")
                .map(|n| remind_days(r, n))
                .unwrap_or_default();
            let pos = d.pos;
            d.finish(r, DEADLINE_KEYS);
            if let (Some(id), Some(date), Some(title)) = (id, date, title) {
                out.push(Deadline {
                    id: id.text,
                    pos,
                    tags,
                    date,
                    title,
                    link,
                    topic,
                    remind,
                });
            }
        }
    }
    f.finish(r, DEADLINES_KEYS);
    out
}

/// `remind: [7, 1]`: days before the deadline, each a whole number up to a year, soonest last.
fn remind_days(r: &mut Reader<'_>, node: &Node) -> Vec<u32> {
    let mut days = Vec::new();
    for item in r.list(node) {
        match r.uint(item) {
            Some(n) if n <= REMIND_DAYS_MAX => days.push(n as u32),
            Some(n) => {
                r.error(item.pos, format!("a reminder {n} days before is too early"))
                    .hint = Some(format!("remind at most {REMIND_DAYS_MAX} days before"));
            }
            None => {}
        }
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    days
}

/// A topic's `whatsapp_template: { name: ..., language: ... }`.
fn read_template(r: &mut Reader<'_>, node: &Node) -> Option<TopicTemplate> {
    let mut f = r.fields(node, "a WhatsApp template")?;
    let name = f.require(r, "name").and_then(|n| r.string(n));
    let lang = f.require(r, "language").and_then(|n| r.string(n));
    let pos = f.pos;
    f.finish(r, TEMPLATE_KEYS);
    Some(TopicTemplate {
        name: name?,
        lang: lang?,
        pos,
    })
}

/// `topics.yaml`: what citizens can subscribe to with `/avvisi`.
pub(super) fn read_topics(r: &mut Reader<'_>, root: &Node) -> Vec<Topic> {
    let Some(mut f) = r.fields(root, "the topics file") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(list) = f.require(r, "topics") {
        for node in r.list(list) {
            let Some(mut t) = r.fields(node, "a topic") else {
                continue;
            };
            let id = t.require(r, "id").and_then(|n| name(r, n));
            if let Some(id) = &id {
                check_key_id(r, "topic", &id.text, id.pos);
            }
            let label = t.require(r, "label").and_then(|n| message_id(r, n));
            let description = t.require(r, "description").and_then(|n| message_id(r, n));
            let emergency = t.get("emergency").and_then(|n| r.bool(n)).unwrap_or(false);
            let whatsapp_template = t.get("whatsapp_template").and_then(|n| read_template(r, n));
            let pos = t.pos;
            t.finish(r, TOPIC_KEYS);
            if let (Some(id), Some(label), Some(description)) = (id, label, description) {
                out.push(Topic {
                    id: id.text,
                    pos,
                    label,
                    description,
                    emergency,
                    whatsapp_template,
                });
            }
        }
    }
    f.finish(r, TOPICS_KEYS);
    out
}
