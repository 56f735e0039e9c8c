//! The engine on the example Comune: behaviour that holds in any state.

use crate::common;

use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use common::copy_dir;
use sportello::engine::testing::default_now;
use sportello::engine::{
    self, Effect, HandoffReason, Input, MissReason, Mode, Outcome, Pending, State,
};
use sportello::flows::FlowSet;
use sportello::i18n::Lang;

fn flows() -> &'static FlowSet {
    static SET: OnceLock<FlowSet> = OnceLock::new();
    SET.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (set, report) = FlowSet::load(
            &root.join("flows"),
            &root.join("locales"),
            sportello::channels::LIMITS,
        );
        set.unwrap_or_else(|| panic!("{report}"))
    })
}

fn text(t: &str) -> Input {
    Input::Text {
        text: t.to_string(),
    }
}

fn tap(id: &str) -> Input {
    Input::Choice {
        id: id.to_string(),
        at: None,
    }
}

/// Plays inputs from a new conversation at `now`, of a citizen who has seen the privacy
/// notice; returns every outcome.
fn play_at(now: DateTime<Utc>, lang: Lang, inputs: &[Input]) -> Vec<Outcome> {
    let mut state = State::new(Some(lang));
    state.notice = Some(flows().privacy_notice_version.clone());
    inputs
        .iter()
        .map(|input| {
            let outcome = engine::step(&state, input, flows(), now);
            state = outcome.state.clone();
            outcome
        })
        .collect()
}

fn play(inputs: &[Input]) -> Vec<Outcome> {
    play_at(default_now(), Lang::It, inputs)
}

fn all_text(o: &Outcome) -> String {
    o.replies
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn emergency_words_interrupt_any_flow_at_once() {
    let out = play(&[text("/start"), tap("tributi"), text("aiuto sto male")]);
    let last = out.last().unwrap();
    assert_eq!(last.state.flow.as_deref(), Some("emergenze"));
    assert!(all_text(last).contains("112"), "{}", all_text(last));
}

#[test]
fn during_a_hand_off_the_bot_is_silent_but_still_answers_an_emergency() {
    let out = play(&[
        text("/start"),
        tap("tributi"),
        text("/operatore"),
        text("ci siete?"),
        text("c'è un incendio"),
    ]);
    assert!(out[2].effects.iter().any(|e| matches!(e, Effect::Handoff { office, reason: HandoffReason::Asked } if office == "tributi")), "{:?}", out[2].effects);
    assert!(
        out[3].replies.is_empty(),
        "the bot talked over the operator: {:?}",
        out[3].replies
    );
    assert!(
        out[3]
            .effects
            .iter()
            .any(|e| matches!(e, Effect::ToOperator { .. }))
    );
    assert!(all_text(&out[4]).contains("112"));
    assert!(
        matches!(out[4].state.mode, Mode::Handoff { .. }),
        "the emergency answer keeps the operator's case"
    );
}

/// A danger the safety layer only fears: the numbers in one line first, then the answer the
/// citizen would have had; during a hand-off the operator gets the message marked urgent.
#[test]
fn a_possible_danger_gets_the_numbers_first_and_then_the_usual_answer() {
    // Which wordings the learned check only fears moves a little as its corpus grows: the test
    // takes the first of these that it finds possible, not sure.
    let worrying = [
        "my neighbour hasn't been seen for a week and there's a smell",
        "il vicino non si vede da una settimana e c'è un odore",
        "c'è un uomo che dorme sulla panchina da due giorni",
        "mia madre non mangia da giorni",
    ]
    .into_iter()
    .find(|t| engine::safety::assess(t).is_some_and(|a| !a.sure))
    .expect("a wording the safety layer finds only possible");
    let out = play(&[text(worrying)]);
    let first = &out[0].replies[0].text;
    assert!(first.contains("112"), "{first}");
    assert!(
        out[0].replies.len() > 1,
        "no usual answer after the numbers"
    );
    assert!(
        !all_text(&out[0]).contains("Arrivederci"),
        "{}",
        all_text(&out[0])
    );
    assert!(
        out[0]
            .effects
            .iter()
            .any(|e| matches!(e, Effect::PossibleEmergency { .. }))
    );
    assert!(
        !out[0]
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Emergency { .. })),
        "a possible danger is not the emergency answer"
    );
    // The same message in English gets the line in English.
    let en = play_at(default_now(), Lang::En, &[text(worrying)]);
    assert!(
        en[0].replies[0].text.starts_with("If you"),
        "{}",
        en[0].replies[0].text
    );

    let out = play(&[
        text("/start"),
        tap("tributi"),
        text("/operatore"),
        text(worrying),
    ]);
    assert!(all_text(&out[3]).contains("112"), "{}", all_text(&out[3]));
    assert!(
        out[3]
            .effects
            .iter()
            .any(|e| matches!(e, Effect::ToOperator { urgent: true, .. })),
        "{:?}",
        out[3].effects
    );
    assert!(matches!(out[3].state.mode, Mode::Handoff { .. }));
}

/// An insult that also asks for a person gets the netiquette's sober word and the person: the
/// citizen is angry because the bot did not help, which is when an operator matters most.
#[test]
fn an_angry_request_for_a_person_is_handed_off_after_the_netiquette() {
    let out = play(&[
        text("/start"),
        text("useless stupid bot, get me an actual person"),
    ]);
    assert!(
        out[1].effects.iter().any(|e| matches!(
            e,
            Effect::Handoff {
                reason: HandoffReason::Asked,
                ..
            }
        )),
        "{:?}",
        out[1].effects
    );
    assert!(matches!(out[1].state.mode, Mode::Handoff { .. }));
    let said = all_text(&out[1]);
    let netiquette = flows().locales.text(Lang::It, "civility-netiquette", &[]);
    assert!(said.contains(&netiquette), "{said}");
}

#[test]
fn cancelling_a_hand_off_brings_the_citizen_back_to_the_menu() {
    let out = play(&[text("/operatore"), text("/annulla")]);
    let last = out.last().unwrap();
    assert_eq!(last.state.mode, Mode::Bot);
    assert!(
        last.effects
            .iter()
            .any(|e| matches!(e, Effect::HandoffCancelled { office } if office == "urp"))
    );
    assert_eq!(last.state.flow.as_deref(), Some("menu"));
}

#[test]
fn two_misses_in_a_row_hand_off_to_the_urp() {
    let out = play(&[text("/start"), text("xyzzy plugh"), text("qwerty asdf")]);
    assert!(out[1].effects.contains(&Effect::NotUnderstood {
        reason: MissReason::OutOfScope
    }));
    assert!(out[2].effects.contains(&Effect::NotUnderstood {
        reason: MissReason::Handoff
    }));
    assert!(
        !out[1]
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Handoff { .. }))
    );
    assert!(
        out[1].replies[0]
            .choices
            .iter()
            .any(|c| c.id == "operatore")
    );
    assert!(out[2].effects.iter().any(|e| matches!(e, Effect::Handoff { office, reason: HandoffReason::NotUnderstood } if office == "urp")), "{:?}", out[2].effects);
}

#[test]
fn a_hundred_kilobyte_message_gets_a_polite_reply_and_changes_nothing() {
    let before = play(&[text("/start"), tap("tributi")]).pop().unwrap().state;
    let huge = "tari ".repeat(20_000);
    let out = engine::step(&before, &text(&huge), flows(), default_now());
    assert_eq!(out.replies.len(), 1);
    assert!(!out.replies[0].text.is_empty());
    assert_eq!(out.state, before);
}

#[test]
fn a_photo_gets_a_polite_reply_that_says_what_is_understood() {
    let before = play(&[text("/start")]).pop().unwrap().state;
    let out = engine::step(
        &before,
        &Input::Photo { file_id: None },
        flows(),
        default_now(),
    );
    assert_eq!(out.replies.len(), 1);
    assert_eq!(out.state, before);
    let expected = flows()
        .locales
        .text(Lang::It, "common-unsupported-input", &[]);
    assert_eq!(out.replies[0].text, expected);
}

#[test]
fn an_option_that_no_longer_exists_is_explained_and_the_step_shown_again() {
    let before = play(&[text("/start"), tap("tributi")]).pop().unwrap().state;
    let out = engine::step(&before, &tap("no-such-option"), flows(), default_now());
    assert_eq!(out.state.flow, before.flow);
    assert_eq!(out.state.step, before.step);
    assert_eq!(
        out.replies[0].text,
        flows().locales.text(Lang::It, "common-choice-expired", &[])
    );
    assert!(out.replies.len() >= 2, "the step is shown again");
}

#[test]
fn an_older_button_still_does_what_it_said() {
    let menu = play(&[text("/start")]).pop().unwrap();
    let at = menu.replies[0]
        .at
        .clone()
        .expect("menu options carry their step");
    let elsewhere = play(&[text("/start"), tap("anagrafe")])
        .pop()
        .unwrap()
        .state;
    let out = engine::step(
        &elsewhere,
        &Input::Choice {
            id: "tributi".into(),
            at: Some(at),
        },
        flows(),
        default_now(),
    );
    assert_eq!(out.state.flow.as_deref(), Some("tributi"));
}

#[test]
fn the_language_can_be_switched_and_the_texts_follow() {
    let out = play(&[text("/start"), text("/lingua"), tap("en")]);
    assert_eq!(out[1].state.pending, Pending::Language);
    let ids: Vec<&str> = out[1].replies[0]
        .choices
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["it", "en"]);
    let last = out.last().unwrap();
    assert_eq!(last.state.lang, Lang::En);
    assert_eq!(
        last.replies[0].text,
        flows().locales.text(Lang::En, "common-language-set", &[])
    );
    assert_eq!(last.state.flow.as_deref(), Some("menu"));
    let menu_en = flows().locales.text(
        Lang::En,
        &flows().flow("menu").unwrap().steps[0].say.text,
        &[],
    );
    assert!(all_text(last).contains(&menu_en));
}

#[test]
fn an_english_client_is_answered_in_english() {
    let out = play_at(default_now(), Lang::En, &[text("/start")]);
    let menu_en = flows().locales.text(
        Lang::En,
        &flows().flow("menu").unwrap().steps[0].say.text,
        &[],
    );
    // The first answer, at 10:00 in Rome: with the greeting of the hour.
    assert_eq!(out[0].replies[0].text, format!("Good morning.\n{menu_en}"));
}

#[test]
fn past_deadlines_are_not_listed() {
    let mut tari: Vec<_> = flows()
        .deadlines
        .iter()
        .filter(|d| d.tags.iter().any(|t| t.text == "tari"))
        .collect();
    tari.sort_by_key(|d| d.date);
    assert!(tari.len() >= 2, "the example has several TARI deadlines");
    let (first, second) = (tari[0], tari[1]);
    let day_after = first
        .date
        .succ_opt()
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc();
    let out = play_at(
        day_after,
        Lang::It,
        &[text("/start"), tap("tributi"), tap("tari")],
    );
    let shown = all_text(out.last().unwrap());
    let title = |d: &sportello::flows::Deadline| flows().locales.text(Lang::It, &d.title.text, &[]);
    assert!(shown.contains(&title(second)), "{shown}");
    assert!(
        !shown.contains(&title(first)) || title(first) == title(second),
        "{shown}"
    );
}

#[test]
fn a_hand_off_out_of_hours_says_when_the_office_opens() {
    // Saturday evening: the URP opens again on Monday.
    let saturday = DateTime::parse_from_rfc3339("2026-11-21T20:00:00+01:00")
        .unwrap()
        .with_timezone(&Utc);
    let out = play_at(saturday, Lang::It, &[text("/operatore")]);
    let said = all_text(&out[0]);
    let monday = flows().locales.text(Lang::It, "common-weekday-1", &[]);
    assert!(said.contains(&monday), "{said}");
    assert!(said.contains("23"), "{said}");
}

#[test]
fn the_path_keeps_only_the_last_steps() {
    let mut inputs = vec![text("/start")];
    for _ in 0..20 {
        inputs.push(tap("tributi"));
        inputs.push(text("/menu"));
    }
    let state = play(&inputs).pop().unwrap().state;
    assert_eq!(state.path.len(), 10);
    assert!(
        state.path.last().unwrap().starts_with("menu."),
        "{:?}",
        state.path
    );
    assert!(
        state.path.iter().any(|k| k.starts_with("tributi.")),
        "{:?}",
        state.path
    );
}

#[test]
fn the_state_survives_a_round_trip_through_json() {
    let state = play(&[text("/start"), tap("tributi"), text("/lingua")])
        .pop()
        .unwrap()
        .state;
    let json = serde_json::to_string(&state).unwrap();
    let back: State = serde_json::from_str(&json).unwrap();
    // The notice version seen belongs to the citizen: the store keeps it in their row.
    assert_eq!(
        back,
        State {
            notice: None,
            ..state
        }
    );
    // Older states with fewer fields still load.
    let old: State = serde_json::from_str(r#"{"lang":"en"}"#).unwrap();
    assert_eq!(old.lang, Lang::En);
}

#[test]
fn a_conversation_at_a_step_that_no_longer_exists_restarts_its_flow_politely() {
    let mut state = State::new(Some(Lang::It));
    state.flow = Some("tributi".into());
    state.step = Some("a-step-removed-by-an-edit".into());
    let out = engine::step(&state, &text("1"), flows(), default_now());
    assert_eq!(
        out.replies[0].text,
        flows().locales.text(Lang::It, "common-flows-updated", &[])
    );
    assert_eq!(out.state.flow.as_deref(), Some("tributi"));
    assert_eq!(
        out.state.step.as_deref(),
        Some(flows().flow("tributi").unwrap().start.text.as_str())
    );
}

#[test]
fn a_new_citizen_gets_the_short_notice_after_the_answer_and_an_emergency_defers_it() {
    let short = flows().locales.text(Lang::It, "common-privacy-short", &[]);
    let new = State::new(Some(Lang::It));
    let out = engine::step(&new, &text("orari anagrafe"), flows(), default_now());
    assert_eq!(out.replies.last().unwrap().text, short);
    assert!(out.replies.len() >= 2 && out.replies[0].text != short);
    assert_eq!(
        out.state.notice.as_deref(),
        Some(flows().privacy_notice_version.as_str())
    );
    // Seen: the next turn is the answer alone.
    let next = engine::step(&out.state, &text("/menu"), flows(), default_now());
    assert!(next.replies.iter().all(|r| r.text != short));

    let fire = engine::step(&new, &text("c'è un incendio"), flows(), default_now());
    assert!(fire.replies.iter().all(|r| r.text != short));
    assert_eq!(fire.state.notice, None);
    let after = engine::step(&fire.state, &text("/menu"), flows(), default_now());
    assert_eq!(after.replies.last().unwrap().text, short);
}

#[test]
fn my_data_asks_the_store_for_an_export_also_during_a_hand_off() {
    for command in ["/i_miei_dati", "/my_data"] {
        let out = play(&[text("/menu"), text(command)]).pop().unwrap();
        assert!(out.effects.contains(&Effect::ExportCitizen), "{command}");
    }
    let out = play(&[text("/operatore"), text("/i_miei_dati")])
        .pop()
        .unwrap();
    assert!(out.effects.contains(&Effect::ExportCitizen));
}

/// A message built from a built-in rule: the first alternative of each of its groups.
fn sample_of(rule: &str) -> String {
    let separator = if rule.contains(" & ") { " & " } else { " + " };
    rule.split(separator)
        .map(|group| {
            group
                .split('|')
                .next()
                .unwrap_or_default()
                .replace(['*', '~'], "")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The example flows and texts in a folder of their own, with `files` written into `flows/`
/// (an empty text deletes the file's emergency words).
fn edited_flows(files: &[(&str, String)]) -> (tempfile::TempDir, Option<FlowSet>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("flows"), &dir.path().join("flows"));
    copy_dir(&root.join("locales"), &dir.path().join("locales"));
    for (file, text) in files {
        std::fs::write(dir.path().join("flows").join(file), text).unwrap();
    }
    let (set, _) = FlowSet::load(
        &dir.path().join("flows"),
        &dir.path().join("locales"),
        sportello::channels::LIMITS,
    );
    (dir, set)
}

#[test]
fn no_edit_of_the_flows_disables_a_built_in_emergency() {
    use sportello::engine::safety;
    // Every built-in rule, as a message, is an emergency on its own.
    let samples: Vec<(safety::Kind, String)> = safety::rules()
        .map(|(kind, rule)| (kind, sample_of(rule)))
        .collect();
    assert!(samples.len() > 100, "{} rules", samples.len());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let emergenze = std::fs::read_to_string(root.join("flows/emergenze.yaml")).unwrap();
    // The emergency flow without any word of its own.
    let start = emergenze.find("triggers:").unwrap();
    let end = emergenze.find("steps:").unwrap();
    let without_words = format!("{}{}", &emergenze[..start], &emergenze[end..]);
    // Another topic that claims every emergency phrase as its trigger and example.
    let quoted: Vec<String> = samples.iter().map(|(_, s)| format!("\"{s}\"")).collect();
    let list = quoted.join(", ");
    let grabbing = format!(
        "id: prova\ntitle: tributi-title\ntriggers:\n  it: [{list}]\nexamples:\n  it: [{list}]\n\
         steps:\n  start:\n    say: tributi-menu\n    end: true\n"
    );
    let variants = [
        vec![],
        vec![("emergenze.yaml", without_words.clone())],
        vec![("emergenze.yaml", without_words), ("prova.yaml", grabbing)],
    ];
    for files in variants {
        let (_dir, set) = edited_flows(&files);
        let set = set.unwrap_or_else(|| panic!("the edited flows should load: {files:?}"));
        for (kind, sample) in &samples {
            for mode in [
                Mode::Bot,
                Mode::Handoff {
                    office: "urp".into(),
                },
            ] {
                let mut state = State::new(Some(Lang::It));
                state.notice = Some(set.privacy_notice_version.clone());
                state.mode = mode;
                let out = engine::step(&state, &text(sample), &set, default_now());
                let raised = out
                    .effects
                    .iter()
                    .any(|e| matches!(e, Effect::Emergency { .. }));
                assert!(
                    raised && all_text(&out).contains("112"),
                    "\"{sample}\" (a {} rule) raised no emergency with {:?}",
                    kind.code(),
                    files.iter().map(|f| f.0).collect::<Vec<_>>()
                );
            }
        }
    }
}

#[test]
fn a_safety_answer_that_loses_its_number_is_refused_by_the_checker() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("flows"), &dir.path().join("flows"));
    copy_dir(&root.join("locales"), &dir.path().join("locales"));
    let path = dir.path().join("locales/it/safety.ftl");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Il 1522, numero", "Il numero")).unwrap();
    let (set, report) = FlowSet::load(
        &dir.path().join("flows"),
        &dir.path().join("locales"),
        sportello::channels::LIMITS,
    );
    assert!(set.is_none());
    let report = report.to_string();
    assert!(
        report.contains("`safety-violence` in language `it` no longer gives the number 1522"),
        "{report}"
    );
}

/// Runs an evaluation file of the repository (`flows/eval/...`, or `flows/questions.txt` by
/// cross-validation in `folds` parts) and checks its figures.
fn evaluate(file: &str, folds: Option<usize>, t: sportello::engine::eval::Thresholds) {
    use sportello::engine::eval;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let cases = eval::parse(&text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    assert!(cases.len() > 300, "{file} has {} lines", cases.len());
    let figures = match folds {
        Some(k) => {
            let (set, report) = FlowSet::load(
                &root.join("flows"),
                &root.join("locales"),
                sportello::channels::LIMITS,
            );
            let mut set = set.unwrap_or_else(|| panic!("{report}"));
            eval::run_folds(&mut set, &cases, k, default_now())
        }
        None => eval::run(flows(), &cases, default_now()),
    };
    let failures = figures.failures(&t);
    assert!(
        failures.is_empty(),
        "{file}: {failures:?}\n{}",
        figures.report(true)
    );
}

/// The development set is the questions the classifier learns from, answered by
/// cross-validation (each part by a classifier that did not learn from it); it holds the former
/// held-out sets too. Its thresholds are its measured figures less a margin, a guard against
/// regressions; the targets are in docs/benchmarks.md. Its last part holds the lines written for
/// training alone, many in other languages, which a classifier trained without any of them
/// answers worst; the glossary of the topics' words (`src/text/glossary.txt`) carries the most
/// of them. Since the twenty-second to twenty-seventh writers for training alone joined it (their
/// routine messages in residents' languages route worst, 61 % to 79 % of their topical ones when
/// measured), it is guarded at 99.3 % of emergencies, 0.7 % of routine alarms, 91.2 % of topical
/// questions and 89.5 % kept out (measured 99.6 %, 0.63 %, 91.5 % and 89.9 %).
#[test]
fn the_development_set_meets_its_thresholds() {
    use sportello::engine::eval::Thresholds;
    evaluate(
        "flows/questions.txt",
        Some(5),
        Thresholds {
            emergencies: Some(0.993),
            max_false_alarms: Some(0.007),
            topical: Some(0.912),
            out_kept: Some(0.895),
        },
    );
    evaluate(
        "flows/eval/phrases.txt",
        None,
        Thresholds {
            emergencies: Some(0.97),
            max_false_alarms: Some(0.02),
            topical: None,
            out_kept: None,
        },
    );
}

/// The held-out sets, the thirty-second pair written apart on 2026-12-07, measured once on the
/// code that was tuned without them: their thresholds are those figures less a margin, a guard
/// against regressions, not a target (the targets are in docs/benchmarks.md, and are not all
/// met: the sets miss 2 and 4 of their 100 emergencies).
#[test]
fn the_held_out_sets_do_not_regress() {
    use sportello::engine::eval::Thresholds;
    evaluate(
        "flows/eval/heldout.txt",
        None,
        Thresholds {
            emergencies: Some(0.96),
            max_false_alarms: Some(0.02),
            topical: Some(0.93),
            out_kept: Some(0.92),
        },
    );
    evaluate(
        "flows/eval/heldout-safety.txt",
        None,
        Thresholds {
            emergencies: Some(0.94),
            max_false_alarms: Some(0.03),
            topical: Some(0.93),
            out_kept: Some(0.90),
        },
    );
}

#[test]
fn a_flow_with_show_source_false_leaves_the_source_line_out_but_fonte_still_gives_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tributi = std::fs::read_to_string(root.join("flows/tributi.yaml")).unwrap();
    let hidden = tributi.replacen("\nsteps:\n", "\nshow_source: false\nsteps:\n", 1);
    assert_ne!(hidden, tributi);
    let (_dir, set) = edited_flows(&[("tributi.yaml", hidden)]);
    let set = set.expect("the edited set loads");
    let mut state = State::new(Some(Lang::It));
    state.notice = Some(set.privacy_notice_version.clone());
    let answer = engine::step(&state, &text("quando scade la tari?"), &set, default_now());
    assert_eq!(answer.state.step.as_deref(), Some("tari"));
    let shown = all_text(&answer);
    assert!(shown.contains("TARI"), "{shown}");
    assert!(!shown.contains("Fonte:"), "{shown}");
    let source = engine::step(&answer.state, &text("/fonte"), &set, default_now());
    assert_eq!(
        all_text(&source),
        "Fonte: https://www.comune.esempio.it/tari — verificato il 20 novembre 2026"
    );
}

#[test]
fn link_is_still_read_as_the_source_of_a_step_and_both_at_once_are_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tributi = std::fs::read_to_string(root.join("flows/tributi.yaml")).unwrap();
    let old = tributi.replace(
        "    source: https://www.comune.esempio.it/tari\n",
        "    link: https://www.comune.esempio.it/tari\n",
    );
    assert_ne!(old, tributi);
    let (_dir, set) = edited_flows(&[("tributi.yaml", old.clone())]);
    let set = set.expect("`link:` still loads");
    let at = set.find("tributi", Some("tari")).unwrap();
    let (_, step) = set.step(at);
    assert_eq!(
        step.source.as_ref().map(|s| s.text.as_str()),
        Some("https://www.comune.esempio.it/tari")
    );
    let both = old.replace(
        "    link: https://www.comune.esempio.it/tari\n",
        "    link: https://www.comune.esempio.it/tari\n    source: https://www.comune.esempio.it/tari\n",
    );
    let (_dir, set) = edited_flows(&[("tributi.yaml", both)]);
    assert!(
        set.is_none(),
        "a step with both `source` and `link` is an error"
    );
}

#[test]
fn a_step_with_an_image_shows_it_first_in_the_citizens_language_and_greets_in_the_text() {
    for (lang, question, alt, words) in [
        (
            Lang::It,
            "calendario raccolta",
            "Tabella dei giorni",
            "[Immagine: ",
        ),
        (
            Lang::En,
            "collection calendar",
            "Table of the door-to-door",
            "[Image: ",
        ),
    ] {
        let out = play_at(default_now(), lang, &[text(question)]);
        let replies = &out[0].replies;
        let image = replies[0].image.as_ref().expect("the image comes first");
        assert_eq!(image.file, "raccolta-differenziata.png");
        assert!(image.alt.starts_with(alt), "{}", image.alt);
        // Where the image cannot be shown, its text says it in words; the caption stays the
        // alternative text alone, and the greeting opens the step's text.
        assert_eq!(replies[0].text, format!("{words}{}]", image.alt));
        assert!(replies[0].choices.is_empty());
        let greeting = flows()
            .locales
            .text(lang, "common-greeting", &[("part", "day")]);
        assert!(
            replies[1].text.starts_with(&greeting),
            "{}",
            replies[1].text
        );
        assert!(replies[1].image.is_none());
        assert!(!replies.last().unwrap().choices.is_empty());
    }
}

/// An editor teaches the router a wording no flow names by adding questions to
/// `questions.txt`: a new question worded otherwise then reaches the flow.
#[test]
fn questions_an_editor_adds_teach_the_router_a_new_wording() {
    let asked = "il pedibus riparte a settembre?";
    let route = |set: &FlowSet| {
        let mut state = State::new(Some(Lang::It));
        state.notice = Some(set.privacy_notice_version.clone());
        engine::step(&state, &text(asked), set, default_now())
            .state
            .flow
    };
    assert_ne!(route(flows()).as_deref(), Some("scuola"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut questions = std::fs::read_to_string(root.join("flows/questions.txt")).unwrap();
    questions.push_str(
        "scuola | il pedibus per la scuola elementare come ci si iscrive?\n\
         scuola | a che ora parte il pedibus la mattina?\n\
         scuola | pedibus fermate e orari\n\
         scuola | mio figlio può andare a scuola col pedibus?\n",
    );
    let (_dir, set) = edited_flows(&[("questions.txt", questions)]);
    let set = set.expect("the edited set loads");
    assert_eq!(route(&set).as_deref(), Some("scuola"));
}

/// A line that cannot be read, or that names no flow, is an error with its line; the lines for
/// the evaluation only (`operator`, `emergency:KIND`) and `+alarming` are accepted.
#[test]
fn a_broken_questions_file_is_refused_line_by_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("flows"), &dir.path().join("flows"));
    std::fs::write(
        dir.path().join("flows/questions.txt"),
        "# a comment\n\
         tributi | quando scade la tari?\n\
         tributi quando scade l'imu\n\
         biblioteca | orari della biblioteca\n\
         operator | vorrei una persona\n\
         emergency:gas | puzza di gas\n\
         urp+alarming | il lampione è rotto, prima o poi ci scappa il morto\n",
    )
    .unwrap();
    let (set, report) = FlowSet::load(
        &dir.path().join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    assert!(set.is_none());
    let report = report.to_string();
    assert!(
        report.contains("questions.txt:3:1: error: expected `LABEL | QUESTION`"),
        "{report}"
    );
    assert!(
        report.contains("questions.txt:4:1: error: no flow has the id `biblioteca`"),
        "{report}"
    );
    assert_eq!(report.matches("questions.txt").count(), 2, "{report}");
}
