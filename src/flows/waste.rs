//! Door-to-door waste collection by zone (`waste.yaml`): which streets and house numbers make
//! each zone, what each zone has collected on each weekday, and the days that differ
//! (holidays, moved days). Plain data and the two questions asked of it: which zone an address
//! is in (`Waste::locate`), and what a zone has collected on a date (`Waste::collected`).

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, Weekday};

use super::Name;
use crate::diag::Pos;

/// The collection calendar of `waste.yaml`.
#[derive(Debug, Clone)]
pub struct Waste {
    pub file: PathBuf,
    /// The topic of `topics.yaml` whose subscribers get the evening reminder.
    pub topic: Option<Name>,
    pub materials: Vec<Material>,
    pub zones: Vec<Zone>,
    pub exceptions: Vec<Exception>,
}

/// What is collected (organic, paper...): its id and the Fluent id of its name.
#[derive(Debug, Clone)]
pub struct Material {
    pub id: String,
    pub pos: Pos,
    pub name: Name,
}

#[derive(Debug, Clone)]
pub struct Zone {
    pub id: String,
    pub pos: Pos,
    /// Fluent id of the zone's name.
    pub name: Name,
    pub streets: Vec<Street>,
    /// Per weekday, the materials collected (ids as written, checked by `flows check`).
    pub days: Vec<CollectionDay>,
}

#[derive(Debug, Clone)]
pub struct CollectionDay {
    pub weekday: Weekday,
    pub pos: Pos,
    pub materials: Vec<Name>,
}

/// A street, or the part of it (a range of house numbers, one side) that belongs to a zone.
#[derive(Debug, Clone)]
pub struct Street {
    /// As written ("Via Roma").
    pub name: String,
    pub pos: Pos,
    /// The words that tell the street apart, folded ("roma"): what a citizen writes.
    pub key: String,
    /// House numbers from and to, both included; `None`: the whole street.
    pub numbers: Option<(u32, u32)>,
    pub side: Side,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Both,
    Odd,
    Even,
}

impl Side {
    fn has(self, number: u32) -> bool {
        match self {
            Side::Both => true,
            Side::Odd => !number.is_multiple_of(2),
            Side::Even => number.is_multiple_of(2),
        }
    }

    /// Whether two sides share a house number.
    pub fn meets(self, other: Side) -> bool {
        self == Side::Both || other == Side::Both || self == other
    }
}

impl Street {
    /// As `waste.yaml` writes it: "Via Roma 1-99 dispari".
    pub fn written(&self) -> String {
        let mut out = self.name.clone();
        if let Some((from, to)) = self.numbers {
            out.push_str(&format!(" {from}-{to}"));
        }
        match self.side {
            Side::Both => {}
            Side::Odd => out.push_str(" dispari"),
            Side::Even => out.push_str(" pari"),
        }
        out
    }

    /// Whether the house number is on this part of the street.
    pub fn holds(&self, number: u32) -> bool {
        self.numbers
            .is_none_or(|(from, to)| (from..=to).contains(&number))
            && self.side.has(number)
    }

    /// Whether this part of the street and another share a house number.
    pub fn overlaps(&self, other: &Street) -> bool {
        if self.key != other.key || !self.side.meets(other.side) {
            return false;
        }
        match (self.numbers, other.numbers) {
            (Some((a, b)), Some((c, d))) => a <= d && c <= b,
            _ => true,
        }
    }
}

/// A day that differs from the weekly calendar: nothing is collected on `date` in `zones`
/// (every zone when empty), and, with `moved_to`, what would have been is collected then.
#[derive(Debug, Clone)]
pub struct Exception {
    pub date: NaiveDate,
    pub pos: Pos,
    pub zones: Vec<Name>,
    pub moved_to: Option<NaiveDate>,
}

impl Exception {
    fn covers(&self, zone: &str) -> bool {
        self.zones.is_empty() || self.zones.iter().any(|z| z.text == zone)
    }
}

/// Where an address is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located<'a> {
    Zone(&'a str),
    /// The street is known and crosses zones: the house number decides.
    NeedNumber,
    /// No street of the calendar in the text.
    Unknown,
}

/// The words of a street's name that say what kind of place it is, not which.
const STREET_KINDS: &[&str] = &[
    "via",
    "viale",
    "v",
    "piazza",
    "p",
    "piazzale",
    "corso",
    "c",
    "vicolo",
    "largo",
    "strada",
    "localita",
    "loc",
    "contrada",
    "borgo",
    "frazione",
    "fraz",
    "vico",
    "salita",
    "lungofiume",
];

/// Folds text for street matching: lower case, no accents, words of letters and digits.
fn words(text: &str) -> Vec<String> {
    crate::text::matcher::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words that tell a street apart: its name without the kind of place ("Via Roma" →
/// "roma"), or the whole name when it is only that.
pub fn street_key(name: &str) -> String {
    let all = words(name);
    let kept: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .skip_while(|w| STREET_KINDS.contains(w))
        .collect();
    if kept.is_empty() {
        all.join(" ")
    } else {
        kept.join(" ")
    }
}

impl Waste {
    pub fn zone(&self, id: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }

    pub fn material(&self, id: &str) -> Option<&Material> {
        self.materials.iter().find(|m| m.id == id)
    }

    /// The zone of an address as a citizen writes it ("via Roma 12", "abito in v. garibaldi
    /// 40"): the longest street name in the text, then the first house number after it (or
    /// anywhere in the text).
    pub fn locate(&self, text: &str) -> Located<'_> {
        let text = words(text);
        let mut best: Option<(usize, usize, &str)> = None;
        for zone in &self.zones {
            for street in &zone.streets {
                let key: Vec<&str> = street.key.split(' ').collect();
                let Some(at) = text
                    .windows(key.len())
                    .position(|w| w.iter().zip(&key).all(|(a, b)| a == b))
                else {
                    continue;
                };
                if best.is_none_or(|(len, _, _)| key.len() > len) {
                    best = Some((key.len(), at + key.len(), street.key.as_str()));
                }
            }
        }
        let Some((_, after, key)) = best else {
            return Located::Unknown;
        };
        let number = text[after..]
            .iter()
            .chain(&text[..after])
            .find_map(|w| w.parse::<u32>().ok());
        let parts = self.zones.iter().flat_map(|z| {
            z.streets
                .iter()
                .filter(move |s| s.key == key)
                .map(move |s| (z.id.as_str(), s))
        });
        let zones: Vec<(&str, &Street)> = parts.collect();
        match number {
            Some(n) => zones
                .iter()
                .find(|(_, s)| s.holds(n))
                .map_or(Located::Unknown, |(z, _)| Located::Zone(z)),
            None => {
                let first = zones[0].0;
                if zones.iter().all(|(z, _)| *z == first) {
                    Located::Zone(first)
                } else {
                    Located::NeedNumber
                }
            }
        }
    }

    /// The materials collected in `zone` on `date`: the weekday's, unless the date is an
    /// exception for the zone, plus those moved to this date.
    pub fn collected(&self, zone: &str, date: NaiveDate) -> Vec<&Material> {
        let Some(z) = self.zone(zone) else {
            return Vec::new();
        };
        let regular = |day: NaiveDate| -> Vec<&Name> {
            z.days
                .iter()
                .filter(|d| d.weekday == day.weekday())
                .flat_map(|d| &d.materials)
                .collect()
        };
        let skipped = self
            .exceptions
            .iter()
            .any(|e| e.date == date && e.covers(zone));
        let mut names: Vec<&Name> = if skipped { Vec::new() } else { regular(date) };
        for moved in self
            .exceptions
            .iter()
            .filter(|e| e.moved_to == Some(date) && e.covers(zone))
        {
            names.extend(regular(moved.date));
        }
        let mut out: Vec<&Material> = Vec::new();
        for name in names {
            if let Some(m) = self.material(&name.text)
                && !out.iter().any(|o| o.id == m.id)
            {
                out.push(m);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> Name {
        Name {
            text: text.into(),
            pos: Pos::new(1, 1),
        }
    }

    fn street(name: &str, numbers: Option<(u32, u32)>, side: Side) -> Street {
        Street {
            name: name.into(),
            pos: Pos::new(1, 1),
            key: street_key(name),
            numbers,
            side,
        }
    }

    fn day(weekday: Weekday, materials: &[&str]) -> CollectionDay {
        CollectionDay {
            weekday,
            pos: Pos::new(1, 1),
            materials: materials.iter().map(|m| name(m)).collect(),
        }
    }

    fn waste() -> Waste {
        let material = |id: &str| Material {
            id: id.into(),
            pos: Pos::new(1, 1),
            name: name(id),
        };
        Waste {
            file: PathBuf::from("waste.yaml"),
            topic: None,
            materials: vec![material("carta"), material("organico"), material("vetro")],
            zones: vec![
                Zone {
                    id: "centro".into(),
                    pos: Pos::new(1, 1),
                    name: name("centro"),
                    streets: vec![
                        street("Via Roma", Some((1, 99)), Side::Both),
                        street("Piazza del Municipio", None, Side::Both),
                        street("Via Garibaldi", None, Side::Odd),
                    ],
                    days: vec![
                        day(Weekday::Mon, &["organico"]),
                        day(Weekday::Fri, &["carta"]),
                    ],
                },
                Zone {
                    id: "nord".into(),
                    pos: Pos::new(1, 1),
                    name: name("nord"),
                    streets: vec![
                        street("Via Roma", Some((100, 400)), Side::Both),
                        street("Via Garibaldi", None, Side::Even),
                    ],
                    days: vec![day(Weekday::Tue, &["organico", "vetro"])],
                },
            ],
            exceptions: vec![Exception {
                // A Friday: paper moves to Saturday, in the centre only.
                date: NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(),
                pos: Pos::new(1, 1),
                zones: vec![name("centro")],
                moved_to: NaiveDate::from_ymd_opt(2026, 12, 26),
            }],
        }
    }

    #[test]
    fn an_address_is_found_however_it_is_written() {
        let w = waste();
        for (text, zone) in [
            ("via Roma 12", Located::Zone("centro")),
            ("abito in VIA ROMA, 150", Located::Zone("nord")),
            ("v. roma n 99", Located::Zone("centro")),
            ("piazza del municipio", Located::Zone("centro")),
            ("Piazza del Municipio 3, scala B", Located::Zone("centro")),
            ("via garibaldi 7", Located::Zone("centro")),
            ("via garibaldi 8", Located::Zone("nord")),
            ("via garibaldi", Located::NeedNumber),
            ("via roma", Located::NeedNumber),
            ("via Roma 1000", Located::Unknown),
            ("via dei Mille 3", Located::Unknown),
            ("12 via roma", Located::Zone("centro")),
        ] {
            assert_eq!(w.locate(text), zone, "{text}");
        }
    }

    #[test]
    fn a_holiday_moves_the_collection_only_where_it_applies() {
        let w = waste();
        let date = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let ids = |zone, d| -> Vec<String> {
            w.collected(zone, date(d))
                .iter()
                .map(|m| m.id.clone())
                .collect()
        };
        assert_eq!(ids("centro", 21), ["organico"]);
        assert_eq!(ids("centro", 18), ["carta"]);
        assert!(ids("centro", 25).is_empty(), "Christmas: nothing");
        assert_eq!(ids("centro", 26), ["carta"], "moved to Saturday");
        assert_eq!(ids("nord", 22), ["organico", "vetro"]);
        assert!(ids("nord", 26).is_empty(), "the exception is the centre's");
        assert!(ids("sud", 21).is_empty(), "unknown zone");
    }

    #[test]
    fn parts_of_a_street_overlap_only_where_they_share_a_number() {
        let a = street("Via Roma", Some((1, 99)), Side::Both);
        assert!(a.overlaps(&street("via roma", Some((99, 120)), Side::Both)));
        assert!(!a.overlaps(&street("Via Roma", Some((100, 120)), Side::Both)));
        assert!(a.overlaps(&street("Via Roma", None, Side::Even)));
        let odd = street("Via Roma", None, Side::Odd);
        assert!(!odd.overlaps(&street("Via Roma", None, Side::Even)));
        assert!(!a.overlaps(&street("Via Verdi", Some((1, 99)), Side::Both)));
        assert_eq!(street_key("Via dei Mille"), "dei mille");
        assert_eq!(street_key("Località Case Nuove"), "case nuove");
    }
}
