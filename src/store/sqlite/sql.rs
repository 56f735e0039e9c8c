//! The SQLite text of the statements whose dialects differ. The PostgreSQL text of each is
//! under the same name in `postgres::sql`.

/// The end of `handoff::CLAIM_ITEMS`: the single writer is the lock.
pub(crate) const CLAIM_ITEMS_END: &str = ")";

/// Loading a case for an operator's action: the single writer is the lock.
pub(crate) const LOCK_CASE: &str = "";

/// `Store::queue_reply`, statements one after the other in the writer's transaction: $1
/// conversation, $2 payload, $3 now, $4 text.
pub(crate) const QUEUE_REPLY: &[&str] = &[
    "update conversations set last_seq = last_seq + 1, updated_at = $3 \
     where conversation_id = $1",
    "insert into messages (conversation_id, direction, kind, text, at, created_at, \
     updated_at) select conversation_id, 'out', 'reply', $4, $3, $3, $3 \
     from conversations where conversation_id = $1",
    "insert into outbox (conversation_id, citizen_id, channel, seq, payload, status, \
     attempts, next_attempt_at, created_at, updated_at, priority) \
     select c.conversation_id, c.citizen_id, z.channel, c.last_seq, $2, 'pending', 0, \
     $3, $3, $3, $5 from conversations c join citizens z on z.citizen_id = c.citizen_id \
     where c.conversation_id = $1 returning outbox_id",
];

/// `Store::hold_reply`, in one call: $1 outbox id, $2 now, $3 detail, $4 1 when the
/// re-engagement was sent now, $5 the citizen's last message known when deciding to hold.
pub(crate) const HOLD_REPLY: &str = "update citizens set reengaged_at = $2, updated_at = $2 \
       where $4 = 1 and citizen_id = (select citizen_id from outbox \
       where outbox_id = $1 and status = 'pending'); \
     insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
       updated_at) select citizen_id, conversation_id, 'reply_held', $3, $2, $2, $2 \
       from outbox where outbox_id = $1 and status = 'pending'; \
     update outbox set held_at = $2, held_after = $5, claimed_until = null, \
       claimed_by = null, \
       attempts = max(attempts - 1, 0), updated_at = $2 \
       where outbox_id = $1 and status = 'pending'";

/// The end of `outbox::CLAIM_HEAD`: the single writer is the lock.
pub(crate) const CLAIM_OUTBOX_END: &str = ") \
     returning outbox_id, conversation_id, citizen_id, seq, attempts, payload, \
     (select z.channel_user_id from citizens z where z.citizen_id = outbox.citizen_id), \
     (select z.last_inbound_at from citizens z where z.citizen_id = outbox.citizen_id), \
     priority";

/// `Store::mark_failed` in one call: the status changes last, the others test it first.
/// $1 outbox id, $2 error, $3 now, $4 audit event, $5 audit detail, $6 blocked.
pub(crate) const FAIL_REPLY: &str = "update citizens set unreachable_at = $3, \
       unreachable_reason = 'blocked', updated_at = $3 where $6 and citizen_id = \
       (select citizen_id from outbox where outbox_id = $1 and status = 'pending'); \
     insert into audit (citizen_id, conversation_id, event, detail, at, created_at, \
       updated_at) select citizen_id, conversation_id, $4, $5, $3, $3, $3 from outbox \
       where outbox_id = $1 and status = 'pending'; \
     update outbox set status = 'failed', claimed_until = null, claimed_by = null, \
       last_error = $2, updated_at = $3 where outbox_id = $1 and status = 'pending'";

/// Locking a citizen's row before opening a conversation for them outside the inbound
/// transaction (`store::subscriptions`): the single writer is the lock. $1 citizen.
pub(crate) const LOCK_CITIZEN: &str = "select citizen_id from citizens where citizen_id = $1";
