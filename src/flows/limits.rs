//! What a channel can show, as the flows must fit it: each channel declares its own
//! `ChannelLimits` (`channels::telegram::LIMITS`, `channels::whatsapp::LIMITS`), and the layer
//! that loads the flows hands the list to `FlowSet::load`, so `flows check` knows the limits
//! without knowing the channels.

/// The limits of one channel that the flows' texts, choices and images must fit; `None` where
/// the channel has no such limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelLimits {
    /// The channel's name, as the checker's messages give it ("Telegram").
    pub name: &'static str,
    /// A message's text, in characters.
    pub text_max: Option<usize>,
    /// The data a tapped choice carries back (`check::callback_data`), in bytes.
    pub callback_data_max: Option<usize>,
    /// How many tappable choices the channel shows, and how much of their labels.
    pub choices: Option<ChoiceLimits>,
    /// An image sent by upload, in bytes.
    pub image_max_bytes: Option<usize>,
    /// An image's caption, in characters.
    pub caption_max: Option<usize>,
}

/// A channel that shows a few choices as buttons and more as a list, up to a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceLimits {
    /// Up to this many choices are buttons.
    pub buttons_max: usize,
    /// The characters of a button's title.
    pub button_title_max: usize,
    /// Up to this many choices are a list; more go as numbered text.
    pub list_rows_max: usize,
    /// The characters of a list row's title.
    pub row_title_max: usize,
}

/// The strictest of the channels' limits read by `limit`, with the channel that sets it (the
/// first of equals); `None` when no channel has one.
pub fn strictest(
    limits: &[ChannelLimits],
    limit: impl Fn(&ChannelLimits) -> Option<usize>,
) -> Option<(usize, &ChannelLimits)> {
    limits
        .iter()
        .filter_map(|l| limit(l).map(|max| (max, l)))
        .min_by_key(|&(max, _)| max)
}

#[cfg(test)]
mod tests {
    use super::{ChannelLimits, strictest};

    const NONE: ChannelLimits = ChannelLimits {
        name: "none",
        text_max: None,
        callback_data_max: None,
        choices: None,
        image_max_bytes: None,
        caption_max: None,
    };

    #[test]
    fn the_strictest_limit_is_the_smallest_and_the_first_of_equals() {
        let a = ChannelLimits {
            name: "a",
            text_max: Some(100),
            ..NONE
        };
        let b = ChannelLimits {
            name: "b",
            text_max: Some(100),
            caption_max: Some(5),
            ..NONE
        };
        let c = ChannelLimits {
            name: "c",
            text_max: Some(50),
            ..NONE
        };
        let pick =
            |set: &[ChannelLimits]| strictest(set, |l| l.text_max).map(|(max, l)| (max, l.name));
        assert_eq!(pick(&[a, b]), Some((100, "a")));
        assert_eq!(pick(&[a, b, c]), Some((50, "c")));
        assert_eq!(pick(&[NONE]), None);
        assert_eq!(
            strictest(&[a, b], |l| l.caption_max).map(|(max, _)| max),
            Some(5)
        );
    }
}
