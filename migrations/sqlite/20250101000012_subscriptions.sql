-- Subscriptions to the Comune's topics (`/avvisi`) and the deadline reminders queued for them.
--
-- A subscription is opt-in: it records the version of the consent text the citizen saw and
-- when they turned the topic on (`consented_at`). It lives while the citizen keeps it, and
-- ends on `/stop`, on erasure, when the citizen blocks the bot, or after the configured
-- months without activity (retention 'subscription', docs/privacy.md).
--
-- A reminder row is the key that makes each reminder (deadline, day, citizen) queued once,
-- whichever process runs the job and however often: the unique key, taken in the same
-- transaction as the outbox row. Kept a few days (retention 'reminder'), then purged.

create table subscriptions (
    subscription_id integer primary key,
    citizen_id integer not null references citizens (citizen_id),
    topic text not null,
    consent_version text not null,
    consented_at integer not null,
    retention_class text not null default 'subscription',
    created_at integer not null,
    updated_at integer not null,
    unique (citizen_id, topic)
);
create index subscriptions_topic on subscriptions (topic);

create table reminders (
    reminder_id integer primary key,
    citizen_id integer not null references citizens (citizen_id),
    deadline text not null,
    remind_on text not null,
    outbox_id integer,
    retention_class text not null default 'reminder',
    created_at integer not null,
    updated_at integer not null,
    unique (citizen_id, deadline, remind_on)
);
create index reminders_created on reminders (created_at);
