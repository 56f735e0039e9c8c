-- What goes first when the channel's cap is the limit: 0 a reply to a citizen who is writing
-- (and a person's reply), 1 an emergency alert, 2 a routine message (a reminder, an
-- announcement). The claim walks the due rows in this order, and a row waits only for the
-- pending rows of its conversation of the same or a more urgent priority, so a reply is never
-- queued behind an announcement.
alter table outbox add column priority integer not null default 0;
drop index outbox_due;
create index outbox_due on outbox (channel, priority, next_attempt_at, outbox_id)
    where status = 'pending';
