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

/// The alert of `alert_xml` under another identifier, without its XML declaration (as it sits
/// inside a feed).
fn inline_alert(identifier: &str) -> String {
    let info = info_xml("it-IT", "Extreme", LATER, SQUARE_HERE);
    alert_xml("Actual", "Alert", &info, "")
        .replace("PC-2026-1205-001", identifier)
        .replace(r#"<?xml version="1.0" encoding="UTF-8"?>"#, "")
}

fn feed_entries(xml: &str) -> Vec<feed::Entry> {
    match feed::read(xml).unwrap_or_else(|e| panic!("{e}\n{xml}")) {
        feed::Document::Feed(entries) => entries,
        feed::Document::Alert(_) => panic!("a feed, not one alert"),
    }
}

fn describe(entry: &feed::Entry) -> String {
    match entry {
        feed::Entry::Alert(a) => format!("alert {}", a.identifier),
        feed::Entry::Link(l) => format!("link {l}"),
        feed::Entry::Invalid(why) => format!("invalid: {why}"),
    }
}

#[test]
fn an_atom_feed_gives_each_entry_s_alert_or_its_link_and_says_which_entries_it_cannot_read() {
    let escaped = quick_xml::escape::escape(inline_alert("ESCAPED-1").trim()).into_owned();
    let broken =
        inline_alert("BROKEN-1").replace("<status>Actual</status>", "<status>Maybe</status>");
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="{CAP_NS}">
  <title>Allerte della Regione</title>
  <link rel="self" href="https://allerte.example/feed.xml"/>
  <entry><id>1</id><title>Inline</title>{inline}</entry>
  <entry><id>2</id><title>Prefixed</title>{prefixed}</entry>
  <entry><id>3</id><title>Linked</title>
    <link rel="alternate" type="text/html" href="https://allerte.example/3.html"/>
    <link rel="alternate" type="application/cap+xml" href="alerts/3.xml"/>
  </entry>
  <entry><id>4</id><content type="text">{escaped}</content></entry>
  <entry><id>5</id><title>Web page only</title><link type="text/html" href="https://allerte.example/5.html"/></entry>
  <entry><id>6</id>{broken}</entry>
  <entry><id>7</id><content type="text/xml"><![CDATA[{cdata}]]></content></entry>
</feed>"#,
        inline = inline_alert("INLINE-1"),
        prefixed = inline_alert("PREFIXED-1")
            .replace(&format!(r#"<alert xmlns="{CAP_NS}">"#), "<cap:alert>")
            .replace("</alert>", "</cap:alert>")
            .replace("<identifier>", "<cap:identifier>")
            .replace("</identifier>", "</cap:identifier>"),
        cdata = inline_alert("CDATA-1"),
    );
    let entries: Vec<String> = feed_entries(&xml).iter().map(describe).collect();
    assert_eq!(entries.len(), 7, "{entries:#?}");
    assert_eq!(entries[0], "alert INLINE-1");
    assert_eq!(entries[1], "alert PREFIXED-1");
    assert_eq!(
        entries[2], "link alerts/3.xml",
        "the link typed as CAP wins"
    );
    assert_eq!(entries[3], "alert ESCAPED-1");
    assert!(
        entries[4].starts_with("invalid: an entry with neither"),
        "{}",
        entries[4]
    );
    assert!(
        entries[5].starts_with("invalid:") && entries[5].contains("status"),
        "{}",
        entries[5]
    );
    assert_eq!(entries[6], "alert CDATA-1");
}

#[test]
fn an_rss_feed_links_to_its_alerts_and_a_single_alert_reads_as_one() {
    let xml = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Avvisi</title><link>https://avvisi.example/</link>
  <item><title>Uno</title><link>https://avvisi.example/cap/1.xml</link></item>
  <item><title>Due</title><enclosure url="https://avvisi.example/cap/2.xml" type="application/cap+xml" length="1"/></item>
</channel></rss>"#;
    let entries: Vec<String> = feed_entries(xml).iter().map(describe).collect();
    assert_eq!(
        entries,
        [
            "link https://avvisi.example/cap/1.xml",
            "link https://avvisi.example/cap/2.xml"
        ]
    );
    assert!(
        matches!(feed::read(&inline_alert("ONE-1")), Ok(feed::Document::Alert(a)) if a.identifier == "ONE-1")
    );
}

#[test]
fn what_is_neither_an_alert_nor_a_feed_is_refused_and_a_long_feed_is_read_in_part() {
    let err = feed::read("<html><body>Manutenzione</body></html>").unwrap_err();
    assert!(err.to_string().contains("<html>"), "{err}");
    assert!(feed::read("").is_err());
    let many: String = (0..150)
        .map(|i| format!("<entry><link type=\"application/cap+xml\" href=\"{i}.xml\"/></entry>"))
        .collect();
    let entries = feed_entries(&format!("<feed>{many}</feed>"));
    assert_eq!(entries.len(), feed::MAX_ENTRIES);
    // A feed that breaks off inside an entry keeps the entries before it.
    let cut = format!(
        "<feed><entry>{}</entry><entry><link href=\"x.xml\"",
        inline_alert("A-1")
    );
    let entries: Vec<String> = feed_entries(&cut).iter().map(describe).collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0], "alert A-1");
    assert!(
        entries[1].starts_with("invalid: the feed breaks off"),
        "{entries:?}"
    );
}
