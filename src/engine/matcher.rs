//! Placeholder: replaced by the real matcher.
use crate::i18n::Lang;
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}
pub enum DocKind {
    Trigger,
    Text,
}
pub struct IndexBuilder<T> {
    docs: Vec<(T, Lang, String)>,
}
impl<T: Clone> Default for IndexBuilder<T> {
    fn default() -> Self {
        Self::new()
    }
}
impl<T: Clone> IndexBuilder<T> {
    pub fn new() -> Self {
        IndexBuilder { docs: Vec::new() }
    }
    pub fn add(&mut self, target: T, lang: Lang, _kind: DocKind, text: &str) {
        self.docs.push((target, lang, fold(text)))
    }
    pub fn build(self) -> Index<T> {
        Index { docs: self.docs }
    }
}
pub struct Index<T> {
    docs: Vec<(T, Lang, String)>,
}
pub struct Match<T> {
    pub target: T,
    pub score: f32,
    pub lang: Lang,
}
pub enum Verdict<T> {
    Clear(T),
    Close(Vec<T>),
    Miss { best: Option<T> },
}
impl<T: Clone> Index<T> {
    pub fn search(&self, query: &str) -> Vec<Match<T>> {
        let q = fold(query);
        self.docs
            .iter()
            .filter(|d| q.contains(&d.2))
            .map(|d| Match {
                target: d.0.clone(),
                score: 1.0,
                lang: d.1,
            })
            .collect()
    }
    pub fn classify(&self, query: &str) -> Verdict<T> {
        match self.search(query).into_iter().next() {
            Some(m) => Verdict::Clear(m.target),
            None => Verdict::Miss { best: None },
        }
    }
    pub fn phrase_hit(&self, query: &str) -> Option<T> {
        self.search(query).into_iter().next().map(|m| m.target)
    }
}
