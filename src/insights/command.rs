//! `sportello insights`: rolls up the closed days not rolled up yet, then reports a period.

use std::path::PathBuf;

use anyhow::Context;
use chrono::{DateTime, Days, NaiveDate, Utc};

use super::open_data::{self, Publisher};
use super::{Filter, Report, html, text};
use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::settings::Settings;
use crate::store::{Store, day_bounds, rome_day};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary for the terminal.
    Text,
    /// The daily rows behind the report.
    Csv,
    /// The report's figures.
    Json,
    /// A self-contained, printable page with charts.
    Html,
}

#[derive(Debug, Clone, clap::Args)]
pub struct InsightsArgs {
    /// First day (YYYY-MM-DD, Rome time; default: 30 days before `--to`).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (default: yesterday; today is not rolled up until it is over).
    #[arg(long)]
    pub to: Option<String>,
    /// Only this office (its id in offices.yaml): its hand-offs and its topics.
    #[arg(long)]
    pub office: Option<String>,
    /// Only this channel (telegram, whatsapp, terminal).
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// The report's language (it, en).
    #[arg(long, default_value = "it")]
    pub lang: String,
    /// Write the report to this file instead of the standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also list what was not understood, grouped by similar wording, with its trend: the
    /// citizens' words as the transcript keeps them (redacted), for editors, while the
    /// transcripts are kept.
    #[arg(long, conflicts_with = "open_data")]
    pub unanswered: bool,
    /// Print the weekly digest the operators' group receives: the last full week (Monday to
    /// Sunday), or the week of --from, against the week before.
    #[arg(long, conflicts_with_all = ["open_data", "unanswered", "output", "office", "channel"])]
    pub digest: bool,
    /// Write anonymised open data (CSV files and DCAT-AP_IT metadata) into this folder.
    #[arg(long, value_name = "DIR")]
    pub open_data: Option<PathBuf>,
    /// With --open-data: the Comune's name, as the rights holder.
    #[arg(long, requires = "open_data")]
    pub holder: Option<String>,
    /// With --open-data: the Comune's code in the IPA index (e.g. c_a000).
    #[arg(long, requires = "open_data")]
    pub holder_id: Option<String>,
    /// With --open-data: an e-mail address for questions about the data.
    #[arg(long, requires = "open_data")]
    pub contact: Option<String>,
}

fn day(text: &str) -> anyhow::Result<NaiveDate> {
    text.parse()
        .with_context(|| format!("`{text}` is not a day: write it as YYYY-MM-DD"))
}

impl InsightsArgs {
    /// The filter these arguments ask for, on the day `now` falls on.
    pub fn filter(&self, now: DateTime<Utc>) -> anyhow::Result<Filter> {
        let yesterday = rome_day(now) - Days::new(1);
        let to = self
            .to
            .as_deref()
            .map(day)
            .transpose()?
            .unwrap_or(yesterday);
        let from = match self.from.as_deref() {
            Some(f) => day(f)?,
            None => to - Days::new(29),
        };
        anyhow::ensure!(from <= to, "--from ({from}) is after --to ({to})");
        Ok(Filter {
            from,
            to,
            office: self.office.clone(),
            channel: self.channel.clone(),
        })
    }
}

/// Rolls up, reads the period and writes what was asked; returns what to print.
pub async fn run(
    args: &InsightsArgs,
    settings: &Settings,
    store: &Store,
    flows: &FlowSet,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let lang = Lang::from_tag(&args.lang)
        .with_context(|| format!("unknown language `{}`: use it or en", args.lang))?;
    if args.digest {
        let week = match &args.from {
            Some(from) => super::digest::week_of(day(from)?),
            None => super::digest::week_of(rome_day(now)) - Days::new(7),
        };
        store
            .roll_up(now, &flows.office_hours())
            .await
            .context("cannot roll up the daily statistics")?;
        let digest =
            super::digest::compose(store, flows, week, lang, settings.insights.call_share, now)
                .await
                .context("cannot compose the weekly digest")?;
        return Ok(digest.text + "\n");
    }
    let filter = args.filter(now)?;
    if let Some(office) = &filter.office {
        anyhow::ensure!(
            flows.office(office).is_some(),
            "unknown office `{office}`: see flows/offices.yaml"
        );
    }
    // The open-data publisher is checked before anything is written.
    let publisher = match &args.open_data {
        Some(_) => Some(Publisher {
            name: args
                .holder
                .clone()
                .context("--open-data needs --holder (the Comune's name)")?,
            ipa: args
                .holder_id
                .clone()
                .context("--open-data needs --holder-id (the Comune's IPA code)")?,
            contact: args
                .contact
                .clone()
                .context("--open-data needs --contact (an e-mail address)")?,
        }),
        None => None,
    };
    store
        .roll_up(now, &flows.office_hours())
        .await
        .context("cannot roll up the daily statistics")?;
    let rows = store
        .insights(filter.from, filter.to)
        .await
        .context("cannot read the daily statistics")?;
    let mut report = Report::build(&rows, filter, flows, lang, settings.insights.call_share);
    if args.unanswered {
        let (since, _) = day_bounds(report.filter.from);
        let misses = store
            .unanswered(DateTime::from_timestamp_millis(since).unwrap_or(now))
            .await
            .context("cannot read the unanswered messages")?;
        report.add_unanswered(&misses);
    }
    if let (Some(dir), Some(publisher)) = (&args.open_data, publisher) {
        let files = open_data::write(dir, &rows, &report, flows, &publisher, rome_day(now))?;
        return Ok(format!(
            "{}\n",
            report.t(
                flows,
                "insights-open-data-written",
                &[
                    ("dir", &dir.display().to_string()),
                    ("files", &files.len().to_string()),
                ],
            )
        ));
    }
    let out = match args.format {
        Format::Text => text::summary(&report, flows),
        Format::Csv => text::csv(&rows, &report, flows),
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Html => html::page(&report, flows),
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &out)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(String::new())
        }
        None => Ok(out),
    }
}
