-- Privacy: redaction flags and the indexes the purge needs.
--
-- `special_category`: the citizen wrote special-category data (GDPR Art. 9: health, religion,
-- ...); the purge keeps the conversation only `retention_special_days`.
-- `handed_off`: the conversation went to an operator at least once; it is a case and is kept
-- `retention_case_days`. Both are integers (0/1; bigint here, like every integer column) so
-- the same SQL sets them on both backends.
--
-- Indexes cost every inbound message a page write: only the ones the purge cannot do without,
-- on columns that never change after insert (so updates stay cheap). Conversations are found
-- by scanning that table, which is small next to messages.

alter table conversations add column special_category bigint not null default 0;
alter table conversations add column handed_off bigint not null default 0;
-- `erased`: emptied on the citizen's request; only the receipt reply is left to send.
alter table conversations add column erased bigint not null default 0;
create index conversations_citizen on conversations (citizen_id);
create index inbound_received on inbound (received_at);
create index inbound_conversation on inbound (conversation_id);
create index outbox_inbound on outbox (inbound_id);
create index audit_at on audit (at);
