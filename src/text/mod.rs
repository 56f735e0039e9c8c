//! Reading free text, below the flows and the engine: folding and Italian-aware matching over
//! what editors wrote (`matcher`), the classifier trained on it (`classifier`) and the foreign words it reads as Italian ones (`glossary`), and word-pattern
//! rules (`lexicon`); how hard a text is to read (`readability`). The flows build their indexes with it; the engine reads citizens with it.

pub mod classifier;
pub mod glossary;
pub mod lexicon;
pub mod matcher;
pub mod readability;
