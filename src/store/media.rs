//! The channels' own ids of images already uploaded (Telegram's `file_id`, WhatsApp's media
//! id), by channel, file name and content hash: an image goes up once per channel and content,
//! and every process after that sends it by id. A changed file has another hash, so it is
//! uploaded again; an id the channel no longer accepts is forgotten.

use super::db::Query;
use super::{Store, StoreError};
use crate::ids::ChannelKind;
use chrono::{DateTime, Utc};

/// Which upload an id stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaKey<'a> {
    pub channel: ChannelKind,
    /// The file's name in `flows/media/`.
    pub file: &'a str,
    /// The SHA-256 of its content, in hex.
    pub hash: &'a str,
}

const FIND: &str = "select channel_file_id from media \
     where channel = $1 and file = $2 and content_hash = $3";
const REMEMBER: &str = "insert into media \
     (channel, file, content_hash, channel_file_id, created_at, updated_at) \
     values ($1, $2, $3, $4, $5, $5) \
     on conflict (channel, file, content_hash) do update \
     set channel_file_id = excluded.channel_file_id, updated_at = excluded.updated_at";
// Only the id that failed: one another process stored meanwhile is kept.
const FORGET: &str = "delete from media \
     where channel = $1 and file = $2 and content_hash = $3 and channel_file_id = $4";

/// The channel's id for this upload, if one is known.
pub async fn channel_file_id(
    store: &Store,
    key: MediaKey<'_>,
) -> Result<Option<String>, StoreError> {
    let db = &mut store.read();
    let row = db
        .query(FIND)
        .bind(key.channel.code())
        .bind(key.file)
        .bind(key.hash)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|row| row.try_get(0)).transpose()?)
}

/// Records the id the channel gave an upload (replacing an older one).
pub async fn remember(
    store: &Store,
    key: MediaKey<'_>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    write(store, REMEMBER, key, id, Some(now.timestamp_millis())).await
}

/// Forgets `id` for this upload: the channel refused it (expired, deleted).
pub async fn forget(store: &Store, key: MediaKey<'_>, id: &str) -> Result<(), StoreError> {
    write(store, FORGET, key, id, None).await
}

/// One statement binding the key, the id and (when the statement has it) the time.
async fn write(
    store: &Store,
    sql: &'static str,
    key: MediaKey<'_>,
    id: &str,
    at: Option<i64>,
) -> Result<(), StoreError> {
    let mut tx = store.write().await?;
    let conn = &mut tx.conn()?;
    // An error drops the write, which rolls it back.
    bind_write(conn.query(sql), &key, id, at)
        .execute(conn)
        .await?;
    tx.commit().await
}

/// Binds the key, the id and (when given) the time.
fn bind_write(query: Query, key: &MediaKey<'_>, id: &str, at: Option<i64>) -> Query {
    let query = query
        .bind(key.channel.code())
        .bind(key.file)
        .bind(key.hash)
        .bind(id);
    match at {
        Some(at) => query.bind(at),
        None => query,
    }
}
