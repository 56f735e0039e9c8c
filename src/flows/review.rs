//! What an editor should look at before publishing, beyond the set being valid: answers not
//! checked against their source for too long, deadlines in texts that have passed, years in
//! texts that their deadlines have left behind, texts hard to read. It depends on the day, so
//! it runs in `flows check` (which may be told the day), never when a set is loaded to serve.
//! Each citizen text gets a [`TextRow`], for the HTML report.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Months, NaiveDate};

use super::{Flow, FlowSet, Step};
use crate::diag::{Diagnostic, Pos, Report};
use crate::i18n::Lang;
use crate::text::readability::Measure;

/// Months after which an answer's `verified` date is stale, unless set otherwise.
pub const DEFAULT_STALE_MONTHS: u32 = 12;
/// Italian citizen texts under this Gulpease index are hard for many readers.
pub const DEFAULT_GULPEASE_MIN: f64 = 50.0;
/// English citizen texts under this Flesch reading ease are hard for many readers.
pub const DEFAULT_FLESCH_MIN: f64 = 30.0;
/// A sentence longer than this, in words, is hard to follow in a chat.
pub const DEFAULT_SENTENCE_WORDS_MAX: usize = 40;
/// Texts shorter than this (labels, titles) are not judged for readability: the indexes say
/// nothing about a few words.
const JUDGED_FROM_WORDS: usize = 20;
/// Addresses longer than this, written in a text, are hard to read and to copy in a chat.
pub const DEFAULT_URL_MAX: usize = 60;
/// Chat spellings that a public administration does not write ("x" for "per").
const CHAT_ABBREVIATIONS: &[&str] = &[
    "x", "cmq", "nn", "xché", "xche", "xké", "xke", "tvb", "grz", "ke", "qlc", "qlcs", "qnd",
    "msg", "pls", "thx", "u", "ur", "plz",
];
/// How a text that opens a hand-off, or an operator's ready reply, may begin: a greeting or
/// thanks (folded: lower case, no accents).
const OPENINGS: &[&str] = &[
    "buongiorno",
    "buonasera",
    "salve",
    "gentile",
    "grazie",
    "la ringraziamo",
    "benvenut",
    "hello",
    "good morning",
    "good afternoon",
    "good evening",
    "dear",
    "thank",
    "welcome",
];
/// The engine's texts that open a hand-off.
const HANDOFF_TEXTS: &[&str] = &[
    "common-handoff-open",
    "common-handoff-closed",
    "common-handoff-never",
];
/// An all-capitals word this long, or this many all-capitals words in a row, is shouting
/// (acronyms such as TARI, ISEE or SPID are shorter and come alone).
const SHOUT_WORD_LETTERS: usize = 6;
const SHOUT_RUN_WORDS: usize = 3;
/// Texts for the staff, not for citizens: held to no readability threshold.
const STAFF_PREFIX: &str = "operators-";

/// What the review holds texts to.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The day to judge by (`flows check --today`; else today in Rome).
    pub today: NaiveDate,
    /// An answer verified longer ago than this many months is stale (a warning).
    pub stale_months: u32,
    /// Readability thresholds: Italian (Gulpease), English (Flesch), sentence length in words.
    pub gulpease_min: f64,
    pub flesch_min: f64,
    pub sentence_words_max: usize,
    /// A web address written in a text longer than this, in characters, is a warning.
    pub url_max: usize,
}

/// One citizen text in one language, as the report shows it.
#[derive(Debug, Clone)]
pub struct TextRow {
    pub id: String,
    pub lang: Lang,
    pub file: PathBuf,
    pub line: usize,
    pub measure: Measure,
    /// The language's index (Gulpease, Flesch); `None` for a text too short to judge.
    pub index: Option<f64>,
    /// How far the index is above its threshold (negative: below).
    pub margin: Option<f64>,
    /// The source and verified date of the step that says it, if any.
    pub source: Option<String>,
    pub verified: Option<NaiveDate>,
    /// What the review found about this text (and its step), in words.
    pub problems: Vec<String>,
}

/// The name of the readability index used for a language.
pub fn index_name(lang: Lang) -> &'static str {
    match lang {
        Lang::It => "Gulpease",
        Lang::En => "Flesch",
    }
}

/// Words that, a few words before a date, make it a deadline ("entro il 16 dicembre 2026").
const DEADLINE_CUES: &[&str] = &[
    "entro", "scade", "scadono", "scadenza", "scadenze", "termine", "fino", "by", "until", "due",
    "deadline", "closes",
];
/// How many words before a date a cue may stand.
const CUE_WINDOW: usize = 6;

const MONTHS: [[&str; 2]; 12] = [
    ["gennaio", "january"],
    ["febbraio", "february"],
    ["marzo", "march"],
    ["aprile", "april"],
    ["maggio", "may"],
    ["giugno", "june"],
    ["luglio", "july"],
    ["agosto", "august"],
    ["settembre", "september"],
    ["ottobre", "october"],
    ["novembre", "november"],
    ["dicembre", "december"],
];

/// Reviews the set as on `policy.today`: diagnostics go to `report`; one row per citizen text
/// is returned, worst first.
pub fn review(set: &FlowSet, policy: &Policy, report: &mut Report) -> Vec<TextRow> {
    let first = report.diagnostics.len();
    let mut said_by: HashMap<&str, &Step> = HashMap::new();
    for flow in &set.flows {
        for step in &flow.steps {
            said_by.entry(step.say.text.as_str()).or_insert(step);
            verified(flow, step, policy, report);
            passed_years(set, flow, step, policy, report);
        }
    }
    let openers: Vec<&str> = set
        .flows
        .iter()
        .flat_map(|f| &f.steps)
        .filter(|s| s.handoff.is_some())
        .map(|s| s.say.text.as_str())
        .chain(HANDOFF_TEXTS.iter().copied())
        .collect();
    let mut rows = Vec::new();
    for lang in Lang::ALL {
        for (id, def) in set.locales.definitions(lang) {
            let text = set.locales.text(lang, id, &[]);
            let opens_a_handoff = openers.contains(&id) || id.starts_with(super::CANNED_PREFIX);
            style(id, lang, &text, opens_a_handoff, policy, def, report);
            if id.starts_with(STAFF_PREFIX) {
                continue;
            }
            for date in past_deadlines(&text, policy.today) {
                report.push(
                    Diagnostic::error(
                        &def.file,
                        def.pos,
                        format!(
                            "text `{id}` in `{}` gives {date} as a deadline, and that day has passed",
                            lang.code()
                        ),
                    )
                    .with_hint(
                        "update the date, or list the deadline in deadlines.yaml, which stops \
                         showing it once it has passed",
                    ),
                );
            }
            let measure = Measure::of(&text);
            let (index, min) = match lang {
                Lang::It => (measure.gulpease(), policy.gulpease_min),
                Lang::En => (measure.flesch(), policy.flesch_min),
            };
            let judged = measure.words >= JUDGED_FROM_WORDS;
            if judged && index < min {
                push_warning(
                    report,
                    &def.file,
                    def.pos,
                    format!(
                        "text `{id}` in `{}` has a {} index of {index:.0}, under {min:.0}: hard to read for many citizens",
                        lang.code(),
                        index_name(lang)
                    ),
                    "shorter sentences and shorter, everyday words make it easier",
                );
            }
            if measure.longest_sentence > policy.sentence_words_max {
                push_warning(
                    report,
                    &def.file,
                    def.pos,
                    format!(
                        "text `{id}` in `{}` has a sentence of {} words, over {}",
                        lang.code(),
                        measure.longest_sentence,
                        policy.sentence_words_max
                    ),
                    "split it: one piece of information per sentence",
                );
            }
            let step = said_by.get(id);
            rows.push(TextRow {
                id: id.to_string(),
                lang,
                file: def.file.clone(),
                line: def.pos.line,
                measure,
                index: judged.then_some(index),
                margin: judged.then_some(index - min),
                source: step.and_then(|s| s.source.as_ref()).map(|s| s.text.clone()),
                verified: step.and_then(|s| s.verified).map(|v| v.date),
                problems: Vec::new(),
            });
        }
    }
    attach_problems(set, &said_by, &report.diagnostics[first..], &mut rows);
    rows.sort_by(|a, b| {
        b.problems
            .len()
            .cmp(&a.problems.len())
            .then(
                a.margin
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.margin.unwrap_or(f64::MAX)),
            )
            .then(a.id.cmp(&b.id))
    });
    rows
}

/// Gives each row the review's findings about it: those at its definition, and those at the
/// step that says it (a stale `verified`, in every language).
fn attach_problems(
    set: &FlowSet,
    said_by: &HashMap<&str, &Step>,
    found: &[Diagnostic],
    rows: &mut [TextRow],
) {
    let mut at: HashMap<(&Path, usize), Vec<&Diagnostic>> = HashMap::new();
    for d in found {
        at.entry((d.file.as_path(), d.pos.line))
            .or_default()
            .push(d);
    }
    let step_file: HashMap<&str, &Path> = set
        .flows
        .iter()
        .flat_map(|f| {
            f.steps
                .iter()
                .map(move |s| (s.say.text.as_str(), f.file.as_path()))
        })
        .collect();
    for row in rows.iter_mut() {
        let own = at
            .get(&(row.file.as_path(), row.line))
            .into_iter()
            .flatten();
        let step = said_by
            .get(row.id.as_str())
            .zip(step_file.get(row.id.as_str()));
        let of_step = step.into_iter().flat_map(|(s, file)| {
            let lines = [
                s.verified.map(|v| v.pos.line),
                s.source.as_ref().map(|n| n.pos.line),
            ];
            lines
                .into_iter()
                .flatten()
                .filter_map(|line| at.get(&(*file, line)))
                .flatten()
                .copied()
                .collect::<Vec<_>>()
        });
        row.problems = own
            .copied()
            .chain(of_step)
            .map(|d| d.message.clone())
            .collect();
    }
}

/// The public administration's style: no emoji, no chat abbreviations, no shouting, no
/// exclamation marks in series, no long bare addresses; a hand-off or ready reply opens with a
/// greeting or thanks.
fn style(
    id: &str,
    lang: Lang,
    text: &str,
    opens_a_handoff: bool,
    policy: &Policy,
    def: &crate::i18n::Definition,
    report: &mut Report,
) {
    let code = lang.code();
    let mut warn = |message: String, hint: &str| {
        push_warning(report, &def.file, def.pos, message, hint);
    };
    if let Some(c) = text.chars().find(|c| is_emoji(*c)) {
        warn(
            format!("text `{id}` in `{code}` has an emoji ({c})"),
            "the Comune writes in words: remove it",
        );
    }
    for token in text.split_whitespace() {
        let plain = token.trim_matches(|c: char| !c.is_alphanumeric());
        if CHAT_ABBREVIATIONS.contains(&plain) {
            warn(
                format!("text `{id}` in `{code}` writes `{plain}`, a chat abbreviation"),
                "write the word in full (\"per\", \"comunque\", \"non\", \"perché\")",
            );
        }
        let address = token.trim_end_matches(['.', ',', ';', ':', ')', '»']);
        if address.contains("://") && address.chars().count() > policy.url_max {
            warn(
                format!(
                    "text `{id}` in `{code}` writes an address of {} characters, over {}",
                    address.chars().count(),
                    policy.url_max
                ),
                "offer it as a `link:` choice, or as the step's `source:`, and keep the text short",
            );
        }
    }
    if let Some(word) = shouting(text) {
        warn(
            format!("text `{id}` in `{code}` shouts in capitals (`{word}`)"),
            "write in normal case; only acronyms (TARI, ISEE, SPID) stay in capitals",
        );
    }
    if text.contains("!!") || text.contains("!?") || text.contains("?!") || text.contains("??") {
        warn(
            format!("text `{id}` in `{code}` has exclamation or question marks in series"),
            "one mark is enough: the tone stays sober",
        );
    }
    if opens_a_handoff {
        let opening: String = text.trim_start().chars().take(40).collect();
        let start = crate::text::matcher::fold(&opening);
        if !OPENINGS.iter().any(|o| start.starts_with(o)) {
            warn(
                format!(
                    "text `{id}` in `{code}` hands the citizen to a person but does not open with a greeting or thanks"
                ),
                "begin with \"Buongiorno\", \"Grazie\" (\"Hello\", \"Thank you\")",
            );
        }
    }
}

/// The first word of a text that shouts: an all-capitals word of [`SHOUT_WORD_LETTERS`]
/// letters, or the last of [`SHOUT_RUN_WORDS`] all-capitals words separated by spaces only (a
/// list of acronyms, "SPID, CIE o CNS", is not shouting).
fn shouting(text: &str) -> Option<&str> {
    let capitals = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_uppercase);
    let mut run = 0;
    for token in text.split_whitespace() {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        let long = core
            .split(|c: char| !c.is_alphabetic())
            .any(|w| capitals(w) && w.chars().count() >= SHOUT_WORD_LETTERS);
        run = if capitals(core) { run + 1 } else { 0 };
        if long || run >= SHOUT_RUN_WORDS {
            return Some(core);
        }
        if core.len() < token.len() && !token.ends_with(core) {
            run = 0;
        }
    }
    None
}

fn is_emoji(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0x200D)
}

/// A step verified too long ago, or on a day still to come (a typo).
fn verified(flow: &Flow, step: &Step, policy: &Policy, report: &mut Report) {
    let Some(v) = step.verified else {
        if let Some(source) = &step.source {
            push_warning(
                report,
                &flow.file,
                source.pos,
                format!(
                    "step `{}` names its source but not when it was verified",
                    step.id
                ),
                "add `verified: YYYY-MM-DD`, the day the text was last checked against the source",
            );
        }
        return;
    };
    let limit = policy
        .today
        .checked_sub_months(Months::new(policy.stale_months))
        .unwrap_or(NaiveDate::MIN);
    if v.date < limit {
        push_warning(
            report,
            &flow.file,
            v.pos,
            format!(
                "step `{}` was last verified on {}, more than {} months ago",
                step.id, v.date, policy.stale_months
            ),
            &match &step.source {
                Some(source) => format!(
                    "check the text against {} and update `verified`",
                    source.text
                ),
                None => "check the text against its source and update `verified`".to_string(),
            },
        );
    } else if v.date > policy.today {
        push_warning(
            report,
            &flow.file,
            v.pos,
            format!(
                "step `{}` is verified on {}, a day still to come",
                step.id, v.date
            ),
            "write the day the text was checked",
        );
    }
}

/// A step with deadlines whose text names a year that has passed while its deadlines moved on
/// to later ones: the text very likely describes last year's rules.
fn passed_years(set: &FlowSet, flow: &Flow, step: &Step, policy: &Policy, report: &mut Report) {
    if step.deadlines.is_empty() {
        return;
    }
    let tags: Vec<&str> = step.deadlines.iter().map(|t| t.text.as_str()).collect();
    let Some(next) = set.upcoming(&tags, policy.today).first().map(|d| d.date) else {
        return;
    };
    for lang in Lang::ALL {
        let text = set.locales.text(lang, &step.say.text, &[]);
        let Some(year) = years(&text).find(|y| *y < policy.today.year()) else {
            continue;
        };
        let (file, pos) = match set.locales.definition(lang, &step.say.text) {
            Some(def) => (def.file.as_path(), def.pos),
            None => (flow.file.as_path(), step.say.pos),
        };
        report.push(
            Diagnostic::error(
                file,
                pos,
                format!(
                    "text `{}` in `{}` names {year}, which has passed, while the next deadline of \
                     step `{}.{}` is on {next}",
                    step.say.text,
                    lang.code(),
                    flow.id,
                    step.id
                ),
            )
            .with_hint("bring the text up to this year's rules and dates"),
        );
    }
}

/// A web address written in the flows or texts, where it is first written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub file: PathBuf,
    pub pos: Pos,
}

/// Every distinct web address of the set: sources, link choices, deadlines, offices' pages
/// and addresses written in texts.
pub fn links(set: &FlowSet) -> Vec<Link> {
    let mut found: Vec<Link> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |url: &str, file: &Path, pos: Pos| {
        if seen.insert(url.to_string()) {
            found.push(Link {
                url: url.to_string(),
                file: file.to_path_buf(),
                pos,
            });
        }
    };
    for flow in &set.flows {
        for step in &flow.steps {
            if let Some(source) = &step.source {
                add(&source.text, &flow.file, source.pos);
            }
            for choice in &step.choices {
                if let super::Action::Link(url) = &choice.action {
                    add(&url.text, &flow.file, url.pos);
                }
            }
        }
    }
    for d in &set.deadlines {
        if let Some(url) = &d.link {
            add(url, &set.deadlines_file, d.pos);
        }
    }
    for office in &set.offices.offices {
        if let Some(url) = &office.contacts.url {
            add(url, &set.offices.file, office.pos);
        }
    }
    for lang in Lang::ALL {
        for (id, def) in set.locales.definitions(lang) {
            for token in set.locales.text(lang, id, &[]).split_whitespace() {
                let url = token.trim_end_matches(['.', ',', ';', ':', ')', '»']);
                if url.starts_with("http://") || url.starts_with("https://") {
                    add(url, &def.file, def.pos);
                }
            }
        }
    }
    found
}

/// The rows as a self-contained HTML page (no script, no outside resource), worst first.
pub fn html(rows: &[TextRow], policy: &Policy) -> String {
    let mut out = String::new();
    out.push_str(concat!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<title>Sportello: texts for review</title>\n<style>\n",
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}",
        "table{border-collapse:collapse;width:100%}",
        "th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}",
        "th{background:#f0f3f7}td.n{text-align:right}tr.bad td{background:#fff4f4}",
        "ul{margin:0;padding-left:1.1rem}\n</style>\n</head>\n<body>\n",
        "<h1>Texts for review</h1>\n"
    ));
    out.push_str(&format!(
        "<p>As on {}. Thresholds: Gulpease {:.0} (Italian), Flesch {:.0} (English), sentences up \
         to {} words, verified within {} months. Texts under {JUDGED_FROM_WORDS} words are not \
         given an index. Worst first.</p>\n",
        policy.today,
        policy.gulpease_min,
        policy.flesch_min,
        policy.sentence_words_max,
        policy.stale_months
    ));
    out.push_str(
        "<table>\n<thead><tr><th>text</th><th>language</th><th>index</th><th>words</th>\
         <th>longest sentence</th><th>source</th><th>verified</th><th>problems</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        let class = if row.problems.is_empty() {
            ""
        } else {
            " class=\"bad\""
        };
        let index = row.index.map_or_else(
            || "—".to_string(),
            |i| format!("{} {i:.0}", index_name(row.lang)),
        );
        let problems: String = row
            .problems
            .iter()
            .map(|p| format!("<li>{}</li>", escape(p)))
            .collect();
        out.push_str(&format!(
            "<tr{class}><td><code>{}</code><br><small>{}:{}</small></td><td>{}</td>\
             <td class=\"n\">{index}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td>{}</td><td>{}</td><td><ul>{problems}</ul></td></tr>\n",
            escape(&row.id),
            escape(&row.file.display().to_string()),
            row.line,
            row.lang.code(),
            row.measure.words,
            row.measure.longest_sentence,
            row.source.as_deref().map(escape).unwrap_or_default(),
            row.verified.map(|d| d.to_string()).unwrap_or_default(),
        ));
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

/// Text for HTML content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn push_warning(report: &mut Report, file: &Path, pos: Pos, message: String, hint: &str) {
    report.push(Diagnostic::warning(file, pos, message).with_hint(hint));
}

/// The words of a text, lower case: letters and digits, with `/` kept inside a word
/// (`16/12/2026`) and `°` dropped (`1° gennaio`).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '°'))
        .map(|w| w.trim_matches('/').replace('°', "").to_lowercase())
        .filter(|w| !w.is_empty())
}

/// Years (1900–2099) a text names as words of their own: not part of an act's number
/// (`2016/679`), nor the year of an act ("legge 13 del 1989"), nor part of a longer figure.
fn years(text: &str) -> impl Iterator<Item = i32> + '_ {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).filter_map(move |i| {
        let w = words[i];
        let of_an_act = words[i.saturating_sub(ACT_WINDOW)..i]
            .iter()
            .any(|b| ACT_WORDS.contains(&b.to_lowercase().as_str()));
        let year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
        (year && !of_an_act).then(|| w.parse().ok()).flatten()
    })
}

/// Words that name an act: a year shortly after them is the act's, not the rules' year.
const ACT_WORDS: &[&str] = &[
    "legge",
    "decreto",
    "d.lgs",
    "dlgs",
    "d.p.r",
    "dpr",
    "regolamento",
    "delibera",
    "law",
    "decree",
    "regulation",
    "act",
];
const ACT_WINDOW: usize = 3;

fn month(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .map(|i| i as u32 + 1)
}

/// Dates a text gives as deadlines ("entro il 16 dicembre 2026", "by 16/12/2026", "due
/// December 16, 2026") that are before `today`.
fn past_deadlines(text: &str, today: NaiveDate) -> Vec<NaiveDate> {
    let words: Vec<String> = words(text).collect();
    let mut found = Vec::new();
    for i in 0..words.len() {
        let date = date_at(&words[i..]);
        let Some(date) = date.filter(|d| *d < today) else {
            continue;
        };
        let cued = words[i.saturating_sub(CUE_WINDOW)..i]
            .iter()
            .any(|w| DEADLINE_CUES.contains(&w.as_str()));
        if cued {
            found.push(date);
        }
    }
    found
}

/// The date the words begin with, if they begin with one.
fn date_at(words: &[String]) -> Option<NaiveDate> {
    let number = |w: &String| w.parse::<u32>().ok();
    let year = |w: &String| (w.len() == 4).then(|| w.parse::<i32>().ok()).flatten();
    match words {
        [first, ..] if first.matches('/').count() == 2 => {
            let mut parts = first.split('/').map(str::parse::<u32>);
            let (d, m, y) = (
                parts.next()?.ok()?,
                parts.next()?.ok()?,
                parts.next()?.ok()?,
            );
            (y >= 1000)
                .then(|| NaiveDate::from_ymd_opt(y as i32, m, d))
                .flatten()
        }
        [d, m, y, ..] if number(d).is_some() && month(m).is_some() => {
            NaiveDate::from_ymd_opt(year(y)?, month(m)?, number(d)?)
        }
        [m, d, y, ..] if month(m).is_some() && number(d).is_some() => {
            NaiveDate::from_ymd_opt(year(y)?, month(m)?, number(d)?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_deadline_in_a_text_is_found_in_either_language_and_only_when_passed() {
        let today = day("2027-01-10");
        assert_eq!(
            past_deadlines("La domanda va presentata entro il 16 dicembre 2026.", today),
            [day("2026-12-16")]
        );
        assert_eq!(
            past_deadlines("Apply by December 16, 2026 at the URP.", today),
            [day("2026-12-16")]
        );
        assert_eq!(
            past_deadlines("Si paga entro il 16/12/2026.", today),
            [day("2026-12-16")]
        );
        assert_eq!(
            past_deadlines("Scade il 1° gennaio 2027.", today),
            [day("2027-01-01")]
        );
        assert!(
            past_deadlines("Entro il 30 gennaio 2027.", today).is_empty(),
            "still to come"
        );
        // A date that is not a deadline is history, not an announcement.
        assert!(past_deadlines("Il regolamento è in vigore dal 1 marzo 2020.", today).is_empty());
    }

    #[test]
    fn shouting_is_told_from_acronyms() {
        assert_eq!(shouting("Porti SPID, CIE o CNS e la TARI pagata."), None);
        assert_eq!(shouting("RPD/DPO: dpo@comune.esempio.it"), None);
        assert_eq!(shouting("ATTENZIONE: leggere bene"), Some("ATTENZIONE"));
        assert_eq!(shouting("NON SI PAGA ORA"), Some("PAGA"));
        assert!(is_emoji('📢') && is_emoji('✅') && !is_emoji('—') && !is_emoji('è'));
    }

    #[test]
    fn years_skip_the_numbers_of_acts() {
        let found: Vec<i32> =
            years("Per il 2026 si paga in tre rate (Regolamento UE 2016/679, D.Lgs. 33/2013).")
                .collect();
        assert_eq!(found, [2026]);
    }
}
