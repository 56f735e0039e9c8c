-- The dispatcher's claim looks for the head of each conversation's pending queue ("no pending
-- row with a lower seq"). Without this index PostgreSQL answers that per candidate row with a
-- scan, and the claim costs the square of the backlog; with it, an index probe.
create index outbox_pending_head on outbox (conversation_id, seq) where status = 'pending';
