-- The channels' own ids of the images of flows/media/ once uploaded (Telegram's file_id,
-- WhatsApp's media id), so that an image goes up once per channel and reuses its id after,
-- across restarts and processes. Keyed by the file's content hash too: a changed file is
-- uploaded again. Nothing about citizens.

create table media (
    media_id bigint generated always as identity primary key,
    channel text not null,
    file text not null,
    content_hash text not null,
    channel_file_id text not null,
    created_at bigint not null,
    updated_at bigint not null,
    unique (channel, file, content_hash)
);
