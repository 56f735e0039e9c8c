//! The operators' group on Telegram: a supergroup with topics, one per case. The bot must be
//! an administrator with the right to manage topics (and so reads every message). What
//! operators write there becomes an [`OperatorUpdate`]; what the hand-off sends them goes out
//! through [`TelegramDesk`].

use std::sync::Arc;

use teloxide::payloads::{SendMessageSetters, SendPhotoSetters};
use teloxide::prelude::Requester;
use teloxide::types::{ChatId, FileId, InputFile, Message, MessageId, ThreadId};
use teloxide::{ApiError, RequestError};

use super::{Telegram, classify};
use crate::handoff::{DeskError, OperatorUpdate, OperatorsDesk};

/// The operators' group as the hand-off's workspace.
pub struct TelegramDesk {
    telegram: Arc<Telegram>,
    chat: i64,
}

impl TelegramDesk {
    pub fn new(telegram: Arc<Telegram>, chat: i64) -> TelegramDesk {
        TelegramDesk { telegram, chat }
    }
}

/// A topic that is deleted, or closed, takes no more messages.
fn desk_error(error: RequestError) -> DeskError {
    if let RequestError::Api(ApiError::Unknown(description)) = &error {
        let d = description.to_ascii_lowercase();
        if d.contains("message thread not found")
            || d.contains("topic_deleted")
            || d.contains("topic_closed")
        {
            return DeskError::TopicGone;
        }
    }
    DeskError::Send(classify(error))
}

fn thread(topic: &str) -> Option<ThreadId> {
    topic.parse::<i32>().ok().map(|id| ThreadId(MessageId(id)))
}

impl OperatorsDesk for TelegramDesk {
    async fn create_topic(&self, name: &str) -> Result<String, DeskError> {
        let _sending = self.telegram.pace.wait(self.chat).await;
        let topic = self
            .telegram
            .bot
            .create_forum_topic(ChatId(self.chat), name)
            .await
            .map_err(desk_error)?;
        Ok(topic.thread_id.0.0.to_string())
    }

    async fn post(&self, topic: Option<&str>, text: &str) -> Result<(), DeskError> {
        let _sending = self.telegram.pace.wait(self.chat).await;
        let mut request = self
            .telegram
            .bot
            .send_message(ChatId(self.chat), text.to_string());
        if let Some(topic) = topic {
            let Some(id) = thread(topic) else {
                return Err(DeskError::TopicGone);
            };
            request = request.message_thread_id(id);
        }
        request.await.map_err(desk_error)?;
        Ok(())
    }

    async fn post_photo(&self, topic: &str, file_id: &str, caption: &str) -> Result<(), DeskError> {
        let Some(id) = thread(topic) else {
            return Err(DeskError::TopicGone);
        };
        let _sending = self.telegram.pace.wait(self.chat).await;
        // By the file id Telegram already holds: nothing is downloaded or uploaded.
        self.telegram
            .bot
            .send_photo(
                ChatId(self.chat),
                InputFile::file_id(FileId(file_id.to_string())),
            )
            .caption(caption.to_string())
            .message_thread_id(id)
            .await
            .map_err(desk_error)?;
        Ok(())
    }
}

/// A message in the operators' group, as an operator's update. Messages from bots, service
/// messages (topic created...) and messages without text are not operators' actions.
pub fn operator_update(update_id: i64, message: &Message) -> Option<OperatorUpdate> {
    let from = message.from.as_ref()?;
    if from.is_bot {
        return None;
    }
    let text = message.text()?;
    let topic = message
        .thread_id
        .filter(|_| message.is_topic_message)
        .map(|t| t.0.0.to_string());
    Some(OperatorUpdate {
        update_id: update_id.to_string(),
        user_id: i64::try_from(from.id.0).unwrap_or_default(),
        first_name: from.first_name.clone(),
        topic,
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deleted_or_closed_topic_is_gone_and_other_errors_are_classified() {
        assert_eq!(
            desk_error(RequestError::Api(ApiError::Unknown(
                "Bad Request: message thread not found".into()
            ))),
            DeskError::TopicGone
        );
        assert_eq!(
            desk_error(RequestError::Api(ApiError::Unknown(
                "Bad Request: TOPIC_CLOSED".into()
            ))),
            DeskError::TopicGone
        );
        assert!(matches!(
            desk_error(RequestError::Api(ApiError::Unknown(
                "Internal Server Error".into()
            ))),
            DeskError::Send(crate::channels::SendError::Transient { .. })
        ));
    }
}
