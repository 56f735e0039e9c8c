-- Each CAP message read from the configured feed, handled once: its key is the sender and
-- identifier with its sent time (CAP 1.2, 3.2.1), with what was decided and the broadcast
-- made of it, if any.
create table cap_alerts (
    cap_alert_id integer primary key,
    sender text not null,
    identifier text not null,
    sent text not null,
    msg_type text not null,
    verdict text not null,
    broadcast_id integer,
    created_at integer not null,
    updated_at integer not null,
    unique (sender, identifier, sent)
);
