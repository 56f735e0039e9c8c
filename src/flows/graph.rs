//! Mermaid diagrams of a flow set, for admins to see the paths a citizen can take.

use std::fmt::Write;

use super::{Action, FlowSet};
use crate::i18n::Lang;

fn node_id(flow: &str, step: &str) -> String {
    format!("{flow}__{step}").replace(['-', '.'], "_")
}

/// Mermaid keeps quotes and brackets for itself.
fn label(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => '\'',
            '[' | '{' | '(' => '(',
            ']' | '}' | ')' => ')',
            '\n' => ' ',
            c => c,
        })
        .take(40)
        .collect()
}

/// A `flowchart` with one subgraph per flow, labelled in `lang`.
pub fn mermaid(set: &FlowSet, lang: Lang) -> String {
    let t = |id: &str| label(&set.locales.text(lang, id, &[]));
    let mut out = String::from("flowchart LR\n");
    let mut edges = String::new();
    let mut offices = std::collections::BTreeSet::new();
    for flow in &set.flows {
        let _ = writeln!(
            out,
            "  subgraph {}[\"{}\"]",
            flow.id.replace('-', "_"),
            t(&flow.title.text)
        );
        for step in &flow.steps {
            let name = step
                .title
                .as_ref()
                .map_or_else(|| step.id.clone(), |n| t(&n.text));
            let shape = if step.id == flow.start.text {
                ("([", "])")
            } else {
                ("[", "]")
            };
            let _ = writeln!(
                out,
                "    {}{}\"{}\"{}",
                node_id(&flow.id, &step.id),
                shape.0,
                name,
                shape.1
            );
            let from = node_id(&flow.id, &step.id);
            if let Some(office) = &step.handoff {
                offices.insert(office.text.clone());
                let _ = writeln!(
                    edges,
                    "  {from} -.-> office_{}",
                    office.text.replace('-', "_")
                );
            }
            for choice in &step.choices {
                let l = t(&choice.label.text);
                match &choice.action {
                    Action::Goto {
                        flow: f, step: s, ..
                    } => {
                        let target = s
                            .clone()
                            .or_else(|| set.flow(f).map(|f| f.start.text.clone()))
                            .unwrap_or_default();
                        let _ = writeln!(edges, "  {from} -->|\"{l}\"| {}", node_id(f, &target));
                    }
                    Action::Handoff(office) => {
                        offices.insert(office.text.clone());
                        let _ = writeln!(
                            edges,
                            "  {from} -.->|\"{l}\"| office_{}",
                            office.text.replace('-', "_")
                        );
                    }
                    Action::Link(_) | Action::Deadlines(_) | Action::End => {}
                }
            }
        }
        out.push_str("  end\n");
    }
    for office in offices {
        let name = set
            .office(&office)
            .map_or_else(|| office.clone(), |o| t(&o.name.text));
        let _ = writeln!(
            out,
            "  office_{}{{{{\"{}\"}}}}",
            office.replace('-', "_"),
            name
        );
    }
    out.push_str(&edges);
    out
}
