//! The web console in a real browser: `tests/browser/console.mjs` drives Debian's Chromium
//! with Playwright against the running service, while this test plays the citizen on the fake
//! Bot API when the script asks (`need ...`). axe-core checks every page; the main tasks are
//! done with the keyboard. `.ci/run` installs Chromium and the two npm packages; elsewhere the
//! test says what is missing and passes only outside CI.

use crate::common::TestDb;
use crate::console::{ADMIN_SECRET, PASSWORD, console_desk};
use crate::handoff::{CITIZEN, Desk, WAIT, root};

use std::path::PathBuf;
use std::process::Stdio;

use sportello::clock::Clock;
use sportello::console::auth::totp;
use sportello::store::CaseStatus;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Chromium, Node.js and the npm packages, or why the browser tests cannot run.
fn browser_tools() -> Result<(PathBuf, PathBuf), String> {
    let chromium = PathBuf::from(
        std::env::var("SPORTELLO_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    );
    if !chromium.exists() {
        return Err(format!(
            "no Chromium at {} (apt-get install -y chromium)",
            chromium.display()
        ));
    }
    let dir = root().join("tests/browser");
    if !dir.join("node_modules/playwright-core").exists()
        || !dir.join("node_modules/axe-core").exists()
    {
        return Err("no npm packages in tests/browser (npm ci --prefix tests/browser)".into());
    }
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("no Node.js on the PATH".into());
    }
    Ok((chromium, dir))
}

async fn the_console_works_in_a_real_browser(db: &TestDb) {
    let (chromium, dir) = match browser_tools() {
        Ok(tools) => tools,
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") => {
            panic!("CI=true but the browser tests cannot run: {why}")
        }
        Err(why) => {
            eprintln!("\n*** SKIPPED: browser tests ({why}).\n");
            return;
        }
    };
    // Conversations of the week before, for the insights: the console's page and the HTML
    // report, written here as `sportello insights --format html` writes it.
    let report = insights_report(db).await;
    let desk = console_desk(db, &[]).await;
    let addr = desk.running.as_ref().unwrap().console_addr.unwrap();
    let screenshots = match std::env::var_os("SPORTELLO_UPDATE_SCREENSHOTS") {
        Some(_) => root().join("docs/console"),
        None => tempfile::tempdir().unwrap().keep(),
    };
    std::fs::create_dir_all(&screenshots).unwrap();
    let mut script = tokio::process::Command::new("node")
        .arg(dir.join("console.mjs"))
        .env("CONSOLE_URL", format!("http://{addr}"))
        .env("PASSWORD", PASSWORD)
        .env("CHROMIUM", &chromium)
        .env("SCREENSHOTS", &screenshots)
        .env("INSIGHTS_REPORT", report.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node starts");
    let mut input = script.stdin.take().unwrap();
    let mut output = BufReader::new(script.stdout.take().unwrap()).lines();
    let mut said = Vec::new();
    let outcome = tokio::time::timeout(std::time::Duration::from_secs(180), async {
        while let Some(line) = output.next_line().await.unwrap() {
            said.push(line.clone());
            let Some(need) = line.strip_prefix("need ") else {
                if line == "ok" || line.starts_with("failed") {
                    return line;
                }
                continue;
            };
            let answer = play(&desk, need).await;
            input.write_all(answer.as_bytes()).await.unwrap();
            input.flush().await.unwrap();
        }
        "the script ended without a verdict".to_string()
    })
    .await
    .unwrap_or_else(|_| "the script took over 3 minutes".to_string());
    // What the script says after its verdict (the details of a failure).
    while let Ok(Ok(Some(line))) =
        tokio::time::timeout(std::time::Duration::from_secs(10), output.next_line()).await
    {
        said.push(line);
    }
    let status = script.wait().await.unwrap();
    assert!(
        outcome == "ok" && status.success(),
        "the browser test failed: {outcome}\n{}",
        said.join("\n")
    );
    let closed = desk
        .store
        .cases_of(desk.case().await.conversation_id)
        .await
        .unwrap();
    assert_eq!(closed.last().unwrap().status, CaseStatus::Closed);
    desk.stop().await;
}

/// Two citizens read the TARI and a third is not understood, on Wednesday 18 November; the
/// HTML report of that month, in a temporary file.
async fn insights_report(db: &TestDb) -> tempfile::NamedTempFile {
    use crate::insights::{Scenario, at, live};
    use sportello::channels::ChannelKind::Telegram;
    use sportello::insights::command::{self, Format};
    let live = live();
    let flows = live.get();
    let mut s = Scenario::new();
    for (user, text) in [
        ("72001", "quando scade la tari?"),
        ("72002", "quando scade la tari?"),
        ("72003", "xqzv wplk brrm"),
    ] {
        s.say(&db.store, &flows, Telegram, user, text, at(18, 10, 0))
            .await;
    }
    let file = tempfile::Builder::new().suffix(".html").tempfile().unwrap();
    let mut args = crate::insights::args(Format::Html);
    args.from = Some("2026-11-01".into());
    args.to = Some("2026-11-24".into());
    args.output = Some(file.path().to_owned());
    let settings = sportello::settings::Settings::default();
    command::run(&args, &settings, &db.store, &flows, at(25, 9, 0))
        .await
        .unwrap();
    file
}

/// What the script needs of the citizen or of the test; the answer for its standard input.
async fn play(desk: &Desk, need: &str) -> String {
    match need.split_once(' ').map_or(need, |(what, _)| what) {
        "handoff" => {
            desk.fake.text(CITIZEN, "it", "/start");
            desk.fake.wait_sent(CITIZEN, 1, WAIT).await;
            desk.fake.text(CITIZEN, "it", "/operatore");
            desk.case().await;
        }
        "citizen-writes" => {
            desk.fake.text(
                CITIZEN,
                "it",
                "Mi serve il certificato di residenza per mio figlio",
            );
        }
        "citizen-receives" => {
            let text = need.split_once(' ').map(|(_, t)| t).unwrap_or_default();
            desk.fake.wait_text(CITIZEN, None, text, WAIT).await;
        }
        "citizen-rates" => {
            desk.fake
                .wait_text(CITIZEN, None, &desk.start_of("handoff-rate"), WAIT)
                .await;
            desk.fake.text(CITIZEN, "it", "5");
            let case = desk.case().await;
            desk.case_until(case.case_id, |c| c.rating == Some(5)).await;
        }
        "admin-code" => {
            let code = totp::current(ADMIN_SECRET, desk.clock.now()).unwrap();
            return format!("done\n{code}\n");
        }
        other => panic!("the browser script needs something unknown: {other}"),
    }
    "done\n".to_string()
}

on_both_backends!(the_console_works_in_a_real_browser);
