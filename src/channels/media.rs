//! Images in replies, the same way on every channel: the bytes come from the flows in
//! service, go up once per channel and content, and are sent by the channel's own id after
//! that (kept in the store, so restarts and other processes reuse it). An id the channel
//! refuses is forgotten and the image uploaded again; an image the channel refuses outright
//! goes as its alternative text, so the citizen loses nothing.

use std::future::Future;
use std::sync::Arc;

use super::{Channel, PermanentReason, Recipient, SendError, SentId};
use crate::engine::{Image, Reply};
use crate::flows::live::Live;
use crate::flows::media::MediaFile;
use crate::store::Store;
use crate::store::media::{self, MediaKey};

/// What a channel does to send images; [`send_image`] decides which, and when.
/// What sending an upload comes to: the message's id, and the channel's id for the file to
/// send it by from then on (when the channel gave one).
pub type Uploaded = Result<(SentId, Option<String>), SendError>;

pub trait ImageChannel: Channel {
    /// Uploads the image and sends it with `caption`: the message id, and the channel's id
    /// for the file to send it by from then on (when the channel gave one).
    fn send_upload(
        &self,
        to: &Recipient,
        file: &MediaFile,
        caption: &str,
    ) -> impl Future<Output = Uploaded> + Send;

    /// Sends an image uploaded before, by the channel's id for it.
    fn send_by_id(
        &self,
        to: &Recipient,
        id: &str,
        caption: &str,
    ) -> impl Future<Output = Result<SentId, SendError>> + Send;

    /// Sends the reply as text (its `text` is the image in words).
    fn send_as_text(
        &self,
        to: &Recipient,
        reply: &Reply,
    ) -> impl Future<Output = Result<SentId, SendError>> + Send;
}

/// Where images come from and where their channel ids are kept.
#[derive(Clone)]
pub struct Images {
    pub store: Store,
    pub flows: Arc<Live>,
}

/// A refusal of this image or of this id, as opposed to a failure worth retrying or a
/// citizen who cannot be reached.
fn refused(e: &SendError) -> bool {
    matches!(
        e,
        SendError::Permanent {
            reason: PermanentReason::Rejected,
            ..
        }
    )
}

/// Sends `reply`, which shows `image`: by the channel's id when one is known, by upload
/// otherwise or when the id is refused, and as text when the image cannot go at all (no
/// longer in the flows, or refused by the channel). Transient failures are returned for the
/// outbox to retry.
pub async fn send_image<C: ImageChannel>(
    channel: &C,
    images: &Images,
    to: &Recipient,
    reply: &Reply,
    image: &Image,
) -> Result<SentId, SendError> {
    let Some(file) = images.flows.get().media.get(&image.file).cloned() else {
        tracing::warn!(file = %image.file, "the image is no longer in the flows; sent as text");
        return channel.send_as_text(to, reply).await;
    };
    let key = MediaKey {
        channel: channel.kind(),
        file: &file.name,
        hash: &file.hash,
    };
    let known = media::channel_file_id(&images.store, key)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "cannot read the image's channel id; uploading it");
            None
        });
    if let Some(id) = known {
        match channel.send_by_id(to, &id, &image.alt).await {
            Err(e) if refused(&e) => {
                tracing::info!(file = %file.name, error = %e, "the channel refused the image's id; uploading it again");
                if let Err(e) = media::forget(&images.store, key, &id).await {
                    tracing::warn!(error = %e, "cannot forget the refused image id");
                }
            }
            sent => return sent,
        }
    }
    match channel.send_upload(to, &file, &image.alt).await {
        Ok((sent, id)) => {
            let Some(id) = id else {
                tracing::warn!("the channel gave no id for the uploaded image");
                return Ok(sent);
            };
            if let Err(e) = media::remember(&images.store, key, &id, chrono::Utc::now()).await {
                tracing::warn!(error = %e, "cannot keep the image's channel id; it is uploaded again next time");
            }
            Ok(sent)
        }
        Err(e) if refused(&e) => {
            tracing::warn!(file = %file.name, error = %e, "the channel refused the image; sent as text");
            channel.send_as_text(to, reply).await
        }
        Err(e) => Err(e),
    }
}
