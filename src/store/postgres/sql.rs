//! The PostgreSQL text of the statements whose dialects differ. The SQLite text of each is
//! under the same name in `sqlite::sql`.

/// The end of `handoff::CLAIM_ITEMS`: concurrent workers skip each other's rows.
pub(crate) const CLAIM_ITEMS_END: &str = " for update skip locked)";

/// Locks the rows a `select` picks until commit (the purge's batch of conversations). SQLite
/// has none: its single writer is the lock.
pub(crate) const LOCK_ROWS: &str = " for update";

/// Loading a case for an operator's action locks its conversation until commit.
pub(crate) const LOCK_CASE: &str = " for update of c";

/// `Store::queue_reply`, one statement: $1 conversation, $2 payload, $3 now, $4 text.
pub(crate) const QUEUE_REPLY: &[&str] = &[
    "with c as (update conversations set last_seq = last_seq + 1, \
       updated_at = $3 where conversation_id = $1 \
       returning conversation_id, citizen_id, last_seq), \
     m as (insert into messages (conversation_id, direction, kind, text, at, \
       created_at, updated_at) select conversation_id, 'out', 'reply', $4, $3, $3, $3 \
       from c) \
     insert into outbox (conversation_id, citizen_id, channel, seq, payload, status, \
       attempts, next_attempt_at, created_at, updated_at, priority) \
     select c.conversation_id, c.citizen_id, z.channel, c.last_seq, $2, 'pending', 0, \
       $3, $3, $3, $5 from c join citizens z on z.citizen_id = c.citizen_id \
     returning outbox_id",
];

/// `Store::hold_reply`: $1 outbox id, $2 now, $3 detail, $4 1 when the re-engagement was sent
/// now, $5 the citizen's last message known when deciding to hold.
pub(crate) const HOLD_REPLY: &str = "with h as (update outbox set held_at = $2, held_after = $5, \
       claimed_until = null, \
       claimed_by = null, attempts = greatest(attempts - 1, 0), updated_at = $2 \
       where outbox_id = $1 and status = 'pending' \
       returning citizen_id, conversation_id), \
     r as (update citizens set reengaged_at = $2, updated_at = $2 \
       where $4 = 1 and citizen_id in (select citizen_id from h)) \
     insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
       updated_at) select citizen_id, conversation_id, 'reply_held', $3, $2, $2, $2 \
       from h";

/// The end of `outbox::CLAIM_HEAD`: concurrent dispatchers skip each other's rows.
pub(crate) const CLAIM_OUTBOX_END: &str = " for update skip locked) \
     returning outbox_id, conversation_id, citizen_id, seq, attempts, payload, \
     (select z.channel_user_id from citizens z where z.citizen_id = outbox.citizen_id), \
     (select z.last_inbound_at from citizens z where z.citizen_id = outbox.citizen_id), \
     priority";

/// `Store::mark_failed`: $1 outbox id, $2 error, $3 now, $4 audit event, $5 audit detail,
/// $6 blocked.
pub(crate) const FAIL_REPLY: &str = "with f as (update outbox set status = 'failed', \
       claimed_until = null, claimed_by = null, last_error = $2, updated_at = $3 \
       where outbox_id = $1 and status = 'pending' returning citizen_id, conversation_id), \
     u as (update citizens set unreachable_at = $3, unreachable_reason = 'blocked', \
       updated_at = $3 where $6 and citizen_id in (select citizen_id from f)), \
     a as (insert into audit (citizen_id, conversation_id, event, detail, at, \
       created_at, updated_at) select citizen_id, conversation_id, $4, $5, $3, $3, $3 \
       from f) \
     select count(*) from f";

/// Locking a citizen's row before opening a conversation for them outside the inbound
/// transaction (`store::subscriptions`), as the inbound transaction's upsert does. $1 citizen.
pub(crate) const LOCK_CITIZEN: &str =
    "select citizen_id from citizens where citizen_id = $1 for update";
