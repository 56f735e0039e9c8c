//! The engine on the example Comune: behaviour that holds in any state.

use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use sportello::engine::{self, Effect, HandoffReason, Input, Mode, Outcome, Pending, State};
use sportello::flows::FlowSet;
use sportello::flows::testing::default_now;
use sportello::i18n::Lang;

fn flows() -> &'static FlowSet {
    static SET: OnceLock<FlowSet> = OnceLock::new();
    SET.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (set, report) = FlowSet::load(&root.join("flows"), &root.join("locales"));
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
    assert!(out[1].effects.contains(&Effect::NotUnderstood));
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
    let out = engine::step(&before, &Input::Photo, flows(), default_now());
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
    assert_eq!(out[0].replies[0].text, menu_en);
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
