//! Checks of `waste.yaml`: zones and materials defined once, with their texts in every
//! language; every collection day collects something known; no house number in two zones;
//! exceptions name known zones and move to another date; a step that answers "what is
//! collected tomorrow" needs the file.

use std::collections::HashSet;

use super::Checker;
use crate::flows::waste::Street;

impl Checker<'_> {
    pub(super) fn waste(&mut self) {
        let Some(waste) = &self.set.waste else {
            self.collection_steps_without_calendar();
            return;
        };
        let file = waste.file.as_path();
        if let Some(topic) = &waste.topic
            && self.set.topic(&topic.text).is_none()
        {
            self.error(
                file,
                topic.pos,
                format!("unknown topic `{}`", topic.text),
                Some(format!(
                    "topics are defined in {}",
                    self.set.topics_file.display()
                )),
            );
        }
        let mut seen = HashSet::new();
        for m in &waste.materials {
            self.message(file, &m.name);
        }
        for zone in &waste.zones {
            if !seen.insert(zone.id.as_str()) {
                self.error(
                    file,
                    zone.pos,
                    format!("zone `{}` is defined twice", zone.id),
                    None,
                );
            }
            self.message(file, &zone.name);
            if zone.streets.is_empty() {
                self.error(
                    file,
                    zone.pos,
                    format!("zone `{}` has no streets", zone.id),
                    Some("list its streets under `streets:`, e.g. `- Via Roma 1-99`".into()),
                );
            }
            if zone.days.is_empty() {
                self.error(
                    file,
                    zone.pos,
                    format!("zone `{}` has no collection days", zone.id),
                    Some("add `days:`, e.g. `mon: [organico]`".into()),
                );
            }
            for day in &zone.days {
                if day.materials.is_empty() {
                    self.error(
                        file,
                        day.pos,
                        format!("a collection day of zone `{}` collects nothing", zone.id),
                        Some("name what is collected, or remove the day".into()),
                    );
                }
                for m in &day.materials {
                    if waste.material(&m.text).is_none() {
                        let known = waste.materials.iter().map(|m| m.id.as_str());
                        let hint = match crate::diag::closest(&m.text, known) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => "materials are listed under `materials:`".into(),
                        };
                        self.error(
                            file,
                            m.pos,
                            format!("unknown material `{}`", m.text),
                            Some(hint),
                        );
                    }
                }
            }
        }
        // The same house number in two places: the answer would depend on the file's order.
        let parts: Vec<(&str, &Street)> = waste
            .zones
            .iter()
            .flat_map(|z| z.streets.iter().map(move |s| (z.id.as_str(), s)))
            .collect();
        for (i, (zone, a)) in parts.iter().enumerate() {
            for (other, b) in &parts[..i] {
                if a.overlaps(b) {
                    self.error(
                        file,
                        a.pos,
                        format!(
                            "`{}` of zone `{zone}` overlaps `{}` of zone `{other}` (line {})",
                            a.written(),
                            b.written(),
                            b.pos.line
                        ),
                        Some(
                            "give each house number to one zone: split the range, or add \
                             `pari` / `dispari`"
                                .into(),
                        ),
                    );
                }
            }
        }
        for e in &waste.exceptions {
            for z in &e.zones {
                if waste.zone(&z.text).is_none() {
                    let known = waste.zones.iter().map(|z| z.id.as_str());
                    let hint = match crate::diag::closest(&z.text, known) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "zones are listed under `zones:`".into(),
                    };
                    self.error(
                        file,
                        z.pos,
                        format!("unknown zone `{}`", z.text),
                        Some(hint),
                    );
                }
            }
            if e.moved_to == Some(e.date) {
                self.error(
                    file,
                    e.pos,
                    format!("the collection of {} is moved to the same day", e.date),
                    Some("write another date, or remove `moved_to` to skip the day".into()),
                );
            }
        }
    }

    fn collection_steps_without_calendar(&mut self) {
        for flow in &self.set.flows {
            for step in flow.steps.iter().filter(|s| s.collection) {
                self.error(
                    &flow.file,
                    step.pos,
                    format!(
                        "step `{}` answers what is collected tomorrow, but there is no waste.yaml",
                        step.id
                    ),
                    Some("add flows/waste.yaml with the zones and their days".into()),
                );
            }
        }
    }
}
