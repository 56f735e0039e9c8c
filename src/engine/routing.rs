//! Where free text goes: a step of the flows, a few to choose from, or out of scope, by the
//! confidence bands `ROUTE_*` over the matcher and the classifier.

use super::{
    CHOICE_MENU, CHOICE_NONE, CHOICE_OPERATOR, ChoiceView, Effect, HandoffReason, MissReason,
    Pending, SUGGESTION_PREFIX, Turn, intents,
};
use crate::flows::{FlowSet, MAIN_FLOW, StepRef};
use crate::text::matcher;

impl Turn<'_> {
    pub(super) fn free_text(&mut self, text: &str) {
        match self.route(text) {
            matcher::Verdict::Clear(at) => self.show(at),
            matcher::Verdict::Close(targets) => {
                let keys: Vec<String> = targets.iter().map(|&t| self.flows.key(t)).collect();
                let mut choices: Vec<ChoiceView> = targets
                    .iter()
                    .enumerate()
                    .map(|(i, &t)| ChoiceView {
                        id: format!("{SUGGESTION_PREFIX}{}", i + 1),
                        label: self.step_title(t),
                        url: None,
                    })
                    .collect();
                choices.push(self.engine_choice(CHOICE_NONE, "common-none-of-these"));
                self.state.pending = Pending::Suggestions { targets: keys };
                self.say(self.t("common-did-you-mean", &[]), choices, None);
            }
            matcher::Verdict::Miss { best } => {
                self.state.misses = self.state.misses.saturating_add(1);
                let reason = if self.state.misses >= 2 {
                    MissReason::Handoff
                } else {
                    MissReason::OutOfScope
                };
                self.effects.push(Effect::NotUnderstood { reason });
                if self.state.misses >= 2 {
                    let office = best
                        .and_then(|at| self.flows.step(at).0.office.as_ref())
                        .map_or_else(
                            || self.flows.default_office().to_string(),
                            |o| o.text.clone(),
                        );
                    self.handoff(office, HandoffReason::NotUnderstood);
                } else {
                    self.out_of_scope();
                }
            }
        }
    }

    /// Where free text goes: [`route`], from the current state's point of view.
    pub(super) fn route(&self, text: &str) -> matcher::Verdict<StepRef> {
        route(self.flows, text)
    }

    /// A question with no good match: the default office's contacts, the menu and a person.
    pub(super) fn out_of_scope(&mut self) {
        let office = self.flows.office(self.flows.default_office());
        let name = office.map_or_else(String::new, |o| self.t(&o.name.text, &[]));
        let contacts = office
            .map(|o| {
                let phone = o.contacts.phone.clone().unwrap_or_default();
                let email = o.contacts.email.clone().unwrap_or_default();
                self.t(
                    "common-out-of-scope-contacts",
                    &[("phone", &phone), ("email", &email)],
                )
            })
            .unwrap_or_default();
        let text = self.t(
            "common-out-of-scope",
            &[("office", &name), ("contacts", &contacts)],
        );
        self.offer(text, &[CHOICE_MENU, CHOICE_OPERATOR]);
    }
}

// Routing bands, set on the development set (`flows/eval/dev.txt`) and checked on the
// held-out set, which no tuning looks at. Two signals meet: the classifier's probability that
// the question is about a flow, and the matcher's score of that flow's best step (in the
// matcher's units, where a fully matched trigger scores about 1.5).
/// A flow the classifier gives this probability goes straight to its best step...
const ROUTE_CLEAR_P: f32 = 0.5;
/// ...when the matcher also finds this much evidence in that flow.
const ROUTE_CLEAR_SCORE: f32 = 0.9;
/// A step the matcher scores this much goes straight, when the classifier agrees on its flow.
const ROUTE_MATCHER_CLEAR: f32 = 1.0;
/// A step the matcher scores this much, this far ahead of every other flow, goes straight
/// whatever the classifier says.
const ROUTE_MATCHER_SURE: f32 = 1.5;
const ROUTE_MATCHER_RATIO: f32 = 2.0;
/// A flow the classifier is this sure of goes straight without matcher evidence: to the
/// matcher's best step in it, else its start. Wording learnt from `questions.txt` alone, which
/// the matcher does not read, gets there.
const ROUTE_SURE_P: f32 = 0.45;
/// When the matcher's best step lies in the classifier's likeliest flow, this matcher score and
/// this probability are enough to go straight...
const ROUTE_AGREE_SCORE: f32 = 0.8;
const ROUTE_AGREE_P: f32 = 0.2;
/// ...and also in a flow of at least this fraction of the likeliest one's probability, with this
/// matcher score.
const ROUTE_NEAR_FRACTION: f32 = 0.7;
const ROUTE_NEAR_SCORE: f32 = 1.2;
/// Below this probability, or this matcher score, nothing is offered: out of scope.
const ROUTE_CLOSE_P: f32 = 0.3;
const ROUTE_CLOSE_SCORE: f32 = 1.0;
/// Two flows this close in probability (the second at least this fraction of the first), each
/// with this much matcher evidence, are both offered ("did you mean"), unless the matcher is
/// sure.
const ROUTE_TIE: f32 = 0.8;
const ROUTE_TIE_SCORE: f32 = 0.5;
/// Rivals offered in "did you mean" have at least this fraction of the best probability.
const ROUTE_BAND: f32 = 0.5;
/// A question the classifier gives this probability of being one the Comune does not answer
/// here (`out-of-scope.yaml`), more than any flow, is out of scope unless an editor's trigger
/// matches it outright.
const ROUTE_OUT_P: f32 = 0.4;
/// A clear lean of the classifier: its likeliest flow at this probability or more, the next at
/// most this fraction of it, and a little matcher evidence in that flow.
const ROUTE_LEAN_P: f32 = 0.5;
const ROUTE_LEAN_RATIO: f32 = 0.5;
const ROUTE_LEAN_SCORE: f32 = 0.3;

/// Words of a message read for the glossary's Italian words.
const GLOSS_WORDS: usize = 64;

/// What the matcher reads of a message: its words, and the Italian words its foreign words
/// stand for in the glossary (`src/text/glossary.txt`).
pub(crate) fn matcher_query(text: &str) -> std::borrow::Cow<'_, str> {
    let glossed = crate::text::glossary::WORDS.gloss(text, GLOSS_WORDS);
    if glossed.is_empty() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(format!("{text} {glossed}"))
    }
}

/// Where free text goes. Free text never does what only a tap should: a step that ends the
/// conversation is reached only by a message that is exactly one of its triggers, and the
/// main menu and such steps are never offered as "did you mean".
pub fn route(flows: &FlowSet, text: &str) -> matcher::Verdict<StepRef> {
    match route_topics(flows, text) {
        // "Buongiorno, sono Mario Rossi": a greeting with nothing the flows know is a greeting.
        matcher::Verdict::Miss { .. } if intents::greets(text) => {
            match flows.find(MAIN_FLOW, None) {
                Some(at) => matcher::Verdict::Clear(at),
                None => matcher::Verdict::Miss { best: None },
            }
        }
        verdict => verdict,
    }
}

fn route_topics(flows: &FlowSet, text: &str) -> matcher::Verdict<StepRef> {
    let closing = |at: StepRef| flows.step(at).1.end;
    // A message that is exactly a trigger an editor wrote ("buongiorno", "residenza") is clear.
    if let Some(at) = flows.exact_trigger(text) {
        return matcher::Verdict::Clear(at);
    }
    // Only greetings, thanks and politeness: where one of its words leads ("grazie"), else
    // the main menu; never to a step that ends the conversation.
    if intents::only_courtesy(text) {
        let word_step = matcher::fold(text)
            .split(' ')
            .filter_map(|w| flows.exact_trigger(w))
            .find(|&at| !closing(at));
        return match word_step.or_else(|| flows.find(MAIN_FLOW, None)) {
            Some(at) => matcher::Verdict::Clear(at),
            None => matcher::Verdict::Miss { best: None },
        };
    }
    let (matches, _) = flows.index.rank(&matcher_query(text));
    let ranked: Vec<(StepRef, f32)> = matches
        .into_iter()
        .filter(|m| !closing(m.target))
        .map(|m| (m.target, m.score))
        .collect();
    let probs = flows.classifier().predict(text);
    let mut by_prob: Vec<usize> = (0..flows.flows.len()).collect();
    by_prob.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
    // The step of a flow the question goes to: the matcher's best there, else the flow's start.
    let step_of = |flow: usize| -> Option<(StepRef, f32)> {
        ranked
            .iter()
            .find(|(at, _)| at.flow == flow)
            .copied()
            .or_else(|| flows.find(&flows.flows[flow].id, None).map(|at| (at, 0.0)))
    };
    let Some(&first) = by_prob.first() else {
        return matcher::Verdict::Miss { best: None };
    };
    let p1 = probs[first];
    let top = ranked.first().copied();
    // The classifier puts the question among those the Comune does not answer here.
    let outside = flows
        .out_class()
        .is_some_and(|out| probs[out] >= ROUTE_OUT_P && probs[out] > p1);
    let rival = ranked
        .iter()
        .find(|(at, _)| top.is_some_and(|(t, _)| t.flow != at.flow))
        .map_or(0.0, |r| r.1);
    let matcher_sure = top.is_some_and(|(_, score)| {
        score >= ROUTE_MATCHER_SURE && score >= ROUTE_MATCHER_RATIO * rival
    });
    // Two flows nearly tied, each with some matcher evidence ("agevolazioni per le bollette, a
    // chi chiedo?": a grant or social services): the citizen chooses.
    if let Some(&second) = by_prob.get(1)
        && !outside
        && !matcher_sure
        && probs[second] >= ROUTE_TIE * p1
        && [first, second]
            .iter()
            .all(|&f| flows.flows[f].id != MAIN_FLOW)
        && let (Some((a, sa)), Some((b, sb))) = (step_of(first), step_of(second))
        && sa.min(sb) >= ROUTE_TIE_SCORE
    {
        return matcher::Verdict::Close(vec![a, b]);
    }
    if let Some((at, score)) = step_of(first)
        && p1 >= ROUTE_CLEAR_P
        && score >= ROUTE_CLEAR_SCORE
        && !outside
    {
        return matcher::Verdict::Clear(at);
    }
    if let Some((at, score)) = top
        && at.flow == first
        && score >= ROUTE_MATCHER_CLEAR
        && !outside
    {
        return matcher::Verdict::Clear(at);
    }
    if let Some((at, _)) = top
        && matcher_sure
    {
        return matcher::Verdict::Clear(at);
    }
    // The two signals agree: the matcher's best step is in the classifier's likeliest flow, or
    // in one nearly as likely with more matcher evidence; neither is sure alone.
    if let Some((at, score)) = top
        && !outside
        && score >= ROUTE_AGREE_SCORE
        && probs[at.flow] >= ROUTE_AGREE_P
        && (at.flow == first
            || (probs[at.flow] >= ROUTE_NEAR_FRACTION * p1 && score >= ROUTE_NEAR_SCORE))
    {
        return matcher::Verdict::Clear(at);
    }
    // The classifier leans clearly one way, far ahead of the next flow, and the matcher finds
    // some evidence in that flow: most questions phrased unlike any example land here.
    let p2 = by_prob.get(1).map_or(0.0, |&f| probs[f]);
    if let Some((at, score)) = step_of(first)
        && !outside
        && p1 >= ROUTE_LEAN_P
        && p2 <= ROUTE_LEAN_RATIO * p1
        && score >= ROUTE_LEAN_SCORE
    {
        return matcher::Verdict::Clear(at);
    }
    let best = top.map(|(at, _)| at);
    if outside {
        return matcher::Verdict::Miss { best };
    }
    if let Some((at, _)) = step_of(first)
        && p1 >= ROUTE_SURE_P
    {
        return matcher::Verdict::Clear(at);
    }
    if p1 < ROUTE_CLOSE_P || top.is_none_or(|(_, s)| s < ROUTE_CLOSE_SCORE) {
        return matcher::Verdict::Miss { best };
    }
    let offered: Vec<StepRef> = by_prob
        .iter()
        .filter(|&&f| probs[f] >= ROUTE_BAND * p1 && flows.flows[f].id != MAIN_FLOW)
        .take(3)
        .filter_map(|&f| step_of(f).map(|(at, _)| at))
        .collect();
    match offered.as_slice() {
        [_, _, ..] => matcher::Verdict::Close(offered),
        _ => matcher::Verdict::Miss { best },
    }
}
