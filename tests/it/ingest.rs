//! `conversations::Ingest`, the one way in that every channel uses: each citizen's messages in
//! order, citizens side by side, a redelivery recognised, operators' messages routed.

use std::path::Path;
use std::sync::Arc;

use sportello::clock::ManualClock;
use sportello::conversations::{Handled, Ingest, Update};
use sportello::flows::FlowSet;
use sportello::handoff::OperatorUpdate;
use sportello::ids::ChannelKind;
use sportello::metrics::Metrics;

use crate::common::{TestDb, t0, text_inbound};

fn flows() -> Arc<FlowSet> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (set, report) = FlowSet::load(
        &root.join("flows"),
        &root.join("locales"),
        sportello::channels::LIMITS,
    );
    Arc::new(set.unwrap_or_else(|| panic!("{report}")))
}

fn without_operators(db: &TestDb) -> Ingest {
    Ingest {
        store: db.store.clone(),
        operators: None,
        clock: Arc::new(ManualClock::new(t0())),
        metrics: Arc::new(Metrics::new()),
    }
}

fn citizen(user: &str, id: &str, text: &str) -> Update<String> {
    Update::Citizen {
        inbound: text_inbound(ChannelKind::Telegram, user, id, text),
        after: id.to_owned(),
    }
}

on_both_backends!(
    each_citizens_messages_are_handled_in_order_and_a_redelivery_is_recognised,
    operators_messages_on_a_channel_without_operators_are_ignored_not_fatal,
);

async fn each_citizens_messages_are_handled_in_order_and_a_redelivery_is_recognised(db: &TestDb) {
    let ingest = without_operators(db);
    let batch = vec![
        citizen("anna", "a1", "ciao"),
        citizen("bruno", "b1", "quando scade la tari"),
        citizen("anna", "a2", "carta d'identità scaduta"),
        citizen("anna", "a1", "ciao"),
        citizen("bruno", "b2", "menu"),
    ];
    let done = ingest.batch(&flows(), batch).await.expect("stored");
    assert_eq!(done.len(), 5, "every message is accounted for");
    let of = |prefix: char| -> Vec<&(String, Handled)> {
        done.iter()
            .filter(|(id, _)| id.starts_with(prefix))
            .collect()
    };
    let anna = of('a');
    let ids: Vec<&str> = anna.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        ["a1", "a2", "a1"],
        "one citizen's messages stay in order"
    );
    let conversation = |h: &Handled| match h {
        Handled::Processed(p) => Some(p.conversation_id),
        Handled::Duplicate => None,
    };
    let first = conversation(&anna[0].1).expect("processed");
    assert_eq!(conversation(&anna[1].1), Some(first));
    assert_eq!(
        anna[1].1.processed().unwrap().state.flow.as_deref(),
        Some("anagrafe")
    );
    assert_eq!(
        anna[2].1,
        Handled::Duplicate,
        "the redelivered message is recognised"
    );
    let bruno = of('b');
    assert_eq!(bruno.len(), 2);
    let theirs = conversation(&bruno[0].1).expect("processed");
    assert_ne!(
        theirs, first,
        "each citizen has a conversation of their own"
    );
    assert_eq!(conversation(&bruno[1].1), Some(theirs));
}

async fn operators_messages_on_a_channel_without_operators_are_ignored_not_fatal(db: &TestDb) {
    let ingest = without_operators(db);
    let batch = vec![
        Update::Operator(OperatorUpdate {
            update_id: "op-1".into(),
            user_id: 7,
            first_name: "Giulia".into(),
            topic: Some("12".into()),
            text: "/chiudi".into(),
        }),
        citizen("carla", "c1", "orari anagrafe"),
    ];
    let done = ingest.batch(&flows(), batch).await.expect("stored");
    assert_eq!(done.len(), 1);
    assert!(matches!(done[0].1, Handled::Processed(_)));
}
