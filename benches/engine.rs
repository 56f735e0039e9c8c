//! Engine throughput on the example Comune, one core: choice steps, free-text steps, and the
//! time to load and check the whole flow set. Run with `cargo bench --bench engine`.

#[path = "support/timing.rs"]
mod timing;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use sportello::engine::testing::default_now;
use sportello::engine::{self, Input, State};
use sportello::flows::{Action, FlowSet, review};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dir, locales) = (root.join("flows"), root.join("locales"));
    let load =
        |dir: &Path, locales: &Path| FlowSet::load(dir, locales, sportello::channels::LIMITS);
    let (set, report) = load(&dir, &locales);
    let flows = set.unwrap_or_else(|| panic!("the example flows have errors:\n{report}"));
    // Trained before the clock starts, as the service does before it answers.
    flows.warm_up();
    let now = default_now();
    let budget = Duration::from_secs(3);

    // Choice steps: walk the flows by tapping, round and round, following `goto` options.
    let mut state = engine::step(
        &State::default(),
        &Input::Text {
            text: "/start".into(),
        },
        &flows,
        now,
    )
    .state;
    let mut turn = 0usize;
    let choices = timing::rate(budget, || {
        let mut n = 0;
        for _ in 0..100 {
            let at = flows
                .find(
                    state.flow.as_deref().unwrap_or("menu"),
                    state.step.as_deref(),
                )
                .expect("a step");
            let (_, step) = flows.step(at);
            let gotos: Vec<&str> = step
                .choices
                .iter()
                .filter(|c| matches!(c.action, Action::Goto { .. }))
                .map(|c| c.id.as_str())
                .collect();
            turn += 1;
            let input = match gotos.get(turn % gotos.len().max(1)) {
                Some(id) => Input::Choice {
                    id: (*id).to_string(),
                    at: None,
                },
                None => Input::Text {
                    text: "/menu".into(),
                },
            };
            state = engine::step(&state, &input, &flows, now).state;
            n += 1;
        }
        n
    });

    // Free text: realistic questions, typos and English included, from the main menu.
    let questions = [
        "quando scade la tari?",
        "devo rifare la carta d'identita",
        "come cambio residenza",
        "ho preso una multa",
        "permesso ztl per residenti",
        "quando passa la plastica",
        "ritiro ingombranti",
        "iscrizione mensa scolastica",
        "certificato di nascita",
        "orari dell'urp",
        "bandi di concorso aperti",
        "imu seconda casa",
        "quando scade la tarri",
        "carta identià",
        "how do I pay the waste tax",
        "school canteen",
        "change of address",
        "assistente sociale",
        "eventi questo fine settimana",
        "buongiorno vorrei un'informazione",
    ];
    let menu = engine::step(
        &State::default(),
        &Input::Text {
            text: "/start".into(),
        },
        &flows,
        now,
    )
    .state;
    let mut i = 0usize;
    let free_text = timing::rate(budget, || {
        for _ in 0..100 {
            i += 1;
            let input = Input::Text {
                text: questions[i % questions.len()].to_string(),
            };
            black_box(engine::step(&menu, &input, &flows, now));
        }
        100
    });

    // Loading, checking and reviewing the whole set, as `sportello flows check` does.
    let policy = review::Policy {
        today: now.date_naive(),
        stale_months: review::DEFAULT_STALE_MONTHS,
        gulpease_min: review::DEFAULT_GULPEASE_MIN,
        flesch_min: review::DEFAULT_FLESCH_MIN,
        sentence_words_max: review::DEFAULT_SENTENCE_WORDS_MAX,
        url_max: review::DEFAULT_URL_MAX,
    };
    let loads = timing::rate(budget, || {
        let (set, mut report) = load(&dir, &locales);
        if let Some(set) = &set {
            black_box(review::review(set, &policy, &mut report));
        }
        1
    });
    // Loading the set and training its classifier, as the service does at start and before a
    // reload replaces the running set (`flows check` does not train it).
    let trainings = timing::rate(budget, || {
        let (set, _) = load(&dir, &locales);
        if let Some(set) = &set {
            set.warm_up();
        }
        1
    });
    // The review alone: staleness, readability, style, the report's rows.
    let reviews = timing::rate(budget, || {
        let mut report = sportello::diag::Report::default();
        black_box(review::review(&flows, &policy, &mut report));
        1
    });

    println!(
        "engine, one core, example Comune ({} flows)",
        flows.flows.len()
    );
    println!("  choice steps/s:     {choices:>10.0}");
    println!("  free-text steps/s:  {free_text:>10.0}");
    println!("  flows check:        {:>10.2} ms", 1000.0 / loads);
    println!("    of which review:  {:>10.2} ms", 1000.0 / reviews);
    println!("  load and train:     {:>10.2} ms", 1000.0 / trainings);
}
