//! The web console and the web chat in a real browser: `tests/browser/console.mjs` and
//! `tests/browser/webchat.mjs` drive Debian's Chromium with Playwright against the running
//! service, while this test plays the citizen on the fake Bot API, or the operator in the
//! console, when the script asks (`need ...`). axe-core checks every page; the main tasks are
//! done with the keyboard. `.ci/run` installs Chromium and the two npm packages; elsewhere the
//! test says what is missing and passes only outside CI.

use crate::common::{self, TestDb};
use crate::console::{ADMIN_SECRET, PASSWORD, act_in_console, console_desk};
use crate::handoff::{CITIZEN, Desk, GROUP, WAIT, root};

use std::path::PathBuf;
use std::process::Stdio;

use sportello::app;
use sportello::clock::Clock;
use sportello::console::auth::totp;
use sportello::ids::{ChannelKind, ChannelUserId};
use sportello::settings::Settings;
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

/// The tools, or `None` when the browser tests cannot run here (a failure under CI).
fn tools_or_skip() -> Option<(PathBuf, PathBuf)> {
    match browser_tools() {
        Ok(tools) => Some(tools),
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") => {
            panic!("CI=true but the browser tests cannot run: {why}")
        }
        Err(why) => {
            eprintln!("\n*** SKIPPED: browser tests ({why}).\n");
            None
        }
    }
}

/// Runs the script `tests/browser/<name>` with `env`, answering each `need ...` line with
/// what `play` returns, and fails with everything it said unless it ends with `ok`.
async fn run_script(
    dir: &std::path::Path,
    name: &str,
    env: &[(&str, String)],
    mut play: impl AsyncFnMut(&str) -> String,
) {
    let mut command = tokio::process::Command::new("node");
    command.arg(dir.join(name));
    for (key, value) in env {
        command.env(key, value);
    }
    let mut script = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node starts");
    let mut input = script.stdin.take().unwrap();
    let mut output = BufReader::new(script.stdout.take().unwrap()).lines();
    let mut said = Vec::new();
    let outcome = tokio::time::timeout(std::time::Duration::from_secs(240), async {
        while let Some(line) = output.next_line().await.unwrap() {
            said.push(line.clone());
            let Some(need) = line.strip_prefix("need ") else {
                if line == "ok" || line.starts_with("failed") {
                    return line;
                }
                continue;
            };
            let answer = play(need).await;
            input.write_all(answer.as_bytes()).await.unwrap();
            input.flush().await.unwrap();
        }
        "the script ended without a verdict".to_string()
    })
    .await
    .unwrap_or_else(|_| "the script took over 4 minutes".to_string());
    // What the script says after its verdict (the details of a failure).
    while let Ok(Ok(Some(line))) =
        tokio::time::timeout(std::time::Duration::from_secs(10), output.next_line()).await
    {
        said.push(line);
    }
    let status = script.wait().await.unwrap();
    assert!(
        outcome == "ok" && status.success(),
        "the browser test {name} failed: {outcome}\n{}",
        said.join("\n")
    );
}

async fn the_console_works_in_a_real_browser(db: &TestDb) {
    let Some((chromium, dir)) = tools_or_skip() else {
        return;
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
    let env = [
        ("CONSOLE_URL", format!("http://{addr}")),
        ("PASSWORD", PASSWORD.to_string()),
        ("CHROMIUM", chromium.display().to_string()),
        ("SCREENSHOTS", screenshots.display().to_string()),
        ("INSIGHTS_REPORT", report.path().display().to_string()),
    ];
    run_script(&dir, "console.mjs", &env, async |need| {
        play(&desk, need).await
    })
    .await;
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
                "Mi serve il certificato di residenza per mio figlio, mi chiami al 345 678 9012",
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
            return format!("done {code}\n");
        }
        other => panic!("the browser script needs something unknown: {other}"),
    }
    "done\n".to_string()
}

/// A page of a site on its own loopback port (its own origin), carrying the web chat's script
/// tag, under a Content-Security-Policy as strict as a Comune's site may set.
async fn site_page(webchat: &str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let html = format!(
        "<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Comune di Esempio</title></head><body><header><a href=\"#main\">Vai al \
         contenuto</a></header><main id=\"main\"><h1>Comune di Esempio</h1><p>Pagina di \
         prova del sito del Comune.</p></main><script src=\"{webchat}/webchat.js\"></script>\
         </body></html>"
    );
    let csp = format!(
        "default-src 'none'; script-src {webchat}; connect-src {webchat}; style-src 'self'; \
         img-src 'self'; base-uri 'none'; form-action 'none'"
    );
    let page = axum::Router::new()
        .route(
            "/favicon.ico",
            axum::routing::get(|| async { axum::http::StatusCode::NO_CONTENT }),
        )
        .route(
            "/",
            axum::routing::get(move || {
                let (html, csp) = (html.clone(), csp.clone());
                async move {
                    (
                        [
                            ("content-type", "text/html; charset=utf-8".to_string()),
                            ("content-security-policy", csp),
                        ],
                        html,
                    )
                }
            }),
        );
    tokio::spawn(async move { axum::serve(listener, page).await.unwrap() });
    origin
}

async fn the_web_chat_works_in_a_real_browser(db: &TestDb) {
    let Some((chromium, dir)) = tools_or_skip() else {
        return;
    };
    let port = common::free_port();
    let webchat = format!("http://127.0.0.1:{port}");
    let site = site_page(&webchat).await;
    let other = site_page(&webchat).await;
    let listen = format!("127.0.0.1:{port}");
    let vars = [
        ("SPORTELLO_WEBCHAT_LISTEN", listen.as_str()),
        ("SPORTELLO_WEBCHAT_ORIGINS", site.as_str()),
    ];
    let mut desk = console_desk(db, &vars).await;
    let group = GROUP.to_string();
    let mut all = vec![
        ("SPORTELLO_OPERATORS_CHAT_ID", group.as_str()),
        ("SPORTELLO_CONSOLE_LISTEN", "127.0.0.1:0"),
        ("SPORTELLO_CONSOLE_SECURE_COOKIES", "false"),
    ];
    all.extend_from_slice(&vars);
    let settings = common::telegram_settings(&desk.fake.url(), &db.url, &all);
    let screenshots = match std::env::var_os("SPORTELLO_UPDATE_SCREENSHOTS") {
        Some(_) => root().join("docs/webchat"),
        None => tempfile::tempdir().unwrap().keep(),
    };
    std::fs::create_dir_all(&screenshots).unwrap();
    let env = [
        ("SCREENSHOTS", screenshots.display().to_string()),
        ("SITE_URL", format!("{site}/")),
        ("OTHER_URL", format!("{other}/")),
        ("WEBCHAT_URL", webchat.clone()),
        ("CHROMIUM", chromium.display().to_string()),
    ];
    run_script(&dir, "webchat.mjs", &env, async |need| {
        play_web(&mut desk, &settings, need).await
    })
    .await;
    desk.stop().await;
}

/// The open case of the web citizen `id`, once there is one.
async fn web_case(desk: &Desk, id: &str) -> sportello::store::Case {
    common::eventually("the web citizen's case", WAIT, || async {
        let user = ChannelUserId::new(id.to_string());
        let conversation = desk
            .store
            .current_conversation(ChannelKind::Web, &user)
            .await
            .unwrap()?;
        let cases = desk
            .store
            .cases_of(conversation.conversation_id)
            .await
            .unwrap();
        cases.last().cloned()
    })
    .await
}

/// The web chat script's needs: the operator in the console, a restart, what was stored.
async fn play_web(desk: &mut Desk, settings: &Settings, need: &str) -> String {
    let (what, id) = need.split_once(' ').unwrap_or((need, ""));
    match what {
        "operator-replies" => {
            let case = web_case(desk, id).await;
            act_in_console(desk, "super", case.case_id, "claim", "").await;
            let reply = "Buongiorno, sono Sara del Comune: come posso aiutarla?";
            act_in_console(desk, "super", case.case_id, "reply", reply).await;
        }
        "stop" => desk.running.take().unwrap().stop().await,
        "start" => {
            let options = common::quick_start(desk.clock.clone());
            let running = app::start(settings, desk.flows.clone(), desk.store.clone(), options)
                .await
                .unwrap();
            desk.running = Some(running);
        }
        "operator-replies-again" => {
            // The message written while the service was down arrives once it is back.
            let case = web_case(desk, id).await;
            common::eventually("the message written during the restart", WAIT, || async {
                let lines = desk.store.transcript(case.conversation_id).await.unwrap();
                lines
                    .iter()
                    .any(|l| l.inbound && l.text.contains("certificato di residenza"))
                    .then_some(())
            })
            .await;
            let reply = "Il certificato si richiede online dal sito del Comune.";
            act_in_console(desk, "super", case.case_id, "reply", reply).await;
        }
        "count" => {
            let user = ChannelUserId::new(id.to_string());
            let replies = desk
                .store
                .web_replies_after(&user, sportello::store::WebCursor::START, 1000)
                .await
                .unwrap();
            let case = web_case(desk, id).await;
            let lines = desk.store.transcript(case.conversation_id).await.unwrap();
            let written = lines.iter().filter(|l| l.inbound).count();
            return format!("done {} {written}\n", replies.len());
        }
        "operator-closes" => {
            let case = web_case(desk, id).await;
            act_in_console(desk, "super", case.case_id, "close", "").await;
        }
        "rated" => {
            let case = web_case(desk, id).await;
            desk.case_until(case.case_id, |c| c.rating == Some(5)).await;
        }
        "other-refused" => {
            let user = ChannelUserId::new(id.to_string());
            let nothing = desk
                .store
                .current_conversation(ChannelKind::Web, &user)
                .await
                .unwrap();
            assert!(nothing.is_none(), "a refused site's message was handled");
        }
        other => panic!("the browser script needs something unknown: {other}"),
    }
    "done\n".to_string()
}

on_both_backends!(
    the_console_works_in_a_real_browser,
    the_web_chat_works_in_a_real_browser
);
