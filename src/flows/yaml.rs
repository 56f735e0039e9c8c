//! A YAML tree that remembers where every node came from, and helpers that turn it into typed
//! values while collecting every problem (unknown keys, wrong types) instead of stopping at the
//! first one.

use std::collections::HashMap;
use std::path::Path;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diag::{Diagnostic, Pos, closest};

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    /// A scalar as written; `quoted` scalars are always strings.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

/// Documents deeper than this are refused: nesting this deep is never a flow file, and the
/// limit keeps a hostile file from exhausting the stack.
const MAX_DEPTH: usize = 64;

fn pos_of(span: &Span) -> Pos {
    Pos::new(span.start.line(), span.start.col() + 1)
}

/// A YAML syntax error in words an editor understands, with a hint, at the line that causes
/// it: an unclosed `[`, `{` or quote is noticed by the parser lines later, so the position
/// goes back to the line that opens it.
fn syntax_error(file: &Path, text: &str, at: Pos, info: &str) -> Diagnostic {
    let lines: Vec<&str> = text.lines().collect();
    // The last line at or before the error's line where `open` is not closed.
    let opened_at = |open: char, close: char| -> Option<usize> {
        (0..at.line.min(lines.len()))
            .rev()
            .find(|&i| {
                let line = lines[i].split(" #").next().unwrap_or_default();
                line.matches(open).count() > line.matches(close).count()
            })
            .map(|i| i + 1)
    };
    // An unclosed `[` a line or two before is the cause, whatever the parser noticed later.
    let recent_bracket = opened_at('[', ']').filter(|&l| l + 2 >= at.line);
    let tab_indent = lines
        .iter()
        .position(|l| l.trim_start_matches(' ').starts_with('\t'))
        .map(|i| i + 1);
    let unclosed_quote = || -> Option<usize> {
        (0..at.line.min(lines.len()))
            .rev()
            .find(|&i| lines[i].matches('"').count() % 2 == 1)
            .map(|i| i + 1)
    };
    let (message, hint, line) = if info.contains("tab") || tab_indent.is_some() {
        (
            "a tab character is used to indent: YAML indents with spaces only".to_string(),
            "replace the tab with spaces (two for each level)",
            tab_indent,
        )
    } else if info.contains("flow sequence")
        || info.contains("misplaced bracket")
        || recent_bracket.is_some()
    {
        (
            "a list opened with `[` is not closed".to_string(),
            "close it with `]` on the same line, or write one item per line starting with `- `",
            opened_at('[', ']'),
        )
    } else if info.contains("flow mapping") {
        (
            "a `{` is not closed with `}`".to_string(),
            "close it on the same line, or write the keys one per line, indented",
            opened_at('{', '}'),
        )
    } else if info.contains("quoted scalar") {
        (
            "a quoted text is not closed".to_string(),
            "close the text with the same quote it opens with; write a quote inside it as \\\"",
            unclosed_quote(),
        )
    } else if info.contains("mapping values") || info.contains("':'") || info.contains("simple key")
    {
        (
            "a `:` where a value was expected: YAML reads `word: ` as a new key".to_string(),
            "put a text that contains `: ` in quotes, for example \"Orari: dalle 9 alle 12\"",
            None,
        )
    } else if info.contains("indentation")
        || info.contains("expected key")
        || info.contains("'-' indicator")
        || info.contains("block sequence entries")
    {
        (
            "this line is not indented like the lines it belongs with".to_string(),
            "indent with spaces, as many as the other keys of the same level",
            None,
        )
    } else {
        (
            format!("the file cannot be read as YAML ({info})"),
            "check the indentation and the quotes around this line",
            None,
        )
    };
    let pos = line
        .filter(|&l| l != at.line)
        .map_or(at, |l| Pos::new(l, 1));
    Diagnostic::error(file, pos, format!("YAML syntax: {message}")).with_hint(hint)
}

/// Parses one YAML document. A syntax error becomes one diagnostic with its position.
pub fn parse(file: &Path, text: &str) -> Result<Node, Diagnostic> {
    let mut parser = Parser::new_from_str(text);
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    // Stack of open collections: (node under construction, pending map key, anchor id).
    let mut stack: Vec<(Node, Option<Node>, usize)> = Vec::new();
    let mut root: Option<Node> = None;
    for event in &mut parser {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            syntax_error(file, text, Pos::new(m.line(), m.col() + 1), e.info())
        })?;
        let pos = pos_of(&span);
        let complete = match event {
            Event::Scalar(text, style, anchor, _) => {
                let quoted = !matches!(style, ScalarStyle::Plain);
                let value =
                    if !quoted && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                        Value::Null
                    } else {
                        Value::Scalar {
                            text: text.into_owned(),
                            quoted,
                        }
                    };
                let node = Node { value, pos };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                Some(node)
            }
            Event::Alias(anchor) => Some(anchors.get(&anchor).cloned().ok_or_else(|| {
                Diagnostic::error(file, pos, "YAML alias refers to an unknown anchor")
            })?),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Diagnostic::error(file, pos, "YAML nested too deeply")
                        .with_hint(format!("at most {MAX_DEPTH} levels are accepted")));
                }
                let value = if matches!(event, Event::SequenceStart(..)) {
                    Value::Seq(Vec::new())
                } else {
                    Value::Map(Vec::new())
                };
                stack.push((Node { value, pos }, None, anchor));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, _, anchor) = stack.pop().expect("the parser balances collections");
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                Some(node)
            }
            Event::StreamEnd => break,
            Event::DocumentStart(_) if root.is_some() => {
                return Err(Diagnostic::error(
                    file,
                    pos,
                    "more than one YAML document in the file",
                )
                .with_hint("remove the `---` separator: one file holds one document"));
            }
            _ => None,
        };
        let Some(node) = complete else { continue };
        match stack.last_mut() {
            None => root = Some(node),
            Some((
                Node {
                    value: Value::Seq(items),
                    ..
                },
                _,
                _,
            )) => items.push(node),
            Some((
                Node {
                    value: Value::Map(entries),
                    ..
                },
                key,
                _,
            )) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
            Some(_) => unreachable!("only collections are pushed"),
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        pos: Pos::new(1, 1),
    }))
}

impl Node {
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing",
            Value::Scalar { .. } => "a value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Reads typed values out of a tree, writing a diagnostic for each mistake and carrying on.
pub struct Reader<'a> {
    pub file: &'a Path,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a Path) -> Reader<'a> {
        Reader {
            file,
            diagnostics: Vec::new(),
        }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::error(self.file, pos, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub fn warning(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::warning(self.file, pos, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn expected(&mut self, node: &Node, what: &str) {
        let message = format!("expected {what}, found {}", node.kind());
        self.error(node.pos, message);
    }

    /// A string scalar (numbers and booleans are taken as written).
    pub fn string(&mut self, node: &Node) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => Some(text.clone()),
            _ => {
                self.expected(node, "a text");
                None
            }
        }
    }

    pub fn bool(&mut self, node: &Node) -> Option<bool> {
        match &node.value {
            Value::Scalar {
                text,
                quoted: false,
            } if text == "true" => Some(true),
            Value::Scalar {
                text,
                quoted: false,
            } if text == "false" => Some(false),
            _ => {
                self.expected(node, "`true` or `false`");
                None
            }
        }
    }

    pub fn uint(&mut self, node: &Node) -> Option<u64> {
        match &node.value {
            Value::Scalar {
                text,
                quoted: false,
            } => text.parse().ok().or_else(|| {
                self.expected(node, "a whole number");
                None
            }),
            _ => {
                self.expected(node, "a whole number");
                None
            }
        }
    }

    /// A list; a single value is accepted as a list of one.
    pub fn list<'n>(&mut self, node: &'n Node) -> Vec<&'n Node> {
        match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            Value::Scalar { .. } => vec![node],
            Value::Map(_) => {
                self.expected(node, "a list");
                Vec::new()
            }
        }
    }

    /// A list of strings, with the position of each.
    pub fn strings(&mut self, node: &Node) -> Vec<(String, Pos)> {
        self.list(node)
            .into_iter()
            .filter_map(|n| self.string(n).map(|s| (s, n.pos)))
            .collect()
    }

    /// A mapping with string keys, for reading fields by name. Unknown keys are reported when
    /// the caller is done with [`Fields::finish`].
    pub fn fields<'n>(&mut self, node: &'n Node, what: &str) -> Option<Fields<'n>> {
        match &node.value {
            Value::Map(entries) => {
                let mut seen: Vec<&str> = Vec::new();
                let mut out = Vec::new();
                for (k, v) in entries {
                    let Value::Scalar { text, .. } = &k.value else {
                        self.error(k.pos, format!("a key in {what} must be a plain name"));
                        continue;
                    };
                    if seen.contains(&text.as_str()) {
                        self.error(k.pos, format!("`{text}` appears twice in {what}"))
                            .hint =
                            Some("keep one of the two: the second would silently win".into());
                        continue;
                    }
                    seen.push(text);
                    out.push((text.as_str(), k.pos, v, false));
                }
                Some(Fields {
                    entries: out,
                    pos: node.pos,
                    what: what.to_string(),
                })
            }
            _ => {
                self.expected(node, &format!("{what} (a mapping of `key: value`)"));
                None
            }
        }
    }
}

/// The fields of one mapping, taken one by one; what is never taken is an unknown key.
pub struct Fields<'n> {
    entries: Vec<(&'n str, Pos, &'n Node, bool)>,
    pub pos: Pos,
    what: String,
}

impl<'n> Fields<'n> {
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        self.entries.iter_mut().find(|e| e.0 == key).map(|e| {
            e.3 = true;
            e.2
        })
    }

    /// Every entry, in file order, as (key, key position, value); marks all as known.
    pub fn all(&mut self) -> Vec<(&'n str, Pos, &'n Node)> {
        self.entries
            .iter_mut()
            .map(|e| {
                e.3 = true;
                (e.0, e.1, e.2)
            })
            .collect()
    }

    /// A required field: reports its absence.
    pub fn require(&mut self, reader: &mut Reader<'_>, key: &str) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none() {
            reader.error(self.pos, format!("{} has no `{key}`", self.what));
        }
        found
    }

    /// Reports every key not taken, with the closest known key as a hint.
    pub fn finish(self, reader: &mut Reader<'_>, known: &[&str]) {
        for (key, pos, _, taken) in self.entries {
            if taken {
                continue;
            }
            let d = reader.error(pos, format!("unknown key `{key}` in {}", self.what));
            d.hint = Some(match closest(key, known.iter().copied()) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("the keys allowed here are: {}", known.join(", ")),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        parse(Path::new("t.yaml"), text).expect("valid YAML")
    }

    #[test]
    fn nodes_carry_their_line_and_column() {
        let root = tree("id: tributi\nsteps:\n  menu:\n    say: tributi-menu\n");
        let mut r = Reader::new(Path::new("t.yaml"));
        let mut f = r.fields(&root, "the flow").unwrap();
        let steps = f.get("steps").unwrap();
        let mut steps = r.fields(steps, "steps").unwrap();
        let (name, pos, menu) = steps.all()[0];
        assert_eq!((name, pos), ("menu", Pos::new(3, 3)));
        let mut menu = r.fields(menu, "a step").unwrap();
        assert_eq!(menu.get("say").unwrap().pos, Pos::new(4, 10));
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let err = parse(Path::new("bad.yaml"), "id: x\nsteps:\n  - a\n  b: [\n").unwrap_err();
        assert!(err.to_string().starts_with("bad.yaml:"), "{err}");
        assert!(err.pos.line >= 3, "{err}");
    }

    #[test]
    fn unknown_and_duplicate_keys_are_all_reported_with_hints() {
        let root = tree("say: a\nchoises: []\nsay: b\nwhatever: 1\n");
        let mut r = Reader::new(Path::new("t.yaml"));
        let mut f = r.fields(&root, "step `menu`").unwrap();
        assert!(f.get("say").is_some());
        f.finish(&mut r, &["say", "choices"]);
        let text: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(text.len(), 3, "{text:#?}");
        assert!(
            text[0].contains("`say` appears twice") && text[0].contains(":3:1:"),
            "{text:#?}"
        );
        assert!(
            text[1].contains("unknown key `choises`")
                && text[1].contains("did you mean `choices`?")
        );
        assert!(text[2].contains("unknown key `whatever`") && text[2].contains("allowed here are"));
    }

    #[test]
    fn anchors_and_aliases_are_expanded() {
        let root = tree("a: &x [1, 2]\nb: *x\n");
        let Value::Map(entries) = root.value else {
            panic!("a map")
        };
        assert_eq!(entries[0].1.value, entries[1].1.value);
    }

    #[test]
    fn hostile_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(10_000);
        assert!(parse(Path::new("deep.yaml"), &text).is_err());
    }
}
