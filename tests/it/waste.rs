//! Waste collection by zone (`flows/waste.yaml`), driven as a citizen drives it on the fake
//! Bot API, on SQLite and PostgreSQL: "domani cosa passa?" asks for the street, answers for
//! the zone, remembers only the zone when asked to, reminds subscribers the evening before at
//! the configured hour (injected clock), and forgets the zone with an erasure; `flows check`
//! refuses a broken calendar with each mistake at its line.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use sportello::flows::FlowSet;
use sportello::i18n::Lang;

use crate::common::{self, TestDb};
use crate::subscriptions::{ANNA, CARLA, JOHN, Service};

/// Wednesday 25 November 2026, 19:05 in Rome: past the evening reminders' hour (19).
fn evening() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 18, 5, 0).unwrap()
}

async fn a_citizen_learns_tomorrow_s_collection_and_subscribers_are_reminded_the_evening_before(
    db: &TestDb,
) {
    let service = Service::start(db, &[]).await;
    let it = |id: &str| service.start_of(Lang::It, id);
    // Tomorrow is Thursday 26 November: organic and paper in the North zone.
    service
        .says(
            ANNA,
            "it",
            "domani cosa passa?",
            &it("raccolta-chiedi-indirizzo"),
        )
        .await;
    // The street crosses two zones: the house number decides.
    service
        .says(ANNA, "it", "via garibaldi", &it("raccolta-chiedi-civico"))
        .await;
    let answer = service
        .says(
            ANNA,
            "it",
            "abito in Via Garibaldi al 40",
            "carta e cartone",
        )
        .await;
    assert!(
        answer.text.contains("giovedì 26 novembre 2026"),
        "{}",
        answer.text
    );
    assert!(answer.text.contains("Nord"), "{}", answer.text);
    assert!(
        answer.text.contains(&it("raccolta-ricordare")),
        "{}",
        answer.text
    );
    service
        .says(ANNA, "it", "sì", &it("raccolta-ricordata"))
        .await;
    // Remembered: asked again, the answer comes at once.
    let again = service
        .says(ANNA, "it", "cosa si mette fuori stasera", "carta e cartone")
        .await;
    assert!(!again.text.contains(&it("raccolta-chiedi-indirizzo")));
    service.subscribe(ANNA, Lang::It, "rifiuti").await;

    // Subscribed without a zone: nothing to remind.
    service.subscribe(JOHN, Lang::En, "rifiuti").await;
    // A zone with nothing collected tomorrow (South), and a street not in the calendar first.
    service
        .says(
            CARLA,
            "it",
            "domani che raccolta c'è",
            &it("raccolta-chiedi-indirizzo"),
        )
        .await;
    service
        .says(
            CARLA,
            "it",
            "via dei Platani 3",
            &it("raccolta-via-sconosciuta"),
        )
        .await;
    service
        .says(
            CARLA,
            "it",
            "via delle rose 12",
            &it("raccolta-domani-niente"),
        )
        .await;
    service
        .says(CARLA, "it", "si grazie", &it("raccolta-ricordata"))
        .await;
    service.subscribe(CARLA, Lang::It, "rifiuti").await;

    let why = it("raccolta-promemoria-perche");
    service.clock.set(evening());
    let reminder = common::eventually("the evening reminder", Duration::from_secs(20), || async {
        service
            .fake
            .sent_to(ANNA)
            .into_iter()
            .find(|s| s.text.contains(&why))
    })
    .await;
    assert!(
        reminder.text.contains("carta e cartone"),
        "{}",
        reminder.text
    );
    assert!(reminder.text.contains("Nord"), "{}", reminder.text);
    // The scheduled run queued exactly one reminder today: a second run finds it done.
    let report =
        sportello::reminders::run_collection(&service.store, &service.flows.get(), evening())
            .await
            .unwrap();
    assert_eq!((report.queued, report.already), (0, 1));
    for chat in [JOHN, CARLA] {
        assert!(
            !service
                .fake
                .sent_to(chat)
                .iter()
                .any(|s| s.text.contains(&why)),
            "no reminder to {chat}"
        );
    }

    // An erasure forgets the zone: the next question asks for the street again.
    service
        .says(ANNA, "it", "/cancella_dati", &it("common-erase-confirm"))
        .await;
    service
        .says(ANNA, "it", "sì", &it("common-erase-done"))
        .await;
    service
        .says(
            ANNA,
            "it",
            "domani cosa passa?",
            &it("raccolta-chiedi-indirizzo"),
        )
        .await;
    service.stop().await;
}

/// A calendar with one of each mistake: `flows check` reports each at its line, and the set
/// does not load.
#[test]
fn a_broken_collection_calendar_is_refused_with_each_mistake_at_its_line() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&root.join("flows"), dir.path());
    std::fs::write(
        dir.path().join("waste.yaml"),
        "topic: rifiuto\n\
         materials:\n  carta: raccolta-carta\n  vetro: raccolta-vetro\n\
         zones:\n\
         \x20 centro:\n    name: raccolta-zona-centro\n    streets:\n      - Via Roma 1-99\n      - Via Verdi 9-3\n    days:\n      mon: [carta]\n      tue: []\n\
         \x20 nord:\n    name: raccolta-zona-nord\n    streets:\n      - Via Roma 50-200\n    days:\n      mon: [plastica]\n      lun: [carta]\n\
         exceptions:\n  - date: 2026-12-25\n    zones: [centr]\n  - date: 2026-12-26\n    moved_to: 2026-12-26\n",
    )
    .unwrap();
    let (set, report) = FlowSet::load(
        dir.path(),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    assert!(set.is_none(), "a broken calendar does not load");
    let text = report.to_string();
    for (line, needle) in [
        (1, "unknown topic `rifiuto`"),
        (10, "`9-3` is not a range of house numbers"),
        (13, "collects nothing"),
        (
            17,
            "`Via Roma 50-200` of zone `nord` overlaps `Via Roma 1-99` of zone `centro`",
        ),
        (19, "unknown material `plastica`"),
        (20, "`lun` is not a day of the week"),
        (23, "unknown zone `centr`"),
        (24, "moved to the same day"),
    ] {
        let found = text
            .lines()
            .any(|l| l.contains(&format!("waste.yaml:{line}:")) && l.contains(needle));
        assert!(found, "line {line}: {needle}\n{text}");
    }
}

on_both_backends!(
    a_citizen_learns_tomorrow_s_collection_and_subscribers_are_reminded_the_evening_before,
);
