//! Citizens, conversations and the transcript: the reads around the inbound transaction
//! (`turn`), and the privacy notice a citizen saw.

use std::fmt;

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::db::Row;
use super::{CitizenId, ConversationId, ConversationStatus, Store, StoreError, from_ms, to_ms};
use crate::i18n::Lang;
use crate::ids::{ChannelKind, ChannelUserId};

const SELECT_CONVERSATION_COLUMNS: &str = "select c.conversation_id, c.citizen_id, c.status, \
     c.state, c.flow, c.step, c.office, c.last_seq, c.created_at, c.updated_at, \
     c.special_category, c.handed_off from conversations c";

/// A conversation as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub conversation_id: ConversationId,
    pub citizen_id: CitizenId,
    pub status: ConversationStatus,
    /// The engine's state as JSON text, which the store keeps without reading it; empty for
    /// a conversation opened by a turn that is still running.
    pub state: String,
    pub flow: Option<String>,
    pub step: Option<String>,
    pub office: Option<String>,
    /// Sequence number of the last outbox row queued for this conversation.
    pub last_seq: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The citizen wrote special-category data (health, religion...): shorter retention.
    pub special_category: bool,
    /// Went to an operator at least once: kept as a case.
    pub handed_off: bool,
}

/// One line of the transcript.
#[derive(Clone, PartialEq, Eq)]
pub struct TranscriptLine {
    /// `true` for what the citizen sent, `false` for the bot's replies.
    pub inbound: bool,
    /// `text`, `choice`, `location`, `photo`, `unsupported` or `reply`.
    pub kind: String,
    pub text: String,
    pub at: DateTime<Utc>,
}

impl fmt::Debug for TranscriptLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TranscriptLine")
            .field("inbound", &self.inbound)
            .field("kind", &self.kind)
            .field(
                "text",
                &format_args!("<{} chars>", self.text.chars().count()),
            )
            .field("at", &self.at)
            .finish()
    }
}

impl Store {
    /// The conversation new messages from this citizen go to, if there is one open.
    pub async fn current_conversation(
        &self,
        channel: ChannelKind,
        user: &ChannelUserId,
    ) -> Result<Option<Conversation>, StoreError> {
        let sql = format!(
            "{SELECT_CONVERSATION_COLUMNS} join citizens z on z.citizen_id = c.citizen_id \
             where z.channel = $1 and z.channel_user_id = $2 and c.status <> 'closed'"
        );
        let row = {
            let db = &mut self.read();
            db.query(AssertSqlSafe(sql))
                .bind(channel.code())
                .bind(user.expose())
                .fetch_optional(db)
                .await?
                .map(|row| conversation_from_row(&row))
                .transpose()
        }?;
        Ok(row)
    }

    pub async fn conversation(
        &self,
        conversation_id: ConversationId,
    ) -> Result<Option<Conversation>, StoreError> {
        let sql = format!("{SELECT_CONVERSATION_COLUMNS} where c.conversation_id = $1");
        let db = &mut self.read();
        db.query(AssertSqlSafe(sql))
            .bind(conversation_id.0)
            .fetch_optional(db)
            .await?
            .map(|row| conversation_from_row(&row))
            .transpose()
    }

    /// The transcript of a conversation, oldest first.
    pub async fn transcript(
        &self,
        conversation_id: ConversationId,
    ) -> Result<Vec<TranscriptLine>, StoreError> {
        let lines = self.transcript_after(conversation_id, 0).await?;
        Ok(lines.into_iter().map(|numbered| numbered.line).collect())
    }

    /// Records which privacy notice version a citizen was shown.
    pub async fn record_privacy_notice(
        &self,
        channel: ChannelKind,
        user: &ChannelUserId,
        version: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "update citizens set privacy_notice_version = $3, updated_at = $4 \
             where channel = $1 and channel_user_id = $2";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = {
            let done = conn
                .query(SQL)
                .bind(channel.code())
                .bind(user.expose())
                .bind(version)
                .bind(to_ms(now))
                .execute(conn)
                .await?;
            Ok(done.rows_affected() > 0)
        };
        tx.commit_if_ok(result).await
    }

    /// The privacy notice version a citizen was shown, and whether the channel said they
    /// cannot be reached (blocked the bot). `None` for an unknown citizen.
    pub async fn citizen_status(
        &self,
        channel: ChannelKind,
        user: &ChannelUserId,
    ) -> Result<Option<CitizenStatus>, StoreError> {
        const SQL: &str = "select citizen_id, lang, first_seen_at, privacy_notice_version, \
             unreachable_reason from citizens where channel = $1 and channel_user_id = $2";
        let db = &mut self.read();
        let Some(row) = db
            .query(SQL)
            .bind(channel.code())
            .bind(user.expose())
            .fetch_optional(db)
            .await?
        else {
            return Ok(None);
        };
        let lang: String = row.try_get(1)?;
        Ok(Some(CitizenStatus {
            citizen_id: CitizenId(row.try_get(0)?),
            lang: Lang::from_tag(&lang).unwrap_or_default(),
            first_seen_at: from_ms(row.try_get(2)?),
            privacy_notice_version: row.try_get(3)?,
            unreachable_reason: row.try_get(4)?,
        }))
    }

    /// How many inbound messages were processed (for tests and health checks).
    pub async fn inbound_count(&self) -> Result<i64, StoreError> {
        let db = &mut self.read();
        Ok(db
            .query("select count(*) from inbound")
            .fetch_one(db)
            .await?
            .try_get(0)?)
    }
}

/// What the store knows about a citizen beyond their conversations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenStatus {
    pub citizen_id: CitizenId,
    pub lang: Lang,
    pub first_seen_at: DateTime<Utc>,
    pub privacy_notice_version: Option<String>,
    /// Set when a send failed because the citizen blocked the bot; cleared by their next
    /// message.
    pub unreachable_reason: Option<String>,
}

fn conversation_from_row(row: &Row) -> Result<Conversation, StoreError> {
    let status: String = row.try_get(2)?;
    Ok(Conversation {
        conversation_id: ConversationId(row.try_get(0)?),
        citizen_id: CitizenId(row.try_get(1)?),
        status: status.parse()?,
        state: row.try_get(3)?,
        flow: row.try_get(4)?,
        step: row.try_get(5)?,
        office: row.try_get(6)?,
        last_seq: row.try_get(7)?,
        created_at: from_ms(row.try_get(8)?),
        updated_at: from_ms(row.try_get(9)?),
        special_category: row.try_get::<i64>(10)? != 0,
        handed_off: row.try_get::<i64>(11)? != 0,
    })
}
