//! The sent journal: a send the channel accepted and the store never recorded (the process
//! died in between) is recorded from the journal at the next start and not sent again.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use common::{RecordingChannel, TestDb, echo, t0, text_inbound};
use sportello::channels::ChannelKind;
use sportello::clock::ManualClock;
use sportello::conversations::{self, Handled};
use sportello::outbox::{Dispatcher, SentJournal};
use sportello::store::OutboxStatus;

const TG: ChannelKind = ChannelKind::Telegram;

async fn a_send_noted_in_the_journal_is_recorded_at_the_next_start_and_not_sent_again(db: &TestDb) {
    let store = &db.store;
    let Handled::Processed(first) =
        conversations::handle_with(store, text_inbound(TG, "j", "1", "uno"), t0(), echo)
            .await
            .unwrap()
    else {
        panic!("processed");
    };
    conversations::handle_with(store, text_inbound(TG, "k", "2", "due"), t0(), echo)
        .await
        .unwrap();
    // A dispatcher claimed the first reply, the channel accepted it as message 555, the
    // journal got its line, and the process died before the store heard of it.
    let claimed = store
        .claim_due(TG, t0(), Duration::from_secs(60), 1, "dead")
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].recipient.conversation_id, first.conversation_id);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sent.journal");
    let mut text = format!("{} 555\nnot a line\n987654\n", claimed[0].outbox_id.0).into_bytes();
    // Bytes that are not text, and a last line cut by the crash: no sent id, so not known to
    // have been accepted.
    text.extend_from_slice(b"\xff\xfe 1\n");
    text.extend_from_slice(format!("{}", claimed[0].outbox_id.0 + 1).as_bytes());
    std::fs::write(&path, text).unwrap();

    let (journal, marked) = SentJournal::open(&path, store, t0()).await.unwrap();
    assert_eq!(marked, 1);
    let entry = &store.outbox_entries(first.conversation_id).await.unwrap()[0];
    assert_eq!(entry.status, OutboxStatus::Sent);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "",
        "started afresh"
    );

    // Once the lease has run out, nothing of the first citizen goes again; the other reply
    // goes, and its send is noted in the journal.
    let channel = RecordingChannel::new(TG);
    let clock = Arc::new(ManualClock::new(t0() + chrono::Duration::seconds(61)));
    let dispatcher = Dispatcher::new(store.clone(), channel.clone())
        .with_clock(clock)
        .with_journal(journal);
    assert_eq!(dispatcher.run_until_idle().await.unwrap().sent, 1);
    let delivered = channel.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].user, "k");
    let lines = std::fs::read_to_string(&path).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");

    // Opening it again records nothing new: the store already has that send.
    let (_, marked) = SentJournal::open(&path, store, t0()).await.unwrap();
    assert_eq!(marked, 0);
}

on_both_backends!(a_send_noted_in_the_journal_is_recorded_at_the_next_start_and_not_sent_again);
