-- The weekly digests posted to the operators' group (docs/insights.md): one row per week,
-- named by its Monday (Europe/Rome), written in the transaction that queues the digest for
-- the group, so a week's digest goes out once across processes. The text is not kept here:
-- the digest quotes what was not understood, which follows the transcripts' retention.

create table insights_digests (
    week text primary key,
    sent_at integer not null,
    created_at integer not null,
    updated_at integer not null
);
