//! The fault run: the real `sportello run` process under load while the fake Bot API answers
//! a tenth of all calls with 429 (with `retry_after`), 500, or a time-out; afterwards no
//! citizen's message is left without its replies and none is doubled, and the time the queue
//! took to drain is reported.
//!
//! CI runs a short version (seconds). The full run, with figures (docs/benchmarks.md):
//! `LOAD_CITIZENS=1000 LOAD_RATE=1000 LOAD_SECONDS=60 cargo test --release --test faults -- --nocapture`
//! (`LOAD_FAULT_SHARE` changes the share of failing calls, `LOAD_SEED` repeats a run).

use crate::{common, fake_telegram, load};

use std::time::Duration;

use common::TestDb;
use fake_telegram::{FakeTelegram, Fault};
use load::{LoadPlan, env_f64, env_usize};

async fn a_tenth_of_calls_failing_loses_and_doubles_nothing(db: &TestDb) {
    let fake = FakeTelegram::start().await;
    let seed = load::seed();
    fake.fail_randomly(
        env_f64("LOAD_FAULT_SHARE", 0.10),
        vec![
            Fault::TooManyRequests(1),
            Fault::ServerError,
            // Longer than the send time-out below: the bot gives up and retries.
            Fault::Timeout(Duration::from_secs(3)),
        ],
        seed,
    );
    let plan = LoadPlan {
        citizens: env_usize("LOAD_CITIZENS", 100),
        rate: env_f64("LOAD_RATE", 150.0),
        duration: Duration::from_secs_f64(env_f64("LOAD_SECONDS", 5.0)),
        kills: 0,
        drain_limit: Duration::from_secs(90),
    };
    let extra = [
        // Long enough that a loaded machine does not time out a send the fake took.
        ("SPORTELLO_OUTBOX_SEND_TIMEOUT_SECONDS", "2".to_string()),
        ("SPORTELLO_OUTBOX_LEASE_SECONDS", "5".to_string()),
    ];
    let report = load::run(db, &fake, &plan, &extra, seed).await;
    report.print(&format!("faults on {:?}", db.kind()));
    assert!(
        report.faults_injected > 0,
        "no fault was injected: {report:#?}"
    );
    assert_eq!(
        report.lost, 0,
        "messages left without their replies: {report:#?}"
    );
    assert_eq!(
        report.unanswered, 0,
        "messages that caused no reply: {report:#?}"
    );
    assert_eq!(report.answered, report.pushed);
    assert_eq!(report.doubled, 0, "replies delivered twice: {report:#?}");
    assert_eq!(report.out_of_order_chats, 0, "{report:#?}");
}

on_both_backends!(a_tenth_of_calls_failing_loses_and_doubles_nothing);
