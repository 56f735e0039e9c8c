//! The example configuration in deploy/ is valid and documents every setting.

use sportello::settings::{KEYS, Settings};

#[test]
fn the_example_configuration_parses_and_mentions_every_key() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/sportello.example.toml");
    let text = std::fs::read_to_string(path).unwrap();
    Settings::from_sources(Some(&text), |_| None).expect("the example parses");
    // Commented keys count: an admin reads them there.
    let uncommented: String = text
        .lines()
        .map(|l| l.trim_start_matches("# "))
        .collect::<Vec<_>>()
        .join("\n");
    for (key, _) in KEYS {
        assert!(
            uncommented.contains(&format!("\n{key} = ")),
            "`{key}` is not in the example configuration"
        );
    }
}
