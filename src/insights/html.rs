//! The report as one self-contained HTML page: no external request (style inline, charts as
//! inline SVG), a `lang` attribute, headings, tables with captions and `scope`, each chart an
//! `role="img"` SVG with a title and followed by its data table, printable. The bar charts are
//! drawn here: a chart crate would bring font handling and a rendering back-end for a few
//! rectangles (docs/insights.md).

use std::fmt::Write;

use super::Report;
use super::text::{Table, calls_note, heading, tables};
use crate::flows::FlowSet;
use crate::flows::review::escape;

const STYLE: &str = "body{font-family:system-ui,sans-serif;color:#1a1a1a;max-width:60rem;\
margin:1.5rem auto;padding:0 1rem;line-height:1.4}\
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}\
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}\
caption{text-align:left;font-weight:bold;padding:.25rem 0}\
th,td{border:1px solid #999;padding:.2rem .5rem;text-align:left}\
td{text-align:right}th[scope=col]{background:#eee}\
.hours td{padding:.2rem .25rem}\
svg{display:block;max-width:100%;height:auto}\
.bar{fill:#06c}.label,.value{font-size:12px;fill:#1a1a1a}\
@media print{body{max-width:none;margin:0}section{break-inside:avoid}h2{break-after:avoid}}";

/// Bar geometry, in SVG units.
const WIDTH: usize = 640;
const LABEL: usize = 220;
const BAR: usize = 18;
const GAP: usize = 6;

/// A horizontal bar chart of `table`'s column `col`, labelled by its first column.
fn chart(table: &Table, col: usize, id: &str, title: &str) -> String {
    let values: Vec<(String, i64)> = table
        .rows
        .iter()
        .map(|row| {
            let digits: String = row
                .get(col)
                .map(|c| c.chars().filter(char::is_ascii_digit).collect())
                .unwrap_or_default();
            (row[0].clone(), digits.parse().unwrap_or(0))
        })
        .collect();
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let height = values.len() * (BAR + GAP) + GAP;
    let span = WIDTH - LABEL - 60;
    let mut svg = format!(
        "<svg role=\"img\" aria-labelledby=\"{id}\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\">\
         <title id=\"{id}\">{}</title>",
        escape(title)
    );
    for (i, (label, value)) in values.iter().enumerate() {
        let y = GAP + i * (BAR + GAP);
        let w = (*value as usize * span) / max as usize;
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"bar\" x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\"/>\
             <text class=\"value\" x=\"{}\" y=\"{}\">{}</text>",
            LABEL - 6,
            y + BAR - 5,
            escape(label),
            LABEL + w + 4,
            y + BAR - 5,
            escape(&table.rows[i][col]),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn table_html(table: &Table, class: &str) -> String {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    let mut out = format!(
        "<table{class}><caption>{}</caption><thead><tr>",
        escape(&table.title)
    );
    for h in &table.headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(cell));
            } else {
                let _ = write!(out, "<td>{}</td>", escape(cell));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The sections of `tables` (a heading, the chart, the table with its data), as the page
/// shows them and the console's insights page too; each table gets the class `class` (the
/// console's design system), and `hours` for the wide one.
pub fn sections(r: &Report, flows: &FlowSet, tables: &[Table], class: &str) -> String {
    let mut out = String::new();
    let overview = r.t(flows, "insights-overview", &[]);
    for (i, table) in tables.iter().enumerate() {
        if table.rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", escape(&table.title));
        if let Some(col) = table.chart {
            let title = r.t(flows, "insights-chart", &[("title", &table.title)]);
            out.push_str(&chart(table, col, &format!("chart-{i}"), &title));
            out.push('\n');
        }
        let class = if table.headers.len() > 10 {
            format!("{class} hours")
        } else {
            class.to_owned()
        };
        out.push_str(&table_html(table, class.trim()));
        if table.title == overview {
            let _ = write!(out, "\n<p>{}</p>", escape(&calls_note(r, flows)));
        }
        out.push_str("\n</section>\n");
    }
    out
}

/// The whole page.
pub fn page(r: &Report, flows: &FlowSet) -> String {
    let head = heading(r, flows);
    let title = head.first().cloned().unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        r.lang.code(),
        escape(&title),
        escape(&title)
    );
    for line in &head[1..] {
        let _ = writeln!(out, "<p>{}</p>", escape(line));
    }
    if r.totals.conversations == 0 && r.days.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(&r.t(flows, "insights-none", &[])));
    }
    out.push_str(&sections(r, flows, &tables(r, flows), ""));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
