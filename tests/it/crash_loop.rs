//! The crash loop: the real `sportello run` process under load, killed with SIGKILL at random
//! moments and restarted, ten times; afterwards no citizen's message is left without its
//! replies, none arrived out of order, and every reply delivered twice is proven to be the
//! one at-least-once window (docs/storage.md).
//!
//! CI runs a short version (seconds). The full run, with figures (docs/benchmarks.md):
//! `LOAD_CITIZENS=1000 LOAD_RATE=1000 LOAD_SECONDS=60 cargo test --release --test crash_loop -- --nocapture`
//! (`LOAD_SEED` repeats a run; PostgreSQL needs `SPORTELLO_TEST_POSTGRES_URL`).

use crate::{common, fake_telegram, load};

use std::time::Duration;

use common::TestDb;
use fake_telegram::FakeTelegram;
use load::{LoadPlan, env_f64, env_usize};

async fn ten_sigkills_under_load_lose_nothing_and_double_only_in_the_window(db: &TestDb) {
    let fake = FakeTelegram::start().await;
    let plan = LoadPlan {
        citizens: env_usize("LOAD_CITIZENS", 100),
        rate: env_f64("LOAD_RATE", 150.0),
        duration: Duration::from_secs_f64(env_f64("LOAD_SECONDS", 6.0)),
        kills: env_usize("LOAD_KILLS", 10),
        drain_limit: Duration::from_secs(60),
    };
    // A short lease, so that the replies a killed process had claimed go again within the run.
    let extra = [
        ("SPORTELLO_OUTBOX_SEND_TIMEOUT_SECONDS", "2".to_string()),
        ("SPORTELLO_OUTBOX_LEASE_SECONDS", "4".to_string()),
    ];
    let report = load::run(db, &fake, &plan, &extra, load::seed()).await;
    report.print(&format!("crash loop on {:?}", db.kind()));
    assert_eq!(report.kills, plan.kills);
    assert_eq!(
        report.lost, 0,
        "messages left without their replies: {report:#?}"
    );
    assert_eq!(
        report.unanswered, 0,
        "messages that caused no reply: {report:#?}"
    );
    assert_eq!(report.answered, report.pushed);
    assert_eq!(report.out_of_order_chats, 0, "{report:#?}");
    // A reply can only be doubled in the window, where the channel took it and the process
    // died before recording it; each such reply is in flight at a kill, so at most
    // `outbox_concurrency` per kill.
    assert_eq!(
        report.doubled, report.doubled_in_window,
        "replies doubled outside the at-least-once window: {report:#?}"
    );
    assert!(report.doubled <= report.kills * 64, "{report:#?}");
}

on_both_backends!(ten_sigkills_under_load_lose_nothing_and_double_only_in_the_window);
