use chrono::{DateTime, TimeZone, Utc};

use super::*;

/// The Comune of these tests: a point in the Po valley, a territory reaching 4 km from it.
fn place() -> Place {
    Place {
        point: Point {
            lat: 45.1000,
            lon: 9.5000,
        },
        reach_km: 4.0,
        istat: Some("098017".into()),
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap()
}

const CAP_NS: &str = "urn:oasis:names:tc:emergency:cap:1.2";

/// An alert with its parts spelt out; `{AREA}` and the scales are replaced per test.
fn alert_xml(status: &str, msg_type: &str, infos: &str, references: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="{CAP_NS}">
  <identifier>PC-2026-1205-001</identifier>
  <sender>protezionecivile@regione.example</sender>
  <sent>2026-12-05T10:00:00+01:00</sent>
  <status>{status}</status>
  <msgType>{msg_type}</msgType>
  <scope>Public</scope>
  {references}
  {infos}
</alert>"#
    )
}

fn info_xml(lang: &str, severity: &str, expires: &str, area: &str) -> String {
    format!(
        r#"<info>
    <language>{lang}</language>
    <category>Met</category>
    <event>Piena del fiume</event>
    <urgency>Immediate</urgency>
    <severity>{severity}</severity>
    <certainty>Observed</certainty>
    <expires>{expires}</expires>
    <headline>Allerta rossa per piena del fiume</headline>
    <description>Il livello del fiume supera la soglia di pericolo.</description>
    <instruction>Salga ai piani alti e non usi l'auto.</instruction>
    {area}
  </info>"#
    )
}

/// A square about 2 km across around the Comune's point.
const SQUARE_HERE: &str = "<area><areaDesc>Bassa pianura</areaDesc><polygon>45.09,9.49 45.09,9.51 45.11,9.51 45.11,9.49 45.09,9.49</polygon></area>";
/// A square about 3 km east of the Comune's point (inside its reach of 4 km).
const SQUARE_NEAR: &str = "<area><areaDesc>Riva est</areaDesc><polygon>45.09,9.54 45.09,9.56 45.11,9.56 45.11,9.54 45.09,9.54</polygon></area>";
/// A square about 40 km away.
const SQUARE_FAR: &str = "<area><areaDesc>Montagna</areaDesc><polygon>45.45,9.49 45.45,9.51 45.47,9.51 45.47,9.49 45.45,9.49</polygon></area>";

const LATER: &str = "2026-12-06T10:00:00+01:00";

fn read(xml: &str) -> Alert {
    parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"))
}

#[test]
fn an_alert_whose_polygon_holds_the_comune_is_told_in_each_language() {
    let infos = info_xml("it-IT", "Extreme", LATER, SQUARE_HERE)
        + &info_xml("en-US", "Extreme", LATER, SQUARE_HERE);
    let alert = read(&alert_xml("Actual", "Alert", &infos, ""));
    assert_eq!(alert.identifier, "PC-2026-1205-001");
    assert_eq!(alert.infos[0].severity, Severity::Extreme);
    assert_eq!(alert.infos[0].areas[0].polygons[0].len(), 5);
    let Verdict::Tell { msg_type, infos } = assess(&alert, &place(), &Threshold::default(), now())
    else {
        panic!("not told");
    };
    assert_eq!(msg_type, MsgType::Alert);
    assert_eq!(infos.len(), 2);
    assert_eq!(in_language(&infos, "en").unwrap().language, "en-US");
    assert_eq!(in_language(&infos, "it").unwrap().language, "it-IT");
    // A language the alert lacks falls back to Italian.
    assert_eq!(in_language(&infos, "de").unwrap().language, "it-IT");
}

#[test]
fn prefixed_element_names_read_the_same() {
    let plain = alert_xml(
        "Actual",
        "Alert",
        &info_xml("it-IT", "Severe", LATER, SQUARE_HERE),
        "",
    );
    let prefixed = plain
        .replace(
            &format!("<alert xmlns=\"{CAP_NS}\">"),
            &format!("<cap:alert xmlns:cap=\"{CAP_NS}\">"),
        )
        .replace("<", "<cap:")
        .replace("<cap:/", "</cap:")
        .replace("<cap:?xml", "<?xml")
        .replace("<cap:cap:", "<cap:");
    assert!(prefixed.contains("<cap:identifier>"), "{prefixed}");
    assert_eq!(read(&prefixed), read(&plain));
}

#[test]
fn an_area_that_comes_within_the_comunes_reach_concerns_it_and_one_far_away_does_not() {
    let near = read(&alert_xml(
        "Actual",
        "Alert",
        &info_xml("it-IT", "Severe", LATER, SQUARE_NEAR),
        "",
    ));
    assert!(matches!(
        assess(&near, &place(), &Threshold::default(), now()),
        Verdict::Tell { .. }
    ));
    let tight = Place {
        reach_km: 1.0,
        ..place()
    };
    assert_eq!(
        assess(&near, &tight, &Threshold::default(), now()),
        Verdict::Skip(Skipped::Elsewhere)
    );
    let far = read(&alert_xml(
        "Actual",
        "Alert",
        &info_xml("it-IT", "Extreme", LATER, SQUARE_FAR),
        "",
    ));
    assert_eq!(
        assess(&far, &place(), &Threshold::default(), now()),
        Verdict::Skip(Skipped::Elsewhere)
    );
}

#[test]
fn circles_and_istat_geocodes_are_areas_too() {
    let circle = "<area><areaDesc>Raggio</areaDesc><circle>45.15,9.50 3</circle></area>";
    // 5.6 km from the point: within 3 km of radius plus 4 km of reach, not within 3 + 1.
    let alert = read(&alert_xml(
        "Actual",
        "Alert",
        &info_xml("it-IT", "Severe", LATER, circle),
        "",
    ));
    assert!(matches!(
        assess(&alert, &place(), &Threshold::default(), now()),
        Verdict::Tell { .. }
    ));
    let tight = Place {
        reach_km: 1.0,
        ..place()
    };
    assert_eq!(
        assess(&alert, &tight, &Threshold::default(), now()),
        Verdict::Skip(Skipped::Elsewhere)
    );
    let geocode = "<area><areaDesc>Comune</areaDesc><geocode><valueName>ISTAT</valueName><value>98017</value></geocode></area>";
    let alert = read(&alert_xml(
        "Actual",
        "Alert",
        &info_xml("it-IT", "Severe", LATER, geocode),
        "",
    ));
    let far_point = Place {
        point: Point {
            lat: 40.0,
            lon: 15.0,
        },
        ..place()
    };
    assert!(matches!(
        assess(&alert, &far_point, &Threshold::default(), now()),
        Verdict::Tell { .. }
    ));
    let other = Place {
        istat: Some("098018".into()),
        ..far_point
    };
    assert_eq!(
        assess(&alert, &other, &Threshold::default(), now()),
        Verdict::Skip(Skipped::Elsewhere)
    );
}

#[test]
fn expired_minor_exercise_restricted_and_system_messages_are_never_told() {
    let expired = read(&alert_xml(
        "Actual",
        "Alert",
        &info_xml("it-IT", "Extreme", "2026-12-05T09:00:00+01:00", SQUARE_HERE),
        "",
    ));
    assert_eq!(
        assess(&expired, &place(), &Threshold::default(), now()),
        Verdict::Skip(Skipped::Expired)
    );
    let moderate = read(&alert_xml(
        "Actual",
        "Alert",
        &info_xml("it-IT", "Moderate", LATER, SQUARE_HERE),
        "",
    ));
    assert_eq!(
        assess(&moderate, &place(), &Threshold::default(), now()),
        Verdict::Skip(Skipped::BelowThreshold)
    );
    let lower = Threshold {
        severity: Severity::Moderate,
        ..Threshold::default()
    };
    assert!(matches!(
        assess(&moderate, &place(), &lower, now()),
        Verdict::Tell { .. }
    ));
    let body = info_xml("it-IT", "Extreme", LATER, SQUARE_HERE);
    for (status, skipped) in [
        ("Exercise", Skipped::NotActual(Status::Exercise)),
        ("Test", Skipped::NotActual(Status::Test)),
        ("System", Skipped::NotActual(Status::System)),
        ("Draft", Skipped::NotActual(Status::Draft)),
    ] {
        let alert = read(&alert_xml(status, "Alert", &body, ""));
        assert_eq!(
            assess(&alert, &place(), &Threshold::default(), now()),
            Verdict::Skip(skipped)
        );
    }
    let restricted = read(
        &alert_xml("Actual", "Alert", &body, "").replace("<scope>Public", "<scope>Restricted"),
    );
    assert_eq!(
        assess(&restricted, &place(), &Threshold::default(), now()),
        Verdict::Skip(Skipped::NotPublic)
    );
    let ack = read(&alert_xml("Actual", "Ack", "", ""));
    assert_eq!(
        assess(&ack, &place(), &Threshold::default(), now()),
        Verdict::Skip(Skipped::NotForCitizens(MsgType::Ack))
    );
}

#[test]
fn updates_are_told_and_cancels_name_what_they_withdraw() {
    let refs = "<references>protezionecivile@regione.example,PC-2026-1205-000,2026-12-05T08:00:00+01:00</references>";
    let update = read(&alert_xml(
        "Actual",
        "Update",
        &info_xml("it-IT", "Severe", LATER, SQUARE_HERE),
        refs,
    ));
    assert!(matches!(
        assess(&update, &place(), &Threshold::default(), now()),
        Verdict::Tell {
            msg_type: MsgType::Update,
            ..
        }
    ));
    // A cancel needs no area of the Comune: it goes to whoever was told.
    let cancel = read(&alert_xml(
        "Actual",
        "Cancel",
        &info_xml("it-IT", "Minor", LATER, SQUARE_FAR),
        refs,
    ));
    let Verdict::Cancel { references } = assess(&cancel, &place(), &Threshold::default(), now())
    else {
        panic!("not a cancel");
    };
    assert_eq!(references[0].identifier, "PC-2026-1205-000");
    let bare = read(&alert_xml("Actual", "Cancel", "", ""));
    assert_eq!(
        assess(&bare, &place(), &Threshold::default(), now()),
        Verdict::Skip(Skipped::CancelsNothing)
    );
}

#[test]
fn malformed_messages_are_refused_with_the_field_at_fault() {
    assert!(matches!(parse("not xml at all"), Err(CapError::Xml(_))));
    let no_identifier = alert_xml("Actual", "Alert", "", "")
        .replace("<identifier>PC-2026-1205-001</identifier>", "");
    assert!(matches!(parse(&no_identifier), Err(CapError::Xml(_))));
    let bad_severity = alert_xml(
        "Actual",
        "Alert",
        &info_xml("it-IT", "Terrible", LATER, SQUARE_HERE),
        "",
    );
    assert_eq!(
        parse(&bad_severity),
        Err(CapError::Value {
            field: "severity",
            value: "Terrible".into()
        })
    );
    let open_ring = "<area><areaDesc>x</areaDesc><polygon>45.09,9.49 45.09,9.51 45.11,9.51 45.11,9.49</polygon></area>";
    assert!(matches!(
        parse(&alert_xml(
            "Actual",
            "Alert",
            &info_xml("it-IT", "Severe", LATER, open_ring),
            ""
        )),
        Err(CapError::Value {
            field: "polygon",
            ..
        })
    ));
    let bad_time =
        alert_xml("Actual", "Alert", "", "").replace("2026-12-05T10:00:00+01:00", "yesterday");
    assert!(matches!(
        parse(&bad_time),
        Err(CapError::Value { field: "sent", .. })
    ));
    let huge = " ".repeat(cap::MAX_BYTES + 1);
    assert_eq!(parse(&huge), Err(CapError::TooLarge(cap::MAX_BYTES + 1)));
}

#[test]
fn distances_are_right_at_a_comunes_scale() {
    // One degree of latitude is about 111.2 km.
    let d = area::distance_km(
        Point {
            lat: 45.0,
            lon: 9.0,
        },
        Point {
            lat: 46.0,
            lon: 9.0,
        },
    );
    assert!((d - 111.19).abs() < 0.1, "{d}");
}
