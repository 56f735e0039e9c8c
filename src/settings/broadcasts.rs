//! `broadcasts_*` and `alerts_*`: announcements to subscribers (`sportello broadcast`) and
//! the emergency alerts read from a CAP feed (`broadcast::cap`).

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Deserializer};

use super::{flag, number, optional, parsed, positive, seconds, whole};
use crate::alerts::{Certainty, Severity, Urgency};

/// `broadcasts_*`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BroadcastsSettings {
    /// A broadcast on an emergency topic goes out only once a second member of staff, other
    /// than its author, approved it.
    #[serde(deserialize_with = "flag")]
    pub emergency_approval: bool,
    /// Recipients queued per transaction.
    #[serde(deserialize_with = "whole")]
    pub chunk: u32,
    /// How often the broadcast job looks for work.
    #[serde(rename = "poll_seconds", deserialize_with = "seconds")]
    pub poll: Duration,
}

impl Default for BroadcastsSettings {
    fn default() -> Self {
        BroadcastsSettings {
            emergency_approval: true,
            chunk: 1000,
            poll: Duration::from_secs(1),
        }
    }
}

/// `alerts_*`: where CAP alerts come from and which concern the Comune.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertsSettings {
    /// A URL answering one CAP 1.2 message, polled.
    #[serde(deserialize_with = "optional")]
    pub cap_url: Option<String>,
    /// A file holding one CAP 1.2 message, read at each poll.
    #[serde(deserialize_with = "path")]
    pub cap_file: Option<PathBuf>,
    #[serde(rename = "poll_seconds", deserialize_with = "seconds")]
    pub poll: Duration,
    /// A point inside the Comune (WGS 84) and how far its territory reaches, in km.
    #[serde(deserialize_with = "coordinate")]
    pub lat: Option<f64>,
    #[serde(deserialize_with = "coordinate")]
    pub lon: Option<f64>,
    #[serde(deserialize_with = "positive")]
    pub reach_km: f64,
    #[serde(deserialize_with = "optional")]
    pub istat: Option<String>,
    #[serde(deserialize_with = "severity")]
    pub min_severity: Severity,
    #[serde(deserialize_with = "urgency")]
    pub min_urgency: Urgency,
    #[serde(deserialize_with = "certainty")]
    pub min_certainty: Certainty,
    /// Send an alert that concerns the Comune at once, without a person's approval.
    #[serde(deserialize_with = "flag")]
    pub auto_send: bool,
    /// The topic whose subscribers get the alerts; default: the first emergency topic.
    #[serde(deserialize_with = "optional")]
    pub topic: Option<String>,
}

impl Default for AlertsSettings {
    fn default() -> Self {
        let threshold = crate::alerts::Threshold::default();
        AlertsSettings {
            cap_url: None,
            cap_file: None,
            poll: Duration::from_secs(60),
            lat: None,
            lon: None,
            reach_km: 5.0,
            istat: None,
            min_severity: threshold.severity,
            min_urgency: threshold.urgency,
            min_certainty: threshold.certainty,
            auto_send: false,
            topic: None,
        }
    }
}

impl AlertsSettings {
    /// Where the Comune is, when configured.
    pub fn place(&self) -> Option<crate::alerts::Place> {
        Some(crate::alerts::Place {
            point: crate::alerts::Point {
                lat: self.lat?,
                lon: self.lon?,
            },
            reach_km: self.reach_km,
            istat: self.istat.clone(),
        })
    }

    pub fn threshold(&self) -> crate::alerts::Threshold {
        crate::alerts::Threshold {
            severity: self.min_severity,
            urgency: self.min_urgency,
            certainty: self.min_certainty,
        }
    }
}

fn path<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PathBuf>, D::Error> {
    Ok(optional(d)?.map(PathBuf::from))
}

fn coordinate<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Some(number(d)?))
}

fn severity<'de, D: Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
    parsed(d, |t| {
        t.trim()
            .parse()
            .map_err(|_| "minor, moderate, severe or extreme")
    })
}

fn urgency<'de, D: Deserializer<'de>>(d: D) -> Result<Urgency, D::Error> {
    parsed(d, |t| {
        t.trim()
            .parse()
            .map_err(|_| "past, future, expected or immediate")
    })
}

fn certainty<'de, D: Deserializer<'de>>(d: D) -> Result<Certainty, D::Error> {
    parsed(d, |t| {
        t.trim()
            .parse()
            .map_err(|_| "unlikely, possible, likely or observed")
    })
}
