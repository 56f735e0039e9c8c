//! `sportello insights`: the daily rollups of a period (`store::InsightRow`), read together
//! with the flows in service into a `Report`, written as a text summary, CSV, JSON, a
//! self-contained HTML page (`html`), or anonymised open data (`open_data`). See
//! docs/insights.md for what each figure means.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::store::{InsightRow, Unanswered, day_bounds, metric, outcome};

pub mod command;
pub mod digest;
pub mod html;
pub mod open_data;
pub mod text;

pub use text::{csv, summary};

/// What a report covers: days `from..=to`, optionally one office or one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Filter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub office: Option<String>,
    pub channel: Option<String>,
}

/// A topic (flow) and how its conversations went.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Topic {
    pub flow: String,
    /// The topic's name in the report's language.
    pub title: String,
    /// Conversations whose day is counted at a step of this flow (their last answer, or
    /// their last step).
    pub conversations: i64,
    /// Steps of this flow shown.
    pub steps_shown: i64,
    /// Conversations that reached an answer of this flow, with no hand-off and no repeat.
    pub resolved: i64,
    pub handed_off: i64,
    /// The citizen came back to the same step in another conversation the same day.
    pub repeated: i64,
    /// Conversations that stopped at a step that is not an answer (a menu, a question).
    pub dropped: i64,
}

/// A step where conversations stopped without an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DropOff {
    pub flow: String,
    pub step: String,
    pub conversations: i64,
}

/// Hand-offs and the operators' work of one office.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OfficeFigures {
    pub office: String,
    pub name: String,
    pub handoffs: i64,
    /// By reason: `asked`, `not_understood`, `flow`, `threat`.
    pub reasons: BTreeMap<String, i64>,
    pub first_replies: i64,
    /// Mean minutes from the hand-off to the first operator reply.
    pub first_reply_minutes: Option<f64>,
    /// First replies whose wait was counted within the office's hours (all of them, but
    /// on days rolled up before that was counted).
    pub first_replies_timed: i64,
    /// Mean minutes of the office's opening hours from the hand-off to the first reply:
    /// the wait the office is answerable for.
    pub first_reply_open_minutes: Option<f64>,
    /// First replies that came after more than the office's limit of its hours.
    pub first_replies_late: i64,
    pub closed: i64,
    /// Mean minutes from the hand-off to the close.
    pub close_minutes: Option<f64>,
    /// Closes whose time was counted within the office's hours.
    pub closed_timed: i64,
    /// Mean minutes of the office's opening hours from the hand-off to the close.
    pub close_open_minutes: Option<f64>,
    /// Ratings given, 1 to 5.
    pub ratings: [i64; 5],
    pub rating_mean: Option<f64>,
}

/// Messages not understood of similar wording (redacted as the transcript keeps them), with
/// their trend: for editors, never in open data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wording {
    pub text: String,
    pub count: usize,
    /// How many in the first half of the period, and in the second.
    pub first_half: usize,
    pub second_half: usize,
}

/// One day's main figures, for the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayFigures {
    pub day: NaiveDate,
    pub conversations: i64,
    pub resolved: i64,
    pub handed_off: i64,
    pub not_understood: i64,
}

/// The figures of a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub conversations: i64,
    pub messages_in: i64,
    pub messages_out: i64,
    /// Citizens who wrote for the first time, counted per day.
    pub citizens_new: i64,
    /// Citizens who had written before, counted once per day they wrote.
    pub citizens_returning: i64,
    pub resolved: i64,
    pub handed_off: i64,
    pub repeated: i64,
    pub dropped: i64,
    pub emergencies: i64,
    pub not_understood: i64,
    /// Resolved conversations times `insights_call_share`, rounded.
    pub calls_avoided: i64,
}

/// Everything `sportello insights` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub filter: Filter,
    pub lang: Lang,
    pub call_share: f64,
    pub totals: Totals,
    pub by_channel: BTreeMap<String, i64>,
    pub by_lang: BTreeMap<String, i64>,
    /// Conversations started, by weekday (Monday first) and hour, Rome time.
    pub by_hour: [[i64; 24]; 7],
    pub days: Vec<DayFigures>,
    pub topics: Vec<Topic>,
    pub drop_offs: Vec<DropOff>,
    pub offices: Vec<OfficeFigures>,
    /// Emergencies answered, by kind.
    pub emergencies: BTreeMap<String, i64>,
    /// Messages not understood, by reason.
    pub not_understood: BTreeMap<String, i64>,
    /// Only when asked (`--unanswered`), and only while the transcripts are kept.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unanswered: Vec<Wording>,
}

impl Report {
    /// Reads the rollup rows of the period (already limited to `filter`'s days) with the
    /// flows in service.
    pub fn build(
        rows: &[InsightRow],
        filter: Filter,
        flows: &FlowSet,
        lang: Lang,
        call_share: f64,
    ) -> Report {
        let mut r = Report {
            filter,
            lang,
            call_share,
            totals: Totals::default(),
            by_channel: BTreeMap::new(),
            by_lang: BTreeMap::new(),
            by_hour: [[0; 24]; 7],
            days: Vec::new(),
            topics: Vec::new(),
            drop_offs: Vec::new(),
            offices: Vec::new(),
            emergencies: BTreeMap::new(),
            not_understood: BTreeMap::new(),
            unanswered: Vec::new(),
        };
        let mut days: BTreeMap<NaiveDate, DayFigures> = BTreeMap::new();
        let mut topics: BTreeMap<String, Topic> = BTreeMap::new();
        let mut drops: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut offices: BTreeMap<String, OfficeFigures> = BTreeMap::new();
        // Sums of seconds and the counts they are averaged over, by office and metric.
        let mut seconds: BTreeMap<(String, &str), i64> = BTreeMap::new();
        let filter = r.filter.clone();
        for row in rows.iter().filter(|row| filter.keeps(row, flows)) {
            let v = row.value;
            let day = days.entry(row.day).or_insert_with(|| DayFigures {
                day: row.day,
                conversations: 0,
                resolved: 0,
                handed_off: 0,
                not_understood: 0,
            });
            let topic = |topics: &mut BTreeMap<String, Topic>| {
                topics
                    .entry(row.flow.clone())
                    .or_insert_with(|| Topic {
                        flow: row.flow.clone(),
                        title: flows
                            .flow(&row.flow)
                            .map(|f| flows.locales.text(lang, &f.title.text, &[]))
                            .unwrap_or_else(|| row.flow.clone()),
                        ..Topic::default()
                    })
                    .flow
                    .clone()
            };
            let office = |offices: &mut BTreeMap<String, OfficeFigures>| {
                let id = row.office.clone();
                offices
                    .entry(id.clone())
                    .or_insert_with(|| OfficeFigures {
                        name: flows
                            .office(&id)
                            .map(|o| flows.locales.text(lang, &o.name.text, &[]))
                            .unwrap_or_else(|| id.clone()),
                        office: id,
                        ..OfficeFigures::default()
                    })
                    .office
                    .clone()
            };
            match row.metric.as_str() {
                metric::CONVERSATIONS => {
                    r.totals.conversations += v;
                    day.conversations += v;
                    *r.by_channel.entry(row.channel.clone()).or_default() += v;
                    *r.by_lang.entry(row.lang.clone()).or_default() += v;
                }
                metric::CONVERSATIONS_BY_HOUR => {
                    if let Some((d, h)) = row.bucket.split_once('-')
                        && let (Ok(d), Ok(h)) = (d.parse::<usize>(), h.parse::<usize>())
                        && (1..=7).contains(&d)
                        && h < 24
                    {
                        r.by_hour[d - 1][h] += v;
                    }
                }
                metric::MESSAGES_IN => r.totals.messages_in += v,
                metric::MESSAGES_OUT => r.totals.messages_out += v,
                metric::CITIZENS_NEW => r.totals.citizens_new += v,
                metric::CITIZENS_RETURNING => r.totals.citizens_returning += v,
                metric::STEPS => {
                    let key = topic(&mut topics);
                    if let Some(t) = topics.get_mut(&key) {
                        t.steps_shown += v;
                    }
                }
                metric::LAST_STEP => {
                    let key = topic(&mut topics);
                    let Some(t) = topics.get_mut(&key) else {
                        continue;
                    };
                    t.conversations += v;
                    match row.bucket.as_str() {
                        outcome::HANDOFF => {
                            t.handed_off += v;
                            r.totals.handed_off += v;
                            day.handed_off += v;
                        }
                        outcome::REPEAT => {
                            t.repeated += v;
                            r.totals.repeated += v;
                        }
                        outcome::BOT => {
                            t.resolved += v;
                            r.totals.resolved += v;
                            day.resolved += v;
                        }
                        outcome::DROPPED => {
                            t.dropped += v;
                            r.totals.dropped += v;
                            *drops
                                .entry((row.flow.clone(), row.step.clone()))
                                .or_default() += v;
                        }
                        _ => {}
                    }
                }
                metric::HANDOFFS => {
                    let key = office(&mut offices);
                    if let Some(o) = offices.get_mut(&key) {
                        o.handoffs += v;
                        *o.reasons.entry(row.bucket.clone()).or_default() += v;
                    }
                }
                metric::FIRST_REPLIES | metric::CLOSED | metric::FIRST_REPLIES_LATE => {
                    let key = office(&mut offices);
                    if let Some(o) = offices.get_mut(&key) {
                        *match row.metric.as_str() {
                            metric::CLOSED => &mut o.closed,
                            metric::FIRST_REPLIES => &mut o.first_replies,
                            _ => &mut o.first_replies_late,
                        } += v;
                    }
                }
                m @ (metric::FIRST_REPLY_SECONDS
                | metric::CLOSE_SECONDS
                | metric::FIRST_REPLIES_TIMED
                | metric::FIRST_REPLY_OPEN_SECONDS
                | metric::CLOSED_TIMED
                | metric::CLOSE_OPEN_SECONDS) => {
                    let key = office(&mut offices);
                    *seconds.entry((key, m)).or_default() += v;
                }
                metric::RATINGS => {
                    let key = office(&mut offices);
                    if let (Some(o), Ok(score @ 1..=5)) =
                        (offices.get_mut(&key), row.bucket.parse::<usize>())
                    {
                        o.ratings[score - 1] += v;
                    }
                }
                metric::EMERGENCIES => {
                    r.totals.emergencies += v;
                    *r.emergencies.entry(row.bucket.clone()).or_default() += v;
                }
                metric::NOT_UNDERSTOOD => {
                    r.totals.not_understood += v;
                    day.not_understood += v;
                    *r.not_understood.entry(row.bucket.clone()).or_default() += v;
                }
                _ => {}
            }
        }
        for o in offices.values_mut() {
            let mean = |total: i64, n: i64| (n > 0).then(|| total as f64 / n as f64 / 60.0);
            let s = |m: &str| seconds.get(&(o.office.clone(), m)).copied().unwrap_or(0);
            o.first_reply_minutes = mean(s(metric::FIRST_REPLY_SECONDS), o.first_replies);
            o.close_minutes = mean(s(metric::CLOSE_SECONDS), o.closed);
            o.first_replies_timed = s(metric::FIRST_REPLIES_TIMED);
            o.first_reply_open_minutes =
                mean(s(metric::FIRST_REPLY_OPEN_SECONDS), o.first_replies_timed);
            o.closed_timed = s(metric::CLOSED_TIMED);
            o.close_open_minutes = mean(s(metric::CLOSE_OPEN_SECONDS), o.closed_timed);
            let n: i64 = o.ratings.iter().sum();
            let sum: i64 = o.ratings.iter().zip(1..).map(|(c, s)| c * s).sum();
            o.rating_mean = (n > 0).then(|| sum as f64 / n as f64);
        }
        r.totals.calls_avoided = (r.totals.resolved as f64 * call_share).round() as i64;
        r.days = days.into_values().collect();
        r.topics = topics.into_values().collect();
        r.topics.sort_by(|a, b| {
            b.conversations
                .cmp(&a.conversations)
                .then(a.flow.cmp(&b.flow))
        });
        r.drop_offs = drops
            .into_iter()
            .map(|((flow, step), conversations)| DropOff {
                flow,
                step,
                conversations,
            })
            .collect();
        r.drop_offs
            .sort_by_key(|d| std::cmp::Reverse(d.conversations));
        r.offices = offices.into_values().collect();
        r
    }

    /// Adds what was not understood in the period, grouped by similar wording
    /// (`unanswered::group`), with the counts of each half of the period.
    pub fn add_unanswered(&mut self, misses: &[Unanswered]) {
        let (start, _) = day_bounds(self.filter.from);
        let (_, end) = day_bounds(self.filter.to);
        let mid = start + (end - start) / 2;
        let within: Vec<Unanswered> = misses
            .iter()
            .filter(|m| (start..end).contains(&m.at.timestamp_millis()))
            .cloned()
            .collect();
        self.unanswered = crate::unanswered::group(&within)
            .into_iter()
            .map(|g| {
                let first_half = g.at.iter().filter(|t| t.timestamp_millis() < mid).count();
                Wording {
                    text: g.text,
                    count: g.count,
                    first_half,
                    second_half: g.count - first_half,
                }
            })
            .collect();
    }

    /// Whether a row belongs to the report's period, office and channel (`Filter::keeps`).
    pub fn keeps(&self, row: &InsightRow, flows: &FlowSet) -> bool {
        self.filter.keeps(row, flows)
    }

    /// A text of the report in its language.
    pub fn t(&self, flows: &FlowSet, id: &str, args: &[(&str, &str)]) -> String {
        flows.locales.text(self.lang, id, args)
    }
}

impl Filter {
    /// Whether a row belongs to the period, office and channel. A topic's office is its
    /// flow's; rows without a channel are kept under a channel filter.
    pub fn keeps(&self, row: &InsightRow, flows: &FlowSet) -> bool {
        let f = self;
        if row.day < f.from || row.day > f.to {
            return false;
        }
        if let Some(channel) = &f.channel
            && !row.channel.is_empty()
            && row.channel != *channel
        {
            return false;
        }
        let Some(office) = &f.office else {
            return true;
        };
        if !row.office.is_empty() {
            row.office == *office
        } else if !row.flow.is_empty() {
            let flow_office = flows
                .flow(&row.flow)
                .and_then(|f| f.office.as_ref())
                .map_or(flows.default_office(), |o| o.text.as_str());
            flow_office == office
        } else {
            // Conversations, messages, citizens, emergencies: not an office's.
            false
        }
    }
}
