-- The tables written for every message (inbound, messages, outbox) carry no foreign keys on
-- PostgreSQL: each key costs a row lock on the referenced row per insert, about a fifth of the
-- server's work per message. Their references are written by the same statements that create
-- or lock the referenced rows, in one transaction, and the purge and the erasure delete
-- children before parents. SQLite keeps every foreign key, and the test suite runs the same
-- code on both backends, so a dangling reference fails there. See docs/storage.md.

alter table inbound drop constraint if exists inbound_citizen_id_fkey;
alter table inbound drop constraint if exists inbound_conversation_id_fkey;
alter table messages drop constraint if exists messages_conversation_id_fkey;
alter table outbox drop constraint if exists outbox_citizen_id_fkey;
alter table outbox drop constraint if exists outbox_conversation_id_fkey;
alter table outbox drop constraint if exists outbox_inbound_id_fkey;
