-- Announcements to the subscribers of a topic (`sportello broadcast`) and the alerts made
-- from CAP messages. The texts are kept once here, by language, as JSON; each citizen's copy
-- is an outbox row naming its broadcast, unique per (broadcast, citizen) so queueing again
-- after a crash or in a second process adds nothing. Progress is read from those rows.
create table broadcasts (
    broadcast_id integer primary key,
    topic text not null,
    -- {"it": "...", "en": "..."}
    texts text not null,
    -- A file of flows/media, shown with the text.
    image text,
    status text not null check (status in ('draft', 'awaiting_approval', 'scheduled',
        'sending', 'sent', 'cancelled')),
    -- The outbox priority of its rows: 1 an emergency topic, 2 a routine one.
    priority integer not null,
    created_by text not null,
    approved_by text,
    send_at integer,
    -- Past this time nothing of it is sent (a CAP alert's expiry).
    expires_at integer,
    -- A CAP message's sender and identifier, for an update or a cancellation naming it.
    cap_sender text,
    cap_identifier text,
    -- An update or a cancellation of a CAP alert goes to the recipients of this broadcast.
    follows integer,
    -- Queueing walks the recipients by citizen id: the last one queued, and when all were.
    queued_through integer not null default 0,
    queued_at integer,
    created_at integer not null,
    updated_at integer not null
);
create index broadcasts_status on broadcasts (status, send_at);
create index broadcasts_cap on broadcasts (cap_sender, cap_identifier);

alter table outbox add column broadcast_id integer;
-- A row not sent by this time is never sent (the claim skips it; the broadcast job marks it
-- failed with `expired`).
alter table outbox add column expires_at integer;
create unique index outbox_broadcast on outbox (broadcast_id, citizen_id)
    where broadcast_id is not null;
