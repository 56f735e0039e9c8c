//! `questions.txt`: questions as citizens asked them, each with the flow that answers it. The
//! classifier learns from them beside the flows' own examples; the matcher does not read them.
//!
//! ```text
//! # comments start with #
//! tributi | quando si paga la tari quest'anno?
//! out | orari del cimitero
//! ```
//!
//! The format is the one of `sportello flows eval`, so labelled sets move between the two:
//! LABEL is a flow id or `out` (a question the chat does not answer here, as in
//! `out-of-scope.yaml`); `+alarming` after it is allowed; lines labelled `operator` or
//! `emergency:KIND` are the safety layer's and the intents' business and are skipped.

use std::collections::HashSet;
use std::path::Path;

use crate::diag::{Diagnostic, Pos, Report};
use crate::flows::{Flow, Question};

/// Reads `path`; every line that cannot be read is an error with its number, and so is a label
/// that is no flow of the set. A label of a flow whose file could not be read (`unread`) is
/// skipped: that file's own error says what is wrong.
pub(super) fn read_questions(
    path: &Path,
    flows: &[Flow],
    unread: &HashSet<String>,
    report: &mut Report,
) -> Vec<Question> {
    let Some(text) = super::read_text(path, report) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let pos = Pos::new(i + 1, 1);
        let Some((label, question)) = line.split_once(" | ") else {
            report.push(
                Diagnostic::error(path, pos, "expected `LABEL | QUESTION`")
                    .with_hint("a flow id or `out`, then ` | `, then the question as written"),
            );
            continue;
        };
        let label = label.trim();
        let label = label.strip_suffix("+alarming").unwrap_or(label);
        if label == "operator" || label.starts_with("emergency:") || unread.contains(label) {
            continue;
        }
        let flow = if label == "out" {
            None
        } else if flows.iter().any(|f| f.id == label) {
            Some(label.to_string())
        } else {
            report.push(
                Diagnostic::error(path, pos, format!("no flow has the id `{label}`"))
                    .with_hint("use the id of a flow, or `out` for what the chat does not answer"),
            );
            continue;
        };
        out.push(Question {
            flow,
            text: question.trim().to_string(),
            line: i + 1,
        });
    }
    out
}
