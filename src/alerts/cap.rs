//! Reading a Common Alerting Protocol 1.2 message (OASIS CAP, the format of IT-alert and of the
//! civil-protection feeds) into typed values, refusing what the standard does not allow.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

/// The largest message read: real alerts are a few kilobytes, polygons included.
pub const MAX_BYTES: usize = 1024 * 1024;

/// Why a message could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CapError {
    #[error("the message is {0} bytes; at most {MAX_BYTES} are read")]
    TooLarge(usize),
    #[error("not a CAP 1.2 alert: {0}")]
    Xml(String),
    #[error("`{field}` has a value CAP 1.2 does not allow: {value:?}")]
    Value { field: &'static str, value: String },
}

/// `<status>`: only `Actual` alerts are meant for the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Actual,
    Exercise,
    System,
    Test,
    Draft,
}

/// `<msgType>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgType {
    Alert,
    Update,
    Cancel,
    Ack,
    Error,
}

/// `<scope>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Public,
    Restricted,
    Private,
}

/// `<urgency>`, least urgent first (so `>=` compares with a threshold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Unknown,
    Past,
    Future,
    Expected,
    Immediate,
}

/// `<severity>`, least severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Unknown,
    Minor,
    Moderate,
    Severe,
    Extreme,
}

/// `<certainty>`, least certain first. CAP 1.0's `Very Likely` reads as `Likely`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    Unknown,
    Unlikely,
    Possible,
    Likely,
    Observed,
}

/// One earlier message an `Update` or `Cancel` refers to (`sender,identifier,sent`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub sender: String,
    pub identifier: String,
    pub sent: String,
}

/// A point in WGS 84 degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

/// `<area>`: where an `<info>` applies.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub description: String,
    /// Closed rings of at least four points.
    pub polygons: Vec<Vec<Point>>,
    /// Centre and radius in kilometres.
    pub circles: Vec<(Point, f64)>,
    /// `(valueName, value)` pairs, e.g. an ISTAT code.
    pub geocodes: Vec<(String, String)>,
}

/// `<info>`: the alert in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    /// RFC 3066 tag; `en-US` when the message gives none.
    pub language: String,
    pub event: String,
    pub urgency: Urgency,
    pub severity: Severity,
    pub certainty: Certainty,
    pub expires: Option<DateTime<FixedOffset>>,
    pub headline: Option<String>,
    pub description: Option<String>,
    pub instruction: Option<String>,
    pub web: Option<String>,
    pub areas: Vec<Area>,
}

/// `<alert>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub identifier: String,
    pub sender: String,
    pub sent: DateTime<FixedOffset>,
    pub status: Status,
    pub msg_type: MsgType,
    pub scope: Scope,
    pub references: Vec<Reference>,
    pub infos: Vec<Info>,
}

// The document as written; element names are matched without their namespace prefix.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAlert {
    identifier: String,
    sender: String,
    sent: String,
    status: String,
    msg_type: String,
    scope: String,
    references: Option<String>,
    #[serde(default)]
    info: Vec<RawInfo>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawInfo {
    language: Option<String>,
    event: String,
    urgency: String,
    severity: String,
    certainty: String,
    expires: Option<String>,
    headline: Option<String>,
    description: Option<String>,
    instruction: Option<String>,
    web: Option<String>,
    #[serde(default)]
    area: Vec<RawArea>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawArea {
    area_desc: String,
    #[serde(default)]
    polygon: Vec<String>,
    #[serde(default)]
    circle: Vec<String>,
    #[serde(default)]
    geocode: Vec<RawGeocode>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawGeocode {
    value_name: String,
    value: String,
}

/// Reads one CAP 1.2 `<alert>`.
pub fn parse(xml: &str) -> Result<Alert, CapError> {
    if xml.len() > MAX_BYTES {
        return Err(CapError::TooLarge(xml.len()));
    }
    let raw: RawAlert = quick_xml::de::from_str(xml).map_err(|e| CapError::Xml(e.to_string()))?;
    Ok(Alert {
        identifier: raw.identifier.trim().to_owned(),
        sender: raw.sender.trim().to_owned(),
        sent: time("sent", &raw.sent)?,
        status: word(
            "status",
            &raw.status,
            &[
                ("Actual", Status::Actual),
                ("Exercise", Status::Exercise),
                ("System", Status::System),
                ("Test", Status::Test),
                ("Draft", Status::Draft),
            ],
        )?,
        msg_type: word(
            "msgType",
            &raw.msg_type,
            &[
                ("Alert", MsgType::Alert),
                ("Update", MsgType::Update),
                ("Cancel", MsgType::Cancel),
                ("Ack", MsgType::Ack),
                ("Error", MsgType::Error),
            ],
        )?,
        scope: word(
            "scope",
            &raw.scope,
            &[
                ("Public", Scope::Public),
                ("Restricted", Scope::Restricted),
                ("Private", Scope::Private),
            ],
        )?,
        references: references(raw.references.as_deref().unwrap_or(""))?,
        infos: raw.info.into_iter().map(info).collect::<Result<_, _>>()?,
    })
}

fn info(raw: RawInfo) -> Result<Info, CapError> {
    Ok(Info {
        language: raw
            .language
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "en-US".to_owned()),
        event: raw.event.trim().to_owned(),
        urgency: word("urgency", &raw.urgency, URGENCIES)?,
        severity: word("severity", &raw.severity, SEVERITIES)?,
        certainty: word("certainty", &raw.certainty, CERTAINTIES)?,
        expires: raw.expires.map(|e| time("expires", &e)).transpose()?,
        headline: text(raw.headline),
        description: text(raw.description),
        instruction: text(raw.instruction),
        web: text(raw.web),
        areas: raw.area.into_iter().map(area).collect::<Result<_, _>>()?,
    })
}

fn area(raw: RawArea) -> Result<Area, CapError> {
    Ok(Area {
        description: raw.area_desc.trim().to_owned(),
        polygons: raw
            .polygon
            .iter()
            .map(|p| polygon(p))
            .collect::<Result<_, _>>()?,
        circles: raw
            .circle
            .iter()
            .map(|c| circle(c))
            .collect::<Result<_, _>>()?,
        geocodes: raw
            .geocode
            .into_iter()
            .map(|g| (g.value_name.trim().to_owned(), g.value.trim().to_owned()))
            .collect(),
    })
}

fn text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

const URGENCIES: &[(&str, Urgency)] = &[
    ("Immediate", Urgency::Immediate),
    ("Expected", Urgency::Expected),
    ("Future", Urgency::Future),
    ("Past", Urgency::Past),
    ("Unknown", Urgency::Unknown),
];
const SEVERITIES: &[(&str, Severity)] = &[
    ("Extreme", Severity::Extreme),
    ("Severe", Severity::Severe),
    ("Moderate", Severity::Moderate),
    ("Minor", Severity::Minor),
    ("Unknown", Severity::Unknown),
];
const CERTAINTIES: &[(&str, Certainty)] = &[
    ("Observed", Certainty::Observed),
    ("Likely", Certainty::Likely),
    ("Very Likely", Certainty::Likely),
    ("Possible", Certainty::Possible),
    ("Unlikely", Certainty::Unlikely),
    ("Unknown", Certainty::Unknown),
];

/// A value of a CAP scale as the standard spells it.
fn word<T: Copy>(field: &'static str, value: &str, table: &[(&str, T)]) -> Result<T, CapError> {
    let value = value.trim();
    table
        .iter()
        .find(|(name, _)| *name == value)
        .map(|&(_, v)| v)
        .ok_or_else(|| CapError::Value {
            field,
            value: value.to_owned(),
        })
}

/// A value of a CAP scale as a person types it (`severe`, `Severe`), for settings and flags.
fn typed<T: Copy>(value: &str, table: &[(&str, T)]) -> Result<T, String> {
    table
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(value.trim()))
        .map(|&(_, v)| v)
        .ok_or_else(|| {
            let names: Vec<String> = table.iter().map(|(n, _)| n.to_lowercase()).collect();
            format!("expected one of: {}", names.join(", "))
        })
}

impl std::str::FromStr for Urgency {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        typed(s, URGENCIES)
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        typed(s, SEVERITIES)
    }
}

impl std::str::FromStr for Certainty {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        typed(s, CERTAINTIES)
    }
}

/// CAP times are RFC 3339 with an explicit offset (`-00:00` for UTC).
fn time(field: &'static str, value: &str) -> Result<DateTime<FixedOffset>, CapError> {
    DateTime::parse_from_rfc3339(value.trim()).map_err(|_| CapError::Value {
        field,
        value: value.trim().to_owned(),
    })
}

fn references(value: &str) -> Result<Vec<Reference>, CapError> {
    value
        .split_whitespace()
        .map(|r| {
            let mut parts = r.split(',');
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(sender), Some(identifier), Some(sent), None) => Ok(Reference {
                    sender: sender.to_owned(),
                    identifier: identifier.to_owned(),
                    sent: sent.to_owned(),
                }),
                _ => Err(CapError::Value {
                    field: "references",
                    value: r.to_owned(),
                }),
            }
        })
        .collect()
}

fn point(field: &'static str, value: &str) -> Result<Point, CapError> {
    let bad = || CapError::Value {
        field,
        value: value.to_owned(),
    };
    let (lat, lon) = value.split_once(',').ok_or_else(bad)?;
    let lat: f64 = lat.trim().parse().map_err(|_| bad())?;
    let lon: f64 = lon.trim().parse().map_err(|_| bad())?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(bad());
    }
    Ok(Point { lat, lon })
}

/// `lat,lon lat,lon ...`: at least four points, the first repeated last.
fn polygon(value: &str) -> Result<Vec<Point>, CapError> {
    let points = value
        .split_whitespace()
        .map(|p| point("polygon", p))
        .collect::<Result<Vec<_>, _>>()?;
    if points.len() < 4 || points.first() != points.last() {
        return Err(CapError::Value {
            field: "polygon",
            value: value.trim().to_owned(),
        });
    }
    Ok(points)
}

/// `lat,lon radius`, the radius in kilometres.
fn circle(value: &str) -> Result<(Point, f64), CapError> {
    let bad = || CapError::Value {
        field: "circle",
        value: value.trim().to_owned(),
    };
    let (centre, radius) = value
        .trim()
        .split_once(char::is_whitespace)
        .ok_or_else(bad)?;
    let radius: f64 = radius.trim().parse().map_err(|_| bad())?;
    if !(radius >= 0.0 && radius.is_finite()) {
        return Err(bad());
    }
    Ok((point("circle", centre)?, radius))
}
