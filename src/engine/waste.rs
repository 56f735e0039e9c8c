//! "Domani cosa passa?": what is collected tomorrow in the citizen's zone (`waste.yaml`). A
//! step with `collection: true` answers for the zone the citizen asked to remember, or asks
//! for the street and house number, answers, and offers to remember the zone (never the
//! address). The zone belongs to the citizen, like the subscriptions: the turn fills it in
//! from the store, and `Effect::WasteZone` records it. The evening reminder to the
//! subscribers of the waste topic uses the same words (`collection_reminder`).

use chrono::{Days, NaiveDate};

use super::{CHOICE_NO, CHOICE_YES, ChoiceView, Effect, Pending, Reply, Turn, date_text};
use crate::flows::FlowSet;
use crate::flows::waste::{Located, Waste};
use crate::i18n::Lang;

/// Free text taken as an address attempt, when it names no known street, up to these words.
const ADDRESS_WORDS_MAX: usize = 8;

/// What is collected in `zone` on `date`, in words: "Domani, martedì 8 dicembre, nella zona
/// Centro si raccoglie: carta e cartone." (or that nothing is).
fn collection_text(
    flows: &FlowSet,
    waste: &Waste,
    lang: Lang,
    zone: &str,
    date: NaiveDate,
) -> String {
    let t = |id: &str, args: &[(&str, &str)]| flows.locales.text(lang, id, args);
    let zone_name = waste
        .zone(zone)
        .map(|z| t(&z.name.text, &[]))
        .unwrap_or_else(|| zone.to_string());
    let weekday = t(
        &format!(
            "common-weekday-{}",
            chrono::Datelike::weekday(&date).number_from_monday()
        ),
        &[],
    );
    let day = format!("{weekday} {}", date_text(flows, lang, date));
    let materials: Vec<String> = waste
        .collected(zone, date)
        .iter()
        .map(|m| t(&m.name.text, &[]))
        .collect();
    if materials.is_empty() {
        t(
            "raccolta-domani-niente",
            &[("date", &day), ("zone", &zone_name)],
        )
    } else {
        t(
            "raccolta-domani",
            &[
                ("date", &day),
                ("zone", &zone_name),
                ("materials", &materials.join(", ")),
            ],
        )
    }
}

/// The evening reminder to a subscriber of the waste topic: what is collected in their zone
/// on `tomorrow`, or `None` when nothing is.
pub fn collection_reminder(
    flows: &FlowSet,
    lang: Lang,
    zone: &str,
    tomorrow: NaiveDate,
) -> Option<Reply> {
    let waste = flows.waste.as_ref()?;
    if waste.collected(zone, tomorrow).is_empty() {
        return None;
    }
    let text = format!(
        "{}\n\n{}",
        collection_text(flows, waste, lang, zone, tomorrow),
        flows.locales.text(lang, "raccolta-promemoria-perche", &[])
    );
    Some(Reply {
        text,
        ..Reply::default()
    })
}

impl Turn<'_> {
    fn tomorrow(&self) -> NaiveDate {
        let today = self
            .now
            .with_timezone(&crate::calendar::TIME_ZONE)
            .date_naive();
        today + Days::new(1)
    }

    /// What a `collection: true` step adds to its text: the answer for the remembered zone,
    /// or the question for the address (and whether it asked).
    pub(super) fn collection_part(&self) -> (String, bool) {
        let Some(waste) = &self.flows.waste else {
            return (String::new(), false);
        };
        match self
            .state
            .waste_zone
            .as_deref()
            .filter(|z| waste.zone(z).is_some())
        {
            Some(zone) => {
                let answer =
                    collection_text(self.flows, waste, self.state.lang, zone, self.tomorrow());
                (
                    format!("{answer}\n\n{}", self.t("raccolta-altro-indirizzo", &[])),
                    true,
                )
            }
            None => (self.t("raccolta-chiedi-indirizzo", &[]), true),
        }
    }

    /// Free text while an address is asked for: the answer when it names a street of the
    /// calendar, a request for the house number or another try when it reads as an address;
    /// `false` for anything else, which is routed as usual.
    pub(super) fn address_answer(&mut self, text: &str) -> bool {
        let Some(waste) = &self.flows.waste else {
            return false;
        };
        match waste.locate(text) {
            Located::Zone(zone) => {
                let zone = zone.to_string();
                let answer =
                    collection_text(self.flows, waste, self.state.lang, &zone, self.tomorrow());
                if self.state.waste_zone.as_deref() == Some(zone.as_str()) {
                    self.state.pending = Pending::Nothing;
                    self.say(answer, self.current_choices(), None);
                    return true;
                }
                let zone_name = waste
                    .zone(&zone)
                    .map(|z| self.t(&z.name.text, &[]))
                    .unwrap_or_default();
                let ask = self.t("raccolta-ricordare", &[("zone", &zone_name)]);
                let choices = vec![
                    self.engine_choice(CHOICE_YES, "raccolta-ricordare-si"),
                    self.engine_choice(CHOICE_NO, "raccolta-ricordare-no"),
                ];
                self.state.pending = Pending::RememberZone { zone };
                self.say(format!("{answer}\n\n{ask}"), choices, None);
                true
            }
            Located::NeedNumber => {
                self.say(self.t("raccolta-chiedi-civico", &[]), Vec::new(), None);
                true
            }
            Located::Unknown => {
                let words = text.split_whitespace().count();
                // A street's name and a number; a bare number picks an option.
                let has_number = text.chars().any(|c| c.is_ascii_digit());
                let has_name = text.chars().any(char::is_alphabetic);
                if has_number && has_name && words <= ADDRESS_WORDS_MAX {
                    self.say(self.t("raccolta-via-sconosciuta", &[]), Vec::new(), None);
                    true
                } else {
                    false
                }
            }
        }
    }

    /// The answer to "shall I remember your zone?".
    pub(super) fn remember_zone(&mut self, zone: String, yes: bool) {
        self.state.pending = Pending::Nothing;
        let text = if yes {
            let name = self
                .flows
                .waste
                .as_ref()
                .and_then(|w| w.zone(&zone))
                .map(|z| self.t(&z.name.text, &[]))
                .unwrap_or_default();
            self.state.waste_zone = Some(zone.clone());
            self.effects.push(Effect::WasteZone { zone });
            self.t("raccolta-ricordata", &[("zone", &name)])
        } else {
            self.t("raccolta-non-ricordata", &[])
        };
        self.say(text, self.current_choices(), None);
    }

    /// The options of the step shown last, offered again under an answer.
    fn current_choices(&self) -> Vec<ChoiceView> {
        self.current()
            .map(|at| self.step_choices(at))
            .unwrap_or_default()
    }
}
