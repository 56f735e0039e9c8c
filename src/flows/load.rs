//! Reading flow, office and deadline files into the typed model, reporting every mistake.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::limits::ChannelLimits;
use super::yaml::{self, Node, Reader};
use super::{
    Action, Choice, Flow, FlowSet, Name, Offices, Step, StepImage, Trigger, Verified, check, media,
};
use crate::diag::{Diagnostic, Pos, Report};
use crate::i18n::{Lang, Locales};

mod data;
mod questions;
mod waste;

use data::{read_deadlines, read_offices, read_out_of_scope, read_topics};

pub const OFFICES_FILE: &str = "offices.yaml";
pub const DEADLINES_FILE: &str = "deadlines.yaml";
/// Questions the Comune does not answer in the chat, written as citizens ask them (optional).
pub const OUT_OF_SCOPE_FILE: &str = "out-of-scope.yaml";
pub const TOPICS_FILE: &str = "topics.yaml";
/// Questions as citizens asked them, each with the flow that answers it (optional).
pub const QUESTIONS_FILE: &str = "questions.txt";
pub const WASTE_FILE: &str = "waste.yaml";

const FLOW_KEYS: &[&str] = &[
    "id",
    "title",
    "office",
    "emergency",
    "triggers",
    "examples",
    "start",
    "steps",
    "show_source",
];
const STEP_KEYS: &[&str] = &[
    "title",
    "say",
    "triggers",
    "examples",
    "deadlines",
    "source",
    "link",
    "verified",
    "choices",
    "handoff",
    "end",
    "image",
    "collection",
];
const IMAGE_KEYS: &[&str] = &["file", "alt"];
const CHOICE_KEYS: &[&str] = &[
    "id",
    "label",
    "goto",
    "flow",
    "handoff",
    "link",
    "deadlines",
    "end",
];
const CHOICE_ACTIONS: &[&str] = &["goto", "flow", "handoff", "link", "deadlines", "end"];

/// Loads the flows of `dir` and the texts of `locales_dir`, checked against the limits of
/// `channels`.
pub fn load(
    dir: &Path,
    locales_dir: &Path,
    channels: &[ChannelLimits],
) -> (Option<FlowSet>, Report) {
    let mut report = Report::default();
    let (locales, diagnostics) = Locales::load(locales_dir);
    report.diagnostics.extend(diagnostics);

    let mut flows = Vec::new();
    let mut unread = check::Unread::default();
    match flow_files(dir) {
        Ok(files) => {
            for file in files {
                let Some((text, root)) = read_tree(&file, &mut report) else {
                    if let Some(stem) = file.file_stem().and_then(|s| s.to_str()) {
                        unread.flows.insert(stem.to_string());
                    }
                    continue;
                };
                let mut r = Reader::new(&file);
                if let Some(flow) = read_flow(&mut r, &root, &text) {
                    flows.push(flow);
                }
                report.diagnostics.extend(r.diagnostics);
            }
        }
        Err(e) => report.push(
            Diagnostic::error(
                dir,
                Pos::new(1, 1),
                format!("cannot read the flows folder: {e}"),
            )
            .with_hint("pass the folder that holds the flow files, e.g. `flows`"),
        ),
    }

    let offices_path = dir.join(OFFICES_FILE);
    let offices = read_data(&offices_path, &mut report, read_offices);
    unread.offices = offices.is_none();
    let offices = offices.flatten();
    let deadlines_path = dir.join(DEADLINES_FILE);
    let deadlines = read_data(&deadlines_path, &mut report, read_deadlines).unwrap_or_default();
    let topics_path = dir.join(TOPICS_FILE);
    let topics = if topics_path.exists() {
        read_data(&topics_path, &mut report, read_topics).unwrap_or_default()
    } else {
        Vec::new()
    };
    let waste_path = dir.join(WASTE_FILE);
    let waste = if waste_path.exists() {
        read_data(&waste_path, &mut report, |r, root| {
            waste::read_waste(r, root, &waste_path)
        })
    } else {
        None
    };
    let out_of_scope_path = dir.join(OUT_OF_SCOPE_FILE);
    let out_of_scope = if out_of_scope_path.exists() {
        read_data(&out_of_scope_path, &mut report, read_out_of_scope).unwrap_or_default()
    } else {
        Vec::new()
    };

    let questions_path = dir.join(QUESTIONS_FILE);
    let questions = if questions_path.exists() {
        questions::read_questions(&questions_path, &flows, &unread.flows, &mut report)
    } else {
        Vec::new()
    };

    let offices = offices.unwrap_or_else(|| Offices {
        file: offices_path.clone(),
        default: Name {
            text: String::new(),
            pos: Pos::new(1, 1),
        },
        offices: Vec::new(),
    });
    let media = media::load(dir, &flows, channels, &mut report);
    let mut set = FlowSet::assemble(
        flows,
        offices,
        ((deadlines_path, deadlines), (topics_path, topics)),
        (out_of_scope, questions),
        locales,
        media,
        channels.to_vec(),
    );
    set.waste = waste;
    check::check(&set, &unread, &mut report);
    report.sort();
    if report.has_errors() {
        (None, report)
    } else {
        (Some(set), report)
    }
}

/// Parses and reads one flow file's text, as `load` does for each file, without the checks
/// that need the whole set: its problems, with file and line. The entry point for fuzzing the
/// loader; no input may make it panic.
pub fn read_flow_text(file: &Path, text: &str) -> Report {
    let mut report = Report::default();
    match yaml::parse(file, text) {
        Ok(root) => {
            let mut r = Reader::new(file);
            read_flow(&mut r, &root, text);
            report.diagnostics.extend(r.diagnostics);
        }
        Err(d) => report.push(d),
    }
    report
}

/// Reads a data file beside the flows with `read`, reporting its problems.
fn read_data<T>(
    path: &Path,
    report: &mut Report,
    read: impl FnOnce(&mut Reader<'_>, &Node) -> T,
) -> Option<T> {
    let (_, root) = read_tree(path, report)?;
    let mut r = Reader::new(path);
    let value = read(&mut r, &root);
    report.diagnostics.extend(r.diagnostics);
    Some(value)
}

/// The flow files of a folder: every `.yaml`/`.yml` but the data files, sorted.
pub fn flow_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        let data = [
            OFFICES_FILE,
            DEADLINES_FILE,
            OUT_OF_SCOPE_FILE,
            TOPICS_FILE,
            WASTE_FILE,
        ]
        .contains(&name);
        if yaml && path.is_file() && !data {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads a text file; a file that cannot be read is an error in the report.
fn read_text(file: &Path, report: &mut Report) -> Option<String> {
    match std::fs::read_to_string(file) {
        Ok(text) => Some(text),
        Err(e) => {
            report.push(Diagnostic::error(
                file,
                Pos::new(1, 1),
                format!("cannot read: {e}"),
            ));
            None
        }
    }
}

/// Reads and parses a YAML file; problems go to the report.
pub fn read_tree(file: &Path, report: &mut Report) -> Option<(String, Node)> {
    let text = read_text(file, report)?;
    match yaml::parse(file, &text) {
        Ok(root) => Some((text, root)),
        Err(d) => {
            report.push(d);
            None
        }
    }
}

fn is_id(text: &str, extra: &[char]) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || extra.contains(&c))
}

/// Step and office ids are mapping keys: lowercase letters, digits, `-` and `_`.
fn check_key_id(r: &mut Reader<'_>, what: &str, id: &str, pos: Pos) {
    if !is_id(id, &['_']) {
        r.error(
            pos,
            format!("{what} id `{id}` may hold only lowercase letters, digits, `-` and `_`"),
        );
    }
}

fn name(r: &mut Reader<'_>, node: &Node) -> Option<Name> {
    r.string(node).map(|text| Name {
        text,
        pos: node.pos,
    })
}

/// A list of strings, each with its position.
fn names(r: &mut Reader<'_>, node: &Node) -> Vec<Name> {
    r.strings(node)
        .into_iter()
        .map(|(text, pos)| Name { text, pos })
        .collect()
}

/// A Fluent message id.
fn message_id(r: &mut Reader<'_>, node: &Node) -> Option<Name> {
    let n = name(r, node)?;
    let valid = n.text.starts_with(|c: char| c.is_ascii_alphabetic())
        && n.text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        r.error(n.pos, format!("`{}` is not a text id", n.text)).hint =
            Some("write the id of a message in locales/, e.g. `tributi-menu`; the text itself goes in the .ftl files".into());
        return None;
    }
    Some(n)
}

fn url(r: &mut Reader<'_>, node: &Node) -> Option<Name> {
    let n = name(r, node)?;
    if !(n.text.starts_with("https://") || n.text.starts_with("http://"))
        || n.text.contains(char::is_whitespace)
    {
        r.error(n.pos, format!("`{}` is not a web address", n.text))
            .hint = Some("links start with https:// and contain no spaces".into());
        return None;
    }
    Some(n)
}

/// `triggers:` or `examples:`: phrases per language.
/// A flow's or a step's `examples:` and `triggers:`, in that order of reading.
fn examples_and_triggers(
    r: &mut Reader<'_>,
    f: &mut yaml::Fields<'_>,
) -> (Vec<Trigger>, Vec<Trigger>) {
    let examples = f
        .get("examples")
        .map(|n| triggers(r, n, "examples"))
        .unwrap_or_default();
    let triggers = f
        .get("triggers")
        .map(|n| triggers(r, n, "triggers"))
        .unwrap_or_default();
    (examples, triggers)
}

fn triggers(r: &mut Reader<'_>, node: &Node, what: &str) -> Vec<Trigger> {
    let Some(mut fields) = r.fields(node, what) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (code, pos, list) in fields.all() {
        let Some(lang) = Lang::from_tag(code).filter(|l| l.code() == code) else {
            r.error(pos, format!("unknown language `{code}`")).hint = Some(format!(
                "languages are written as {}",
                Lang::ALL.map(Lang::code).join(", ")
            ));
            continue;
        };
        for (text, pos) in r.strings(list) {
            if crate::text::matcher::fold(&text).is_empty() {
                r.warning(
                    pos,
                    format!("this phrase of `{what}` has no words and never matches"),
                );
            }
            out.push(Trigger { lang, text, pos });
        }
    }
    out
}

fn read_flow(r: &mut Reader<'_>, root: &Node, _text: &str) -> Option<Flow> {
    let mut f = r.fields(root, "the flow")?;
    let stem = r
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let id = f.require(r, "id").and_then(|n| name(r, n));
    let id = match id {
        Some(id) if !is_id(&id.text, &[]) => {
            r.error(
                id.pos,
                format!(
                    "flow id `{}` may hold only lowercase letters, digits and hyphens",
                    id.text
                ),
            );
            None
        }
        Some(id) if id.text != stem => {
            r.error(
                id.pos,
                format!("flow id `{}` differs from the file name `{stem}`", id.text),
            )
            .hint = Some(format!(
                "rename the file to `{}.yaml` or the id to `{stem}`",
                id.text
            ));
            Some(id)
        }
        other => other,
    };
    let title = f.require(r, "title").and_then(|n| message_id(r, n));
    let office = f.get("office").and_then(|n| name(r, n));
    let emergency = f.get("emergency").and_then(|n| r.bool(n)).unwrap_or(false);
    let (examples, triggers) = examples_and_triggers(r, &mut f);
    let start = f.get("start").and_then(|n| name(r, n));
    let show_source = f.get("show_source").and_then(|n| r.bool(n)).unwrap_or(true);
    let mut steps = Vec::new();
    if let Some(node) = f.require(r, "steps")
        && let Some(mut entries) = r.fields(node, "`steps`")
    {
        for (step_id, pos, node) in entries.all() {
            check_key_id(r, "step", step_id, pos);
            if let Some(step) = read_step(r, step_id, pos, node) {
                steps.push(step);
            }
        }
    }
    let flow_pos = f.pos;
    f.finish(r, FLOW_KEYS);
    let id = id?;
    if steps.is_empty() {
        r.error(flow_pos, format!("flow `{}` has no steps", id.text));
        return None;
    }
    let start = start.unwrap_or_else(|| Name {
        text: steps[0].id.clone(),
        pos: steps[0].pos,
    });
    let title = title?;
    let flow_id = id.text.clone();
    // Relative step references in choices name this flow.
    for step in &mut steps {
        for choice in &mut step.choices {
            if let Action::Goto { flow, .. } = &mut choice.action
                && flow.is_empty()
            {
                *flow = flow_id.clone();
            }
        }
    }
    Some(Flow {
        id: id.text,
        file: r.file.to_path_buf(),
        pos: flow_pos,
        title,
        office,
        emergency,
        triggers,
        examples,
        start,
        steps,
        show_source,
    })
}

fn read_step(r: &mut Reader<'_>, id: &str, pos: Pos, node: &Node) -> Option<Step> {
    let what = format!("step `{id}`");
    let mut f = r.fields(node, &what)?;
    let say = f.require(r, "say").and_then(|n| message_id(r, n));
    let title = f.get("title").and_then(|n| message_id(r, n));
    let (examples, triggers) = examples_and_triggers(r, &mut f);
    let deadlines = f.get("deadlines").map(|n| names(r, n)).unwrap_or_default();
    // `link:` is the older name of `source:`.
    let source = match (f.get("source"), f.get("link")) {
        (Some(n), Some(old)) => {
            r.error(
                old.pos,
                "a step has one source, and this one also has `link`",
            )
            .hint = Some("`link:` is the older name of `source:`: keep `source:`".into());
            url(r, n)
        }
        (Some(n), None) | (None, Some(n)) => url(r, n),
        (None, None) => None,
    };
    let verified = f.get("verified").and_then(|n| {
        let pos = n.pos;
        date(r, n).map(|date| Verified { date, pos })
    });
    let handoff = f.get("handoff").and_then(|n| name(r, n));
    let end = f.get("end").and_then(|n| r.bool(n)).unwrap_or(false);
    let collection = f.get("collection").and_then(|n| r.bool(n)).unwrap_or(false);
    let image = f.get("image").and_then(|n| read_image(r, n));
    let mut choices = Vec::new();
    if let Some(list) = f.get("choices") {
        for node in r.list(list) {
            if let Some(choice) = read_choice(r, node) {
                choices.push(choice);
            }
        }
    }
    f.finish(r, STEP_KEYS);
    Some(Step {
        id: id.to_string(),
        pos,
        title,
        say: say?,
        triggers,
        examples,
        deadlines,
        source,
        verified,
        choices,
        handoff,
        end,
        image,
        collection,
    })
}

/// `image: { file: chart.png, alt: text-id }`: a file of `flows/media/` with its alternative
/// text, which is required.
fn read_image(r: &mut Reader<'_>, node: &Node) -> Option<StepImage> {
    let mut f = r.fields(node, "an image")?;
    let file = f.require(r, "file").and_then(|n| name(r, n));
    let alt = f.get("alt");
    if alt.is_none() {
        r.error(f.pos, "this image has no alternative text (`alt`)")
            .hint = Some(
            "add `alt:` with the id of a text describing the image, in locales/ for every \
             language: it is the caption, and what citizens get where the image cannot be shown"
                .into(),
        );
    }
    let alt = alt.and_then(|n| message_id(r, n));
    f.finish(r, IMAGE_KEYS);
    Some(StepImage {
        file: file?,
        alt: alt?,
    })
}

fn read_choice(r: &mut Reader<'_>, node: &Node) -> Option<Choice> {
    let mut f = r.fields(node, "a choice")?;
    let label = f.require(r, "label").and_then(|n| message_id(r, n));
    let explicit_id = f.get("id").and_then(|n| name(r, n));
    let mut actions: Vec<(&str, &Node)> = Vec::new();
    for key in CHOICE_ACTIONS {
        if let Some(n) = f.get(key) {
            actions.push((key, n));
        }
    }
    let pos = f.pos;
    f.finish(r, CHOICE_KEYS);
    let (key, value) = match actions.as_slice() {
        [one] => *one,
        [] => {
            r.error(pos, "this choice does nothing").hint =
                Some(format!("give it one action: {}", CHOICE_ACTIONS.join(", ")));
            return None;
        }
        [_, second, ..] => {
            r.error(
                second.1.pos,
                format!(
                    "a choice has one action, and this one also has `{}`",
                    second.0
                ),
            )
            .hint = Some("split it into two choices".into());
            return None;
        }
    };
    let (action, derived_id) = match key {
        "goto" => {
            let target = name(r, value)?;
            let (flow, step) = match target.text.split_once('.') {
                Some((flow, step)) => (flow.to_string(), step.to_string()),
                None => (String::new(), target.text.clone()),
            };
            let id = target.text.clone();
            (
                Action::Goto {
                    flow,
                    step: Some(step),
                    target,
                },
                id,
            )
        }
        "flow" => {
            let target = name(r, value)?;
            let id = target.text.clone();
            (
                Action::Goto {
                    flow: target.text.clone(),
                    step: None,
                    target,
                },
                id,
            )
        }
        "handoff" => (Action::Handoff(name(r, value)?), "operatore".to_string()),
        "link" => (Action::Link(url(r, value)?), "link".to_string()),
        "deadlines" => (Action::Deadlines(name(r, value)?), "scadenze".to_string()),
        "end" => {
            if r.bool(value) != Some(true) {
                r.error(value.pos, "`end` on a choice must be `true`");
                return None;
            }
            (Action::End, "fine".to_string())
        }
        _ => unreachable!("CHOICE_ACTIONS"),
    };
    let id = match explicit_id {
        Some(id) if !is_id(&id.text, &['_', '.']) => {
            r.error(
                id.pos,
                format!(
                    "choice id `{}` may hold only lowercase letters, digits, `-`, `_` and `.`",
                    id.text
                ),
            );
            return None;
        }
        Some(id) => id.text,
        None => derived_id,
    };
    Some(Choice {
        id,
        pos,
        label: label?,
        action,
    })
}

fn date(r: &mut Reader<'_>, node: &Node) -> Option<NaiveDate> {
    let text = r.string(node)?;
    match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            r.error(node.pos, format!("`{text}` is not a date")).hint =
                Some("write dates as YYYY-MM-DD, e.g. 2026-12-16".into());
            None
        }
    }
}
