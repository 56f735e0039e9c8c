//! Images the steps show (`image:`), read from `flows/media/` when the flows load: their
//! bytes, format and content hash, checked against what every channel accepts.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::Flow;
use super::limits::{ChannelLimits, strictest};
use crate::diag::{Diagnostic, Report};

/// The folder beside the flow files that holds their images.
pub const MEDIA_DIR: &str = "media";

/// The image formats both Telegram (`sendPhoto`) and WhatsApp (`image` messages) accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    /// The format the bytes are in, read from their signature (not from the file's name).
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(ImageFormat::Jpeg)
        } else {
            None
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// One image of `flows/media/`, as loaded.
#[derive(Clone)]
pub struct MediaFile {
    /// The file name, as the steps write it.
    pub name: String,
    pub format: ImageFormat,
    pub bytes: Arc<[u8]>,
    /// SHA-256 of the bytes, in hex: a channel's file id is reused only for the same content.
    pub hash: String,
}

impl std::fmt::Debug for MediaFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MediaFile")
            .field("name", &self.name)
            .field("format", &self.format)
            .field("bytes", &self.bytes.len())
            .field("hash", &self.hash)
            .finish()
    }
}

/// Reads every image the steps name, once each, reporting at the step's `file:` what is
/// wrong: a name that is not a plain file name, a missing file, a format the channels
/// refuse, a file over the strictest channel's size limit.
pub fn load(
    dir: &Path,
    flows: &[Flow],
    limits: &[ChannelLimits],
    report: &mut Report,
) -> HashMap<String, Arc<MediaFile>> {
    let max = strictest(limits, |l| l.image_max_bytes).map(|(max, l)| (max, l.name));
    let mut media = HashMap::new();
    let mut refused = std::collections::HashSet::new();
    for flow in flows {
        for image in flow.steps.iter().filter_map(|s| s.image.as_ref()) {
            let name = &image.file.text;
            if media.contains_key(name) || refused.contains(name) {
                continue;
            }
            match read(dir, name, max) {
                Ok(file) => {
                    media.insert(name.clone(), Arc::new(file));
                }
                Err((message, hint)) => {
                    refused.insert(name.clone());
                    report.push(
                        Diagnostic::error(&flow.file, image.file.pos, message).with_hint(hint),
                    );
                }
            }
        }
    }
    // The other images of the folder, for announcements (`sportello broadcast --image`),
    // which name them outside the flows; one that cannot be sent is left out here and refused
    // when a broadcast names it (`check_image`).
    if let Ok(entries) = std::fs::read_dir(dir.join(MEDIA_DIR)) {
        for entry in entries.flatten() {
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if media.contains_key(&name) || refused.contains(&name) {
                continue;
            }
            if let Ok(file) = read(dir, &name, max) {
                media.insert(name, Arc::new(file));
            }
        }
    }
    media
}

/// Whether `name` is an image of `dir/media/` every channel of `limits` can send; why not.
pub fn check_image(dir: &Path, name: &str, limits: &[ChannelLimits]) -> Result<(), String> {
    let max = strictest(limits, |l| l.image_max_bytes).map(|(max, l)| (max, l.name));
    read(dir, name, max)
        .map(|_| ())
        .map_err(|(message, hint)| format!("{message} ({hint})"))
}

/// One image, refused over `max` bytes (and the channel that sets it).
fn read(dir: &Path, name: &str, max: Option<(usize, &str)>) -> Result<MediaFile, (String, String)> {
    let plain =
        !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\']) && name != "..";
    if !plain {
        return Err((
            format!("`{name}` is not the name of a file in {MEDIA_DIR}/"),
            format!("write the file's name only, as it is in flows/{MEDIA_DIR}/"),
        ));
    }
    let path = dir.join(MEDIA_DIR).join(name);
    let bytes = std::fs::read(&path).map_err(|e| {
        (
            format!("image `{name}` cannot be read: {e}"),
            format!("put the file in flows/{MEDIA_DIR}/, or correct its name"),
        )
    })?;
    let Some(format) = ImageFormat::sniff(&bytes) else {
        return Err((
            format!("image `{name}` is neither PNG nor JPEG: the channels refuse it"),
            "save it as PNG (charts, maps) or JPEG (photographs)".into(),
        ));
    };
    if let Some((max, channel)) = max
        && bytes.len() > max
    {
        return Err((
            format!(
                "image `{name}` is {} bytes, over {channel}'s {} MB",
                bytes.len(),
                max / (1024 * 1024)
            ),
            "make it smaller: fewer pixels, or JPEG for a photograph".into(),
        ));
    }
    let hash = hex::encode(Sha256::digest(&bytes));
    Ok(MediaFile {
        name: name.to_owned(),
        format,
        bytes: bytes.into(),
        hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_read_from_the_bytes() {
        assert_eq!(
            ImageFormat::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::sniff(&[0xff, 0xd8, 0xff, 0xe0, 0]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::sniff(b"GIF89a"), None);
        assert_eq!(ImageFormat::sniff(b""), None);
    }

    #[test]
    fn only_plain_file_names_are_read() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["../offices.yaml", "a/b.png", ".hidden.png", ""] {
            let (message, _) = read(dir.path(), name, None).unwrap_err();
            assert!(message.contains("is not the name of a file"), "{message}");
        }
    }
}
