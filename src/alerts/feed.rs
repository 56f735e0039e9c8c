//! What a CAP source holds: one `<alert>`, or a feed of them. Public warning systems publish an
//! Atom or RSS feed whose entries either carry the alert itself (as XML inside the entry, or
//! escaped in its `<content>`) or link to it (`<link href>` typed `application/cap+xml`, an
//! RSS `<enclosure>` or `<link>`). [`read`] says which, entry by entry, so that an entry that
//! cannot be read leaves the others untouched.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::cap::{Alert, CapError, MAX_BYTES, parse};

/// At most this many entries of a feed are read at each poll: the newest alerts come first in
/// the feeds of warning systems, and the feed is read again at the next poll.
pub const MAX_ENTRIES: usize = 100;

/// One entry of a feed.
#[derive(Debug)]
pub enum Entry {
    /// The alert, carried in the entry.
    Alert(Box<Alert>),
    /// Where the alert is: an address, as written in the feed (maybe relative to it).
    Link(String),
    /// An entry that could not be read, and why.
    Invalid(String),
}

/// What a source held.
#[derive(Debug)]
pub enum Document {
    Alert(Box<Alert>),
    Feed(Vec<Entry>),
}

/// Reads a CAP message or an Atom or RSS feed of them.
pub fn read(xml: &str) -> Result<Document, CapError> {
    if xml.len() > MAX_BYTES {
        return Err(CapError::TooLarge(xml.len()));
    }
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                return match local(&e).as_str() {
                    "alert" => parse(xml).map(|a| Document::Alert(Box::new(a))),
                    "feed" | "rss" | "RDF" => Ok(Document::Feed(entries(xml, &mut reader))),
                    other => Err(CapError::Xml(format!(
                        "`<{other}>`: neither a CAP `<alert>` nor an Atom or RSS feed"
                    ))),
                };
            }
            Ok(Event::Eof) => return Err(CapError::Xml("no element".to_owned())),
            Ok(_) => {}
            Err(e) => return Err(CapError::Xml(e.to_string())),
        }
    }
}

/// An element's name without its namespace prefix.
fn local(e: &BytesStart) -> String {
    e.local_name().into_inner().to_owned()
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.trim().to_owned())
}

/// What one entry showed so far.
#[derive(Default)]
struct Seen {
    alert: Option<Result<Alert, CapError>>,
    /// A link typed as CAP.
    cap_link: Option<String>,
    /// Another link: Atom's `alternate` (or untyped) link, RSS's `<link>`.
    link: Option<String>,
}

impl Seen {
    fn entry(self) -> Entry {
        match (self.alert, self.cap_link.or(self.link)) {
            (Some(Ok(alert)), _) => Entry::Alert(Box::new(alert)),
            (Some(Err(e)), _) => Entry::Invalid(e.to_string()),
            (None, Some(link)) => Entry::Link(link),
            (None, None) => Entry::Invalid("an entry with neither an alert nor a link".to_owned()),
        }
    }
}

/// The entries (`<entry>`, `<item>`) of the feed being read, up to [`MAX_ENTRIES`].
fn entries(xml: &str, reader: &mut Reader<&[u8]>) -> Vec<Entry> {
    let is_entry = |name: &str| matches!(name, "entry" | "item");
    let mut found = Vec::new();
    let mut current: Option<Seen> = None;
    while found.len() < MAX_ENTRIES {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Err(e) => {
                if current.take().is_some() {
                    found.push(Entry::Invalid(format!(
                        "the feed breaks off in an entry: {e}"
                    )));
                }
                break;
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) if is_entry(e.local_name().into_inner()) => {
                current = Some(Seen::default());
            }
            Ok(Event::Empty(e)) if is_entry(e.local_name().into_inner()) => {
                found.push(Seen::default().entry());
            }
            Ok(Event::End(e)) if is_entry(e.local_name().into_inner()) => {
                found.extend(current.take().map(Seen::entry));
            }
            Ok(Event::Start(e)) => {
                let Some(seen) = current.as_mut() else {
                    continue;
                };
                let end = e.to_end().into_owned();
                match local(&e).as_str() {
                    "alert" => {
                        let alert = match reader.read_to_end(end.name()) {
                            Ok(_) => parse(&xml[before..reader.buffer_position() as usize]),
                            Err(e) => Err(CapError::Xml(e.to_string())),
                        };
                        seen.alert.get_or_insert(alert);
                    }
                    "content" | "description" | "summary" => {
                        // An alert as the entry's content: markup, CDATA or escaped text.
                        let raw = reader
                            .read_text(end.name())
                            .map(|t| t.into_inner().into_owned())
                            .unwrap_or_default();
                        if let Some(xml) = alert_in(raw.trim()) {
                            seen.alert.get_or_insert(parse(&xml));
                        }
                    }
                    "link" => {
                        // RSS's <link> holds the address as its text.
                        let text = reader
                            .read_text(end.name())
                            .ok()
                            .map(|t| t.trim().to_owned());
                        seen.take_link(&e, attribute(&e, "href").or(text));
                    }
                    _ => {}
                }
            }
            Ok(Event::Empty(e)) => {
                if let Some(seen) = current.as_mut() {
                    match local(&e).as_str() {
                        "link" => seen.take_link(&e, attribute(&e, "href")),
                        "enclosure" => seen.take_link(&e, attribute(&e, "url")),
                        _ => {}
                    }
                }
            }
            Ok(_) => {}
        }
    }
    found
}

impl Seen {
    /// Keeps the first address of its kind: typed as CAP, or a plain link.
    fn take_link(&mut self, e: &BytesStart, address: Option<String>) {
        let Some(address) = address.filter(|a| !a.is_empty()) else {
            return;
        };
        let kind = attribute(e, "type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let rel = attribute(e, "rel").unwrap_or_default();
        if kind.contains("cap") {
            self.cap_link.get_or_insert(address);
        } else if (kind.is_empty() || kind.contains("xml"))
            && matches!(rel.as_str(), "" | "alternate" | "related" | "enclosure")
        {
            self.link.get_or_insert(address);
        }
    }
}

/// The alert a text holds, as markup, inside CDATA or escaped.
fn alert_in(raw: &str) -> Option<String> {
    let text = if let Some(inner) = raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
    {
        inner.trim().to_owned()
    } else if raw.starts_with('<') {
        raw.to_owned()
    } else {
        quick_xml::escape::unescape(raw).ok()?.trim().to_owned()
    };
    (text.starts_with('<') && text.contains("alert")).then_some(text)
}
