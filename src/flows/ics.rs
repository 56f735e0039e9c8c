//! The Comune's deadlines as an iCalendar file (RFC 5545) that a phone's or a computer's
//! calendar imports: one all-day event per deadline, with reminders a week and a day before.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, Utc};

use super::Deadline;

/// The texts of the file, in the citizen's language.
pub struct Texts<'a> {
    /// The calendar's name.
    pub name: &'a str,
    /// Each deadline's title.
    pub title: &'a dyn Fn(&Deadline) -> String,
    /// What a reminder says, given the title.
    pub reminder: &'a dyn Fn(&str) -> String,
}

/// The deadlines as a calendar file in `lang`, with the texts of `common-calendar-*`: what
/// `/calendario` sends and what the web listener serves per topic.
pub fn deadlines_calendar(
    flows: &crate::flows::FlowSet,
    lang: crate::i18n::Lang,
    deadlines: &[&Deadline],
    now: DateTime<Utc>,
) -> String {
    let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(lang, id, args);
    let name = t("common-calendar-name", &[]);
    let title = |d: &Deadline| t(&d.title.text, &[]);
    let reminder = |title: &str| t("common-calendar-reminder", &[("title", title)]);
    calendar(
        deadlines,
        &Texts {
            name: &name,
            title: &title,
            reminder: &reminder,
        },
        now,
    )
}

/// The file's lines are at most this many bytes, continued on the next with a space.
const LINE_BYTES: usize = 75;

/// Reminders at 9:00 seven days and one day before the deadline's day.
const REMINDERS: [&str; 2] = ["-P6DT15H", "-PT15H"];

/// An iCalendar file of `deadlines`, stamped `now`.
pub fn calendar(deadlines: &[&Deadline], texts: &Texts<'_>, now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Sportello//Scadenze//IT");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(texts.name)));
    for d in deadlines {
        let title = (texts.title)(d);
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:{}-{}@sportello", d.id, d.date.format("%Y%m%d")),
        );
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", d.date.format("%Y%m%d")),
        );
        let next = d.date + Duration::days(1);
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
        );
        line(
            &mut out,
            &format!("SUMMARY:{}", escape(&capitalised(&title))),
        );
        if let Some(link) = &d.link {
            line(&mut out, &format!("URL:{link}"));
            line(&mut out, &format!("DESCRIPTION:{}", escape(link)));
        }
        line(&mut out, "TRANSP:TRANSPARENT");
        for trigger in REMINDERS {
            line(&mut out, "BEGIN:VALARM");
            line(&mut out, "ACTION:DISPLAY");
            line(&mut out, &format!("TRIGGER:{trigger}"));
            line(
                &mut out,
                &format!("DESCRIPTION:{}", escape(&(texts.reminder)(&title))),
            );
            line(&mut out, "END:VALARM");
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// Titles are written to follow a date in a list ("16 dicembre: saldo IMU"); an event's name
/// in a calendar starts with a capital. (A reminder quotes the title as written.)
fn capitalised(title: &str) -> String {
    let mut chars = title.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Text values escape backslashes, semicolons, commas and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line, folded at [`LINE_BYTES`] without splitting a character, ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        if width + c.len_utf8() > LINE_BYTES {
            out.push_str("\r\n ");
            // The continuation's leading space counts towards its length.
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::flows::Name;
    use chrono::{NaiveDate, TimeZone};

    fn deadline(id: &str, date: (i32, u32, u32), link: Option<&str>) -> Deadline {
        Deadline {
            id: id.into(),
            pos: Pos::default(),
            tags: Vec::new(),
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            title: Name {
                text: format!("deadline-{id}"),
                pos: Pos::default(),
            },
            link: link.map(str::to_owned),
            topic: None,
            remind: Vec::new(),
        }
    }

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn each_deadline_is_an_all_day_event_with_two_reminders() {
        let imu = deadline(
            "imu-saldo",
            (2026, 12, 16),
            Some("https://www.comune.esempio.it/imu"),
        );
        let tari = deadline("tari-rata", (2027, 5, 31), None);
        let title = |d: &Deadline| match d.id.as_str() {
            "imu-saldo" => "IMU, saldo; 2026".to_owned(),
            _ => "tari: prima rata".to_owned(),
        };
        let reminder = |t: &str| format!("Scadenza: {t}");
        let texts = Texts {
            name: "Scadenze del Comune",
            title: &title,
            reminder: &reminder,
        };
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 10, 0, 0).unwrap();
        let ics = calendar(&[&imu, &tari], &texts, now);
        assert!(
            ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{ics}"
        );
        assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(ics.matches("BEGIN:VALARM").count(), 4);
        assert!(ics.contains("DTSTART;VALUE=DATE:20261216\r\nDTEND;VALUE=DATE:20261217\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20270531\r\nDTEND;VALUE=DATE:20270601\r\n"));
        assert!(ics.contains("UID:imu-saldo-20261216@sportello\r\n"));
        assert!(ics.contains("DTSTAMP:20261205T100000Z\r\n"));
        // Commas and semicolons of a title are escaped.
        assert!(ics.contains("SUMMARY:IMU\\, saldo\\; 2026\r\n"), "{ics}");
        // The event's name starts with a capital; the reminder quotes the title as written.
        assert!(ics.contains("SUMMARY:Tari: prima rata\r\n"), "{ics}");
        assert!(
            unfold(&ics).contains("DESCRIPTION:Scadenza: tari: prima rata\r\n"),
            "{ics}"
        );
        assert!(ics.contains("URL:https://www.comune.esempio.it/imu\r\n"));
        assert!(ics.contains("TRIGGER:-P6DT15H\r\n") && ics.contains("TRIGGER:-PT15H\r\n"));
    }

    #[test]
    fn long_lines_are_folded_without_splitting_a_character() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "è".repeat(100));
        line(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= LINE_BYTES, "{} bytes: {l}", l.len());
        }
        assert_eq!(unfold(&out), format!("{text}\r\n"));
    }
}
