-- WhatsApp: replies held outside the 24-hour window, delivery statuses, re-engagement.
--
-- `held_at`: the reply could not go because the citizen's last message was too long ago (the
-- channel's reply window); it stays pending and goes once the citizen writes a message newer
-- than `held_after`, the time of the last message known when it was held (0: none). Comparing
-- with that, not with `held_at`, releases a reply whose citizen wrote while it was being held.
-- `delivery_*`: the latest status the channel reported for a sent reply (sent, delivered,
-- read, failed), by rank so that a late `delivered` never overwrites `read`.
-- `reengaged_at`: when the re-engagement template was last sent to the citizen, so that it
-- goes once per closed window however many replies are held.
-- Statuses are looked up by the WhatsApp message id: only WhatsApp rows are indexed.

alter table outbox add column held_at bigint;
alter table outbox add column held_after bigint;
alter table outbox add column delivery_status text;
alter table outbox add column delivery_rank bigint not null default 0;
alter table outbox add column delivery_error text;
alter table outbox add column delivery_at bigint;
alter table citizens add column reengaged_at bigint;
create index outbox_whatsapp_sent on outbox (channel_sent_id) where channel = 'whatsapp';
