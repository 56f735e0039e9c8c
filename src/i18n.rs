//! Citizen-facing texts: Fluent bundles per language, loaded from `locales/<lang>/*.ftl`.

use serde::{Deserialize, Serialize};

/// A language Sportello speaks. Italian is the default and the fallback.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    /// Parses a language tag as clients send it (`it`, `en-GB`, `EN_us`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};

use crate::diag::{Diagnostic, Pos};

/// Where a message is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub file: PathBuf,
    pub pos: Pos,
}

/// The texts of every language, loaded from `<dir>/<lang>/*.ftl`.
pub struct Locales {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    definitions: BTreeMap<Lang, BTreeMap<String, Definition>>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales")
            .field(
                "messages",
                &self
                    .definitions
                    .values()
                    .map(BTreeMap::len)
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Locales {
    /// Loads every language in [`Lang::ALL`]. Syntax errors and duplicate ids are reported with
    /// their file and line; the messages that did parse are kept so that later checks can
    /// still run.
    pub fn load(dir: &Path) -> (Locales, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut bundles = Vec::new();
        let mut definitions = BTreeMap::new();
        for lang in Lang::ALL {
            let lang_dir = dir.join(lang.code());
            let langid: unic_langid::LanguageIdentifier =
                lang.code().parse().expect("language codes are valid tags");
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Plain-text channels: Unicode isolation marks would show up as garbage.
            bundle.set_use_isolating(false);
            let mut defined: BTreeMap<String, Definition> = BTreeMap::new();
            let mut files = match ftl_files(&lang_dir) {
                Ok(files) => files,
                Err(e) => {
                    diagnostics.push(
                        Diagnostic::error(
                            &lang_dir,
                            Pos::new(1, 1),
                            format!("cannot read the texts: {e}"),
                        )
                        .with_hint(format!(
                            "every language needs a folder {}/ with .ftl files",
                            lang_dir.display()
                        )),
                    );
                    Vec::new()
                }
            };
            files.sort();
            for file in files {
                let text = match std::fs::read_to_string(&file) {
                    Ok(text) => text,
                    Err(e) => {
                        diagnostics.push(Diagnostic::error(
                            &file,
                            Pos::new(1, 1),
                            format!("cannot read: {e}"),
                        ));
                        continue;
                    }
                };
                let resource = match FluentResource::try_new(text.clone()) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        for e in errors {
                            diagnostics.push(fluent_error(&file, &text, &e));
                        }
                        resource
                    }
                };
                for (id, pos) in message_lines(&text) {
                    let here = Definition {
                        file: file.clone(),
                        pos,
                    };
                    if let Some(first) = defined.get(&id) {
                        diagnostics.push(
                            Diagnostic::error(
                                &file,
                                pos,
                                format!("message `{id}` is defined twice"),
                            )
                            .with_hint(format!(
                                "the first definition is at {}:{}",
                                first.file.display(),
                                first.pos.line
                            )),
                        );
                    } else {
                        defined.insert(id, here);
                    }
                }
                // Duplicates were reported above with their positions.
                bundle.add_resource_overriding(resource);
            }
            bundles.push((lang, bundle));
            definitions.insert(lang, defined);
        }
        (
            Locales {
                bundles,
                definitions,
            },
            diagnostics,
        )
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.definitions
            .get(&lang)
            .is_some_and(|d| d.contains_key(id))
    }

    /// Where message `id` is defined in `lang`.
    pub fn definition(&self, lang: Lang, id: &str) -> Option<&Definition> {
        self.definitions.get(&lang)?.get(id)
    }

    /// Every message defined in `lang`, with where.
    pub fn definitions(&self, lang: Lang) -> impl Iterator<Item = (&str, &Definition)> {
        self.definitions
            .get(&lang)
            .into_iter()
            .flatten()
            .map(|(id, d)| (id.as_str(), d))
    }

    /// The text of message `id` in `lang`, falling back to Italian, then to the id itself (a
    /// validated set never needs either fallback).
    pub fn text(&self, lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut a = FluentArgs::with_capacity(args.len());
            for (k, v) in args {
                // A whole number goes as a number, so that plural selectors (`[one]`) match;
                // anything else (codes with leading zeros, ids too long for a float) as text.
                match whole_number(v) {
                    Some(n) => a.set(*k, n),
                    None => a.set(*k, *v),
                }
            }
            a
        });
        for wanted in [lang, Lang::It] {
            let Some((_, bundle)) = self.bundles.iter().find(|(l, _)| *l == wanted) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
                .into_owned();
        }
        id.to_string()
    }
}

/// `text` as a number when it is written as Fluent would write that number back: digits
/// without a leading zero, short enough to be exact.
fn whole_number(text: &str) -> Option<f64> {
    let plain = !text.is_empty()
        && text.len() <= 15
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    plain.then(|| text.parse().ok()).flatten()
}

impl Locales {
    /// The problems formatting message `id` in `lang` with variables named `args` would meet,
    /// such as a variable the caller never passes or a reference to a missing message.
    pub fn format_problems(&self, lang: Lang, id: &str, args: &[&str]) -> Vec<String> {
        let Some((_, bundle)) = self.bundles.iter().find(|(l, _)| *l == lang) else {
            return Vec::new();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return Vec::new();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for name in args {
            fluent_args.set(*name, "x");
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        errors.into_iter().map(|e| e.to_string()).collect()
    }
}

fn ftl_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
    Ok(out)
}

/// A Fluent syntax error at the line that causes it, in plain words where it is a common one.
fn fluent_error(file: &Path, text: &str, e: &fluent_syntax::parser::ParserError) -> Diagnostic {
    use fluent_syntax::parser::ErrorKind;
    let mut at = e.pos.start.min(text.len());
    let unclosed = matches!(e.kind, ErrorKind::ExpectedToken('}'));
    let bytes = text.as_bytes();
    if unclosed {
        // The parser notices a missing `}` where the next text starts, lines later: point at
        // the end of the line that lacks it.
        while at > 0 && bytes[at - 1].is_ascii_whitespace() {
            at -= 1;
        }
    } else if at > 0 && bytes[at - 1] == b'\n' && bytes.get(at).is_none_or(|b| *b == b'\n') {
        at -= 1;
    }
    let (message, hint) = if unclosed {
        (
            "a `{` is not closed with `}`".to_string(),
            "a variable is written `{ $name }`; to write a brace as text, write {\"{\"}",
        )
    } else {
        (
            format!("Fluent syntax: {}", e.kind),
            "a message is `id = text`; continuation lines are indented",
        )
    };
    Diagnostic::error(file, Pos::of_offset(text, at), message).with_hint(hint)
}

/// Message ids and where they start: a line `id = ...` at the start of a line. Terms (`-x`)
/// and comments are not messages.
fn message_lines(text: &str) -> Vec<(String, Pos)> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let valid = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            valid.then(|| (id.to_string(), Pos::new(n + 1, 1)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locales(files: &[(&str, &str)]) -> (Locales, Vec<Diagnostic>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (l, d) = Locales::load(dir.path());
        (l, d, dir)
    }

    #[test]
    fn whole_numbers_choose_the_plural_and_codes_stay_as_written() {
        let (l, d, _dir) = locales(&[
            (
                "it/a.ftl",
                "next = { $count ->\n    [one] la prossima scadenza\n   *[other] le prossime { $count } scadenze\n}\ncase = Richiesta { $code }\n",
            ),
            ("en/a.ftl", "case = Request { $code }\n"),
        ]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            l.text(Lang::It, "next", &[("count", "1")]),
            "la prossima scadenza"
        );
        assert_eq!(
            l.text(Lang::It, "next", &[("count", "2")]),
            "le prossime 2 scadenze"
        );
        assert_eq!(
            l.text(Lang::It, "next", &[("count", "1000")]),
            "le prossime 1000 scadenze"
        );
        for code in ["0042", "URP-0042", "12.5", "1234567890123456789", ""] {
            assert_eq!(
                l.text(Lang::It, "case", &[("code", code)]),
                format!("Richiesta {code}")
            );
        }
    }

    #[test]
    fn texts_come_in_the_citizens_language_with_italian_as_fallback() {
        let (l, d, _dir) = locales(&[
            (
                "it/a.ftl",
                "hello = Buongiorno { $name }\nonly-it = Solo italiano\n",
            ),
            ("en/a.ftl", "hello = Good morning { $name }\n"),
        ]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            l.text(Lang::En, "hello", &[("name", "Anna")]),
            "Good morning Anna"
        );
        assert_eq!(
            l.text(Lang::It, "hello", &[("name", "Anna")]),
            "Buongiorno Anna"
        );
        assert_eq!(l.text(Lang::En, "only-it", &[]), "Solo italiano");
        assert_eq!(l.text(Lang::En, "missing", &[]), "missing");
    }

    #[test]
    fn syntax_errors_and_duplicates_name_file_and_line() {
        let (l, d, _dir) = locales(&[
            (
                "it/a.ftl",
                "ok = Va bene\nbroken = { $x\nagain = x\nok = doppio\n",
            ),
            ("en/a.ftl", "ok = Fine\n"),
        ]);
        let text: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|t| t.contains("a.ftl:2:") && t.contains("a `{` is not closed")),
            "{text:#?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("a.ftl:4:1") && t.contains("defined twice")),
            "{text:#?}"
        );
        assert!(l.has(Lang::It, "again"));
    }

    #[test]
    fn a_missing_language_folder_is_an_error() {
        let (_l, d, _dir) = locales(&[("it/a.ftl", "ok = Va bene\n")]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].to_string().contains("en"));
    }
}
