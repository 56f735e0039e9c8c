//! The command line: what each `sportello` subcommand does.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};

use crate::alerts;
use crate::chat::{self, ChatOptions};
use crate::engine::eval;
use crate::engine::testing;
use crate::flows::live::Live;
use crate::flows::{FlowSet, graph};
use crate::i18n::Lang;
use crate::settings::Settings;
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "sportello",
    version,
    about = "A 24/7 digital front desk for an Italian Comune"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Talk to the flows in the terminal as a citizen.
    Chat {
        /// One JSON object per bot turn.
        #[arg(long)]
        json: bool,
        /// The citizen's language (it, en).
        #[arg(long)]
        lang: Option<String>,
        /// Pretend it is this time (RFC 3339, e.g. 2026-11-21T20:00:00+01:00).
        #[arg(long)]
        now: Option<String>,
        /// Who you are: the same name resumes the same conversation. Without it, every run
        /// starts a new one.
        #[arg(long)]
        user: Option<String>,
    },
    /// Create or update the database tables, then exit.
    Migrate,
    /// Delete now everything past its retention period, print how many rows went, and exit.
    Purge,
    /// Serve citizens on the configured channels until stopped (Ctrl-C or SIGTERM).
    Run,
    /// List what citizens asked that the bot could not answer, grouped by similar wording.
    Unanswered {
        /// How many days back to look.
        #[arg(long, default_value_t = 30)]
        days: u32,
    },
    /// Statistics of a period from the daily rollups (kept for years, no personal data): a
    /// summary, CSV, JSON, an HTML report, or open data.
    Insights(crate::insights::command::InsightsArgs),
    /// Check, test or draw the flows.
    Flows {
        #[command(subcommand)]
        command: FlowsCommand,
    },
    /// The web console's accounts: add, list, disable, enable, reset.
    Users {
        #[command(subcommand)]
        command: crate::users::UsersCommand,
    },
    /// Emergency alerts in the Common Alerting Protocol (CAP 1.2).
    Alerts {
        #[command(subcommand)]
        command: AlertsCommand,
    },
    /// Announcements to the subscribers of a topic: create, preview, test, schedule, approve,
    /// cancel, list.
    Broadcast {
        #[command(subcommand)]
        command: crate::broadcast::command::BroadcastCommand,
    },
    /// Deadline reminders to the citizens subscribed to their topic (`/avvisi`).
    Reminders {
        #[command(subcommand)]
        command: RemindersCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum RemindersCommand {
    /// Queue the reminders due today and end inactive subscriptions, then exit; what was
    /// queued before is not queued again (safe to run from cron, and beside `run`).
    Run {
        /// Run as at this time (RFC 3339; default: now): its date in the Comune's time zone.
        #[arg(long)]
        now: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Read CAP files and say, for each, whether it would reach the Comune's citizens, and if
    /// not, why; exit 1 when a file cannot be read.
    Check {
        /// CAP 1.2 XML files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        place: PlaceArgs,
        /// Judge expiry as at this time (RFC 3339; default: now).
        #[arg(long)]
        now: Option<String>,
    },
}

/// Where the Comune is and which alerts matter to it.
#[derive(Debug, clap::Args)]
pub struct PlaceArgs {
    /// Latitude of a point inside the Comune (decimal degrees, WGS 84).
    #[arg(long, allow_hyphen_values = true)]
    lat: f64,
    /// Longitude of that point.
    #[arg(long, allow_hyphen_values = true)]
    lon: f64,
    /// How far the Comune's territory reaches from that point, in kilometres.
    #[arg(long, default_value_t = 5.0)]
    reach_km: f64,
    /// The Comune's ISTAT code, for alerts that name areas by code.
    #[arg(long)]
    istat: Option<String>,
    /// The least severity told: minor, moderate, severe, extreme.
    #[arg(long, default_value = "severe")]
    min_severity: alerts::Severity,
    /// The least urgency told: past, future, expected, immediate.
    #[arg(long, default_value = "expected")]
    min_urgency: alerts::Urgency,
    /// The least certainty told: unlikely, possible, likely, observed.
    #[arg(long, default_value = "likely")]
    min_certainty: alerts::Certainty,
}

#[derive(Debug, Subcommand)]
pub enum FlowsCommand {
    /// Report every problem in the flows and texts, and what is stale; exit 1 on errors.
    Check {
        #[command(flatten)]
        args: FlowsArgs,
        /// Judge staleness as on this day (YYYY-MM-DD; default: today).
        #[arg(long)]
        today: Option<String>,
        /// Also write an HTML page listing every citizen text with its readability, length,
        /// source and staleness, worst first.
        #[arg(long, value_name = "FILE.html")]
        report: Option<PathBuf>,
        /// Also ask every web address the flows and texts give, and warn about those that do
        /// not answer (goes to the network: not for CI).
        #[arg(long)]
        links: bool,
        /// How long to wait for each address, in seconds.
        #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
        links_timeout: f64,
    },
    /// Run the conversation tests in DIR/tests.
    Test(FlowsArgs),
    /// Print a Mermaid diagram of the flows.
    Graph {
        #[command(flatten)]
        args: FlowsArgs,
        /// The language of the labels.
        #[arg(long, default_value = "it")]
        lang: String,
    },
    /// Show why a message goes where it goes: safety layer, matched words, scores.
    Explain {
        /// The citizen's message.
        text: String,
        #[command(flatten)]
        args: FlowsArgs,
    },
    /// Run a labelled set of messages (`LABEL | TEXT` per line) and print accuracy per flow,
    /// a confusion table and the misses; exit 1 when a threshold given is not met.
    Eval {
        /// The labelled file (see docs/flows.md, "Evaluating").
        file: PathBuf,
        #[command(flatten)]
        args: FlowsArgs,
        /// Minimum share of emergencies recognised (0 to 1).
        #[arg(long)]
        min_emergencies: Option<f64>,
        /// Maximum share of routine messages answered as emergencies.
        #[arg(long)]
        max_false_alarms: Option<f64>,
        /// Minimum share of topical questions routed to their flow at once.
        #[arg(long)]
        min_topical: Option<f64>,
        /// Minimum share of out-of-scope messages given the out-of-scope answer.
        #[arg(long)]
        min_out: Option<f64>,
        /// Cross-validate a set the classifier learns from (`questions.txt`): deal it into
        /// this many parts and run each on a classifier trained without it.
        #[arg(long)]
        folds: Option<usize>,
        /// Do not list the misses.
        #[arg(long)]
        quiet: bool,
        /// Print, tab-separated, each line's outcome and the best step of its two best flows
        /// with their scores, instead of the report.
        #[arg(long)]
        scores: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct FlowsArgs {
    /// The flows folder (default: the `flows_dir` setting).
    pub dir: Option<PathBuf>,
    /// The texts folder (default: `locales` beside DIR when DIR is given, else the setting).
    #[arg(long)]
    pub locales: Option<PathBuf>,
}

impl FlowsArgs {
    fn folders(&self, settings: &Settings) -> (PathBuf, PathBuf) {
        let dir = self
            .dir
            .clone()
            .unwrap_or_else(|| settings.flows_dir.clone());
        let locales = self.locales.clone().unwrap_or_else(|| {
            let beside = self
                .dir
                .as_ref()
                .and_then(|d| d.parent().map(|p| p.join("locales")));
            match beside {
                Some(b) if b.is_dir() => b,
                _ => settings.locales_dir.clone(),
            }
        });
        (dir, locales)
    }
}

/// Evaluations run at a fixed moment, with offices open, so results do not depend on the day.
fn eval_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(testing::DEFAULT_NOW)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn parse_lang(text: &str) -> anyhow::Result<Lang> {
    Lang::from_tag(text).with_context(|| format!("unknown language `{text}`: use it or en"))
}

/// Loads a flow set for serving: refuses a set with errors, printing the report.
pub fn load_flows(dir: &Path, locales: &Path) -> anyhow::Result<FlowSet> {
    let (set, report) = FlowSet::load(dir, locales, crate::channels::LIMITS);
    match set {
        Some(set) => Ok(set),
        None => anyhow::bail!("the flows in {} have errors:\n{report}", dir.display()),
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// Connects to the configured database and brings its tables up to date.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    let store = crate::store::connect(&settings.database_url)
        .await
        .context("cannot open the database (the `database_url` setting)")?;
    store
        .migrate()
        .await
        .context("cannot update the database tables")?;
    Ok(store)
}

/// Logs go to standard error: readable in a terminal, JSON otherwise (for log collectors).
/// `sportello run` logs at `info` unless the `log` setting says otherwise; the other commands
/// only warn.
fn init_logging(settings: &Settings, default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(settings.log.as_deref().unwrap_or(default))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if std::io::stderr().is_terminal() {
        builder.try_init()
    } else {
        builder.json().try_init()
    };
}

async fn serve(settings: Settings) -> anyhow::Result<ExitCode> {
    let flows = Live::new(
        load_flows(&settings.flows_dir, &settings.locales_dir)?,
        &settings.flows_dir,
        &settings.locales_dir,
    );
    let store = open_store(&settings).await?;
    let mut running = crate::app::start(
        &settings,
        flows,
        store.clone(),
        crate::app::StartOptions::new(&settings),
    )
    .await?;
    let ended = tokio::select! {
        ended = running.wait() => Some(ended),
        () = shutdown_signal() => None,
    };
    match ended {
        Some(task) => tracing::error!(task, "stopped by itself; shutting down"),
        None => tracing::info!("shutting down"),
    }
    running.stop().await;
    store.close().await;
    Ok(if ended.is_some() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = Settings::load()?;
    init_logging(
        &settings,
        if matches!(cli.command, Command::Run) {
            "info"
        } else {
            "warn"
        },
    );
    match cli.command {
        Command::Chat {
            json,
            lang,
            now,
            user,
        } => {
            let flows = load_flows(&settings.flows_dir, &settings.locales_dir)?;
            let flows = Live::new(flows, &settings.flows_dir, &settings.locales_dir);
            let lang = lang.as_deref().map(parse_lang).transpose()?;
            let now = parse_time(now.as_deref())?;
            let user = user.unwrap_or_else(|| {
                format!(
                    "chat-{}-{}",
                    std::process::id(),
                    Utc::now().timestamp_millis()
                )
            });
            let stdin = std::io::stdin();
            let options = ChatOptions {
                json,
                lang,
                now,
                user,
                interactive: stdin.is_terminal(),
            };
            runtime()?.block_on(async {
                let store = open_store(&settings).await?;
                chat::run(
                    &flows,
                    &store,
                    &options,
                    stdin.lock(),
                    std::io::stdout().lock(),
                )
                .await?;
                store.close().await;
                Ok(ExitCode::SUCCESS)
            })
        }
        Command::Run => runtime()?.block_on(serve(settings)),
        Command::Migrate => runtime()?.block_on(async {
            let store = open_store(&settings).await?;
            store.close().await;
            println!("the database is up to date");
            Ok(ExitCode::SUCCESS)
        }),
        Command::Purge => runtime()?.block_on(async {
            // The offices' hours, for the waits the rollup before the purge counts.
            let hours = load_flows(&settings.flows_dir, &settings.locales_dir)?.office_hours();
            let store = open_store(&settings).await?;
            store
                .audit_retention(&settings.retention, chrono::Utc::now())
                .await
                .context("cannot record the retention settings in the audit log")?;
            let counts = store
                .purge(chrono::Utc::now(), &settings.retention, &hours)
                .await
                .context("the purge failed")?;
            let insights = store
                .prune_insights(chrono::Utc::now(), settings.insights.retention_days)
                .await
                .context("the purge of old daily statistics failed")?;
            store.close().await;
            // Counts only: nothing about any citizen.
            println!(
                "purged: {} conversations, {} transcript lines, {} outbox rows, {} inbound ids, \
                 {} audit rows, {} citizens",
                counts.conversations,
                counts.messages,
                counts.outbox,
                counts.inbound,
                counts.audit,
                counts.citizens
            );
            if insights > 0 {
                println!("purged: {insights} rows of daily statistics");
            }
            Ok(ExitCode::SUCCESS)
        }),
        Command::Unanswered { days } => runtime()?.block_on(async {
            let store = open_store(&settings).await?;
            let since = Utc::now() - chrono::Duration::days(i64::from(days));
            let misses = store
                .unanswered(since)
                .await
                .context("cannot read the unanswered messages")?;
            store.close().await;
            let groups = crate::unanswered::group(&misses);
            print!("{}", crate::unanswered::report(&groups, misses.len()));
            Ok(ExitCode::SUCCESS)
        }),
        Command::Users { command } => runtime()?.block_on(async {
            let flows = load_flows(&settings.flows_dir, &settings.locales_dir)?;
            let store = open_store(&settings).await?;
            let done = crate::users::run(command, &store, &flows).await;
            store.close().await;
            print!("{}", done?);
            Ok(ExitCode::SUCCESS)
        }),
        Command::Insights(args) => {
            let flows = load_flows(&settings.flows_dir, &settings.locales_dir)?;
            runtime()?.block_on(async {
                let store = open_store(&settings).await?;
                let out =
                    crate::insights::command::run(&args, &settings, &store, &flows, Utc::now())
                        .await;
                store.close().await;
                print!("{}", out?);
                Ok(ExitCode::SUCCESS)
            })
        }
        Command::Flows { command } => flows(command, &settings),
        Command::Broadcast { command } => {
            let flows = load_flows(&settings.flows_dir, &settings.locales_dir)?;
            runtime()?.block_on(async {
                let store = open_store(&settings).await?;
                let done = crate::broadcast::command::run(
                    command,
                    &store,
                    &flows,
                    &settings.broadcasts,
                    Utc::now(),
                )
                .await;
                store.close().await;
                print!("{}", done?);
                Ok(ExitCode::SUCCESS)
            })
        }
        Command::Reminders {
            command: RemindersCommand::Run { now },
        } => {
            let now = parse_time(now.as_deref())?.unwrap_or_else(Utc::now);
            let flows = load_flows(&settings.flows_dir, &settings.locales_dir)?;
            runtime()?.block_on(async {
                let store = open_store(&settings).await?;
                let report = crate::reminders::run(
                    &store,
                    &flows,
                    now,
                    settings.subscription_inactive_months,
                )
                .await
                .context("the reminders failed")?;
                let collection = crate::reminders::run_collection(&store, &flows, now)
                    .await
                    .context("the collection reminders failed")?;
                store.close().await;
                println!(
                    "reminders: {} queued, {} queued before; {} citizens' subscriptions ended \
                     for inactivity",
                    report.queued, report.already, report.ended
                );
                println!(
                    "collection reminders for tomorrow: {} queued, {} queued before",
                    collection.queued, collection.already
                );
                Ok(ExitCode::SUCCESS)
            })
        }
        Command::Alerts {
            command: AlertsCommand::Check { files, place, now },
        } => {
            let now = parse_time(now.as_deref())?.unwrap_or_else(Utc::now);
            let (report, unreadable) = check_alerts(&files, &place, now);
            print!("{report}");
            Ok(if unreadable {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// `--now`, when given.
fn parse_time(now: Option<&str>) -> anyhow::Result<Option<DateTime<Utc>>> {
    now.map(|n| DateTime::parse_from_rfc3339(n).map(|t| t.with_timezone(&Utc)))
        .transpose()
        .context("--now takes a time like 2026-11-21T20:00:00+01:00")
}

/// One paragraph per file: told (with the parts in each language), cancelled, skipped and why,
/// or unreadable and why; and whether any was unreadable.
fn check_alerts(files: &[PathBuf], args: &PlaceArgs, now: DateTime<Utc>) -> (String, bool) {
    use std::fmt::Write as _;
    let place = alerts::Place {
        point: alerts::Point {
            lat: args.lat,
            lon: args.lon,
        },
        reach_km: args.reach_km,
        istat: args.istat.clone(),
    };
    let threshold = alerts::Threshold {
        severity: args.min_severity,
        urgency: args.min_urgency,
        certainty: args.min_certainty,
    };
    let mut out = String::new();
    let mut unreadable = false;
    for file in files {
        let name = file.display().to_string();
        let read = std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|xml| alerts::feed::read(&xml).map_err(|e| e.to_string()));
        match read {
            Ok(alerts::feed::Document::Alert(alert)) => {
                describe_alert(&mut out, &name, &alert, &place, &threshold, now);
            }
            Ok(alerts::feed::Document::Feed(entries)) => {
                for (i, entry) in entries.iter().enumerate() {
                    let name = format!("{name} entry {}", i + 1);
                    match entry {
                        alerts::feed::Entry::Alert(alert) => {
                            describe_alert(&mut out, &name, alert, &place, &threshold, now);
                        }
                        alerts::feed::Entry::Link(link) => {
                            let _ = writeln!(out, "{name}: links to {link} (check that file)");
                        }
                        alerts::feed::Entry::Invalid(e) => {
                            unreadable = true;
                            let _ = writeln!(out, "{name}: cannot read: {e}");
                        }
                    }
                }
            }
            Err(e) => {
                unreadable = true;
                let _ = writeln!(out, "{name}: cannot read: {e}");
            }
        }
    }
    (out, unreadable)
}

/// One line for what becomes of `alert` (and one per language it would be told in).
fn describe_alert(
    out: &mut String,
    name: &str,
    alert: &alerts::Alert,
    place: &alerts::Place,
    threshold: &alerts::Threshold,
    now: DateTime<Utc>,
) {
    use std::fmt::Write as _;
    match alerts::assess(alert, place, threshold, now) {
        alerts::Verdict::Tell { msg_type, infos } => {
            let _ = writeln!(out, "{name}: tell ({msg_type:?} {})", alert.identifier);
            for info in infos {
                let _ = writeln!(
                    out,
                    "  {}: {} ({:?}, {:?}, {:?}{})",
                    info.language,
                    info.headline.as_deref().unwrap_or(&info.event),
                    info.severity,
                    info.urgency,
                    info.certainty,
                    info.expires
                        .map(|e| format!(", until {}", e.to_rfc3339()))
                        .unwrap_or_default()
                );
            }
        }
        alerts::Verdict::Cancel { references } => {
            let named: Vec<&str> = references.iter().map(|r| r.identifier.as_str()).collect();
            let _ = writeln!(out, "{name}: cancel {}", named.join(", "));
        }
        alerts::Verdict::Skip(why) => {
            let _ = writeln!(out, "{name}: skip: {why}");
        }
    }
}

fn flows(command: FlowsCommand, settings: &Settings) -> anyhow::Result<ExitCode> {
    match command {
        FlowsCommand::Check {
            args,
            today,
            report: html,
            links,
            links_timeout,
        } => {
            let (dir, locales) = args.folders(settings);
            let today = match today {
                Some(text) => {
                    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").with_context(|| {
                        format!("--today takes a date like 2026-12-16, not `{text}`")
                    })?
                }
                None => Utc::now()
                    .with_timezone(&crate::calendar::TIME_ZONE)
                    .date_naive(),
            };
            let policy = crate::flows::review::Policy {
                today,
                stale_months: settings.check.stale_months,
                gulpease_min: settings.check.gulpease_min,
                flesch_min: settings.check.flesch_min,
                sentence_words_max: settings.check.sentence_words as usize,
                url_max: settings.check.url_max as usize,
            };
            let (set, mut report) = FlowSet::load(&dir, &locales, crate::channels::LIMITS);
            if let Some(set) = &set {
                let rows = crate::flows::review::review(set, &policy, &mut report);
                report.sort();
                if let Some(path) = html {
                    std::fs::write(&path, crate::flows::review::html(&rows, &policy))
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
                if links {
                    let timeout = std::time::Duration::try_from_secs_f64(links_timeout)
                        .context("--links-timeout takes a number of seconds")?;
                    let addresses = crate::flows::review::links(set);
                    let checked = addresses.len();
                    let broken = runtime()?.block_on(crate::links::check(addresses, timeout))?;
                    eprintln!("links: {checked} checked, {} do not answer", broken.len());
                    report.diagnostics.extend(broken);
                    report.sort();
                }
            }
            println!("{report}");
            Ok(if report.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        FlowsCommand::Test(args) => {
            let (dir, locales) = args.folders(settings);
            let flows = load_flows(&dir, &locales)?;
            let (tests, report) = testing::load(&dir.join("tests"));
            if report.has_errors() {
                println!("{report}");
                return Ok(ExitCode::FAILURE);
            }
            let (mut passed, mut failed) = (0, 0);
            for test in &tests {
                let result = testing::run(&flows, test);
                if result.failures.is_empty() {
                    passed += 1;
                } else {
                    failed += 1;
                    println!(
                        "FAILED {} ({}:{})",
                        test.name,
                        test.file.display(),
                        test.pos.line
                    );
                    for f in &result.failures {
                        println!("  {}", f.replace('\n', "\n    "));
                    }
                }
            }
            println!("{passed} passed, {failed} failed");
            Ok(if failed > 0 || tests.is_empty() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        FlowsCommand::Graph { args, lang } => {
            let (dir, locales) = args.folders(settings);
            let flows = load_flows(&dir, &locales)?;
            print!("{}", graph::mermaid(&flows, parse_lang(&lang)?));
            Ok(ExitCode::SUCCESS)
        }
        FlowsCommand::Explain { text, args } => {
            let (dir, locales) = args.folders(settings);
            let flows = load_flows(&dir, &locales)?;
            print!("{}", eval::explain(&flows, &text, eval_now()));
            Ok(ExitCode::SUCCESS)
        }
        FlowsCommand::Eval {
            file,
            args,
            min_emergencies,
            max_false_alarms,
            min_topical,
            min_out,
            folds,
            quiet,
            scores,
        } => {
            let (dir, locales) = args.folders(settings);
            let mut flows = load_flows(&dir, &locales)?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let cases = match eval::parse(&text) {
                Ok(cases) => cases,
                Err(errors) => {
                    for e in errors {
                        println!("{}: {e}", file.display());
                    }
                    return Ok(ExitCode::FAILURE);
                }
            };
            if scores {
                print!("{}", eval::scores(&flows, &cases, eval_now()));
                return Ok(ExitCode::SUCCESS);
            }
            let figures = match folds {
                Some(k) => eval::run_folds(&mut flows, &cases, k, eval_now()),
                None => eval::run(&flows, &cases, eval_now()),
            };
            print!("{}", figures.report(!quiet));
            let failures = figures.failures(&eval::Thresholds {
                emergencies: min_emergencies,
                max_false_alarms,
                topical: min_topical,
                out_kept: min_out,
            });
            for f in &failures {
                println!("THRESHOLD NOT MET: {f}");
            }
            Ok(if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
