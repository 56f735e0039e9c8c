//! How well the engine understands citizens: `sportello flows eval FILE` runs a labelled set of
//! messages, each as the first message of a new conversation, through [`super::step`], and
//! `sportello flows explain` shows why one message goes where it goes.
//!
//! A file has one message per line, `LABEL | TEXT`; `#` starts a comment. LABEL is a flow id
//! (the message should reach that flow), `out` (nothing the flows answer: the out-of-scope
//! answer), `operator` (asks for a person), or `emergency:KIND` with a kind of
//! [`safety::Kind`]. Any label but an emergency may end in `+alarming`: a routine message with
//! a word that sounds alarming, counted apart for false alarms.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::{Effect, HandoffReason, Input, Pending, State, safety, step};
use crate::flows::{FlowSet, StepRef};
use crate::i18n::Lang;
use crate::text::matcher;

/// What a line expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Flow(String),
    Out,
    Operator,
    Emergency(safety::Kind),
}

#[derive(Debug, Clone)]
pub struct Case {
    pub line: usize,
    pub label: Label,
    /// A routine message with an alarming word.
    pub alarming: bool,
    pub text: String,
}

/// Reads an evaluation file; every malformed line is reported with its number.
pub fn parse(text: &str) -> Result<Vec<Case>, Vec<String>> {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((label, text)) = line.split_once(" | ") else {
            errors.push(format!("line {}: expected `LABEL | TEXT`", i + 1));
            continue;
        };
        let label = label.trim();
        let (label, alarming) = match label.strip_suffix("+alarming") {
            Some(l) => (l, true),
            None => (label, false),
        };
        let label = match label {
            "out" => Label::Out,
            "operator" => Label::Operator,
            other => match other.strip_prefix("emergency:") {
                Some(kind) => match safety::Kind::from_code(kind) {
                    Some(k) => Label::Emergency(k),
                    None => {
                        errors.push(format!("line {}: unknown emergency kind `{kind}`", i + 1));
                        continue;
                    }
                },
                None => Label::Flow(other.to_string()),
            },
        };
        if alarming && matches!(label, Label::Emergency(_)) {
            errors.push(format!(
                "line {}: `+alarming` marks routine messages only",
                i + 1
            ));
            continue;
        }
        cases.push(Case {
            line: i + 1,
            label,
            alarming,
            text: text.trim().to_string(),
        });
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

/// What the engine did with a first message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The emergency answer: the built-in kind, or `None` for the Comune's own emergency words.
    Emergency(Option<safety::Kind>),
    /// Shown a step of this flow.
    Flow(String),
    /// "Did you mean": these flows, best first.
    Suggested(Vec<String>),
    Operator,
    /// The out-of-scope answer (or the netiquette).
    Out,
}

impl Outcome {
    fn name(&self) -> String {
        match self {
            Outcome::Emergency(Some(k)) => format!("emergency:{}", k.code()),
            Outcome::Emergency(None) => "emergency:comune".into(),
            Outcome::Flow(f) => f.clone(),
            Outcome::Suggested(f) => format!("did-you-mean:{}", f.join("/")),
            Outcome::Operator => "operator".into(),
            Outcome::Out => "out".into(),
        }
    }
}

/// Runs `text` as the first message of a new conversation.
pub fn outcome(flows: &FlowSet, text: &str, now: DateTime<Utc>) -> Outcome {
    answer(flows, text, now).outcome
}

/// Whether a reply tells the citizen to call 112, as a number of its own ("112", not "1120").
fn names_112(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|n| n == "112")
}

/// What the engine did with one message.
struct Answer {
    outcome: Outcome,
    /// The answer tells the citizen to call 112 (every emergency answer does; so does the
    /// out-of-scope answer, which is where an emergency no check recognised usually lands).
    told_112: bool,
    /// The safety layer found a danger possible and said the numbers first.
    cautioned: bool,
}

fn answer(flows: &FlowSet, text: &str, now: DateTime<Utc>) -> Answer {
    let mut state = State::new(Some(Lang::It));
    state.notice = Some(flows.privacy_notice_version.clone());
    let out = step(
        &state,
        &Input::Text {
            text: text.to_string(),
        },
        flows,
        now,
    );
    Answer {
        outcome: classify(flows, &out),
        told_112: out.replies.iter().any(|r| names_112(&r.text)),
        cautioned: out
            .effects
            .iter()
            .any(|e| matches!(e, Effect::PossibleEmergency { .. })),
    }
}

fn classify(flows: &FlowSet, out: &super::Outcome) -> Outcome {
    if let Some(kind) = out.effects.iter().find_map(|e| match e {
        Effect::Emergency { danger } => Some(*danger),
        _ => None,
    }) {
        return Outcome::Emergency(Some(kind));
    }
    let emergency_flow = &flows.emergency_flow().id;
    if out.state.flow.as_ref() == Some(emergency_flow)
        && out.state.step.as_deref() == Some(flows.emergency_flow().start.text.as_str())
    {
        return Outcome::Emergency(None);
    }
    if out.effects.iter().any(|e| {
        matches!(
            e,
            Effect::Handoff {
                reason: HandoffReason::Asked,
                ..
            }
        )
    }) {
        return Outcome::Operator;
    }
    if let Pending::Suggestions { targets } = &out.state.pending {
        let flows: Vec<String> = targets
            .iter()
            .filter_map(|k| k.split_once('.').map(|(f, _)| f.to_string()))
            .collect();
        return Outcome::Suggested(flows);
    }
    if out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::NotUnderstood { .. }))
    {
        return Outcome::Out;
    }
    match &out.state.flow {
        Some(f) => Outcome::Flow(f.clone()),
        None => Outcome::Out,
    }
}

/// Counts of one figure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Ratio {
    pub hits: usize,
    pub total: usize,
}

impl Ratio {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }

    /// The share, 1.0 when nothing was counted.
    pub fn value(self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hits as f64 / self.total as f64
        }
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:5.1}% ({}/{})",
            100.0 * self.value(),
            self.hits,
            self.total
        )
    }
}

/// The figures of one run.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Emergencies answered as emergencies.
    pub emergencies: Ratio,
    /// Emergencies given the numbers first: answered as emergencies, or told the numbers in
    /// one line before the usual answer (a danger only possible).
    pub emergencies_first: Ratio,
    /// Emergencies answered with the kind the label names.
    pub emergency_kind: Ratio,
    /// Emergencies whose answer, recognised or not, tells the citizen to call 112.
    pub emergency_112: Ratio,
    /// Routine messages (every non-emergency line) answered as emergencies.
    pub false_alarms: Ratio,
    /// Routine messages answered as emergencies or told the numbers first.
    pub cautioned: Ratio,
    /// The same as `false_alarms` among routine messages with an alarming word.
    pub false_alarms_alarming: Ratio,
    /// Topical questions shown their flow at once.
    pub topical: Ratio,
    /// Topical questions shown their flow, or offered it in "did you mean".
    pub topical_offered: Ratio,
    /// Out-of-scope messages given the out-of-scope answer.
    pub out_kept: Ratio,
    /// Requests for a person handed off.
    pub operator: Ratio,
    pub per_flow: BTreeMap<String, Ratio>,
    /// (expected, outcome) -> count, for misses only.
    pub confusion: BTreeMap<(String, String), usize>,
    /// Lines answered wrong: line, expected, outcome, text.
    pub misses: Vec<(usize, String, String, String)>,
}

/// Runs every case and gathers the figures.
pub fn run(flows: &FlowSet, cases: &[Case], now: DateTime<Utc>) -> Figures {
    let mut f = Figures::default();
    for case in cases {
        f.count(case, answer(flows, &case.text, now));
    }
    f
}

/// [`run`] by cross-validation, for a set the classifier learns from (`questions.txt`): the
/// cases are cut into `folds` runs of consecutive lines, and each run is answered by a
/// classifier trained without its questions (same text, folded). Consecutive lines, not every
/// k-th: a file grows by whole sets of one writer, whose wording is alike, so a part learnt
/// from the rest of its writer's lines would look better understood than a stranger's. The
/// classifier is trained on every question again at the end.
pub fn run_folds(flows: &mut FlowSet, cases: &[Case], folds: usize, now: DateTime<Utc>) -> Figures {
    let folds = folds.max(1);
    let mut f = Figures::default();
    for part in 0..folds {
        let held = &cases[part * cases.len() / folds..(part + 1) * cases.len() / folds];
        let texts: HashSet<String> = held.iter().map(|c| matcher::fold(&c.text)).collect();
        flows.retrain_without(|q| texts.contains(&matcher::fold(&q.text)));
        for case in held {
            f.count(case, answer(flows, &case.text, now));
        }
    }
    flows.retrain_without(|_| false);
    f.misses.sort();
    f
}

impl Figures {
    /// Counts one case and what the engine did with it.
    fn count(&mut self, case: &Case, answer: Answer) {
        let f = self;
        let got = answer.outcome;
        let alarmed = matches!(got, Outcome::Emergency(_));
        let expected = match &case.label {
            Label::Flow(flow) => flow.clone(),
            Label::Out => "out".into(),
            Label::Operator => "operator".into(),
            Label::Emergency(k) => format!("emergency:{}", k.code()),
        };
        let right = match &case.label {
            Label::Emergency(kind) => {
                f.emergencies.add(alarmed);
                f.emergency_kind.add(got == Outcome::Emergency(Some(*kind)));
                f.emergency_112.add(answer.told_112);
                f.emergencies_first.add(alarmed || answer.cautioned);
                alarmed
            }
            label => {
                f.false_alarms.add(alarmed);
                f.cautioned.add(alarmed || answer.cautioned);
                if case.alarming {
                    f.false_alarms_alarming.add(alarmed);
                }
                match label {
                    Label::Flow(flow) => {
                        let right = got == Outcome::Flow(flow.clone());
                        let offered =
                            right || matches!(&got, Outcome::Suggested(s) if s.contains(flow));
                        f.topical.add(right);
                        f.topical_offered.add(offered);
                        f.per_flow.entry(flow.clone()).or_default().add(right);
                        right
                    }
                    Label::Out => {
                        let right = got == Outcome::Out;
                        f.out_kept.add(right);
                        right
                    }
                    _ => {
                        let right = got == Outcome::Operator;
                        f.operator.add(right);
                        right
                    }
                }
            }
        };
        if !right {
            *f.confusion
                .entry((expected.clone(), got.name()))
                .or_default() += 1;
            f.misses
                .push((case.line, expected, got.name(), case.text.clone()));
        }
    }
}

/// Minimum figures a run must reach; `None` checks nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Thresholds {
    pub emergencies: Option<f64>,
    pub max_false_alarms: Option<f64>,
    pub topical: Option<f64>,
    pub out_kept: Option<f64>,
}

impl Figures {
    /// The thresholds not met, in words.
    pub fn failures(&self, t: &Thresholds) -> Vec<String> {
        let mut out = Vec::new();
        let mut at_least = |name: &str, got: Ratio, min: Option<f64>| {
            if let Some(min) = min
                && got.value() + 1e-9 < min
            {
                out.push(format!("{name}: {got}, below {:.1}%", 100.0 * min));
            }
        };
        at_least("emergencies recognised", self.emergencies, t.emergencies);
        at_least("topical questions routed", self.topical, t.topical);
        at_least("out-of-scope kept out", self.out_kept, t.out_kept);
        if let Some(max) = t.max_false_alarms
            && self.false_alarms.value() > max + 1e-9
        {
            out.push(format!(
                "routine messages alarmed: {}, above {:.1}%",
                self.false_alarms,
                100.0 * max
            ));
        }
        out
    }

    /// The report `flows eval` prints.
    pub fn report(&self, show_misses: bool) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "emergencies recognised       {}", self.emergencies);
        let _ = writeln!(s, "  with the right kind        {}", self.emergency_kind);
        let _ = writeln!(s, "  or told the numbers first  {}", self.emergencies_first);
        let _ = writeln!(s, "  or told to call 112        {}", self.emergency_112);
        let _ = writeln!(s, "routine messages alarmed     {}", self.false_alarms);
        let _ = writeln!(
            s,
            "  with an alarming word      {}",
            self.false_alarms_alarming
        );
        let _ = writeln!(s, "  or told the numbers first  {}", self.cautioned);
        let _ = writeln!(s, "topical questions routed     {}", self.topical);
        let _ = writeln!(s, "  or offered in did-you-mean {}", self.topical_offered);
        let _ = writeln!(s, "out-of-scope kept out        {}", self.out_kept);
        let _ = writeln!(s, "requests for a person        {}", self.operator);
        let _ = writeln!(s, "\nper flow (routed at once):");
        for (flow, r) in &self.per_flow {
            let _ = writeln!(s, "  {flow:<18} {r}");
        }
        if !self.confusion.is_empty() {
            let _ = writeln!(s, "\nconfusion (expected -> got: count):");
            let mut rows: Vec<_> = self.confusion.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for ((expected, got), n) in rows {
                let _ = writeln!(s, "  {expected} -> {got}: {n}");
            }
        }
        if show_misses && !self.misses.is_empty() {
            let _ = writeln!(s, "\nmisses:");
            for (line, expected, got, text) in &self.misses {
                let _ = writeln!(s, "  {line}: {expected} -> {got}: {text}");
            }
        }
        s
    }
}

/// One line per case: its label, the outcome, and the best step of the two best flows with
/// their scores (for setting the routing bands).
pub fn scores(flows: &FlowSet, cases: &[Case], now: DateTime<Utc>) -> String {
    let mut s = String::new();
    for case in cases {
        let got = outcome(flows, &case.text, now).name();
        let mut best: Vec<(StepRef, f32)> = Vec::new();
        let (matches, coverage) = flows.index.rank(&case.text);
        for m in matches {
            if !best.iter().any(|(a, _)| a.flow == m.target.flow) {
                best.push((m.target, m.score));
            }
            if best.len() == 2 {
                break;
            }
        }
        let cell = |i: usize| {
            best.get(i).map_or("-".to_string(), |(at, sc)| {
                format!("{} {sc:.2}", flows.key(*at))
            })
        };
        let label = match &case.label {
            Label::Flow(f) => f.clone(),
            Label::Out => "out".into(),
            Label::Operator => "operator".into(),
            Label::Emergency(k) => format!("emergency:{}", k.code()),
        };
        let probs = flows.classifier().predict(&case.text);
        let mut order: Vec<usize> = (0..probs.len()).collect();
        order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]));
        let p = |i: usize| format!("{} {:.3}", flows.class_name(order[i]), probs[order[i]]);
        let _ = writeln!(
            s,
            "{}\t{label}\t{got}\t{}\t{}\t{:.2}\t{}\t{}\t{}",
            case.line,
            cell(0),
            cell(1),
            coverage.share(),
            exact_any(flows, &case.text),
            p(0),
            p(1)
        );
    }
    s
}

/// The flow of a step of which the text is exactly a trigger, if any.
fn exact_any(flows: &FlowSet, text: &str) -> String {
    flows
        .exact_trigger(text)
        .map_or("-".to_string(), |at| flows.step(at).0.id.clone())
}

/// Why a message goes where it goes, for editors.
pub fn explain(flows: &FlowSet, text: &str, now: DateTime<Utc>) -> String {
    let mut s = String::new();
    match safety::assess(text) {
        Some(alarm) if alarm.sure => {
            let _ = writeln!(
                s,
                "safety layer: {} emergency (built-in rule \"{}\")",
                alarm.kind.code(),
                alarm.rule
            );
        }
        Some(alarm) => {
            let _ = writeln!(
                s,
                "safety layer: {} emergency possible, numbers said first (built-in rule \"{}\")",
                alarm.kind.code(),
                alarm.rule
            );
        }
        None => {
            let _ = writeln!(s, "safety layer: no emergency");
        }
    }
    if let Some(at) = flows.emergency_index.phrase_hit(text) {
        let _ = writeln!(
            s,
            "emergency words of the Comune: {}{}",
            flows.key(at),
            if safety::routine_context(text) {
                " (set aside: routine context)"
            } else {
                ""
            }
        );
    }
    let reading = super::intents::read(text);
    if reading.person {
        let _ = writeln!(s, "asks for a person: yes");
    }
    if reading.conduct != super::intents::Conduct::Fine {
        let _ = writeln!(s, "netiquette: {:?}", reading.conduct);
    }
    let _ = writeln!(s, "words: {}", matcher::fold(text));
    let query = super::routing::matcher_query(text);
    if let Some(glossed) = query.strip_prefix(text)
        && !glossed.is_empty()
    {
        let _ = writeln!(s, "read also as (glossary):{glossed}");
    }
    let probs = flows.classifier().predict(text);
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]));
    let top: Vec<String> = order
        .iter()
        .take(3)
        .map(|&f| format!("{} {:.2}", flows.class_name(f), probs[f]))
        .collect();
    let _ = writeln!(s, "classifier (probability per flow): {}", top.join(", "));
    let _ = writeln!(s, "candidates (score; the clear threshold is 1.0):");
    for m in flows.index.search(&query).into_iter().take(5) {
        let _ = writeln!(
            s,
            "  {:<32} {:.2} ({})",
            flows.key(m.target),
            m.score,
            m.lang.code()
        );
        for line in evidence(flows, m.target, text) {
            let _ = writeln!(s, "      {line}");
        }
    }
    let verdict = match super::route(flows, text) {
        matcher::Verdict::Clear(at) => format!("clear: {}", flows.key(at)),
        matcher::Verdict::Close(t) => format!(
            "did you mean: {}",
            t.iter()
                .map(|&a| flows.key(a))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        matcher::Verdict::Miss { .. } => "no good match: out-of-scope answer".into(),
    };
    let _ = writeln!(s, "routing: {verdict}");
    let _ = writeln!(s, "outcome: {}", outcome(flows, text, now).name());
    s
}

/// The triggers and examples of a target that share words with the query.
fn evidence(flows: &FlowSet, at: StepRef, text: &str) -> Vec<String> {
    let query: Vec<String> = matcher::fold(text).split(' ').map(str::to_string).collect();
    let shares = |phrase: &str| {
        let folded = matcher::fold(phrase);
        let common: Vec<&str> = folded
            .split(' ')
            .filter(|w| w.len() > 2 && query.iter().any(|q| q == w))
            .collect();
        (!common.is_empty()).then(|| common.join(" "))
    };
    let (flow, step) = flows.step(at);
    let start = flow.start.text == step.id;
    let mut out = Vec::new();
    let phrases = step
        .triggers
        .iter()
        .map(|t| ("trigger", t))
        .chain(step.examples.iter().map(|e| ("example", e)))
        .chain(
            flow.triggers
                .iter()
                .filter(|_| start)
                .map(|t| ("trigger", t)),
        )
        .chain(
            flow.examples
                .iter()
                .filter(|_| start)
                .map(|e| ("example", e)),
        );
    for (what, phrase) in phrases {
        if let Some(common) = shares(&phrase.text) {
            out.push(format!("{what} \"{}\" shares: {common}", phrase.text));
        }
        if out.len() >= 4 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::names_112;

    #[test]
    fn only_112_as_a_number_of_its_own_counts() {
        assert!(names_112("In caso di pericolo chiami il 112."));
        assert!(names_112("Numero unico: 112, gratuito"));
        assert!(!names_112("Protocollo 1120 del 2026"));
        assert!(!names_112("chiami lo 0112 345"));
        assert!(!names_112("Ufficio aperto dalle 9 alle 12"));
    }
}
