//! The commands citizens type (`/menu`, `/aiuto`...): their names in both languages and
//! aliases, in one table.

use crate::i18n::Lang;

/// Commands, with their Italian name first and English aliases after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Command {
    Start,
    Menu,
    Help,
    Operator,
    Emergency,
    Language,
    Cancel,
    Privacy,
    Erase,
    Export,
    Source,
    Calendar,
    Alerts,
    Stop,
}

/// One command citizens type: its Italian and English names, other aliases, and the text id
/// that describes it in a channel's command menu (none for `/start`, which the menu does not
/// show).
struct CommandName {
    command: Command,
    it: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    describe: Option<&'static str>,
}

/// Every command, in the order of the channels' command menus: the one table of names.
#[rustfmt::skip]
const COMMAND_NAMES: &[CommandName] = &[
    CommandName { command: Command::Start, it: "start", en: "start", aliases: &["inizio"], describe: None },
    CommandName { command: Command::Menu, it: "menu", en: "menu", aliases: &[], describe: Some("common-command-menu") },
    CommandName { command: Command::Help, it: "aiuto", en: "help", aliases: &[], describe: Some("common-command-help") },
    CommandName { command: Command::Operator, it: "operatore", en: "operator", aliases: &[], describe: Some("common-command-operator") },
    CommandName { command: Command::Emergency, it: "emergenza", en: "emergency", aliases: &["sos"], describe: Some("common-command-emergency") },
    CommandName { command: Command::Language, it: "lingua", en: "language", aliases: &[], describe: Some("common-command-language") },
    CommandName { command: Command::Cancel, it: "annulla", en: "cancel", aliases: &[], describe: Some("common-command-cancel") },
    CommandName { command: Command::Source, it: "fonte", en: "source", aliases: &[], describe: Some("common-command-source") },
    CommandName { command: Command::Calendar, it: "calendario", en: "calendar", aliases: &[], describe: Some("common-command-calendar") },
    CommandName { command: Command::Alerts, it: "avvisi", en: "alerts", aliases: &[], describe: Some("avvisi-command") },
    CommandName { command: Command::Stop, it: "stop", en: "stop", aliases: &[], describe: Some("avvisi-command-stop") },
    CommandName { command: Command::Privacy, it: "privacy", en: "privacy", aliases: &["informativa"], describe: Some("common-command-privacy") },
    CommandName { command: Command::Erase, it: "cancella_dati", en: "delete_my_data", aliases: &[], describe: Some("common-command-erase") },
    CommandName { command: Command::Export, it: "i_miei_dati", en: "my_data", aliases: &[], describe: Some("common-command-export") },
];

impl Command {
    pub(super) fn parse(word: &str) -> Option<Command> {
        // `/menu@ComuneBot` in groups carries the bot's name.
        let word = word.split('@').next().unwrap_or_default().to_lowercase();
        COMMAND_NAMES
            .iter()
            .find(|c| c.it == word || c.en == word || c.aliases.contains(&word.as_str()))
            .map(|c| c.command)
    }
}

/// The commands a channel shows in its command menu, in `lang`: (name, description text id).
pub fn command_menu(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    COMMAND_NAMES.iter().filter_map(move |c| {
        let name = match lang {
            Lang::It => c.it,
            Lang::En => c.en,
        };
        Some((name, c.describe?))
    })
}
