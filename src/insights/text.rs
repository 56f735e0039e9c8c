//! The report as tables (the one shape the terminal summary and the HTML page both show), and
//! as CSV: the daily rows behind it.

use std::fmt::Write;

use super::Report;
use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::store::InsightRow;

/// One table of the report: a title, its column headers and rows of cells; `chart` says
/// which column (numeric) a bar chart draws, labelled by the first column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub chart: Option<usize>,
}

/// A number as the report's language writes it: `1.234` and `2,5` in Italian, `1,234` and
/// `2.5` in English.
pub fn number(lang: Lang, value: f64, decimals: usize) -> String {
    let plain = format!("{value:.decimals$}");
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let (neg, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let (group, point) = match lang {
        Lang::It => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::from(neg);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

fn int(lang: Lang, v: i64) -> String {
    number(lang, v as f64, 0)
}

/// The report's tables, in the order they are shown.
pub fn tables(r: &Report, flows: &FlowSet) -> Vec<Table> {
    let t = |id: &str| r.t(flows, id, &[]);
    let n = |v: i64| int(r.lang, v);
    let minutes = |m: Option<f64>| {
        m.map(|m| {
            r.t(
                flows,
                "insights-minutes",
                &[("minutes", &number(r.lang, m, 1))],
            )
        })
        .unwrap_or_default()
    };
    let to = &r.totals;
    let mut out = vec![Table {
        title: t("insights-overview"),
        headers: vec![t("insights-figure"), t("insights-value")],
        rows: [
            ("insights-conversations", to.conversations),
            ("insights-messages-in", to.messages_in),
            ("insights-messages-out", to.messages_out),
            ("insights-citizens-new", to.citizens_new),
            ("insights-citizens-returning", to.citizens_returning),
            ("insights-resolved", to.resolved),
            ("insights-handed-off", to.handed_off),
            ("insights-repeated", to.repeated),
            ("insights-dropped", to.dropped),
            ("insights-emergencies", to.emergencies),
            ("insights-not-understood", to.not_understood),
            ("insights-calls-avoided", to.calls_avoided),
        ]
        .into_iter()
        .map(|(id, v)| vec![t(id), n(v)])
        .collect(),
        chart: None,
    }];
    let simple = |title: &str,
                  head: &str,
                  map: &std::collections::BTreeMap<String, i64>,
                  label: &dyn Fn(&str) -> String| Table {
        title: t(title),
        headers: vec![t(head), t("insights-count")],
        rows: map.iter().map(|(k, v)| vec![label(k), n(*v)]).collect(),
        chart: Some(1),
    };
    let same = |k: &str| k.to_owned();
    out.push(simple(
        "insights-by-channel",
        "insights-channel",
        &r.by_channel,
        &same,
    ));
    out.push(simple(
        "insights-by-lang",
        "insights-lang",
        &r.by_lang,
        &same,
    ));
    let mut hours = Table {
        title: t("insights-by-hour"),
        headers: std::iter::once(t("insights-weekday"))
            .chain((0..24).map(|h| format!("{h:02}")))
            .collect(),
        rows: Vec::new(),
        chart: None,
    };
    for (d, row) in r.by_hour.iter().enumerate() {
        let day = r.t(flows, &format!("common-weekday-{}", d + 1), &[]);
        hours.rows.push(
            std::iter::once(day)
                .chain(row.iter().map(|v| n(*v)))
                .collect(),
        );
    }
    out.push(hours);
    out.push(Table {
        title: t("insights-trend"),
        headers: vec![
            t("insights-day"),
            t("insights-conversations"),
            t("insights-resolved"),
            t("insights-handed-off"),
            t("insights-not-understood"),
        ],
        rows: r
            .days
            .iter()
            .map(|d| {
                vec![
                    d.day.to_string(),
                    n(d.conversations),
                    n(d.resolved),
                    n(d.handed_off),
                    n(d.not_understood),
                ]
            })
            .collect(),
        chart: Some(1),
    });
    out.push(Table {
        title: t("insights-topics"),
        headers: vec![
            t("insights-topic"),
            t("insights-conversations"),
            t("insights-resolved"),
            t("insights-handed-off"),
            t("insights-repeated"),
            t("insights-dropped"),
            t("insights-steps-shown"),
        ],
        rows: r
            .topics
            .iter()
            .map(|tp| {
                vec![
                    tp.title.clone(),
                    n(tp.conversations),
                    n(tp.resolved),
                    n(tp.handed_off),
                    n(tp.repeated),
                    n(tp.dropped),
                    n(tp.steps_shown),
                ]
            })
            .collect(),
        chart: Some(1),
    });
    out.push(Table {
        title: t("insights-drop-offs"),
        headers: vec![t("insights-step"), t("insights-count")],
        rows: r
            .drop_offs
            .iter()
            .map(|d| vec![format!("{}.{}", d.flow, d.step), n(d.conversations)])
            .collect(),
        chart: Some(1),
    });
    out.push(Table {
        title: t("insights-offices"),
        headers: vec![
            t("insights-office"),
            t("insights-handoffs"),
            t("insights-reason"),
            t("insights-first-reply"),
            t("insights-first-reply-open"),
            t("insights-late"),
            t("insights-close"),
            t("insights-close-open"),
            t("insights-ratings"),
            t("insights-rating-mean"),
        ],
        rows: r
            .offices
            .iter()
            .map(|o| {
                let reasons = o
                    .reasons
                    .iter()
                    .map(|(k, v)| format!("{}: {}", t(&format!("insights-reason-{k}")), n(*v)))
                    .collect::<Vec<_>>()
                    .join("; ");
                vec![
                    o.name.clone(),
                    n(o.handoffs),
                    reasons,
                    minutes(o.first_reply_minutes),
                    minutes(o.first_reply_open_minutes),
                    n(o.first_replies_late),
                    minutes(o.close_minutes),
                    minutes(o.close_open_minutes),
                    n(o.ratings.iter().sum()),
                    o.rating_mean
                        .map(|m| number(r.lang, m, 1))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
        chart: Some(1),
    });
    out.push(simple(
        "insights-emergency-kinds",
        "insights-kind",
        &r.emergencies,
        &same,
    ));
    let miss = |k: &str| t(&format!("insights-miss-{k}"));
    out.push(simple(
        "insights-not-understood-reasons",
        "insights-reason",
        &r.not_understood,
        &miss,
    ));
    out.push(Table {
        title: t("insights-unanswered"),
        headers: vec![
            t("insights-wording"),
            t("insights-count"),
            t("insights-first-half"),
            t("insights-second-half"),
        ],
        rows: r
            .unanswered
            .iter()
            .map(|w| {
                vec![
                    w.text.clone(),
                    n(w.count as i64),
                    n(w.first_half as i64),
                    n(w.second_half as i64),
                ]
            })
            .collect(),
        chart: None,
    });
    out
}

/// The lines above the tables: title, period, filters, and the note on the estimate.
pub fn heading(r: &Report, flows: &FlowSet) -> Vec<String> {
    let mut lines = vec![
        r.t(flows, "insights-title", &[]),
        r.t(
            flows,
            "insights-period",
            &[
                ("from", &r.filter.from.to_string()),
                ("to", &r.filter.to.to_string()),
            ],
        ),
    ];
    if let Some(office) = &r.filter.office {
        lines.push(r.t(flows, "insights-filter-office", &[("office", office)]));
    }
    if let Some(channel) = &r.filter.channel {
        lines.push(r.t(flows, "insights-filter-channel", &[("channel", channel)]));
    }
    lines
}

/// The note under the overview: how calls avoided are estimated.
pub fn calls_note(r: &Report, flows: &FlowSet) -> String {
    r.t(
        flows,
        "insights-calls-note",
        &[("share", &number(r.lang, r.call_share, 2))],
    )
}

/// The terminal summary: the tables as aligned text, empty ones left out.
pub fn summary(r: &Report, flows: &FlowSet) -> String {
    let mut out = heading(r, flows).join("\n");
    out.push('\n');
    if r.totals.conversations == 0 && r.days.is_empty() {
        out.push('\n');
        out.push_str(&r.t(flows, "insights-none", &[]));
        out.push('\n');
        return out;
    }
    for (i, table) in tables(r, flows).iter().enumerate() {
        if table.rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", table.title);
        let cols = table.headers.len();
        let width: Vec<usize> = (0..cols)
            .map(|c| {
                std::iter::once(&table.headers)
                    .chain(&table.rows)
                    .map(|row| row.get(c).map_or(0, |s| s.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in std::iter::once(&table.headers).chain(&table.rows) {
            let line: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let pad = width[c] - cell.chars().count();
                    if c == 0 {
                        format!("{cell}{}", " ".repeat(pad))
                    } else {
                        format!("{}{cell}", " ".repeat(pad))
                    }
                })
                .collect();
            let _ = writeln!(out, "  {}", line.join("  ").trim_end());
        }
        if i == 0 {
            let _ = writeln!(out, "  {}", calls_note(r, flows));
        }
    }
    out
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180).
pub fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The daily rows behind the report, as CSV: one line per day, metric and dimensions.
pub fn csv(rows: &[InsightRow], r: &Report, flows: &FlowSet) -> String {
    let mut out = String::from("day,metric,channel,lang,flow,step,office,bucket,value\n");
    for row in rows.iter().filter(|row| r.keeps(row, flows)) {
        let cells = [
            row.day.to_string(),
            row.metric.clone(),
            row.channel.clone(),
            row.lang.clone(),
            row.flow.clone(),
            row.step.clone(),
            row.office.clone(),
            row.bucket.clone(),
            row.value.to_string(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
