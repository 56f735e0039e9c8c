//! Images of the flows: what `flows check` says of a wrong one (with file and line), and the
//! channels' upload ids the store keeps, on both backends and across processes.

use crate::{common, fake_telegram, fake_whatsapp};

use std::path::{Path, PathBuf};

use common::TestDb;
use sportello::channels::ChannelKind;
use sportello::diag::{Diagnostic, Report};
use sportello::flows::FlowSet;
use sportello::store::media::{self, MediaKey};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const CHART: &str = "raccolta-differenziata.png";

/// A copy of the example flows and texts, edited by `edit`, loaded and checked.
fn check_edited(edit: impl FnOnce(&Path)) -> (Option<FlowSet>, Report, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (flows, locales) = (dir.path().join("flows"), dir.path().join("locales"));
    common::copy_dir(&root().join("flows"), &flows);
    common::copy_dir(&root().join("locales"), &locales);
    edit(dir.path());
    let (set, report) = FlowSet::load(&flows, &locales, sportello::channels::LIMITS);
    // The folder goes away with `dir`; the report keeps the paths as text.
    (set, report, flows.join("rifiuti.yaml"))
}

/// Replaces `from` with `to` in a file of the copy.
fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

const IMAGE_LINE: &str =
    "image: { file: raccolta-differenziata.png, alt: rifiuti-calendario-immagine }";

/// The line of the example's `image:` in rifiuti.yaml.
fn image_line() -> usize {
    let text = std::fs::read_to_string(root().join("flows/rifiuti.yaml")).unwrap();
    text.lines().position(|l| l.contains(IMAGE_LINE)).unwrap() + 1
}

/// The only error of a report, which must have one.
fn only_error(set: Option<FlowSet>, report: &Report) -> Diagnostic {
    assert!(set.is_none(), "a set with an error must not load");
    let errors: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{report}");
    errors[0].clone()
}

#[test]
fn the_example_shows_the_waste_sorting_chart_and_passes_its_checks_without_warnings() {
    let (flows, locales) = (root().join("flows"), root().join("locales"));
    let (set, report) = FlowSet::load(&flows, &locales, sportello::channels::LIMITS);
    assert!(report.diagnostics.is_empty(), "{report}");
    let set = set.unwrap();
    let chart = &set.media[CHART];
    let bytes = std::fs::read(flows.join("media").join(CHART)).unwrap();
    assert_eq!(&*chart.bytes, bytes.as_slice());
    assert_eq!(chart.format.mime(), "image/png");
    assert!(
        bytes.len() < 200 * 1024,
        "the example chart is {} bytes",
        bytes.len()
    );
}

#[test]
fn an_image_without_alternative_text_is_an_error_at_its_line() {
    let (set, report, file) = check_edited(|dir| {
        replace(
            dir,
            "flows/rifiuti.yaml",
            IMAGE_LINE,
            "image: { file: raccolta-differenziata.png }",
        )
    });
    let error = only_error(set, &report);
    assert_eq!((error.file, error.pos.line), (file, image_line()));
    assert!(error.message.contains("no alternative text"), "{report}");
    assert!(error.hint.unwrap().contains("alt:"));
}

#[test]
fn an_alternative_text_missing_in_one_language_is_an_error() {
    let (set, report, file) = check_edited(|dir| {
        let path = dir.join("locales/en/rifiuti.ftl");
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("rifiuti-calendario-immagine ="))
            .collect();
        std::fs::write(&path, kept.join("\n")).unwrap();
    });
    let error = only_error(set, &report);
    assert_eq!((error.file, error.pos.line), (file, image_line()));
    assert!(
        error
            .message
            .contains("text `rifiuti-calendario-immagine` is missing in language `en`"),
        "{report}"
    );
}

#[test]
fn an_alternative_text_longer_than_a_caption_is_an_error() {
    let (set, report, file) = check_edited(|dir| {
        let path = dir.join("locales/it/rifiuti.ftl");
        let text = std::fs::read_to_string(&path).unwrap();
        let long = format!(
            "rifiuti-calendario-immagine = {}",
            "Tabella dei giorni di raccolta. ".repeat(40)
        );
        let edited: Vec<String> = text
            .lines()
            .map(|l| match l.starts_with("rifiuti-calendario-immagine =") {
                true => long.clone(),
                false => l.to_string(),
            })
            .collect();
        std::fs::write(&path, edited.join("\n")).unwrap();
    });
    let error = only_error(set, &report);
    assert_eq!((error.file, error.pos.line), (file, image_line()));
    assert!(
        error.message.contains("over the 1024 of a caption"),
        "{report}"
    );
}

#[test]
fn a_missing_image_file_is_an_error_at_its_line() {
    let (set, report, file) = check_edited(|dir| {
        std::fs::remove_file(dir.join("flows/media").join(CHART)).unwrap();
    });
    let error = only_error(set, &report);
    assert_eq!((error.file, error.pos.line), (file, image_line()));
    assert!(
        error
            .message
            .contains("image `raccolta-differenziata.png` cannot be read"),
        "{report}"
    );
}

#[test]
fn an_image_in_a_format_the_channels_refuse_is_an_error() {
    // A GIF named .png: the format is read from the bytes, not from the name.
    let (set, report, file) = check_edited(|dir| {
        std::fs::write(
            dir.join("flows/media").join(CHART),
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        )
        .unwrap();
    });
    let error = only_error(set, &report);
    assert_eq!((error.file, error.pos.line), (file, image_line()));
    assert!(error.message.contains("neither PNG nor JPEG"), "{report}");
}

#[test]
fn an_image_over_the_smallest_channel_limit_is_an_error() {
    // Over WhatsApp's 5 MB, under Telegram's 10 MB: the smaller limit holds.
    let (set, report, file) = check_edited(|dir| {
        let mut big = std::fs::read(root().join("flows/media").join(CHART)).unwrap();
        big.resize(5 * 1024 * 1024 + 1, 0);
        std::fs::write(dir.join("flows/media").join(CHART), big).unwrap();
    });
    let error = only_error(set, &report);
    assert_eq!((error.file, error.pos.line), (file, image_line()));
    assert!(error.message.contains("over WhatsApp's 5 MB"), "{report}");
}

#[test]
fn an_image_outside_the_media_folder_is_refused() {
    let (set, report, _) = check_edited(|dir| {
        replace(
            dir,
            "flows/rifiuti.yaml",
            IMAGE_LINE,
            "image: { file: ../offices.yaml, alt: rifiuti-calendario-immagine }",
        )
    });
    let error = only_error(set, &report);
    assert!(
        error.message.contains("is not the name of a file"),
        "{report}"
    );
}

/// An upload as the channels' adapters send it: a multipart form with the file's bytes.
fn form(fields: &[(&str, &str)], file: (&str, Vec<u8>, &str)) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    let (name, bytes, mime) = file;
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("image")
        .mime_str(mime)
        .unwrap();
    form.part(name.to_string(), part)
}

const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";

fn oversize(limit: usize) -> Vec<u8> {
    let mut big = std::fs::read(root().join("flows/media").join(CHART)).unwrap();
    big.resize(limit + 1, 0);
    big
}

#[tokio::test]
async fn the_fake_bot_api_refuses_the_photos_telegram_refuses() {
    let fake = fake_telegram::FakeTelegram::start().await;
    let http = reqwest::Client::new();
    let url = format!("{}/bot123:TEST/sendPhoto", fake.url());
    let send = |bytes: Vec<u8>| {
        http.post(&url)
            .multipart(form(&[("chat_id", "5")], ("photo", bytes, "image/png")))
            .send()
    };
    let answer = send(GIF.to_vec()).await.unwrap();
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["ok"], false);
    assert_eq!(body["description"], "Bad Request: IMAGE_PROCESS_FAILED");
    let answer = send(oversize(fake_telegram::PHOTO_MAX_BYTES))
        .await
        .unwrap();
    assert_eq!(answer.status(), 413);
    let chart = std::fs::read(root().join("flows/media").join(CHART)).unwrap();
    let answer = send(chart).await.unwrap();
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert!(
        body["result"]["photo"][1]["file_id"].is_string(),
        "{body:#}"
    );
    assert!(fake.photos_in(5)[0].upload.is_some());
}

#[tokio::test]
async fn the_fake_graph_api_refuses_the_images_whatsapp_refuses() {
    use fake_whatsapp::{IMAGE_MAX_BYTES, PHONE_NUMBER_ID, TOKEN};
    let fake = fake_whatsapp::FakeWhatsApp::start().await;
    let http = reqwest::Client::new();
    let url = format!("{}/{PHONE_NUMBER_ID}/media", fake.url());
    let upload = |bytes: Vec<u8>, mime: &'static str| {
        http.post(&url)
            .bearer_auth(TOKEN)
            .multipart(form(
                &[("messaging_product", "whatsapp"), ("type", mime)],
                ("file", bytes, mime),
            ))
            .send()
    };
    let code = |body: serde_json::Value| body["error"]["code"].as_i64();
    let answer = upload(GIF.to_vec(), "image/gif").await.unwrap();
    assert_eq!(answer.status(), 400);
    assert_eq!(code(answer.json().await.unwrap()), Some(100));
    // Bytes that are not what the type says are refused the same way.
    let answer = upload(GIF.to_vec(), "image/png").await.unwrap();
    assert_eq!(code(answer.json().await.unwrap()), Some(100));
    let answer = upload(oversize(IMAGE_MAX_BYTES), "image/png")
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    assert_eq!(code(answer.json().await.unwrap()), Some(131053));
    let chart = std::fs::read(root().join("flows/media").join(CHART)).unwrap();
    let answer = upload(chart.clone(), "image/png").await.unwrap();
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["id"], fake.uploads()[0].id.as_str());
    assert_eq!(fake.uploads()[0].bytes, chart);
}

on_both_backends!(
    an_uploaded_image_id_is_kept_per_channel_and_content_and_seen_by_another_process,
    a_refused_id_is_forgotten_unless_another_process_replaced_it,
);

async fn an_uploaded_image_id_is_kept_per_channel_and_content_and_seen_by_another_process(
    db: &TestDb,
) {
    let key = |channel, hash| MediaKey {
        channel,
        file: CHART,
        hash,
    };
    let telegram = key(ChannelKind::Telegram, "aaaa");
    assert_eq!(
        media::channel_file_id(&db.store, telegram).await.unwrap(),
        None
    );
    media::remember(&db.store, telegram, "AgAC-1", common::t0())
        .await
        .unwrap();
    let other = db.second_store().await;
    assert_eq!(
        media::channel_file_id(&other, telegram).await.unwrap(),
        Some("AgAC-1".to_string())
    );
    // Another channel, or the same file with another content, is another upload.
    let whatsapp = key(ChannelKind::WhatsApp, "aaaa");
    let changed = key(ChannelKind::Telegram, "bbbb");
    assert_eq!(
        media::channel_file_id(&other, whatsapp).await.unwrap(),
        None
    );
    assert_eq!(media::channel_file_id(&other, changed).await.unwrap(), None);
    // A new upload of the same content replaces the id.
    media::remember(&other, telegram, "AgAC-2", common::t0())
        .await
        .unwrap();
    assert_eq!(
        media::channel_file_id(&db.store, telegram).await.unwrap(),
        Some("AgAC-2".to_string())
    );
    other.close().await;
}

async fn a_refused_id_is_forgotten_unless_another_process_replaced_it(db: &TestDb) {
    let key = MediaKey {
        channel: ChannelKind::WhatsApp,
        file: CHART,
        hash: "cccc",
    };
    media::remember(&db.store, key, "media-1", common::t0())
        .await
        .unwrap();
    // Another process already uploaded again: forgetting the old id keeps the new one.
    media::remember(&db.store, key, "media-2", common::t0())
        .await
        .unwrap();
    media::forget(&db.store, key, "media-1").await.unwrap();
    assert_eq!(
        media::channel_file_id(&db.store, key).await.unwrap(),
        Some("media-2".to_string())
    );
    media::forget(&db.store, key, "media-2").await.unwrap();
    assert_eq!(media::channel_file_id(&db.store, key).await.unwrap(), None);
}
