-- Privacy: rows about a citizen found by the citizen, not by scanning.
--
-- The export (`/i_miei_dati`) reads a citizen's outbox, inbound and audit rows inside the
-- inbound transaction, and deleting a citizen row (the purge, after their last conversation)
-- checks that no such row still refers to it: both would otherwise read whole tables, holding
-- the single SQLite writer and every citizen's message queued behind it.

create index outbox_citizen on outbox (citizen_id);
create index inbound_citizen on inbound (citizen_id);
create index audit_citizen on audit (citizen_id);
