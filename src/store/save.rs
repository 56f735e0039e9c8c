//! What a turn saves, as the inbound transaction binds it: the conversation, the citizen's
//! language, the transcript lines, the audit rows and the outbox rows, in one call per backend
//! or as rows of a batch (`batch::SaveRows`).

use super::batch::SaveRows;
use super::db::Query;
use super::handoff::{Stmt, case_statements};
use super::subscriptions::SubscriptionWrite;
use super::turn::{InboundRow, Loaded, TurnDone, TurnLoaded, TurnSaved, TurnWrites};
use super::{
    BackendKind, CitizenId, ConversationId, ConversationStatus, OutboxId, StoreError, postgres,
    sqlite, storable,
};
use crate::i18n::Lang;

/// What a turn saves, ready to bind. The statements: $1 conversation, $2 status,
/// $3 state, $4 flow, $5 step, $6 office, $7 last seq, $8 now, $9 citizen, $10 language,
/// $11 inbound id, $12 channel, $13 input kind, $14 input text (redacted), $15 1 when the
/// input holds special-category data, else 0; then per reply its text,
/// payload and seq; then per audit row its event and detail. The SQL text depends only on the
/// numbers of replies and audit rows, so prepared statements are reused.
pub(super) struct Save {
    pub(super) conversation_id: i64,
    pub(super) citizen_id: i64,
    pub(super) inbound_id: i64,
    pub(super) status: ConversationStatus,
    pub(super) office: Option<String>,
    pub(super) state_json: String,
    pub(super) flow: Option<String>,
    pub(super) step: Option<String>,
    pub(super) lang: Lang,
    pub(super) last_seq: i64,
    pub(super) now_ms: i64,
    pub(super) channel: &'static str,
    pub(super) input_kind: &'static str,
    /// What the citizen wrote, with personal data replaced by placeholders: the engine saw
    /// the original in memory, the transcript keeps only this.
    pub(super) input_text: String,
    pub(super) special_category: bool,
    /// Erase everything about the citizen (`ERASE`).
    pub(super) erase: bool,
    /// The citizen asked for their data: gathered after the save, queued as one more reply.
    pub(super) export: bool,
    /// The export's payload, once queued.
    pub(super) export_payload: Option<String>,
    /// A privacy notice version the citizen saw in this turn for the first time.
    pub(super) notice_seen: Option<String>,
    /// Text, payload, sequence number.
    pub(super) replies: Vec<(String, String, i64)>,
    /// Event, detail.
    pub(super) audits: Vec<(&'static str, String)>,
    /// Cases and operators' queue items the step's hand-off effects record.
    pub(super) cases: Vec<Stmt>,
    /// Subscriptions turned on or off, written after the save.
    pub(super) subscriptions: Vec<SubscriptionWrite>,
    /// A collection zone to remember, written after the save.
    pub(super) waste_zone: Option<String>,
}

/// Binds a `Save`'s values to a query of either backend, in the order `Save::sql` numbers
/// them.
pub(super) fn bind_save(query: Query, save: &Save) -> Query {
    let mut query = query
        .bind(save.conversation_id)
        .bind(save.status.code())
        .bind(save.state_json.as_str())
        .bind(save.flow.as_deref())
        .bind(save.step.as_deref())
        .bind(save.office.as_deref())
        .bind(save.last_seq)
        .bind(save.now_ms)
        .bind(save.citizen_id)
        .bind(save.lang.code())
        .bind(save.inbound_id)
        .bind(save.channel)
        .bind(save.input_kind)
        .bind(save.input_text.as_str())
        .bind(i64::from(save.special_category));
    for (text, payload, seq) in &save.replies {
        query = query.bind(text.as_str()).bind(payload.as_str()).bind(*seq);
    }
    for (event, detail) in &save.audits {
        query = query.bind(*event).bind(detail.as_str());
    }
    query
}

impl Save {
    /// Hands the loaded rows to `decide` and takes what it returns to write.
    pub(super) fn prepare<T>(
        mut loaded: Loaded,
        inbound: &InboundRow<'_>,
        now_ms: i64,
        decide: impl FnOnce(&TurnLoaded) -> (TurnWrites, T),
    ) -> Result<(Save, T), StoreError> {
        let (Some((citizen_id, lang)), Some(conversation), Some(inbound_id)) = (
            loaded.citizen.clone(),
            loaded.conversation.take(),
            loaded.inbound_id,
        ) else {
            return Err(StoreError::corrupt(
                "inbound transaction",
                "citizen or conversation missing",
            ));
        };
        let status: ConversationStatus = conversation.status.parse()?;
        let (writes, decided) = decide(&TurnLoaded {
            citizen_id: CitizenId(citizen_id),
            lang,
            notice: loaded.notice.take(),
            subscriptions: loaded
                .subscriptions
                .take()
                .map(|topics| topics.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
            waste_zone: loaded.waste_zone.take(),
            conversation_id: ConversationId(conversation.id),
            status,
            state: conversation.state,
            office: conversation.office.clone(),
            last_seq: conversation.last_seq,
        });
        let replies = writes
            .replies
            .into_iter()
            .enumerate()
            .map(|(i, (text, payload))| {
                (
                    storable(text),
                    payload,
                    conversation.last_seq + 1 + i as i64,
                )
            })
            .collect::<Vec<_>>();
        let save = Save {
            conversation_id: conversation.id,
            citizen_id,
            inbound_id,
            status: writes.status,
            office: writes.office,
            state_json: writes.state,
            flow: writes.flow,
            step: writes.step,
            lang: writes.lang,
            last_seq: conversation.last_seq + replies.len() as i64,
            now_ms,
            channel: inbound.channel.code(),
            input_kind: writes.input_kind,
            input_text: storable(writes.input_text),
            special_category: writes.special_category,
            erase: writes.erase,
            export: writes.export,
            export_payload: None,
            notice_seen: writes.notice_seen,
            replies,
            audits: writes.audits,
            cases: case_statements(&writes.cases, conversation.id, now_ms),
            subscriptions: writes.subscriptions,
            waste_zone: writes.waste_zone,
        };
        Ok((save, decided))
    }

    pub(super) fn sql(&self, dialect: BackendKind) -> String {
        let replies = self.replies.len();
        let mut parts = vec![
            "update conversations set status = $2, state = $3, flow = $4, step = $5, \
             office = $6, last_seq = $7, updated_at = $8, \
             special_category = case when $15 = 1 then 1 else special_category end, \
             handed_off = case when $2 in ('waiting_operator', 'with_operator') then 1 \
             else handed_off end where conversation_id = $1"
                .to_owned(),
            // A primary key probe; changes a row only when the citizen switched language.
            "update citizens set lang = $10, updated_at = $8 where citizen_id = $9 and lang <> $10"
                .to_owned(),
        ];
        let mut messages = String::from(
            "insert into messages (conversation_id, direction, kind, text, at, created_at, \
             updated_at) values ($1, 'in', $13, $14, $8, $8, $8)",
        );
        let mut outbox = String::from(
            "insert into outbox (conversation_id, citizen_id, inbound_id, channel, seq, payload, \
             status, attempts, next_attempt_at, created_at, updated_at) values ",
        );
        for i in 0..replies {
            let p = 16 + 3 * i;
            messages.push_str(&format!(", ($1, 'out', 'reply', ${p}, $8, $8, $8)"));
            if i > 0 {
                outbox.push_str(", ");
            }
            outbox.push_str(&format!(
                "($1, $9, $11, $12, ${}, ${}, 'pending', 0, $8, $8, $8)",
                p + 2,
                p + 1
            ));
        }
        parts.push(messages);
        if !self.audits.is_empty() {
            let mut audit = String::from(
                "insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
                 updated_at) values ",
            );
            for i in 0..self.audits.len() {
                let p = 16 + 3 * replies + 2 * i;
                if i > 0 {
                    audit.push_str(", ");
                }
                audit.push_str(&format!("($9, $1, ${p}, ${}, $8, $8, $8)", p + 1));
            }
            parts.push(audit);
        }
        let outbox = (replies > 0).then_some(outbox.as_str());
        match dialect {
            BackendKind::Sqlite => sqlite::turn::save_sql(&parts, outbox),
            BackendKind::Postgres => postgres::turn::save_sql(&parts, outbox),
        }
    }

    /// The rows a batch writes for this turn (see `batch`): the same
    /// as `sql` writes alone, plus the privacy notice seen (`notice_seen`, taken).
    pub(super) fn batch_rows(&mut self) -> SaveRows {
        let at = self.now_ms;
        let mut messages = vec![(
            self.conversation_id,
            "in",
            self.input_kind,
            self.input_text.clone(),
            at,
        )];
        let mut outbox = Vec::with_capacity(self.replies.len());
        for (text, payload, seq) in &self.replies {
            messages.push((self.conversation_id, "out", "reply", text.clone(), at));
            outbox.push((
                self.conversation_id,
                self.citizen_id,
                self.inbound_id,
                self.channel,
                *seq,
                payload.clone(),
                at,
            ));
        }
        let notice = self.notice_seen.take().filter(|_| !self.erase);
        SaveRows {
            conversation: (
                self.conversation_id,
                self.status.code(),
                self.state_json.clone(),
                self.flow.clone(),
                self.step.clone(),
                self.office.clone(),
                self.last_seq,
                at,
                i64::from(self.special_category),
            ),
            citizen: (self.citizen_id, self.lang.code(), notice, at),
            messages,
            audits: self
                .audits
                .iter()
                .map(|(event, detail)| {
                    (
                        self.citizen_id,
                        self.conversation_id,
                        *event,
                        detail.clone(),
                        at,
                    )
                })
                .collect(),
            outbox,
            needs_transaction: !self.cases.is_empty()
                || !self.subscriptions.is_empty()
                || self.waste_zone.is_some()
                || self.export
                || self.erase,
        }
    }

    /// The sequence number of this message's first reply.
    pub(super) fn first_new_seq(&self) -> i64 {
        self.last_seq - self.replies.len() as i64 + 1
    }

    pub(super) fn into_done<T>(self, outbox_ids: Vec<OutboxId>, decided: T) -> TurnDone<T> {
        TurnDone::Saved(TurnSaved {
            conversation_id: ConversationId(self.conversation_id),
            outbox_ids,
            export: self.export_payload,
            decided,
        })
    }
}

/// Outbox ids from `(seq, outbox_id)` pairs, in sequence order (RETURNING promises none).
pub(super) fn outbox_ids(
    rows: impl Iterator<Item = (Result<i64, sqlx::Error>, Result<i64, sqlx::Error>)>,
) -> Result<Vec<OutboxId>, StoreError> {
    let mut pairs = Vec::new();
    for (seq, id) in rows {
        pairs.push((seq?, id?));
    }
    pairs.sort_unstable();
    Ok(pairs.into_iter().map(|(_, id)| OutboxId(id)).collect())
}
