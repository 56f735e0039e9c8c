//! Flow sets: the admin-edited flows, offices, deadlines and texts, loaded and validated as a
//! whole. A [`FlowSet`] exists only when its files have no errors, so the engine never meets a
//! dangling reference.

pub mod check;
pub mod graph;
pub mod ics;
pub mod limits;
pub mod live;
pub mod load;
pub mod media;
pub mod messages;
pub mod review;
pub mod waste;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use crate::calendar::{OfficeClock, OfficeHours, Schedule};
use crate::diag::{Pos, Report};
use crate::i18n::{Lang, Locales};
use crate::text::matcher::Index;
use limits::ChannelLimits;

/// The conventional id of the main menu flow, shown by `/start` and `/menu`.
pub const MAIN_FLOW: &str = "menu";
/// Where the buttons of `/avvisi` say they were shown (`avvisi/<topic id>`): not a step of
/// the flows, so an older button still toggles its topic.
pub const TOPICS_AT: &str = "avvisi";
/// Prefix of the operators' ready replies' text ids (`locales/*/risposte.ftl`), which the
/// editors write and the hand-off offers with `/risposte`.
pub const CANNED_PREFIX: &str = "risposta-";

/// A name written in a file, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub lang: Lang,
    pub text: String,
    pub pos: Pos,
}

/// A question as a citizen asked it, with the flow that answers it (`questions.txt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The flow's id; `None` for a question the chat does not answer here.
    pub flow: Option<String>,
    pub text: String,
    /// Its line in the file.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Flow {
    pub id: String,
    pub file: PathBuf,
    pub pos: Pos,
    /// Fluent id of the topic's name.
    pub title: Name,
    /// The competent office for hand-offs from this flow.
    pub office: Option<Name>,
    /// Its flow-level triggers are emergency words, answered first in any state.
    pub emergency: bool,
    pub triggers: Vec<Trigger>,
    /// Questions as citizens write them, leading to the start step (not on the emergency flow).
    pub examples: Vec<Trigger>,
    pub start: Name,
    pub steps: Vec<Step>,
    /// Answers of this flow end with their source line ("Fonte: ... — verificato il ...");
    /// `/fonte` gives it either way.
    pub show_source: bool,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    pub pos: Pos,
    pub title: Option<Name>,
    pub say: Name,
    pub triggers: Vec<Trigger>,
    /// Questions as citizens write them, leading to this step.
    pub examples: Vec<Trigger>,
    pub deadlines: Vec<Name>,
    /// The official page or act the answer rests on (`source:`, formerly `link:`).
    pub source: Option<Name>,
    /// When an editor last checked the answer against its source.
    pub verified: Option<Verified>,
    pub choices: Vec<Choice>,
    pub handoff: Option<Name>,
    pub end: bool,
    /// An image shown before the text (`image:`).
    pub image: Option<StepImage>,
    /// The step answers what is collected tomorrow in the citizen's zone (`waste.yaml`).
    pub collection: bool,
}

/// An image a step shows: a file of `flows/media/` and its alternative text, which is the
/// image's caption and what a citizen gets where the image cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepImage {
    /// The file's name in `flows/media/`.
    pub file: Name,
    /// Fluent id of the alternative text.
    pub alt: Name,
}

/// A date an answer was checked against its source, with where it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    pub date: NaiveDate,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub pos: Pos,
    pub label: Name,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Go to a step (`None`: the flow's start). `target` is the reference as written.
    Goto {
        flow: String,
        step: Option<String>,
        target: Name,
    },
    Handoff(Name),
    Link(Name),
    Deadlines(Name),
    End,
}

#[derive(Debug, Clone)]
pub struct Offices {
    pub file: PathBuf,
    pub default: Name,
    pub offices: Vec<Office>,
}

#[derive(Debug, Clone)]
pub struct Office {
    pub id: String,
    pub pos: Pos,
    /// Fluent id of the office's name.
    pub name: Name,
    pub schedule: Schedule,
    pub contacts: Contacts,
    /// Minutes within office hours after which an unclaimed case is announced again.
    pub unclaimed_after: u32,
    /// Telegram user ids allowed to act for this office; empty: any member of the group.
    pub operators: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contacts {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub pec: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Deadline {
    pub id: String,
    pub pos: Pos,
    pub tags: Vec<Name>,
    pub date: NaiveDate,
    /// Fluent id of the deadline's title.
    pub title: Name,
    pub link: Option<String>,
    /// The topic of `topics.yaml` whose subscribers are reminded of it.
    pub topic: Option<Name>,
    /// Days before the date on which subscribers are reminded, earliest first (`[7, 1]`).
    pub remind: Vec<u32>,
}

/// A topic citizens can subscribe to with `/avvisi` (`topics.yaml`).
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub pos: Pos,
    /// Fluent ids of its name (the button) and of a line saying what it brings.
    pub label: Name,
    pub description: Name,
    /// Alerts about dangers (weather, civil protection): they go before other messages.
    pub emergency: bool,
    /// The approved WhatsApp template its messages go as outside the 24-hour window.
    pub whatsapp_template: Option<TopicTemplate>,
}

/// An approved WhatsApp message template: its name and language code as approved by Meta,
/// with one body parameter that carries the message's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicTemplate {
    pub name: String,
    pub lang: String,
    pub pos: Pos,
}

/// A step, by position in the set: cheap to copy, used as the matcher's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StepRef {
    pub flow: usize,
    pub step: usize,
}

/// A validated set of flows with their data files and texts.
pub struct FlowSet {
    pub flows: Vec<Flow>,
    pub offices: Offices,
    pub deadlines_file: PathBuf,
    pub deadlines: Vec<Deadline>,
    /// What citizens can subscribe to (`topics.yaml`; none when the file is absent).
    pub topics_file: PathBuf,
    pub topics: Vec<Topic>,
    /// The door-to-door collection calendar by zone (`waste.yaml`), when the Comune has one.
    pub waste: Option<waste::Waste>,
    /// The version of the consent text shown with `/avvisi` ([`ALERTS_CONSENT_TEXTS`]),
    /// recorded with each subscription.
    pub alerts_consent_version: String,
    /// Questions the chat does not answer (`out-of-scope.yaml`): the classifier's last class.
    pub out_of_scope: Vec<Trigger>,
    /// Questions as citizens asked them, labelled (`questions.txt`): the classifier's too.
    pub questions: Vec<Question>,
    pub locales: Locales,
    /// The images the steps show, by file name, read from `flows/media/` at load time.
    pub media: HashMap<String, Arc<media::MediaFile>>,
    by_id: HashMap<String, usize>,
    /// Free-text matching over triggers and texts of every step.
    pub(crate) index: Index<StepRef>,
    /// Emergency words only.
    pub(crate) emergency_index: Index<StepRef>,
    /// Which flow a question is about, learnt from triggers, examples, titles and questions:
    /// trained on first use ([`FlowSet::classifier`]), so `flows check` does not wait for it.
    classifier: OnceLock<crate::text::classifier::Classifier>,
    /// Every trigger (but emergency words), folded, with its step: a message that is exactly
    /// one goes there.
    exact: HashMap<String, StepRef>,
    /// The version of the privacy notice: derived from its texts (short and full, every
    /// language), so any edit of them shows the short notice again to every citizen.
    pub privacy_notice_version: String,
    /// The channels' limits the set was checked against; a reload checks against the same.
    pub limits: Vec<ChannelLimits>,
}

impl FlowSet {
    /// Loads and validates the flows in `dir` and the texts in `locales`, against the limits of
    /// the channels that will show them (`channels::LIMITS`). The set is returned only when it
    /// has no errors; the report lists every problem found either way.
    pub fn load(
        dir: &Path,
        locales: &Path,
        channels: &[ChannelLimits],
    ) -> (Option<FlowSet>, Report) {
        load::load(dir, locales, channels)
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.by_id.get(id).map(|&i| &self.flows[i])
    }

    pub fn flow_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A step by flow id and step id (`None`: the flow's start).
    pub fn find(&self, flow: &str, step: Option<&str>) -> Option<StepRef> {
        let f = self.flow_index(flow)?;
        let step = step.unwrap_or(&self.flows[f].start.text);
        let s = self.flows[f].steps.iter().position(|s| s.id == step)?;
        Some(StepRef { flow: f, step: s })
    }

    pub fn step(&self, at: StepRef) -> (&Flow, &Step) {
        let flow = &self.flows[at.flow];
        (flow, &flow.steps[at.step])
    }

    /// `flow.step`, the way states and buttons name a step.
    pub fn key(&self, at: StepRef) -> String {
        let (flow, step) = self.step(at);
        format!("{}.{}", flow.id, step.id)
    }

    /// The reverse of [`FlowSet::key`].
    pub fn resolve_key(&self, key: &str) -> Option<StepRef> {
        let (flow, step) = key.split_once('.')?;
        self.find(flow, Some(step))
    }

    /// Whether a step gives an answer: it rests on a source, a verified date or deadlines.
    /// Menus and courtesy steps do not (the insights count a conversation as resolved when it
    /// reached an answer).
    pub fn is_answer(&self, flow: &str, step: &str) -> bool {
        self.flow(flow)
            .and_then(|f| f.steps.iter().find(|s| s.id == step))
            .is_some_and(|s| s.source.is_some() || s.verified.is_some() || !s.deadlines.is_empty())
    }

    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.offices.iter().find(|o| o.id == id)
    }

    /// Minutes a citizen waited for `office` between two instants, within its hours
    /// (`calendar::waited`).
    pub fn waited_minutes(
        &self,
        office: &str,
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
    ) -> i64 {
        crate::calendar::waited(self.office(office).map(|o| &o.schedule), from, to).num_minutes()
    }

    /// Every office's hours and limit, for counting waits without the flows (the insights'
    /// rollup in the store).
    pub fn office_hours(&self) -> OfficeHours {
        OfficeHours(
            self.offices
                .offices
                .iter()
                .map(|o| {
                    let clock = OfficeClock {
                        schedule: o.schedule.clone(),
                        limit_minutes: o.unclaimed_after,
                    };
                    (o.id.clone(), clock)
                })
                .collect(),
        )
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn default_office(&self) -> &str {
        &self.offices.default.text
    }

    /// The flow whose triggers are emergency words (validated to exist).
    pub fn emergency_flow(&self) -> &Flow {
        self.flows
            .iter()
            .find(|f| f.emergency)
            .expect("validated: one emergency flow")
    }

    /// The classifier's class of the questions the chat does not answer, after one per flow;
    /// `None` when the Comune lists none.
    pub fn out_class(&self) -> Option<usize> {
        (!self.out_of_scope.is_empty() || self.questions.iter().any(|q| q.flow.is_none()))
            .then_some(self.flows.len())
    }

    /// The router's classifier, trained on first use (from every question).
    pub(crate) fn classifier(&self) -> &crate::text::classifier::Classifier {
        self.classifier.get_or_init(|| {
            train_classifier(
                &self.flows,
                &self.out_of_scope,
                &self.questions,
                &self.locales,
                |_| true,
            )
        })
    }

    /// Trains the router's classifier now rather than on the first citizen message: the
    /// service does so before it answers, and before a reloaded set replaces the running one.
    pub fn warm_up(&self) {
        self.classifier();
    }

    /// Trains the classifier again without the questions of `questions.txt` that `leave_out`
    /// picks: `flows eval --folds` measures on questions the classifier did not learn from.
    pub fn retrain_without(&mut self, leave_out: impl Fn(&Question) -> bool) {
        self.classifier = OnceLock::from(train_classifier(
            &self.flows,
            &self.out_of_scope,
            &self.questions,
            &self.locales,
            |q| !leave_out(q),
        ));
    }

    /// What a class of the classifier stands for: a flow's id, or `out-of-scope`.
    pub fn class_name(&self, class: usize) -> &str {
        self.flows
            .get(class)
            .map_or("out-of-scope", |f| f.id.as_str())
    }

    /// The step of which `text` is, folded, exactly a trigger (emergency words aside).
    pub fn exact_trigger(&self, text: &str) -> Option<StepRef> {
        self.exact.get(&crate::text::matcher::fold(text)).copied()
    }

    /// Deadlines with any of `tags` on or after `today`, soonest first.
    pub fn upcoming<'a>(&'a self, tags: &[&str], today: NaiveDate) -> Vec<&'a Deadline> {
        self.upcoming_where(today, |d| {
            d.tags.iter().any(|t| tags.contains(&t.text.as_str()))
        })
    }

    /// Every deadline from `today` on, soonest first.
    pub fn upcoming_all(&self, today: NaiveDate) -> Vec<&Deadline> {
        self.upcoming_where(today, |_| true)
    }

    fn upcoming_where(&self, today: NaiveDate, keep: impl Fn(&Deadline) -> bool) -> Vec<&Deadline> {
        let mut found: Vec<&Deadline> = self
            .deadlines
            .iter()
            .filter(|d| d.date >= today && keep(d))
            .collect();
        found.sort_by_key(|d| (d.date, d.id.as_str()));
        found
    }
}

impl FlowSet {
    /// Puts loaded parts together and builds the matching indexes. Called by the loader
    /// before the checks, so that checks and the engine see the same set.
    fn assemble(
        flows: Vec<Flow>,
        offices: Offices,
        // The deadlines and the topics their reminders go to, each with its file.
        ((deadlines_file, deadlines), (topics_file, topics)): (
            (PathBuf, Vec<Deadline>),
            (PathBuf, Vec<Topic>),
        ),
        (out_of_scope, questions): (Vec<Trigger>, Vec<Question>),
        locales: Locales,
        media: HashMap<String, Arc<media::MediaFile>>,
        limits: Vec<ChannelLimits>,
    ) -> FlowSet {
        use crate::text::matcher::{DocKind, IndexBuilder};
        let mut by_id = HashMap::new();
        for (i, flow) in flows.iter().enumerate() {
            by_id.entry(flow.id.clone()).or_insert(i);
        }
        let mut index = IndexBuilder::new();
        let mut emergency = IndexBuilder::new();
        let find = |flow: &str, step: Option<&str>| -> Option<StepRef> {
            let f = *by_id.get(flow)?;
            let step = step.unwrap_or(&flows[f].start.text);
            let s = flows[f].steps.iter().position(|s| s.id == step)?;
            Some(StepRef { flow: f, step: s })
        };
        for (fi, flow) in flows.iter().enumerate() {
            if let Some(start) = find(&flow.id, None) {
                for t in &flow.triggers {
                    let target = if flow.emergency {
                        &mut emergency
                    } else {
                        &mut index
                    };
                    target.add(start, t.lang, DocKind::Trigger, &t.text);
                }
                for e in &flow.examples {
                    index.add(start, e.lang, DocKind::Example, &e.text);
                }
                for lang in Lang::ALL {
                    index.add(
                        start,
                        lang,
                        DocKind::Text,
                        &locales.text(lang, &flow.title.text, &[]),
                    );
                }
            }
            for (si, step) in flow.steps.iter().enumerate() {
                let at = StepRef { flow: fi, step: si };
                for t in &step.triggers {
                    index.add(at, t.lang, DocKind::Trigger, &t.text);
                }
                for e in &step.examples {
                    index.add(at, e.lang, DocKind::Example, &e.text);
                }
                for lang in Lang::ALL {
                    if let Some(title) = &step.title {
                        index.add(
                            at,
                            lang,
                            DocKind::Trigger,
                            &locales.text(lang, &title.text, &[]),
                        );
                    }
                    // The main menu names every topic: its text would attract every question.
                    if flow.id != MAIN_FLOW {
                        index.add(
                            at,
                            lang,
                            DocKind::Text,
                            &locales.text(lang, &step.say.text, &[]),
                        );
                    }
                }
                for choice in &step.choices {
                    if let Action::Goto { flow, step, .. } = &choice.action
                        && let Some(target) = find(flow, step.as_deref())
                    {
                        for lang in Lang::ALL {
                            let label = locales.text(lang, &choice.label.text, &[]);
                            index.add(target, lang, DocKind::Text, &label);
                        }
                    }
                }
            }
        }
        let mut exact = HashMap::new();
        for (fi, flow) in flows.iter().enumerate() {
            let start = find(&flow.id, None);
            let flow_level = flow
                .triggers
                .iter()
                .filter(|_| !flow.emergency)
                .filter_map(|t| Some((start?, t)));
            let step_level = flow.steps.iter().enumerate().flat_map(|(si, step)| {
                step.triggers
                    .iter()
                    .map(move |t| (StepRef { flow: fi, step: si }, t))
            });
            for (at, t) in step_level.chain(flow_level) {
                exact
                    .entry(crate::text::matcher::fold(&t.text))
                    .or_insert(at);
            }
        }
        let privacy_notice_version = text_version(&locales, &PRIVACY_NOTICE_TEXTS);
        let alerts_consent_version = text_version(&locales, &ALERTS_CONSENT_TEXTS);
        FlowSet {
            privacy_notice_version,
            alerts_consent_version,
            topics_file,
            topics,
            waste: None,
            limits,
            flows,
            offices,
            deadlines_file,
            deadlines,
            out_of_scope,
            questions,
            locales,
            media,
            by_id,
            exact,
            classifier: OnceLock::new(),
            index: index.build(),
            emergency_index: emergency.build(),
        }
    }
}

/// Trains the flow classifier: one class per flow (by position), on every phrase an editor
/// wrote for it: titles, triggers, examples; and, when the Comune lists questions it does not
/// answer here, one more class for them ([`FlowSet::out_class`]). The texts are left to the
/// matcher: long and shared in wording, they would cost most of the training time and add
/// nothing measurable. Emergency words are the safety layer's business, not a topic.
fn train_classifier(
    flows: &[Flow],
    out_of_scope: &[Trigger],
    questions: &[Question],
    locales: &Locales,
    keep: impl Fn(&Question) -> bool,
) -> crate::text::classifier::Classifier {
    use crate::text::classifier::{Classifier, Doc};
    let mut texts: Vec<(usize, String, f32)> = Vec::new();
    for (fi, flow) in flows.iter().enumerate() {
        for lang in Lang::ALL {
            texts.push((fi, locales.text(lang, &flow.title.text, &[]), 1.0));
        }
        if !flow.emergency {
            texts.extend(flow.triggers.iter().map(|t| (fi, t.text.clone(), 1.0)));
        }
        texts.extend(flow.examples.iter().map(|e| (fi, e.text.clone(), 1.0)));
        for step in &flow.steps {
            texts.extend(step.triggers.iter().map(|t| (fi, t.text.clone(), 1.0)));
            texts.extend(step.examples.iter().map(|e| (fi, e.text.clone(), 1.0)));
            for lang in Lang::ALL {
                if let Some(title) = &step.title {
                    texts.push((fi, locales.text(lang, &title.text, &[]), 1.0));
                }
            }
        }
    }
    texts.extend(
        out_of_scope
            .iter()
            .map(|e| (flows.len(), e.text.clone(), 1.0)),
    );
    let out_class = flows.len();
    texts.extend(questions.iter().filter(|q| keep(q)).filter_map(|q| {
        let class = match &q.flow {
            Some(id) => flows.iter().position(|f| &f.id == id)?,
            None => out_class,
        };
        Some((class, q.text.clone(), 1.0))
    }));
    let out = !out_of_scope.is_empty() || questions.iter().any(|q| q.flow.is_none());
    let docs: Vec<Doc<'_>> = texts
        .iter()
        .map(|(class, text, weight)| Doc {
            class: *class,
            text,
            weight: *weight,
        })
        .collect();
    Classifier::train_with_glossary(flows.len() + usize::from(out), &docs)
}

/// The texts whose edits make the privacy notice a new version.
pub const PRIVACY_NOTICE_TEXTS: [&str; 2] = ["common-privacy-short", "common-privacy-notice"];

/// The texts whose edits make the consent to subscriptions a new version.
pub const ALERTS_CONSENT_TEXTS: [&str; 1] = ["avvisi-consent"];

/// A short fingerprint of texts in every language (FNV-1a, 64 bits, in hex): a version tag,
/// not a security measure, stable across builds and platforms.
fn text_version(locales: &Locales, ids: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for lang in Lang::ALL {
        for id in ids {
            for byte in locales.text(lang, id, &[]).bytes().chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("{hash:016x}")
}
