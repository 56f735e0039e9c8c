//! What the web chat reads back: the replies of a citizen of the website, in the order they
//! were queued, after the last one a page has shown. The outbox rows are the stream: a page
//! that reconnects names the last event it received and gets exactly what followed.

use super::{Store, StoreError};
use crate::ids::{ChannelKind, ChannelUserId, ConversationId};

/// A position in a citizen's replies: the conversation and the reply's place in it. Replies
/// of one conversation get their places under its lock, so they are committed in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct WebCursor {
    pub conversation_id: ConversationId,
    pub seq: i64,
}

impl WebCursor {
    /// Before any reply.
    pub const START: WebCursor = WebCursor {
        conversation_id: ConversationId(0),
        seq: 0,
    };
}

/// A reply to a citizen of the website, as queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebReply {
    pub at: WebCursor,
    /// Still waiting for the dispatcher (`false`: delivered).
    pub pending: bool,
    /// The reply as queued (JSON).
    pub payload: String,
    /// What the web channel returned when it was delivered: the key of a file to download.
    pub sent_id: Option<String>,
}

impl Store {
    /// The web citizen `user`'s replies after `after`, oldest first, at most `limit`. Failed
    /// rows are left out; pending ones are included, so a page shows a reply as soon as it is
    /// committed.
    pub async fn web_replies_after(
        &self,
        user: &ChannelUserId,
        after: WebCursor,
        limit: i64,
    ) -> Result<Vec<WebReply>, StoreError> {
        const SQL: &str = "select o.conversation_id, o.seq, o.status, o.payload, o.channel_sent_id \
             from outbox o join citizens c on c.citizen_id = o.citizen_id \
             where c.channel = $1 and c.channel_user_id = $2 and o.status <> 'failed' \
             and (o.conversation_id > $3 or (o.conversation_id = $3 and o.seq > $4)) \
             order by o.conversation_id, o.seq limit $5";
        let db = &mut self.read();
        let rows = db
            .query(SQL)
            .bind(ChannelKind::Web.code())
            .bind(user.expose())
            .bind(after.conversation_id.0)
            .bind(after.seq)
            .bind(limit)
            .fetch_all(db)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(WebReply {
                    at: WebCursor {
                        conversation_id: ConversationId(row.try_get(0)?),
                        seq: row.try_get(1)?,
                    },
                    pending: row.try_get::<String>(2)? == "pending",
                    payload: row.try_get(3)?,
                    sent_id: row.try_get(4)?,
                })
            })
            .collect()
    }

    /// Where the web citizen `user`'s replies stand now: a page opened afresh starts there.
    pub async fn web_cursor(&self, user: &ChannelUserId) -> Result<WebCursor, StoreError> {
        const SQL: &str = "select o.conversation_id, o.seq from outbox o \
             join citizens c on c.citizen_id = o.citizen_id \
             where c.channel = $1 and c.channel_user_id = $2 \
             order by o.conversation_id desc, o.seq desc limit 1";
        let db = &mut self.read();
        let row = db
            .query(SQL)
            .bind(ChannelKind::Web.code())
            .bind(user.expose())
            .fetch_optional(db)
            .await?;
        match row {
            Some(row) => Ok(WebCursor {
                conversation_id: ConversationId(row.try_get(0)?),
                seq: row.try_get(1)?,
            }),
            None => Ok(WebCursor::START),
        }
    }
}
