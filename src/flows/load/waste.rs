//! `waste.yaml`: the door-to-door collection calendar by zone (see `flows::waste`).
//!
//! ```yaml
//! topic: rifiuti                      # its subscribers get the evening reminder
//! materials:
//!   organico: raccolta-organico        # id: the Fluent id of its name
//! zones:
//!   centro:
//!     name: raccolta-zona-centro
//!     streets:
//!       - Via Roma 1-99                  # house numbers 1 to 99
//!       - Via Garibaldi dispari          # the odd side (pari: the even side)
//!       - Piazza del Municipio           # the whole street
//!     days:
//!       mon: [organico]
//! exceptions:
//!   - date: 2026-12-25                   # nothing that day (every zone, or `zones: [...]`)
//!     moved_to: 2026-12-27               # what was due is collected then
//! ```

use super::data::WEEKDAYS as DAYS;
use super::{check_key_id, date, message_id, name, names};
use crate::diag::Pos;
use crate::flows::waste::{
    CollectionDay, Exception, Material, Side, Street, Waste, Zone, street_key,
};
use crate::flows::yaml::{Node, Reader};

const WASTE_KEYS: &[&str] = &["topic", "materials", "zones", "exceptions"];
const ZONE_KEYS: &[&str] = &["name", "streets", "days"];
const EXCEPTION_KEYS: &[&str] = &["date", "zones", "moved_to"];

pub(super) fn read_waste(r: &mut Reader<'_>, root: &Node, file: &std::path::Path) -> Waste {
    let mut waste = Waste {
        file: file.to_path_buf(),
        topic: None,
        materials: Vec::new(),
        zones: Vec::new(),
        exceptions: Vec::new(),
    };
    let Some(mut f) = r.fields(root, "the waste collection file") else {
        return waste;
    };
    waste.topic = f.get("topic").and_then(|n| name(r, n));
    if let Some(node) = f.require(r, "materials")
        && let Some(mut entries) = r.fields(node, "`materials`")
    {
        for (id, pos, node) in entries.all() {
            check_key_id(r, "material", id, pos);
            if let Some(name) = message_id(r, node) {
                waste.materials.push(Material {
                    id: id.to_string(),
                    pos,
                    name,
                });
            }
        }
    }
    if let Some(node) = f.require(r, "zones")
        && let Some(mut entries) = r.fields(node, "`zones`")
    {
        for (id, pos, node) in entries.all() {
            check_key_id(r, "zone", id, pos);
            if let Some(zone) = read_zone(r, id, pos, node) {
                waste.zones.push(zone);
            }
        }
    }
    if let Some(node) = f.get("exceptions") {
        for item in r.list(node) {
            let Some(mut e) = r.fields(item, "an exception") else {
                continue;
            };
            let day = e.require(r, "date").and_then(|n| date(r, n));
            let zones = e.get("zones").map(|n| names(r, n)).unwrap_or_default();
            let moved_to = e.get("moved_to").and_then(|n| date(r, n));
            let pos = e.pos;
            e.finish(r, EXCEPTION_KEYS);
            if let Some(day) = day {
                waste.exceptions.push(Exception {
                    date: day,
                    pos,
                    zones,
                    moved_to,
                });
            }
        }
    }
    f.finish(r, WASTE_KEYS);
    waste
}

fn read_zone(r: &mut Reader<'_>, id: &str, pos: Pos, node: &Node) -> Option<Zone> {
    let mut f = r.fields(node, &format!("zone `{id}`"))?;
    let zone_name = f.require(r, "name").and_then(|n| message_id(r, n));
    let streets = f
        .require(r, "streets")
        .map(|n| {
            r.strings(n)
                .into_iter()
                .filter_map(|(text, pos)| street(r, &text, pos))
                .collect()
        })
        .unwrap_or_default();
    let mut days = Vec::new();
    if let Some(node) = f.require(r, "days")
        && let Some(mut entries) = r.fields(node, &format!("the days of zone `{id}`"))
    {
        for (day, pos, node) in entries.all() {
            let Some(&(_, weekday)) = DAYS.iter().find(|(k, _)| *k == day) else {
                let known: Vec<&str> = DAYS.iter().map(|(k, _)| *k).collect();
                r.error(pos, format!("`{day}` is not a day of the week"))
                    .hint = Some(format!("write one of {}", known.join(", ")));
                continue;
            };
            days.push(CollectionDay {
                weekday,
                pos,
                materials: names(r, node),
            });
        }
    }
    f.finish(r, ZONE_KEYS);
    Some(Zone {
        id: id.to_string(),
        pos,
        name: zone_name?,
        streets,
        days,
    })
}

/// `Via Roma 1-99 pari`: the street's name, then optionally its house numbers and side.
fn street(r: &mut Reader<'_>, text: &str, pos: Pos) -> Option<Street> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let side = match words.last().map(|w| w.to_lowercase()).as_deref() {
        Some("pari" | "even") => Side::Even,
        Some("dispari" | "odd") => Side::Odd,
        _ => Side::Both,
    };
    if side != Side::Both {
        words.pop();
    }
    let mut numbers = None;
    if let Some(last) = words.last()
        && let Some((from, to)) = last.split_once('-')
        && let (Ok(from), Ok(to)) = (from.parse::<u32>(), to.parse::<u32>())
    {
        if from > to || from == 0 {
            r.error(pos, format!("`{last}` is not a range of house numbers"))
                .hint = Some("write the lower number first, from 1: `Via Roma 1-99`".into());
            return None;
        }
        numbers = Some((from, to));
        words.pop();
    }
    let street_name = words.join(" ");
    let key = street_key(&street_name);
    if key.is_empty() {
        r.error(pos, format!("`{text}` names no street")).hint =
            Some("write the street's name, then its house numbers: `Via Roma 1-99`".into());
        return None;
    }
    Some(Street {
        name: street_name,
        pos,
        key,
        numbers,
        side,
    })
}
