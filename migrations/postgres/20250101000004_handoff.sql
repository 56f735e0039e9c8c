-- Hand-off to operators: cases and the operators' queue.
--
-- A case is one hand-off of a conversation to an office, from the citizen's request to its
-- close. Its short number (`prefix`-`case_id`, e.g. URP-0042) is unique because `case_id` is.
-- `topic_id` is the channel's id of the case's place in the operators' workspace (a Telegram
-- forum topic), stored once created. Cases go with their conversation (retention 'case').
-- The identity never gives a number twice, even after the newest case is purged or erased.
create table cases (
    case_id bigint generated always as identity primary key,
    conversation_id bigint not null references conversations (conversation_id),
    prefix text not null,
    office text not null,
    reason text not null,
    status text not null check (status in ('waiting', 'claimed', 'closed')),
    topic_id text,
    opened_at bigint not null,
    notified_at bigint,
    announced_at bigint,
    announcements bigint not null default 0,
    claimed_by text,
    claimed_at bigint,
    operator_replies bigint not null default 0,
    closed_at bigint,
    closed_by text,
    unanswered bigint not null default 0,
    rating bigint,
    retention_class text not null default 'case',
    created_at bigint not null,
    updated_at bigint not null
);
-- At most one open case per conversation.
create unique index cases_open on cases (conversation_id) where status <> 'closed';
create index cases_status on cases (status, office);
create index cases_topic on cases (topic_id);

-- What goes to the operators' workspace, durably and in order per case: the opening of a
-- case (topic and summary), mirrored citizen messages, notes, announcements. Drained by the
-- hand-off worker; the text of a delivered row is cleared.
create table operator_queue (
    item_id bigint generated always as identity primary key,
    case_id bigint references cases (case_id),
    kind text not null,
    payload text not null,
    status text not null check (status in ('pending', 'sent', 'failed')),
    attempts bigint not null default 0,
    next_attempt_at bigint not null,
    claimed_until bigint,
    last_error text,
    sent_at bigint,
    retention_class text not null default 'case',
    created_at bigint not null,
    updated_at bigint not null
);
create index operator_queue_due on operator_queue (next_attempt_at) where status = 'pending';
create index operator_queue_case on operator_queue (case_id, item_id);
