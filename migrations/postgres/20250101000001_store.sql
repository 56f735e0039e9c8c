-- Durable conversations: citizens, conversations, transcript, processed inbound ids, outbox, audit.
-- Times are unix milliseconds (integers) so SQLite and PostgreSQL behave alike.
-- Every row about a citizen carries a retention class for the purge.

create table citizens (
    citizen_id bigint generated always as identity primary key,
    channel text not null,
    channel_user_id text not null,
    lang text not null,
    first_seen_at bigint not null,
    privacy_notice_version text,
    unreachable_at bigint,
    unreachable_reason text,
    retention_class text not null default 'citizen',
    created_at bigint not null,
    updated_at bigint not null,
    unique (channel, channel_user_id)
);

create table conversations (
    conversation_id bigint generated always as identity primary key,
    citizen_id bigint not null references citizens (citizen_id),
    status text not null check (status in ('bot', 'waiting_operator', 'with_operator', 'closed')),
    state text not null,
    flow text,
    step text,
    office text,
    last_seq bigint not null default 0,
    retention_class text not null default 'case',
    created_at bigint not null,
    updated_at bigint not null
);
-- At most one open conversation per citizen: the one new messages go to.
create unique index conversations_open on conversations (citizen_id) where status <> 'closed';
create index conversations_status_office on conversations (status, office);

create table inbound (
    inbound_id bigint generated always as identity primary key,
    channel text not null,
    channel_message_id text not null,
    citizen_id bigint not null references citizens (citizen_id),
    conversation_id bigint not null references conversations (conversation_id),
    received_at bigint not null,
    retention_class text not null default 'inbound_id',
    created_at bigint not null,
    updated_at bigint not null,
    unique (channel, channel_message_id)
);

create table messages (
    message_id bigint generated always as identity primary key,
    conversation_id bigint not null references conversations (conversation_id),
    direction text not null check (direction in ('in', 'out')),
    kind text not null,
    text text not null,
    at bigint not null,
    retention_class text not null default 'transcript',
    created_at bigint not null,
    updated_at bigint not null
);
create index messages_conversation on messages (conversation_id, message_id);

create table outbox (
    outbox_id bigint generated always as identity primary key,
    conversation_id bigint not null references conversations (conversation_id),
    citizen_id bigint not null references citizens (citizen_id),
    inbound_id bigint references inbound (inbound_id),
    channel text not null,
    seq bigint not null,
    payload text not null,
    status text not null check (status in ('pending', 'sent', 'failed')),
    attempts bigint not null default 0,
    next_attempt_at bigint not null,
    claimed_until bigint,
    claimed_by text,
    last_error text,
    sent_at bigint,
    channel_sent_id text,
    retention_class text not null default 'outbox',
    created_at bigint not null,
    updated_at bigint not null,
    unique (conversation_id, seq)
);
-- The dispatcher scans pending rows by due time; sent and failed rows drop out of this index.
-- "Is there an earlier pending row in this conversation" uses the (conversation_id, seq) key.
-- Indexes cost every inbound message a page write or more: add them with the queries that
-- need them (the purge, the operators' queue).
create index outbox_due on outbox (channel, next_attempt_at) where status = 'pending';

create table audit (
    audit_id bigint generated always as identity primary key,
    citizen_id bigint references citizens (citizen_id),
    conversation_id bigint references conversations (conversation_id),
    event text not null,
    detail text not null default '{}',
    at bigint not null,
    retention_class text not null default 'audit',
    created_at bigint not null,
    updated_at bigint not null
);
create index audit_conversation on audit (conversation_id);
