//! Conversation tests: YAML files under `flows/tests/` with citizen turns and what must follow,
//! run against the engine by `sportello flows test` and by `cargo test`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use crate::diag::{Pos, Report};
use crate::engine::{self, Effect, Input, State};
use crate::flows::FlowSet;
use crate::flows::load::read_tree;
use crate::flows::yaml::{Node, Reader};
use crate::i18n::Lang;

/// Tests run at this moment unless they say otherwise: a Monday morning, offices open.
pub const DEFAULT_NOW: &str = "2026-11-23T10:00:00+01:00";

const TESTS_KEYS: &[&str] = &["tests"];
const TEST_KEYS: &[&str] = &["name", "lang", "now", "turns"];
const TURN_KEYS: &[&str] = &[
    "citizen", "tap", "flow", "step", "text", "not_text", "choices", "handoff", "lang",
];

#[derive(Debug, Clone)]
pub struct ConversationTest {
    pub file: PathBuf,
    pub pos: Pos,
    pub name: String,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub turns: Vec<Turn>,
}

#[derive(Debug, Clone)]
pub struct Turn {
    pub pos: Pos,
    pub input: Input,
    pub flow: Option<String>,
    pub step: Option<String>,
    pub text: Vec<String>,
    pub not_text: Vec<String>,
    pub choices: Vec<String>,
    /// `Some(None)`: no hand-off may happen in this turn.
    pub handoff: Option<Option<String>>,
    pub lang: Option<Lang>,
}

/// The outcome of one test: the failures, empty when it passed.
#[derive(Debug, Clone)]
pub struct TestResult {
    pub test: ConversationTest,
    pub failures: Vec<String>,
}

/// Reads every `*.yaml` under `dir`, reporting every mistake.
pub fn load(dir: &Path) -> (Vec<ConversationTest>, Report) {
    let mut report = Report::default();
    let mut tests = Vec::new();
    let files = match crate::flows::load::flow_files(dir) {
        Ok(files) => files,
        Err(e) => {
            report.push(crate::diag::Diagnostic::error(
                dir,
                Pos::new(1, 1),
                format!("cannot read the tests folder: {e}"),
            ));
            return (tests, report);
        }
    };
    for file in files {
        let Some((_, root)) = read_tree(&file, &mut report) else {
            continue;
        };
        let mut r = Reader::new(&file);
        read_file(&mut r, &root, &mut tests);
        report.diagnostics.extend(r.diagnostics);
    }
    report.sort();
    (tests, report)
}

fn read_file(r: &mut Reader<'_>, root: &Node, out: &mut Vec<ConversationTest>) {
    let Some(mut f) = r.fields(root, "the tests file") else {
        return;
    };
    if let Some(list) = f.require(r, "tests") {
        for node in r.list(list) {
            if let Some(test) = read_test(r, node) {
                out.push(test);
            }
        }
    }
    f.finish(r, TESTS_KEYS);
}

fn read_test(r: &mut Reader<'_>, node: &Node) -> Option<ConversationTest> {
    let mut f = r.fields(node, "a test")?;
    let name = f.require(r, "name").and_then(|n| r.string(n));
    let lang = match f.get("lang") {
        Some(n) => {
            let text = r.string(n)?;
            let lang = Lang::from_tag(&text);
            if lang.is_none() {
                r.error(n.pos, format!("unknown language `{text}`"));
            }
            lang?
        }
        None => Lang::It,
    };
    let now = match f.get("now") {
        Some(n) => {
            let text = r.string(n)?;
            match DateTime::<FixedOffset>::parse_from_rfc3339(&text) {
                Ok(t) => t.with_timezone(&Utc),
                Err(_) => {
                    r.error(n.pos, format!("`{text}` is not a date and time"))
                        .hint = Some(format!("write it like {DEFAULT_NOW}"));
                    return None;
                }
            }
        }
        None => default_now(),
    };
    let mut turns = Vec::new();
    if let Some(list) = f.require(r, "turns") {
        for node in r.list(list) {
            if let Some(turn) = read_turn(r, node) {
                turns.push(turn);
            }
        }
    }
    let pos = f.pos;
    f.finish(r, TEST_KEYS);
    Some(ConversationTest {
        file: r.file.to_path_buf(),
        pos,
        name: name?,
        lang,
        now,
        turns,
    })
}

pub fn default_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(DEFAULT_NOW)
        .expect("a valid constant")
        .with_timezone(&Utc)
}

fn read_turn(r: &mut Reader<'_>, node: &Node) -> Option<Turn> {
    let mut f = r.fields(node, "a turn")?;
    let citizen = f.get("citizen").and_then(|n| r.string(n));
    let tap = f.get("tap").and_then(|n| r.string(n));
    let input = match (citizen, tap) {
        (Some(text), None) => Input::Text { text },
        (None, Some(id)) => Input::Choice { id, at: None },
        _ => {
            r.error(
                f.pos,
                "a turn has either `citizen:` (a message) or `tap:` (an option id)",
            );
            return None;
        }
    };
    let strings = |r: &mut Reader<'_>, n: Option<&Node>| -> Vec<String> {
        n.map(|n| r.strings(n).into_iter().map(|(s, _)| s).collect())
            .unwrap_or_default()
    };
    let flow = f.get("flow").and_then(|n| r.string(n));
    let step = f.get("step").and_then(|n| r.string(n));
    let text = strings(r, f.get("text"));
    let not_text = strings(r, f.get("not_text"));
    let choices = strings(r, f.get("choices"));
    let handoff = f.get("handoff").map(|n| match &n.value {
        crate::flows::yaml::Value::Null => None,
        _ => r.string(n),
    });
    let lang = f
        .get("lang")
        .and_then(|n| r.string(n))
        .and_then(|t| Lang::from_tag(&t));
    let pos = f.pos;
    f.finish(r, TURN_KEYS);
    Some(Turn {
        pos,
        input,
        flow,
        step,
        text,
        not_text,
        choices,
        handoff,
        lang,
    })
}

/// Plays a test against the engine and lists what did not go as expected.
pub fn run(flows: &FlowSet, test: &ConversationTest) -> TestResult {
    let mut state = State::new(Some(test.lang));
    // The short privacy notice of a first contact is tested in tests/it/privacy.rs; here every
    // test starts as a citizen who has seen it, so turns show only the flows' answers.
    state.notice = Some(flows.privacy_notice_version.clone());
    let mut failures = Vec::new();
    for turn in &test.turns {
        let outcome = engine::step(&state, &turn.input, flows, test.now);
        state = outcome.state;
        let at = format!("{}:{}", test.file.display(), turn.pos.line);
        let text: String = outcome
            .replies
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let lower = text.to_lowercase();
        let mut fail = |what: String| failures.push(format!("{at}: {what}"));
        // Steps are named as editors write them in flows: `flow.step`.
        let actual = match (&state.flow, &state.step) {
            (Some(flow), Some(step)) => format!("`{flow}.{step}`"),
            (Some(flow), None) => format!("`{flow}`"),
            _ => "no step (the conversation is at its start or ended)".to_string(),
        };
        let flow_differs = turn
            .flow
            .as_ref()
            .is_some_and(|flow| state.flow.as_ref() != Some(flow));
        let step_differs = turn
            .step
            .as_ref()
            .is_some_and(|step| state.step.as_ref() != Some(step));
        if flow_differs || step_differs {
            let flow = turn.flow.as_ref().or(state.flow.as_ref());
            let expected = match (flow, &turn.step) {
                (Some(flow), Some(step)) => format!("`{flow}.{step}`"),
                (Some(flow), None) => format!("flow `{flow}`"),
                (None, Some(step)) => format!("step `{step}`"),
                (None, None) => String::new(),
            };
            fail(format!("expected {expected}, got {actual}"));
        }
        for fragment in &turn.text {
            if !lower.contains(&fragment.to_lowercase()) {
                fail(format!("the reply lacks \"{fragment}\"; it was:\n{text}"));
            }
        }
        for fragment in &turn.not_text {
            if lower.contains(&fragment.to_lowercase()) {
                fail(format!(
                    "the reply contains \"{fragment}\"; it was:\n{text}"
                ));
            }
        }
        let offered: Vec<&str> = outcome
            .replies
            .iter()
            .flat_map(|r| r.choices.iter().map(|c| c.id.as_str()))
            .collect();
        for choice in &turn.choices {
            if !offered.contains(&choice.as_str()) {
                fail(format!(
                    "option `{choice}` is not offered; the options are {offered:?}"
                ));
            }
        }
        if let Some(expected) = &turn.handoff {
            let actual = outcome.effects.iter().find_map(|e| match e {
                Effect::Handoff { office, .. } => Some(office.clone()),
                _ => None,
            });
            if &actual != expected {
                fail(format!("expected hand-off {expected:?}, got {actual:?}"));
            }
        }
        if let Some(lang) = turn.lang
            && state.lang != lang
        {
            fail(format!(
                "expected language `{}`, got `{}`",
                lang.code(),
                state.lang.code()
            ));
        }
    }
    TestResult {
        test: test.clone(),
        failures,
    }
}
