//! The `sportello` binary driven the way an admin or a newcomer drives it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary with a database of its own.
fn sportello(args: &[&str], stdin: &str) -> Output {
    let db = tempfile::tempdir().unwrap();
    sportello_on(&db.path().join("sportello.db"), args, stdin)
}

pub(crate) fn sportello_on(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(args)
        .current_dir(root())
        .env_remove("SPORTELLO_CONFIG")
        .env(
            "SPORTELLO_DATABASE_URL",
            format!("sqlite://{}", db.display()),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json_turns(output: &Output) -> Vec<serde_json::Value> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn the_example_flows_pass_the_check() {
    let out = sportello(&["flows", "check", "flows"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("0 errors"), "{stdout}");
}

#[test]
fn the_example_flows_pass_every_check_without_a_warning_in_december_2026() {
    let out = sportello(&["flows", "check", "flows", "--today", "2026-12-04"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(stdout.trim_end(), "0 errors, 0 warnings");
}

#[test]
fn a_tari_question_after_a_greeting_ends_in_the_tributi_flow() {
    let turns = json_turns(&sportello(
        &["chat", "--json"],
        "buongiorno\nquando scade la tari?\n",
    ));
    assert_eq!(turns.len(), 2);
    let last = turns.last().unwrap();
    assert_eq!(last["flow"], "tributi", "{last:#}");
    for key in ["step", "text", "choices", "handoff", "lang"] {
        assert!(last.get(key).is_some(), "`{key}` missing in {last:#}");
    }
    assert_eq!(last["lang"], "it");
}

#[test]
fn the_chat_shows_an_image_as_its_alternative_text_and_names_it_in_json() {
    let turns = json_turns(&sportello(
        &["chat", "--json", "--lang", "en"],
        "collection calendar\n",
    ));
    let turn = turns.last().unwrap();
    assert_eq!(turn["step"], "calendario", "{turn:#}");
    let images = turn["images"].as_array().expect("an `images` field");
    assert_eq!(images.len(), 1, "{turn:#}");
    assert_eq!(images[0]["file"], "raccolta-differenziata.png");
    let alt = images[0]["alt"].as_str().unwrap();
    assert!(
        alt.starts_with("Table of the door-to-door collection days"),
        "{alt}"
    );
    let text = turn["text"].as_str().unwrap();
    assert!(text.contains(&format!("[Image: {alt}]")), "{text}");
    // Turns without an image keep the fields they always had.
    let menu = json_turns(&sportello(&["chat", "--json"], "/start\n"));
    assert!(menu[0].get("images").is_none(), "{:#}", menu[0]);
}

#[test]
fn a_fire_is_answered_with_the_emergency_number() {
    let turns = json_turns(&sportello(&["chat", "--json"], "c è un incendio\n"));
    let last = turns.last().unwrap();
    assert_eq!(last["flow"], "emergenze", "{last:#}");
    assert!(last["text"].as_str().unwrap().contains("112"), "{last:#}");
}

#[test]
fn options_can_be_chosen_by_number_or_by_label_and_english_is_spoken() {
    let turns = json_turns(&sportello(&["chat", "--json", "--lang", "en"], "/start\n"));
    let menu = &turns[0];
    assert_eq!(menu["flow"], "menu");
    assert_eq!(menu["lang"], "en");
    let choices = menu["choices"].as_array().unwrap();
    let second = choices[1]["label"].as_str().unwrap().to_string();
    let by_number = json_turns(&sportello(
        &["chat", "--json", "--lang", "en"],
        "/start\n2\n",
    ));
    let by_label = json_turns(&sportello(
        &["chat", "--json", "--lang", "en"],
        &format!("/start\n{second}\n"),
    ));
    assert_ne!(by_number[1]["flow"], "menu", "{:#}", by_number[1]);
    assert_eq!(by_number[1]["flow"], by_label[1]["flow"]);
    assert_eq!(by_number[1]["step"], by_label[1]["step"]);
}

#[test]
fn a_chat_restarted_with_the_same_user_resumes_where_the_citizen_was() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("chat.db");
    let first = json_turns(&sportello_on(
        &db,
        &["chat", "--json", "--user", "anna"],
        "/start\n2\n",
    ));
    assert_eq!(first.last().unwrap()["flow"], "tributi");
    let first_option = first.last().unwrap()["choices"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // "1" only means something in the step where the first run stopped.
    let second = json_turns(&sportello_on(
        &db,
        &["chat", "--json", "--user", "anna"],
        "1\n",
    ));
    assert_eq!(second[0]["flow"], "tributi", "{:#}", second[0]);
    assert_eq!(second[0]["step"], first_option.as_str(), "{:#}", second[0]);
    // Another citizen on the same database starts afresh.
    let other = json_turns(&sportello_on(
        &db,
        &["chat", "--json", "--user", "bruno"],
        "1\n",
    ));
    assert_ne!(other[0]["step"], first_option.as_str());
}

#[test]
fn migrate_creates_the_database_and_can_run_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("new.db");
    for _ in 0..2 {
        let out = sportello_on(&db, &["migrate"], "");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(db.exists());
}

#[test]
fn the_conversation_tests_pass_and_end_with_a_count() {
    let out = sportello(&["flows", "test", "flows"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let last = stdout.lines().last().unwrap_or_default();
    let passed: usize = last
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .expect("N passed, N failed");
    assert!(passed >= 30, "{last}");
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
}

#[test]
fn the_graph_is_a_mermaid_flowchart_with_every_flow() {
    let out = sportello(&["flows", "graph", "flows"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("flowchart LR\n"));
    for flow in [
        "anagrafe",
        "tributi",
        "rifiuti",
        "scuola",
        "polizia_locale",
        "servizi_sociali",
        "eventi",
        "urp",
        "emergenze",
        "bandi",
    ] {
        assert!(
            stdout.contains(&format!("subgraph {flow}[")),
            "{flow} missing"
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn edit(path: &Path, f: impl FnOnce(&str) -> String) {
    let before = std::fs::read_to_string(path).unwrap();
    let after = f(&before);
    assert_ne!(
        before,
        after,
        "the edit of {} changed nothing",
        path.display()
    );
    std::fs::write(path, after).unwrap();
}

fn line_of(path: &Path, needle: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[test]
fn a_broken_copy_of_the_flows_is_refused_with_every_mistake_located() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("flows"), &tmp.path().join("flows"));
    copy_dir(&root().join("locales"), &tmp.path().join("locales"));
    let flows = tmp.path().join("flows");

    // 1. A dangling step reference.
    let tributi = flows.join("tributi.yaml");
    edit(&tributi, |t| t.replacen("goto: tari", "goto: tarri", 1));
    let dangling_line = line_of(&tributi, "goto: tarri");
    // 2. A text missing in English.
    let en = tmp.path().join("locales/en/tributi.ftl");
    edit(&en, |t| {
        t.lines()
            .filter(|l| !l.starts_with("tributi-title ="))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    // 3. A YAML typo.
    let anagrafe = flows.join("anagrafe.yaml");
    edit(&anagrafe, |t| format!("{t}\nextra: [unclosed\n"));

    let out = sportello(&["flows", "check", flows.to_str().unwrap()], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!("tributi.yaml:{dangling_line}:"))
            && stdout.contains("unknown step `tarri`"),
        "{stdout}"
    );
    assert!(stdout.contains("did you mean `tari`?"), "{stdout}");
    assert!(
        stdout.contains("tributi.yaml:")
            && stdout.contains("text `tributi-title` is missing in language `en`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("anagrafe.yaml:") && stdout.contains("YAML syntax"),
        "{stdout}"
    );

    // The chat refuses the same set, with the same report.
    let mut chat = Command::new(env!("CARGO_BIN_EXE_sportello"));
    chat.args(["chat", "--json"])
        .current_dir(root())
        .env("SPORTELLO_FLOWS_DIR", &flows)
        .env("SPORTELLO_LOCALES_DIR", tmp.path().join("locales"));
    let out = chat.stdin(Stdio::null()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("unknown step `tarri`") && stderr.contains("YAML syntax"),
        "{stderr}"
    );
}

#[test]
fn my_data_in_the_chat_prints_the_readable_text_and_writes_the_json_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(["chat", "--json", "--user", "lucia"])
        .current_dir(dir.path())
        .env_remove("SPORTELLO_CONFIG")
        .env("SPORTELLO_FLOWS_DIR", root().join("flows"))
        .env("SPORTELLO_LOCALES_DIR", root().join("locales"))
        .env(
            "SPORTELLO_DATABASE_URL",
            format!("sqlite://{}", dir.path().join("chat.db").display()),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("orari anagrafe\n/i_miei_dati\n".as_bytes())
        .unwrap();
    let turns = json_turns(&child.wait_with_output().unwrap());
    assert_eq!(turns.len(), 2);
    // The first turn ends with the short privacy notice; the second holds the export.
    assert!(turns[0]["text"].as_str().unwrap().contains("/i_miei_dati"));
    assert_eq!(turns[1]["files"][0], "sportello-i-miei-dati.json");
    assert!(
        turns[1]["text"]
            .as_str()
            .unwrap()
            .contains("Lei: orari anagrafe")
    );
    let file = std::fs::read_to_string(dir.path().join("sportello-i-miei-dati.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(json["citizen"][0]["channel_user_id"], "lucia");
    assert_eq!(json["citizen"][0]["channel"], "terminal");
}

#[test]
fn purge_deletes_what_is_past_retention_and_prints_counts_only() {
    let db = tempfile::tempdir().unwrap();
    let file = db.path().join("sportello.db");
    // A conversation from long ago, and one from now.
    let old = sportello_on(
        &file,
        &[
            "chat",
            "--json",
            "--user",
            "giulia",
            "--now",
            "2020-01-10T10:00:00+01:00",
        ],
        "orari anagrafe\n",
    );
    assert_eq!(json_turns(&old).len(), 1);
    let recent = sportello_on(&file, &["chat", "--json", "--user", "marco"], "orari urp\n");
    assert_eq!(json_turns(&recent).len(), 1);

    let purged = sportello_on(&file, &["purge"], "");
    let stdout = String::from_utf8_lossy(&purged.stdout);
    assert!(purged.status.success(), "{stdout}");
    assert!(
        stdout.starts_with("purged: 1 conversations, ") && stdout.ends_with(" 1 citizens\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("giulia") && !stdout.contains("anagrafe"));
    // Marco's conversation is young: a second purge finds nothing.
    let again = sportello_on(&file, &["purge"], "");
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "purged: 0 conversations, 0 transcript lines, 0 outbox rows, 0 inbound ids, \
         0 audit rows, 0 citizens\n"
    );
    // Marco is still known: he saw the privacy notice, and does not get it again.
    let resumed = json_turns(&sportello_on(
        &file,
        &["chat", "--json", "--user", "marco"],
        "/menu\n",
    ));
    assert!(
        !resumed[0]["text"]
            .as_str()
            .unwrap()
            .contains("/i_miei_dati")
    );
}

#[test]
fn explain_names_the_rule_the_scores_and_the_outcome() {
    let out = sportello(
        &[
            "flows",
            "explain",
            "mia madre è caduta e non riesce ad alzarsi",
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("safety layer: medical emergency (built-in rule"),
        "{stdout}"
    );
    assert!(stdout.contains("outcome: emergency:medical"), "{stdout}");
    let out = sportello(&["flows", "explain", "quando scade la tari"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("classifier (probability per flow): tributi"),
        "{stdout}"
    );
    assert!(stdout.contains("routing: clear: tributi.tari"), "{stdout}");
}

#[test]
fn eval_reports_figures_refuses_a_malformed_file_and_fails_a_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("set.txt");
    std::fs::write(
        &file,
        "# a small set\ntributi | quando scade la tari?\nout | orari del cimitero\n\
         emergency:gas | sento puzza di gas in cucina\nanagrafe | una domanda che non e qui\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let out = sportello(&["flows", "eval", path], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("emergencies recognised       100.0% (1/1)"),
        "{stdout}"
    );
    assert!(stdout.contains("misses:"), "{stdout}");
    let out = sportello(&["flows", "eval", path, "--min-topical", "0.9"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains("THRESHOLD NOT MET: topical questions routed"),
        "{stdout}"
    );
    std::fs::write(
        &file,
        "tributi: manca la barra\nemergency:fuoco | c'e fumo\n",
    )
    .unwrap();
    let out = sportello(&["flows", "eval", path], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains("line 1: expected `LABEL | TEXT`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("line 2: unknown emergency kind `fuoco`"),
        "{stdout}"
    );
}

#[test]
fn unanswered_groups_what_the_chat_could_not_answer() {
    let db = tempfile::tempdir().unwrap();
    let db = db.path().join("sportello.db");
    let empty = sportello_on(&db, &["unanswered"], "");
    assert!(
        String::from_utf8_lossy(&empty.stdout).contains("no unanswered messages"),
        "{}",
        String::from_utf8_lossy(&empty.stderr)
    );
    for (user, text) in [
        ("a", "orari del cimitero"),
        ("b", "orario cimitero?"),
        ("c", "quando scade la tari?"),
    ] {
        let out = sportello_on(
            &db,
            &["chat", "--json", "--user", user],
            &format!("{text}\n"),
        );
        assert!(out.status.success());
    }
    let out = sportello_on(&db, &["unanswered", "--days", "1"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("unanswered messages: 2; groups of similar wording: 1"),
        "{stdout}"
    );
    assert!(
        stdout.contains("orari del cimitero  (out_of_scope 2)"),
        "{stdout}"
    );
    assert!(!stdout.contains("tari"), "{stdout}");
}

/// A copy of the example flows and texts to break, in a folder of its own.
fn editable_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("flows"), &tmp.path().join("flows"));
    copy_dir(&root().join("locales"), &tmp.path().join("locales"));
    tmp
}

#[test]
fn a_yaml_syntax_error_is_reported_once_in_plain_words_without_follow_on_errors() {
    let tmp = editable_copy();
    let flows = tmp.path().join("flows");
    let tributi = flows.join("tributi.yaml");
    // An editor adds a list and forgets to close it: the parser only notices a line later.
    edit(&tributi, |t| {
        t.replacen("steps:\n", "steps:\n  promemoria: [tari, imu\n", 1)
    });
    let line = line_of(&tributi, "promemoria: [tari, imu");
    let out = sportello(&["flows", "check", flows.to_str().unwrap()], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout.trim_end().lines().collect::<Vec<_>>(),
        [
            format!(
                "{}:{line}:1: error: YAML syntax: a list opened with `[` is not closed",
                tributi.display()
            )
            .as_str(),
            "  = hint: close it with `]` on the same line, or write one item per line starting with `- `",
            "1 error, 0 warnings",
        ],
        "one error, at the line that opens the list, and nothing that follows from it \
         (no unknown flow `tributi`, no text reported unused)"
    );
}

#[test]
fn a_fluent_error_points_at_the_line_that_lacks_the_brace() {
    let tmp = editable_copy();
    let ftl = tmp.path().join("locales/it/tributi.ftl");
    edit(&ftl, |t| {
        t.replacen(
            "\ntributi-tari-info =",
            "\ntributi-nota = Scriva { $nome\n\ntributi-tari-info =",
            1,
        )
    });
    let line = line_of(&ftl, "tributi-nota = Scriva");
    let flows = tmp.path().join("flows");
    let out = sportello(&["flows", "check", flows.to_str().unwrap()], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let error = stdout
        .lines()
        .find(|l| l.contains("error:"))
        .unwrap_or_else(|| panic!("no error in {stdout}"));
    assert!(
        error.starts_with(&format!("{}:{line}:", ftl.display()))
            && error.ends_with("error: a `{` is not closed with `}`"),
        "{stdout}"
    );
}

#[test]
fn a_failing_conversation_test_names_the_expected_and_actual_step_as_flow_dot_step() {
    let tmp = editable_copy();
    let flows = tmp.path().join("flows");
    std::fs::write(
        flows.join("tests/sbagliato.yaml"),
        "tests:\n  - name: la carta d'identità non è una tassa\n    turns:\n      - citizen: quanto costa la carta d'identità?\n        flow: tributi\n        step: start\n",
    )
    .unwrap();
    let out = sportello(&["flows", "test", flows.to_str().unwrap()], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains("sbagliato.yaml:4: expected `tributi.start`, got `anagrafe.cie`"),
        "{stdout}"
    );
    assert!(!stdout.contains("Some("), "{stdout}");
}

#[test]
fn an_answer_verified_too_long_ago_is_a_warning_at_its_date() {
    let tmp = editable_copy();
    let flows = tmp.path().join("flows");
    let tributi = flows.join("tributi.yaml");
    // The TARI answer was checked last in 2025 and nobody looked at it since.
    edit(&tributi, |t| {
        t.replacen(
            "    source: https://www.comune.esempio.it/tari\n    verified: 2026-11-20\n",
            "    source: https://www.comune.esempio.it/tari\n    verified: 2025-10-01\n",
            1,
        )
    });
    let line = line_of(&tributi, "verified: 2025-10-01");
    let dir = flows.to_str().unwrap();
    let out = sportello(&["flows", "check", dir, "--today", "2026-12-04"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "warnings do not fail the check: {stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{}:{line}:15: warning: step `tari` was last verified on 2025-10-01, more than 12 months ago",
            tributi.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("hint: check the text against https://www.comune.esempio.it/tari"),
        "{stdout}"
    );
    assert!(stdout.ends_with("0 errors, 1 warning\n"), "{stdout}");
    // The same answer is fresh for a Comune that allows two years.
    let lenient = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args(["flows", "check", dir, "--today", "2026-12-04"])
        .env_remove("SPORTELLO_CONFIG")
        .env("SPORTELLO_CHECK_STALE_MONTHS", "24")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&lenient.stdout).trim_end(),
        "0 errors, 0 warnings"
    );
}

#[test]
fn a_deadline_in_a_text_that_has_passed_is_an_error() {
    let tmp = editable_copy();
    let flows = tmp.path().join("flows");
    let text = tmp.path().join("locales/it/bandi.ftl");
    edit(&text, |t| {
        t.replacen(
            "bandi-info =\n",
            "bandi-info =\n    Le domande per il contributo affitto si presentano entro il 15 dicembre 2026.\n",
            1,
        )
    });
    let line = line_of(&text, "bandi-info =");
    let dir = flows.to_str().unwrap();
    let before = sportello(&["flows", "check", dir, "--today", "2026-12-04"], "");
    assert!(
        before.status.success(),
        "{}",
        String::from_utf8_lossy(&before.stdout)
    );
    let after = sportello(&["flows", "check", dir, "--today", "2026-12-16"], "");
    let stdout = String::from_utf8_lossy(&after.stdout);
    assert_eq!(after.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{}:{line}:1: error: text `bandi-info` in `it` gives 2026-12-15 as a deadline, and that day has passed",
            text.display()
        )),
        "{stdout}"
    );
}

#[test]
fn a_text_that_names_last_year_while_its_deadlines_moved_on_is_an_error() {
    // "Per il 2026 si paga in tre rate": true in 2026, wrong once the 2027 instalments are next.
    let out = sportello(&["flows", "check", "flows", "--today", "2027-01-15"], "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    for lang in ["it", "en"] {
        assert!(
            stdout.contains(&format!(
                "locales/{lang}/tributi.ftl:13:1: error: text `tributi-tari-info` in `{lang}` names 2026, which has passed, while the next deadline of step `tributi.tari` is on 2027-05-31"
            )),
            "{stdout}"
        );
    }
    let bad = sportello(&["flows", "check", "flows", "--today", "15/01/2027"], "");
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--today takes a date like"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn a_hard_text_is_a_warning_and_heads_the_html_report() {
    let tmp = editable_copy();
    let flows = tmp.path().join("flows");
    let text = tmp.path().join("locales/it/bandi.ftl");
    // Bureaucratic Italian: long words, one long sentence.
    edit(&text, |t| {
        t.replacen(
            "bandi-info =\n",
            concat!(
                "bandi-info =\n",
                "    L'istanza, corredata della documentazione comprovante la sussistenza dei \
                 requisiti soggettivi e oggettivi previsti dalla normativa vigente, deve essere \
                 trasmessa all'amministrazione procedente contestualmente alla sottoscrizione \
                 della dichiarazione sostitutiva.\n",
                "    L'amministrazione provvede all'istruttoria delle istanze pervenute \
                 successivamente alla verifica della regolarità amministrativa e contabile della \
                 documentazione integrativa eventualmente richiesta.\n",
            ),
            1,
        )
    });
    let line = line_of(&text, "bandi-info =");
    let report = tmp.path().join("report.html");
    let out = sportello(
        &[
            "flows",
            "check",
            flows.to_str().unwrap(),
            "--today",
            "2026-12-04",
            "--report",
            report.to_str().unwrap(),
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let warning = format!(
        "{}:{line}:1: warning: text `bandi-info` in `it` has a Gulpease index of",
        text.display()
    );
    assert!(stdout.contains(&warning), "{stdout}");
    assert!(
        stdout.contains("under 50: hard to read for many citizens"),
        "{stdout}"
    );
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("http-equiv"),
        "self-contained"
    );
    let rows: Vec<&str> = html.lines().filter(|l| l.starts_with("<tr")).collect();
    assert!(
        rows.len() > 100,
        "every citizen text, in both languages: {}",
        rows.len()
    );
    assert!(
        rows[0].contains("<code>bandi-info</code>"),
        "worst first: {}",
        rows[0]
    );
    assert!(rows[0].contains("Gulpease"), "{}", rows[0]);
    assert!(
        rows[0].contains("https://www.comune.esempio.it/bandi") && rows[0].contains("2026-11-20"),
        "the row names the answer's source and verified date: {}",
        rows[0]
    );
    // The staff's texts are not held to the citizens' threshold.
    assert!(!html.contains("<code>operators-"), "{html}");
}

#[test]
fn the_pa_style_is_checked_text_by_text_with_a_hint() {
    let tmp = editable_copy();
    let flows = tmp.path().join("flows");
    let bandi = tmp.path().join("locales/it/bandi.ftl");
    let risposte = tmp.path().join("locales/it/risposte.ftl");
    // An editor in a hurry: an emoji, "x" for "per", capitals, "!!!" and a long address.
    edit(&bandi, |t| {
        t.replacen(
            "bandi-info =\n",
            "bandi-info =\n    📢 ATTENZIONE: x partecipare leggete bene il bando!!! \
             https://www.comune.esempio.it/amministrazione-trasparente/bandi-di-concorso/2026/avviso-pubblico\n",
            1,
        )
    });
    // A ready reply that hands the citizen to an office without a greeting or thanks.
    edit(&risposte, |t| {
        t.replacen(
            "risposta-verifica = Grazie, stiamo",
            "risposta-verifica = Stiamo",
            1,
        )
    });
    let out = sportello(
        &[
            "flows",
            "check",
            flows.to_str().unwrap(),
            "--today",
            "2026-12-04",
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "style problems are warnings: {stdout}"
    );
    let at = format!(
        "{}:{}:1: warning: ",
        bandi.display(),
        line_of(&bandi, "bandi-info =")
    );
    for (message, hint) in [
        ("text `bandi-info` in `it` has an emoji (📢)", "remove it"),
        (
            "text `bandi-info` in `it` writes `x`, a chat abbreviation",
            "write the word in full",
        ),
        (
            "text `bandi-info` in `it` shouts in capitals (`ATTENZIONE`)",
            "write in normal case",
        ),
        (
            "text `bandi-info` in `it` has exclamation or question marks in series",
            "one mark is enough",
        ),
        (
            "text `bandi-info` in `it` writes an address of 96 characters, over 60",
            "offer it as a `link:` choice",
        ),
    ] {
        let line = format!("{at}{message}");
        let found = stdout
            .find(&line)
            .unwrap_or_else(|| panic!("{line}\n{stdout}"));
        let hint_line = stdout[found..].lines().nth(1).unwrap_or_default();
        assert!(hint_line.contains(hint), "{hint_line}");
    }
    assert!(
        stdout.contains(&format!(
            "{}:{}:1: warning: text `risposta-verifica` in `it` hands the citizen to a person but does not open with a greeting or thanks",
            risposte.display(),
            line_of(&risposte, "risposta-verifica =")
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with("0 errors, 6 warnings\n"), "{stdout}");
}

/// A web server on 127.0.0.1 for the link check: every page answers 200, except those whose
/// path contains `sparita` (404) and `lenta` (no answer for 5 seconds). Returns its address.
fn small_site() -> String {
    use std::io::{BufRead, BufReader};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap_or_default();
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    line.clear();
                }
                let status = if request.contains("sparita") {
                    "404 Not Found"
                } else if request.contains("lenta") {
                    std::thread::sleep(std::time::Duration::from_secs(5));
                    return;
                } else {
                    "200 OK"
                };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
            });
        }
    });
    address
}

#[test]
fn links_lists_the_addresses_that_do_not_answer_and_only_those() {
    let tmp = editable_copy();
    let site = small_site();
    // Every address of the copy points at the local site, so nothing leaves this machine.
    for folder in ["flows", "locales/it", "locales/en"] {
        for entry in std::fs::read_dir(tmp.path().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text.replace("https://", &format!("{site}/"))).unwrap();
            }
        }
    }
    let tributi = tmp.path().join("flows/tributi.yaml");
    edit(&tributi, |t| {
        t.replacen(
            "comune.esempio.it/tari\n    verified",
            "comune.esempio.it/tari-sparita\n    verified",
            1,
        )
    });
    let line = line_of(&tributi, "tari-sparita");
    let deadlines = tmp.path().join("flows/deadlines.yaml");
    edit(&deadlines, |t| {
        t.replacen(
            "comune.esempio.it/imu\n",
            "comune.esempio.it/imu-lenta\n",
            1,
        )
    });
    let out = Command::new(env!("CARGO_BIN_EXE_sportello"))
        .args([
            "flows",
            "check",
            tmp.path().join("flows").to_str().unwrap(),
            "--today",
            "2026-12-04",
            "--links",
            "--links-timeout",
            "1",
        ])
        .env_remove("SPORTELLO_CONFIG")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "broken links are warnings: {stdout}{stderr}"
    );
    assert!(
        stdout.contains(&format!(
            "{}:{line}:13: warning: the link {site}/www.comune.esempio.it/tari-sparita does not answer: HTTP 404 Not Found",
            tributi.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "the link {site}/www.comune.esempio.it/imu-lenta does not answer: no answer within the time-out"
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with("0 errors, 2 warnings\n"), "{stdout}");
    assert!(stderr.contains("do not answer"), "{stderr}");
    assert!(stderr.contains("checked, 2 do not answer"), "{stderr}");
}

/// `sportello alerts check` for a Comune at 45.10 N, 9.50 E reaching 3 km, at 10:00 of the day
/// of the alerts, unless `flags` say otherwise.
fn check_alerts(files: &[&str], flags: &[(&str, &str)]) -> Output {
    let mut options = vec![
        ("--lat", "45.10"),
        ("--lon", "9.50"),
        ("--reach-km", "3"),
        ("--now", "2026-12-05T10:00:00+01:00"),
    ];
    for &(flag, value) in flags {
        match options.iter_mut().find(|(f, _)| *f == flag) {
            Some(option) => option.1 = value,
            None => options.push((flag, value)),
        }
    }
    let mut args = vec!["alerts", "check"];
    for (flag, value) in &options {
        args.extend([*flag, *value]);
    }
    let paths: Vec<String> = files
        .iter()
        .map(|f| format!("tests/fixtures/cap/{f}"))
        .collect();
    args.extend(paths.iter().map(String::as_str));
    sportello(&args, "")
}

#[test]
fn a_cap_alert_over_the_comune_is_told_in_each_language_and_exercises_and_cancels_are_told_apart() {
    let out = check_alerts(
        &["piena-rossa.xml", "esercitazione.xml", "annullamento.xml"],
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("piena-rossa.xml: tell (Alert PC-ESEMPIO-2026-0042)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  it-IT: Allerta rossa: piena del fiume nella bassa pianura (Severe, Immediate, Observed, until 2026-12-06T06:30:00+01:00)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  en-US: Red alert: river flood in the lowlands"),
        "{stdout}"
    );
    assert!(
        stdout.contains("esercitazione.xml: skip: not an actual alert (Exercise)"),
        "{stdout}"
    );
    // Written with the `cap:` prefix, and naming the alert it withdraws.
    assert!(
        stdout.contains("annullamento.xml: cancel PC-ESEMPIO-2026-0042"),
        "{stdout}"
    );
}

#[test]
fn a_cap_alert_is_skipped_elsewhere_after_it_expires_and_below_the_threshold() {
    let elsewhere = check_alerts(&["piena-rossa.xml"], &[("--lat", "45.60")]);
    assert!(
        String::from_utf8_lossy(&elsewhere.stdout)
            .contains("piena-rossa.xml: skip: no area of it covers the Comune"),
        "{}",
        String::from_utf8_lossy(&elsewhere.stdout)
    );
    let later = check_alerts(
        &["piena-rossa.xml"],
        &[("--now", "2026-12-07T10:00:00+01:00")],
    );
    assert!(
        String::from_utf8_lossy(&later.stdout).contains("piena-rossa.xml: skip: expired"),
        "{}",
        String::from_utf8_lossy(&later.stdout)
    );
    let strict = check_alerts(&["piena-rossa.xml"], &[("--min-severity", "extreme")]);
    assert!(
        String::from_utf8_lossy(&strict.stdout).contains("skip: below the threshold"),
        "{}",
        String::from_utf8_lossy(&strict.stdout)
    );
    let typo = check_alerts(&["piena-rossa.xml"], &[("--min-severity", "terrible")]);
    assert!(!typo.status.success());
    assert!(
        String::from_utf8_lossy(&typo.stderr)
            .contains("expected one of: extreme, severe, moderate, minor, unknown"),
        "{}",
        String::from_utf8_lossy(&typo.stderr)
    );
}

#[test]
fn a_broken_cap_file_is_named_with_its_fault_and_the_others_are_still_read() {
    let out = check_alerts(&["rotto.xml", "piena-rossa.xml", "assente.xml"], &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "rotto.xml: cannot read: `severity` has a value CAP 1.2 does not allow: \"Catastrophic\""
        ),
        "{stdout}"
    );
    assert!(stdout.contains("piena-rossa.xml: tell"), "{stdout}");
    assert!(stdout.contains("assente.xml: cannot read:"), "{stdout}");
}

#[test]
fn a_feed_of_cap_alerts_is_checked_entry_by_entry() {
    let out = check_alerts(&["feed.xml"], &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("feed.xml entry 1: cancel PC-ESEMPIO-2026-0042"),
        "the alert inside the entry's content: {stdout}"
    );
    assert!(
        stdout.contains("feed.xml entry 2: links to piena-rossa.xml (check that file)"),
        "the link typed as CAP, not the web page: {stdout}"
    );
}

#[test]
fn the_first_admin_and_the_staff_are_made_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sportello.db");
    let run = |args: &[&str], stdin: &str| {
        let out = sportello_on(&db, args, stdin);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    };
    let (ok, text) = run(
        &[
            "users",
            "add",
            "anna",
            "--role",
            "admin",
            "--name",
            "Anna Bianchi",
        ],
        "",
    );
    assert!(ok, "{text}");
    let password = text
        .lines()
        .find_map(|l| l.strip_prefix("password (shown once): "))
        .expect("a made-up password is shown once");
    assert_eq!(password.len(), 20);
    assert!(text.contains("second factor"), "{text}");
    let (ok, text) = run(
        &[
            "users",
            "add",
            "maria",
            "--role",
            "operator",
            "--office",
            "urp",
            "--password-stdin",
        ],
        "una password lunga abbastanza\n",
    );
    assert!(ok, "{text}");
    assert!(!text.contains("shown once"), "{text}");
    for (args, stdin, refused) in [
        (
            &["users", "add", "maria", "--role", "editor"][..],
            "",
            "exists already",
        ),
        (
            &["users", "add", "luca", "--role", "capo"][..],
            "",
            "unknown role `capo`",
        ),
        (
            &["users", "add", "luca", "--role", "operator"][..],
            "",
            "at least one office",
        ),
        (
            &[
                "users",
                "add",
                "luca",
                "--role",
                "operator",
                "--office",
                "biblioteca",
            ][..],
            "",
            "unknown office `biblioteca`",
        ),
        (
            &[
                "users",
                "add",
                "luca",
                "--role",
                "editor",
                "--password-stdin",
            ][..],
            "corta\n",
            "at least 12 characters",
        ),
        (
            &["users", "disable", "nessuno"][..],
            "",
            "no user named `nessuno`",
        ),
    ] {
        let (ok, text) = run(args, stdin);
        assert!(!ok, "{args:?} was accepted: {text}");
        assert!(text.contains(refused), "{args:?}: {text}");
    }
    assert!(run(&["users", "disable", "maria"], "").0);
    let (_, list) = run(&["users", "list"], "");
    assert!(
        list.contains("anna\tAnna Bianchi\tadmin\t\tno\tactive"),
        "{list}"
    );
    assert!(
        list.contains("maria\tmaria\toperator\turp\tno\tdisabled"),
        "{list}"
    );
    assert!(run(&["users", "enable", "maria"], "").0);
    let (ok, text) = run(&["users", "reset", "maria", "--clear-second-factor"], "");
    assert!(ok && text.contains("shown once"), "{text}");
    let (_, list) = run(&["users", "list"], "");
    assert!(
        list.contains("maria\tmaria\toperator\turp\tno\tactive"),
        "{list}"
    );
}
