//! Checks across files: references, reachability, texts in every language, channel limits.

mod topics;
mod waste;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;

use super::limits::{ChannelLimits, ChoiceLimits, strictest};
use super::{Action, FlowSet, MAIN_FLOW, Name, StepRef};
use crate::diag::{Diagnostic, Pos, Report, closest};
use crate::i18n::Lang;

/// The callback data a Telegram button carries for a choice: where it was shown and which.
pub fn callback_data(step_key: &str, choice_id: &str) -> String {
    format!("{step_key}/{choice_id}")
}

struct Checker<'a> {
    set: &'a FlowSet,
    report: &'a mut Report,
    used_messages: HashSet<String>,
    unread: &'a Unread,
}

/// Files the loader could not read (a YAML syntax error, an unreadable file). Their error is
/// reported once; what follows only from their absence (a reference to a flow or office they
/// define, the main or emergency flow missing, texts that look unused) is not reported on top.
#[derive(Debug, Default)]
pub struct Unread {
    /// Ids of the flows whose files could not be read (the file names without extension).
    pub flows: HashSet<String>,
    /// `offices.yaml` could not be read.
    pub offices: bool,
}

impl Unread {
    pub fn any(&self) -> bool {
        self.offices || !self.flows.is_empty()
    }
}

pub fn check(set: &FlowSet, unread: &Unread, report: &mut Report) {
    let mut c = Checker {
        set,
        report,
        used_messages: HashSet::new(),
        unread,
    };
    c.flow_ids();
    c.flows();
    c.offices();
    c.deadlines();
    c.topics();
    c.reminders();
    c.waste();
    c.reachability();
    c.engine_messages();
    c.safety_numbers();
    c.canned_replies();
    c.unused_messages();
}

impl Checker<'_> {
    fn error(&mut self, file: &Path, pos: Pos, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(file, pos, message);
        d.hint = hint;
        self.report.push(d);
    }

    fn warning(&mut self, file: &Path, pos: Pos, message: String, hint: Option<String>) {
        let mut d = Diagnostic::warning(file, pos, message);
        d.hint = hint;
        self.report.push(d);
    }

    /// A Fluent id used at `file:pos` must exist in every language, and format with the
    /// variables the code passes.
    fn message(&mut self, file: &Path, id: &Name) {
        self.used_messages.insert(id.text.clone());
        self.variables(file, id.pos, &id.text);
        for lang in Lang::ALL {
            if !self.set.locales.has(lang, &id.text) {
                let defined: Vec<&str> = self
                    .set
                    .locales
                    .definitions(lang)
                    .map(|(id, _)| id)
                    .collect();
                let hint = match closest(&id.text, defined.iter().copied()) {
                    Some(near) => format!(
                        "did you mean `{near}`? Otherwise add `{} = ...` to locales/{}/",
                        id.text,
                        lang.code()
                    ),
                    None => format!(
                        "add `{} = ...` to a file in locales/{}/",
                        id.text,
                        lang.code()
                    ),
                };
                self.error(
                    file,
                    id.pos,
                    format!(
                        "text `{}` is missing in language `{}`",
                        id.text,
                        lang.code()
                    ),
                    Some(hint),
                );
            }
        }
    }

    fn variables(&mut self, file: &Path, pos: Pos, id: &str) {
        let args = super::messages::MESSAGE_ARGS
            .iter()
            .find(|(m, _)| *m == id)
            .map_or(&[][..], |(_, a)| *a);
        for lang in Lang::ALL {
            for problem in self.set.locales.format_problems(lang, id, args) {
                let hint = if args.is_empty() {
                    "this text is given no variables: write the value itself".to_string()
                } else {
                    format!(
                        "the variables available here are: {}",
                        args.iter()
                            .map(|a| format!("${a}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                let at = self
                    .set
                    .locales
                    .definitions(lang)
                    .find(|(m, _)| *m == id)
                    .map(|(_, d)| (d.file.clone(), d.pos));
                let (file, pos) = at.unwrap_or_else(|| (file.to_path_buf(), pos));
                self.error(
                    &file,
                    pos,
                    format!("text `{id}` in `{}`: {problem}", lang.code()),
                    Some(hint),
                );
            }
        }
    }

    fn flow_ids(&mut self) {
        let mut seen: HashMap<&str, &Path> = HashMap::new();
        for flow in &self.set.flows {
            if let Some(first) = seen.insert(&flow.id, &flow.file) {
                let hint = Some(format!("the first is in {}", first.display()));
                self.error(
                    &flow.file,
                    flow.pos,
                    format!("flow id `{}` is used twice", flow.id),
                    hint,
                );
            }
        }
        let dir_file = self.set.offices.file.clone();
        if self.set.flow(MAIN_FLOW).is_none() && !self.unread.flows.contains(MAIN_FLOW) {
            self.error(
                &dir_file,
                Pos::new(1, 1),
                format!("there is no `{MAIN_FLOW}` flow"),
                Some(format!(
                    "add {MAIN_FLOW}.yaml: the main menu that /start and /menu show"
                )),
            );
        }
        let emergency: Vec<_> = self.set.flows.iter().filter(|f| f.emergency).collect();
        for f in &emergency {
            if let Some(e) = f.examples.first() {
                self.error(&f.file, e.pos, format!("the emergency flow `{}` has flow-level examples", f.id),
                    Some("its flow-level triggers are emergency words; put questions about alerts or civil protection on its steps".into()));
            }
        }
        match emergency.as_slice() {
            [_] => {}
            [] if self.unread.any() => {}
            [] => self.error(&dir_file, Pos::new(1, 1), "no flow has `emergency: true`".into(),
                Some("mark the emergency flow (`emergenze`): its triggers are answered first, in any state".into())),
            [_, others @ ..] => {
                for f in others.iter().copied() {
                    self.error(&f.file, f.pos, format!("flow `{}` is a second emergency flow", f.id),
                        Some("only one flow may have `emergency: true`".into()));
                }
            }
        }
    }

    fn office_ref(&mut self, file: &Path, office: &Name) {
        if self.set.office(&office.text).is_none() && !self.unread.offices {
            let ids = self.set.offices.offices.iter().map(|o| o.id.as_str());
            let hint = closest(&office.text, ids)
                .map(|n| format!("did you mean `{n}`?"))
                .or_else(|| {
                    Some(format!(
                        "offices are defined in {}",
                        self.set.offices.file.display()
                    ))
                });
            self.error(
                file,
                office.pos,
                format!("unknown office `{}`", office.text),
                hint,
            );
        }
    }

    fn flows(&mut self) {
        let set = self.set;
        let mut trigger_owner: HashMap<(Lang, String), (String, &Path, Pos)> = HashMap::new();
        for flow in &set.flows {
            let file = flow.file.as_path();
            self.message(file, &flow.title);
            if let Some(office) = &flow.office {
                self.office_ref(file, office);
            }
            if !flow.steps.iter().any(|s| s.id == flow.start.text) {
                let hint = closest(&flow.start.text, flow.steps.iter().map(|s| s.id.as_str()))
                    .map(|n| format!("did you mean `{n}`?"));
                self.error(
                    file,
                    flow.start.pos,
                    format!("unknown start step `{}`", flow.start.text),
                    hint,
                );
            }
            let mut step_ids = HashSet::new();
            for step in &flow.steps {
                step_ids.insert(step.id.as_str());
                self.message(file, &step.say);
                if let Some(t) = &step.title {
                    self.message(file, t);
                }
                if let Some(image) = &step.image {
                    self.image_alt(file, &image.alt);
                }
                if let Some(office) = &step.handoff {
                    self.office_ref(file, office);
                }
                for tag in &step.deadlines {
                    self.deadline_tag(file, tag);
                }
                if step.choices.is_empty() && !step.end && step.handoff.is_none() {
                    self.error(
                        file,
                        step.pos,
                        format!(
                            "step `{}` has no way on: no choices, no `end`, no `handoff`",
                            step.id
                        ),
                        Some("add choices (at least a way back), or `end: true`".into()),
                    );
                }
                if step.end && step.handoff.is_some() {
                    self.error(
                        file,
                        step.pos,
                        format!("step `{}` both ends and hands off", step.id),
                        Some("keep one of `end` and `handoff`".into()),
                    );
                }
                self.step_texts(flow, step);
                let mut choice_ids: HashMap<&str, Pos> = HashMap::new();
                for choice in &step.choices {
                    self.message(file, &choice.label);
                    if let Some(first) = choice_ids.insert(&choice.id, choice.pos) {
                        self.error(
                            file,
                            choice.pos,
                            format!(
                                "two choices of step `{}` have the id `{}`",
                                step.id, choice.id
                            ),
                            Some(format!(
                                "the first is at line {}; give one an explicit `id:`",
                                first.line
                            )),
                        );
                    }
                    let key = format!("{}.{}", flow.id, step.id);
                    let data = callback_data(&key, &choice.id);
                    if let Some((max, channel)) = self.strictest(|l| l.callback_data_max)
                        && data.len() > max
                    {
                        self.error(file, choice.pos, format!("the {channel} button data `{data}` is {} bytes, over the {max} allowed", data.len()),
                            Some("shorten the flow, step or choice id".into()));
                    }
                    match &choice.action {
                        Action::Goto {
                            flow: target_flow,
                            step: target_step,
                            target,
                        } => {
                            self.goto_ref(file, target_flow, target_step.as_deref(), target);
                        }
                        Action::Handoff(office) => self.office_ref(file, office),
                        Action::Deadlines(tag) => self.deadline_tag(file, tag),
                        Action::Link(_) | Action::End => {}
                    }
                }
                for t in &step.triggers {
                    self.trigger(
                        &mut trigger_owner,
                        format!("{}.{}", flow.id, step.id),
                        file,
                        t.lang,
                        &t.text,
                        t.pos,
                    );
                }
            }
            if !flow.emergency {
                for t in &flow.triggers {
                    self.trigger(
                        &mut trigger_owner,
                        flow.id.clone(),
                        file,
                        t.lang,
                        &t.text,
                        t.pos,
                    );
                }
            }
            let _ = step_ids;
        }
    }

    fn trigger<'s>(
        &mut self,
        owners: &mut HashMap<(Lang, String), (String, &'s Path, Pos)>,
        owner: String,
        file: &'s Path,
        lang: Lang,
        text: &str,
        pos: Pos,
    ) {
        let key = (lang, crate::text::matcher::fold(text));
        if let Some((first, first_file, first_pos)) = owners.get(&key) {
            if *first != owner {
                let hint = Some(format!(
                    "`{first}` has it too ({}:{}); the answer will be a \"did you mean\"",
                    first_file.display(),
                    first_pos.line
                ));
                self.warning(
                    file,
                    pos,
                    format!("the trigger `{text}` leads to two places"),
                    hint,
                );
            }
        } else {
            owners.insert(key, (owner, file, pos));
        }
    }

    /// An image's alternative text: in every language, and short enough for a caption.
    fn image_alt(&mut self, file: &Path, alt: &Name) {
        self.message(file, alt);
        let max = self
            .strictest(|l| l.caption_max)
            .map_or(usize::MAX, |(max, _)| max);
        for lang in Lang::ALL {
            if !self.set.locales.has(lang, &alt.text) {
                continue;
            }
            let text = self.set.locales.text(lang, &alt.text, &[]);
            let chars = text.chars().count();
            if chars > max {
                self.error(
                    file,
                    alt.pos,
                    format!(
                        "the `{}` alternative text `{}` is {chars} characters, over the {max} of a caption",
                        lang.code(),
                        alt.text
                    ),
                    Some("describe the image in fewer words; details belong in the step's text".into()),
                );
            } else if text.trim().is_empty() {
                self.error(
                    file,
                    alt.pos,
                    format!(
                        "the `{}` alternative text `{}` is empty",
                        lang.code(),
                        alt.text
                    ),
                    Some("describe what the image shows".into()),
                );
            }
        }
    }

    /// Texts each language renders for a step, against the channels' limits.
    fn step_texts(&mut self, flow: &super::Flow, step: &super::Step) {
        let file = flow.file.as_path();
        for lang in Lang::ALL {
            if !self.set.locales.has(lang, &step.say.text) {
                continue;
            }
            let text = self.set.locales.text(lang, &step.say.text, &[]);
            let chars = text.chars().count();
            if let Some((max, channel)) = self.strictest(|l| l.text_max)
                && chars > max
            {
                self.error(
                    file,
                    step.say.pos,
                    format!(
                        "the `{}` text of `{}` is {chars} characters, over {channel}'s {max}",
                        lang.code(),
                        step.say.text
                    ),
                    Some("split it into two steps".into()),
                );
            }
            let labels: Vec<(String, Pos)> = step
                .choices
                .iter()
                .filter(|c| self.set.locales.has(lang, &c.label.text))
                .map(|c| (self.set.locales.text(lang, &c.label.text, &[]), c.label.pos))
                .collect();
            let set = self.set;
            for limits in &set.limits {
                let Some(choices) = limits.choices else {
                    continue;
                };
                self.choice_labels(file, step, lang, &labels, limits.name, choices);
            }
        }
    }

    /// A step's choice labels in `lang`, against a channel that shows them as buttons or a list.
    fn choice_labels(
        &mut self,
        file: &Path,
        step: &super::Step,
        lang: Lang,
        labels: &[(String, Pos)],
        channel: &str,
        limits: ChoiceLimits,
    ) {
        let n = labels.len();
        if n > limits.list_rows_max {
            let rows = limits.list_rows_max;
            self.warning(file, step.pos, format!("step `{}` has {n} choices: {channel} lists hold {rows}", step.id),
                Some(format!("on {channel} they are sent as a numbered list in the text; keep at most {rows} to get a tappable list")));
            return;
        }
        let (max, what) = if n <= limits.buttons_max {
            (limits.button_title_max, "button")
        } else {
            (limits.row_title_max, "list row")
        };
        for (label, pos) in labels {
            let len = label.chars().count();
            if len > max {
                self.warning(file, *pos, format!("the `{}` label \"{label}\" is {len} characters: a {channel} {what} shows {max}", lang.code()),
                    Some(format!("on {channel} it is cut to {max} characters; shorten it")));
            }
        }
    }

    /// The strictest of the channels' limits read by `limit`, with the name of the channel.
    fn strictest(
        &self,
        limit: impl Fn(&ChannelLimits) -> Option<usize>,
    ) -> Option<(usize, &'static str)> {
        strictest(&self.set.limits, limit).map(|(max, l)| (max, l.name))
    }

    fn goto_ref(&mut self, file: &Path, flow: &str, step: Option<&str>, target: &Name) {
        let Some(f) = self.set.flow(flow) else {
            if self.unread.flows.contains(flow) {
                return;
            }
            let hint = closest(flow, self.set.flows.iter().map(|f| f.id.as_str()))
                .map(|n| format!("did you mean `{n}`?"));
            self.error(file, target.pos, format!("unknown flow `{flow}`"), hint);
            return;
        };
        if let Some(step) = step
            && !f.steps.iter().any(|s| s.id == step)
        {
            let hint = closest(step, f.steps.iter().map(|s| s.id.as_str()))
                .map(|n| format!("did you mean `{n}`?"))
                .or_else(|| {
                    Some(format!(
                        "the steps of `{flow}` are: {}",
                        f.steps
                            .iter()
                            .map(|s| s.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                });
            self.error(
                file,
                target.pos,
                format!("unknown step `{step}` in flow `{flow}`"),
                hint,
            );
        }
    }

    fn deadline_tag(&mut self, file: &Path, tag: &Name) {
        if !self
            .set
            .deadlines
            .iter()
            .any(|d| d.tags.iter().any(|t| t.text == tag.text))
        {
            let tags: BTreeSet<&str> = self
                .set
                .deadlines
                .iter()
                .flat_map(|d| d.tags.iter().map(|t| t.text.as_str()))
                .collect();
            let hint = closest(&tag.text, tags.iter().copied())
                .map(|n| format!("did you mean `{n}`?"))
                .or_else(|| {
                    Some(format!(
                        "tags are given to deadlines in {}",
                        self.set.deadlines_file.display()
                    ))
                });
            self.error(
                file,
                tag.pos,
                format!("no deadline has the tag `{}`", tag.text),
                hint,
            );
        }
    }

    fn offices(&mut self) {
        let offices = &self.set.offices;
        let file = offices.file.as_path();
        if !offices.default.text.is_empty() {
            self.office_ref(file, &offices.default);
        }
        let mut seen = HashSet::new();
        for office in &offices.offices {
            if !seen.insert(office.id.as_str()) {
                self.error(
                    file,
                    office.pos,
                    format!("office `{}` is defined twice", office.id),
                    None,
                );
            }
            self.message(file, &office.name);
            if office.schedule.hours.is_empty() {
                self.warning(
                    file,
                    office.pos,
                    format!("office `{}` has no opening hours", office.id),
                    Some("hand-offs to it are always registered as out of hours".into()),
                );
            }
        }
    }

    fn deadlines(&mut self) {
        let file = self.set.deadlines_file.as_path();
        let mut seen = HashSet::new();
        for d in &self.set.deadlines {
            if !seen.insert(d.id.as_str()) {
                self.error(
                    file,
                    d.pos,
                    format!("deadline `{}` is defined twice", d.id),
                    None,
                );
            }
            self.message(file, &d.title);
            if d.tags.is_empty() {
                self.warning(
                    file,
                    d.pos,
                    format!("deadline `{}` has no tags and is never shown", d.id),
                    None,
                );
            }
        }
    }

    /// Steps reachable from the main menu, from triggers, from emergency words or from any
    /// flow's start through choices. What is left can never be shown.
    fn reachability(&mut self) {
        let set = self.set;
        let mut queue: VecDeque<StepRef> = VecDeque::new();
        for (fi, flow) in set.flows.iter().enumerate() {
            let start = flow.steps.iter().position(|s| s.id == flow.start.text);
            if flow.id == MAIN_FLOW
                || flow.emergency
                || !flow.triggers.is_empty()
                || !flow.examples.is_empty()
            {
                queue.extend(start.map(|s| StepRef { flow: fi, step: s }));
            }
            for (si, step) in flow.steps.iter().enumerate() {
                if !step.triggers.is_empty() || !step.examples.is_empty() {
                    queue.push_back(StepRef { flow: fi, step: si });
                }
            }
        }
        let mut seen: HashSet<StepRef> = HashSet::new();
        while let Some(at) = queue.pop_front() {
            if !seen.insert(at) {
                continue;
            }
            let (_, step) = set.step(at);
            for choice in &step.choices {
                if let Action::Goto { flow, step, .. } = &choice.action {
                    queue.extend(set.find(flow, step.as_deref()));
                }
            }
        }
        for (fi, flow) in set.flows.iter().enumerate() {
            for (si, step) in flow.steps.iter().enumerate() {
                if !seen.contains(&StepRef { flow: fi, step: si }) {
                    self.warning(
                        &flow.file,
                        step.pos,
                        format!(
                            "step `{}` of flow `{}` can never be reached",
                            step.id, flow.id
                        ),
                        Some(
                            "link it from a choice (`goto`), give it triggers, or remove it".into(),
                        ),
                    );
                }
            }
        }
    }

    /// The texts the engine itself uses.
    fn engine_messages(&mut self) {
        for lang in Lang::ALL {
            let dir_hint = format!("locales/{}/common.ftl", lang.code());
            for id in super::messages::MESSAGES
                .iter()
                .chain(super::messages::EMERGENCY_ANSWERS)
            {
                self.used_messages.insert((*id).to_string());
                if lang == Lang::It {
                    self.variables(Path::new("locales"), Pos::new(1, 1), id);
                }
                if !self.set.locales.has(lang, id) {
                    let file = Path::new("locales").join(lang.code());
                    self.error(
                        &file,
                        Pos::new(1, 1),
                        format!(
                            "text `{id}`, which Sportello itself uses, is missing in language `{}`",
                            lang.code()
                        ),
                        Some(format!("add `{id} = ...` to {dir_hint}")),
                    );
                }
            }
        }
    }

    /// The safety layer's answers must keep their numbers in every language: an edit of a
    /// text cannot drop 112 or 1522 by mistake.
    fn safety_numbers(&mut self) {
        for &id in super::messages::EMERGENCY_ANSWERS {
            let numbers = super::messages::emergency_numbers(id);
            for lang in Lang::ALL {
                let Some(def) = self
                    .set
                    .locales
                    .definitions(lang)
                    .find(|(d, _)| *d == id)
                    .map(|(_, def)| def.clone())
                else {
                    continue;
                };
                let compact = |t: &str| t.split_whitespace().collect::<String>();
                let text = compact(&self.set.locales.text(lang, id, &[]));
                for number in numbers {
                    if !text.contains(&compact(number)) {
                        self.error(
                            &def.file,
                            def.pos,
                            format!(
                                "text `{id}` in language `{}` no longer gives the number {number}",
                                lang.code()
                            ),
                            Some(format!(
                                "the answer to a {} emergency must give {}",
                                &id[super::messages::EMERGENCY_PREFIX.len()..],
                                numbers.join(" and ")
                            )),
                        );
                    }
                }
            }
        }
    }

    /// The operators' ready replies (`risposta-*`, see [`super::CANNED_PREFIX`]): used by
    /// `/risposte`, so each must exist in every language.
    fn canned_replies(&mut self) {
        let prefix = super::CANNED_PREFIX;
        let mut found: Vec<(String, crate::i18n::Definition)> = Vec::new();
        for lang in Lang::ALL {
            for (id, def) in self.set.locales.definitions(lang) {
                if id.starts_with(prefix) && !found.iter().any(|(f, _)| f == id) {
                    found.push((id.to_string(), def.clone()));
                }
            }
        }
        for (id, def) in found {
            self.used_messages.insert(id.clone());
            for lang in Lang::ALL {
                if !self.set.locales.has(lang, &id) {
                    self.error(
                        &def.file,
                        def.pos,
                        format!(
                            "ready reply `{id}` is missing in language `{}`",
                            lang.code()
                        ),
                        Some(format!(
                            "add `{id} = ...` to locales/{}/risposte.ftl",
                            lang.code()
                        )),
                    );
                }
            }
        }
    }

    fn unused_messages(&mut self) {
        // A file that could not be read may use any of them.
        if self.unread.any() {
            return;
        }
        let mut unused = Vec::new();
        for lang in Lang::ALL {
            for (id, def) in self.set.locales.definitions(lang) {
                if !self.used_messages.contains(id) {
                    unused.push((id.to_string(), def.clone()));
                }
            }
        }
        for (id, def) in unused {
            self.warning(
                &def.file,
                def.pos,
                format!("text `{id}` is not used by any flow"),
                Some("remove it, or use it in a flow".into()),
            );
        }
    }
}
