//! `sportello insights --open-data DIR`: anonymised CSV files of a period and a metadata file
//! with the DCAT-AP_IT fields a Comune's open-data portal asks for. Every cell that counts
//! fewer than `MIN_CELL` (citizens, conversations, messages, ratings) is left empty, and so is
//! a mean over fewer than `MIN_CELL` cases.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use super::Report;
use super::text::cell;
use crate::flows::FlowSet;
use crate::store::{InsightRow, metric};

/// The smallest count published.
pub const MIN_CELL: i64 = 5;

/// Who publishes the data: DCAT-AP_IT's rights holder and contact point.
#[derive(Debug, Clone)]
pub struct Publisher {
    /// The Comune's name, e.g. "Comune di Esempio".
    pub name: String,
    /// Its code in the IPA index (Indice delle Pubbliche Amministrazioni), e.g. `c_a000`.
    pub ipa: String,
    /// An e-mail address for questions about the data.
    pub contact: String,
}

/// A count as published: empty under `MIN_CELL` (zero stays zero: nobody is counted).
pub fn suppressed(n: i64) -> String {
    if n > 0 && n < MIN_CELL {
        String::new()
    } else {
        n.to_string()
    }
}

fn mean(total: f64, n: i64) -> String {
    if n < MIN_CELL {
        String::new()
    } else {
        format!("{:.1}", total / n as f64)
    }
}

fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = header.join(",");
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Per day, channel and language: conversations, messages, new and returning citizens.
fn daily(rows: &[InsightRow], r: &Report, flows: &FlowSet) -> String {
    const COLUMNS: [&str; 5] = [
        metric::CONVERSATIONS,
        metric::MESSAGES_IN,
        metric::MESSAGES_OUT,
        metric::CITIZENS_NEW,
        metric::CITIZENS_RETURNING,
    ];
    let mut table: BTreeMap<(NaiveDate, &str, &str), [i64; 5]> = BTreeMap::new();
    for row in rows.iter().filter(|row| r.keeps(row, flows)) {
        if let Some(i) = COLUMNS.iter().position(|m| *m == row.metric) {
            table.entry((row.day, &row.channel, &row.lang)).or_default()[i] += row.value;
        }
    }
    let rows: Vec<Vec<String>> = table
        .into_iter()
        .map(|((day, channel, lang), v)| {
            [day.to_string(), channel.to_owned(), lang.to_owned()]
                .into_iter()
                .chain(v.iter().map(|n| suppressed(*n)))
                .collect()
        })
        .collect();
    csv(
        &[
            "giorno",
            "canale",
            "lingua",
            "conversazioni",
            "messaggi_ricevuti",
            "messaggi_inviati",
            "cittadini_nuovi",
            "cittadini_ritornati",
        ],
        &rows,
    )
}

fn topics(r: &Report) -> String {
    let rows: Vec<Vec<String>> = r
        .topics
        .iter()
        .map(|t| {
            vec![
                t.flow.clone(),
                t.title.clone(),
                suppressed(t.conversations),
                suppressed(t.resolved),
                suppressed(t.handed_off),
            ]
        })
        .collect();
    csv(
        &[
            "argomento",
            "titolo",
            "conversazioni",
            "risolte_assistente",
            "passate_operatore",
        ],
        &rows,
    )
}

fn offices(r: &Report) -> String {
    let rows: Vec<Vec<String>> = r
        .offices
        .iter()
        .map(|o| {
            let ratings: i64 = o.ratings.iter().sum();
            vec![
                o.office.clone(),
                o.name.clone(),
                suppressed(o.handoffs),
                mean(
                    o.first_reply_minutes.unwrap_or(0.0) * o.first_replies as f64,
                    o.first_replies,
                ),
                mean(
                    o.first_reply_open_minutes.unwrap_or(0.0) * o.first_replies_timed as f64,
                    o.first_replies_timed,
                ),
                suppressed(ratings),
                mean(o.rating_mean.unwrap_or(0.0) * ratings as f64, ratings),
            ]
        })
        .collect();
    csv(
        &[
            "ufficio",
            "nome",
            "passaggi_operatore",
            "attesa_prima_risposta_minuti",
            "attesa_prima_risposta_orario_ufficio_minuti",
            "valutazioni",
            "valutazione_media",
        ],
        &rows,
    )
}

fn emergencies(r: &Report) -> String {
    let rows: Vec<Vec<String>> = r
        .emergencies
        .iter()
        .map(|(kind, n)| vec![kind.clone(), suppressed(*n)])
        .collect();
    csv(&["tipo", "emergenze"], &rows)
}

/// Writes the files into `dir` (created if missing) and returns their paths.
pub fn write(
    dir: &Path,
    rows: &[InsightRow],
    r: &Report,
    flows: &FlowSet,
    publisher: &Publisher,
    today: NaiveDate,
) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let files = [
        ("conversazioni-giornaliere.csv", daily(rows, r, flows)),
        ("argomenti.csv", topics(r)),
        ("uffici.csv", offices(r)),
        ("emergenze.csv", emergencies(r)),
    ];
    let mut written = Vec::new();
    let mut distributions = Vec::new();
    for (name, content) in &files {
        let path = dir.join(name);
        std::fs::write(&path, content)
            .with_context(|| format!("cannot write {}", path.display()))?;
        distributions.push(serde_json::json!({
            "@type": "dcat:Distribution",
            "dct:title": name,
            "dct:format": "http://publications.europa.eu/resource/authority/file-type/CSV",
            "dcat:mediaType": "text/csv",
            "dcat:accessURL": name,
            "dcat:downloadURL": name,
            "dcat:byteSize": content.len(),
            "dct:license": "https://creativecommons.org/licenses/by/4.0/",
        }));
        written.push(path);
    }
    let (from, to) = (r.filter.from.to_string(), r.filter.to.to_string());
    let metadata = serde_json::json!({
        "@context": {
            "dct": "http://purl.org/dc/terms/",
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcatapit": "http://dati.gov.it/onto/dcatapit#",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@type": "dcatapit:Dataset",
        "dct:identifier": format!("{}:sportello-statistiche-{from}-{to}", publisher.ipa),
        "dct:title": r.t(flows, "insights-open-data-title", &[]),
        "dct:description": r.t(
            flows,
            "insights-open-data-description",
            &[("min", &MIN_CELL.to_string())],
        ),
        "dct:issued": today.to_string(),
        "dct:modified": today.to_string(),
        "dcat:theme": "http://publications.europa.eu/resource/authority/data-theme/GOVE",
        "dct:accrualPeriodicity":
            "http://publications.europa.eu/resource/authority/frequency/IRREG",
        "dct:language": "http://publications.europa.eu/resource/authority/language/ITA",
        "dcat:keyword": ["sportello digitale", "servizi al cittadino", "statistiche"],
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": from,
            "dcat:endDate": to,
        },
        "dct:rightsHolder": {
            "@type": "dcatapit:Agent",
            "foaf:name": publisher.name,
            "dct:identifier": publisher.ipa,
        },
        "dct:publisher": {
            "@type": "dcatapit:Agent",
            "foaf:name": publisher.name,
            "dct:identifier": publisher.ipa,
        },
        "dcat:contactPoint": {
            "@type": "dcatapit:Organization",
            "vcard:fn": publisher.name,
            "vcard:hasEmail": format!("mailto:{}", publisher.contact),
        },
        "dcat:distribution": distributions,
    });
    let path = dir.join("metadati.json");
    std::fs::write(&path, serde_json::to_string_pretty(&metadata)?)
        .with_context(|| format!("cannot write {}", path.display()))?;
    written.push(path);
    Ok(written)
}
