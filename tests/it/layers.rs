//! The direction of dependencies between the modules of `src/`, one way down (see
//! ARCHITECTURE.md, "Layers"): a module may use the modules of its own layer and of the layers
//! below, never those above. The imports that still go upward are listed in [`STILL_UPWARD`];
//! the list may only shrink: a new upward import fails the test, and so does an entry that no
//! longer occurs (remove it). And no file of `src/` is over [`MAX_FILE_LINES`] lines outside
//! its tests.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer, lowest first.
const LAYERS: &[(&str, u8)] = &[
    ("diag", 0),
    ("calendar", 0),
    ("alerts", 0),
    ("i18n", 0),
    ("clock", 0),
    ("metrics", 0),
    ("ids", 0),
    ("text", 0),
    ("sending", 0),
    ("wake", 0),
    ("flows", 1),
    ("store", 2),
    ("engine", 3),
    ("privacy", 3),
    ("handoff", 3),
    ("conversations", 4),
    ("outbox", 5),
    ("channels", 5),
    ("settings", 5),
    ("console", 5),
    ("announcements", 5),
    ("unanswered", 5),
    ("reminders", 6),
    ("broadcast", 6),
    ("admin", 6),
    ("chat", 6),
    ("app", 6),
    ("cli", 6),
    ("links", 6),
    ("users", 6),
    ("insights", 5),
];

/// Imports that go upward today: (from, to). To be removed, never added to.
const STILL_UPWARD: &[(&str, &str)] = &[];

#[test]
fn no_module_imports_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layer = |module: &str| {
        LAYERS
            .iter()
            .find(|(m, _)| *m == module)
            .map(|&(_, l)| l)
            .unwrap_or_else(|| panic!("module `{module}` has no layer in tests/it/layers.rs"))
    };
    let mut upward: BTreeSet<(String, String)> = BTreeSet::new();
    for file in rust_files(&src) {
        let relative = file.strip_prefix(&src).unwrap();
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for used in crate_imports(&text) {
            if used != module && layer(&used) > layer(&module) {
                upward.insert((module.clone(), used));
            }
        }
    }
    let known: BTreeSet<(String, String)> = STILL_UPWARD
        .iter()
        .map(|&(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let new: Vec<_> = upward.difference(&known).collect();
    let gone: Vec<_> = known.difference(&upward).collect();
    assert!(
        new.is_empty(),
        "modules that import a module above them (see ARCHITECTURE.md, Layers): {new:?}"
    );
    assert!(
        gone.is_empty(),
        "these upward imports are gone: remove them from STILL_UPWARD: {gone:?}"
    );
}

#[test]
fn the_scanner_reads_grouped_and_nested_imports() {
    let text = "use crate::{engine::{step, Input}, store::Store};\nfn f() { crate::flows::x(); }\n// crate::app in a comment\n";
    let mut found = crate_imports(text);
    found.sort();
    assert_eq!(found, ["engine", "flows", "store"]);
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The top-level modules a source text names after `crate::`, in paths and in grouped `use`s;
/// comments are skipped.
fn crate_imports(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first name of each item at the top level of the group.
            let mut depth = 0;
            let mut at_item = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_item = true,
                    c if at_item && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if at_item && !name.is_empty() => {
                        found.insert(std::mem::take(&mut name));
                        at_item = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found.into_iter().collect()
}

/// The longest a file of `src/` may be, not counting its `#[cfg(test)]` modules: past it, a
/// file is split into submodules by topic (ARCHITECTURE.md names them).
const MAX_FILE_LINES: usize = 800;

#[test]
fn no_source_file_is_over_800_lines_outside_its_tests() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long: Vec<(String, usize)> = rust_files(&src)
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap();
            let name = file.strip_prefix(&src).unwrap().display().to_string();
            (name, lines_outside_tests(&text))
        })
        .filter(|&(_, lines)| lines > MAX_FILE_LINES)
        .collect();
    long.sort();
    assert!(
        long.is_empty(),
        "files of src/ over {MAX_FILE_LINES} lines outside their tests, to split by topic: {long:?}"
    );
}

#[test]
fn the_line_count_leaves_out_test_modules_only() {
    let text =
        "fn a() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {\n    }\n}\nfn b() {}\n";
    assert_eq!(lines_outside_tests(text), 3);
}

/// The lines of a formatted source text outside its `#[cfg(test)]` modules: such a module runs
/// from the attribute to the first closing brace at the start of a line.
fn lines_outside_tests(text: &str) -> usize {
    let mut count = 0;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let test_module = line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod ") && next.ends_with('{'));
        if test_module {
            for inner in lines.by_ref() {
                if inner.starts_with('}') {
                    break;
                }
            }
        } else {
            count += 1;
        }
    }
    count
}
