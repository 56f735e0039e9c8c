//! Emergency alerts from the Common Alerting Protocol: which alerts of a feed concern the
//! Comune, and in which languages they can be told to its citizens. Reading is in [`cap`] (one
//! alert) and [`feed`] (a source holding one alert or an Atom or RSS feed of them); the
//! geometry (is the Comune inside a polygon or a circle) in [`area`].

pub mod area;
pub mod cap;
pub mod feed;

use chrono::{DateTime, Utc};

pub use cap::{
    Alert, Area, CapError, Certainty, Info, MsgType, Point, Reference, Scope, Severity, Status,
    Urgency, parse,
};

/// Where the Comune is: a point inside it (the town hall, say), how far its territory reaches
/// from there, and its ISTAT code for alerts that name areas by code.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub point: Point,
    /// Kilometres from `point` to the farthest edge of the territory: an alert whose area comes
    /// that close concerns the Comune.
    pub reach_km: f64,
    /// The six-digit ISTAT code of the Comune (e.g. `048017`).
    pub istat: Option<String>,
}

/// The least an alert must be, on each scale, to reach citizens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    pub severity: Severity,
    pub urgency: Urgency,
    pub certainty: Certainty,
}

impl Default for Threshold {
    /// Severe or worse, expected or sooner, likely or observed: the alerts a public warning
    /// system pushes to phones (an orange or red alert, not a yellow one).
    fn default() -> Self {
        Threshold {
            severity: Severity::Severe,
            urgency: Urgency::Expected,
            certainty: Certainty::Likely,
        }
    }
}

/// Why an alert does not reach citizens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    /// An exercise, a test, a system message or a draft.
    NotActual(Status),
    /// Restricted or private.
    NotPublic,
    /// An acknowledgement or an error message between systems.
    NotForCitizens(MsgType),
    /// A cancellation that names no earlier message.
    CancelsNothing,
    /// Every part that concerns the Comune has expired.
    Expired,
    /// No area covers the Comune.
    Elsewhere,
    /// It covers the Comune but is below the threshold on some scale.
    BelowThreshold,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skipped::NotActual(status) => write!(f, "not an actual alert ({status:?})"),
            Skipped::NotPublic => f.write_str("not public"),
            Skipped::NotForCitizens(kind) => write!(f, "a message between systems ({kind:?})"),
            Skipped::CancelsNothing => f.write_str("a cancellation that names no earlier alert"),
            Skipped::Expired => f.write_str("expired"),
            Skipped::Elsewhere => f.write_str("no area of it covers the Comune"),
            Skipped::BelowThreshold => {
                f.write_str("below the threshold of severity, urgency or certainty")
            }
        }
    }
}

/// What to do with an alert.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<'a> {
    /// A new alert, or an update of one, for the Comune's citizens: the parts (one per
    /// language) that concern it.
    Tell {
        msg_type: MsgType,
        infos: Vec<&'a Info>,
    },
    /// The earlier alerts named are withdrawn: whoever was told is told so.
    Cancel {
        references: &'a [Reference],
    },
    Skip(Skipped),
}

/// Decides whether `alert` concerns the Comune at `place`, at the time `now`.
///
/// A cancellation is passed on whatever its areas say: it reaches those who were told of the
/// alerts it names, which the caller looks up. Everything else must be actual, public, cover
/// the Comune, not have expired, and meet `threshold` on every scale.
pub fn assess<'a>(
    alert: &'a Alert,
    place: &Place,
    threshold: &Threshold,
    now: DateTime<Utc>,
) -> Verdict<'a> {
    if alert.status != Status::Actual {
        return Verdict::Skip(Skipped::NotActual(alert.status));
    }
    if alert.scope != Scope::Public {
        return Verdict::Skip(Skipped::NotPublic);
    }
    match alert.msg_type {
        MsgType::Ack | MsgType::Error => {
            return Verdict::Skip(Skipped::NotForCitizens(alert.msg_type));
        }
        MsgType::Cancel if alert.references.is_empty() => {
            return Verdict::Skip(Skipped::CancelsNothing);
        }
        MsgType::Cancel => {
            return Verdict::Cancel {
                references: &alert.references,
            };
        }
        MsgType::Alert | MsgType::Update => {}
    }
    let here: Vec<&Info> = alert
        .infos
        .iter()
        .filter(|i| i.areas.iter().any(|a| area::covers(a, place)))
        .collect();
    if here.is_empty() {
        return Verdict::Skip(Skipped::Elsewhere);
    }
    let current: Vec<&Info> = here
        .into_iter()
        .filter(|i| i.expires.is_none_or(|e| e > now))
        .collect();
    if current.is_empty() {
        return Verdict::Skip(Skipped::Expired);
    }
    let serious: Vec<&Info> = current
        .into_iter()
        .filter(|i| {
            i.severity >= threshold.severity
                && i.urgency >= threshold.urgency
                && i.certainty >= threshold.certainty
        })
        .collect();
    if serious.is_empty() {
        return Verdict::Skip(Skipped::BelowThreshold);
    }
    Verdict::Tell {
        msg_type: alert.msg_type,
        infos: serious,
    }
}

/// The part of a told alert in the citizen's language (`it`, `en`), else in Italian, else the
/// first.
pub fn in_language<'a>(infos: &[&'a Info], lang: &str) -> Option<&'a Info> {
    let speaks = |l: &str| {
        let l = l.to_owned();
        move |i: &&&Info| {
            i.language
                .split('-')
                .next()
                .is_some_and(|p| p.eq_ignore_ascii_case(&l))
        }
    };
    infos
        .iter()
        .find(speaks(lang))
        .or_else(|| infos.iter().find(speaks("it")))
        .or_else(|| infos.first())
        .copied()
}

#[cfg(test)]
mod tests;
