-- Daily aggregates that outlive the transcripts (`sportello insights`, docs/insights.md).
--
-- One row per day (Europe/Rome), metric and the dimensions it is counted by; a dimension that
-- does not apply is ''. `bucket` is the metric's own breakdown: the hour of the week, the
-- reason of a hand-off, a rating, an emergency's kind. Counts only: no citizen, conversation
-- or message is named, so the rows are kept `insights_retention_days` (retention class
-- 'insights'), long after the conversations they count are purged.
-- `insights_days`: the days rolled up; a day is rolled up once, before the purge can take
-- its rows.

create table insights_daily (
    day text not null,
    metric text not null,
    channel text not null default '',
    lang text not null default '',
    flow text not null default '',
    step text not null default '',
    office text not null default '',
    bucket text not null default '',
    value bigint not null,
    retention_class text not null default 'insights',
    created_at bigint not null,
    updated_at bigint not null,
    primary key (day, metric, channel, lang, flow, step, office, bucket)
);

create table insights_days (
    day text primary key,
    rolled_at bigint not null,
    created_at bigint not null,
    updated_at bigint not null
);
