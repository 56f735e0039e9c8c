//! The deployment files: deploy/Dockerfile, deploy/compose.yaml, deploy/sportello.service and
//! publiccode.yml. The machines that run these tests have no container engine and no systemd
//! to start a unit, so the files are checked here for syntax and content, and against each
//! other and the code (settings, paths, versions); docs/deploy.md says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sportello::flows::yaml::{self, Node, Value};
use sportello::settings::{KEYS, Settings};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative))
        .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

// ---- a small walk over the YAML tree --------------------------------------------------------

fn parse_yaml(relative: &str) -> Node {
    yaml::parse(Path::new(relative), &read(relative)).unwrap_or_else(|d| panic!("{d}"))
}

/// The scalar's text, or None for anything else.
fn text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

/// The value under `key` in a mapping.
fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| text(k) == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// The node at a dotted path such as `description.it.shortDescription`; panics naming the
/// missing key.
fn at<'a>(node: &'a Node, path: &str) -> &'a Node {
    path.split('.').fold(node, |node, key| {
        get(node, key).unwrap_or_else(|| panic!("`{path}` is missing (no `{key}`)"))
    })
}

/// The text at a dotted path; panics if it is missing or not a scalar.
fn text_at<'a>(node: &'a Node, path: &str) -> &'a str {
    text(at(node, path)).unwrap_or_else(|| panic!("`{path}` is not a single value"))
}

fn keys(node: &Node) -> Vec<&str> {
    match &node.value {
        Value::Map(entries) => entries.iter().filter_map(|(k, _)| text(k)).collect(),
        _ => Vec::new(),
    }
}

/// The texts of a sequence (a lone scalar counts as a sequence of one, as the standard allows
/// for `platforms`).
fn texts(node: &Node) -> Vec<&str> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(text).collect(),
        Value::Scalar { text, .. } => vec![text.as_str()],
        _ => Vec::new(),
    }
}

// ---- compose.yaml ---------------------------------------------------------------------------

fn compose() -> Node {
    parse_yaml("deploy/compose.yaml")
}

fn service<'a>(compose: &'a Node, name: &str) -> &'a Node {
    at(compose, &format!("services.{name}"))
}

/// A service's environment, written either as a mapping or as a list of `NAME=value`.
fn environment(service: &Node) -> BTreeMap<String, String> {
    let Some(env) = get(service, "environment") else {
        return BTreeMap::new();
    };
    match &env.value {
        Value::Map(entries) => entries
            .iter()
            .filter_map(|(k, v)| Some((text(k)?.to_string(), text(v).unwrap_or("").to_string())))
            .collect(),
        Value::Seq(_) => texts(env)
            .into_iter()
            .filter_map(|item| item.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        _ => panic!("`environment` is neither a mapping nor a list"),
    }
}

/// The name of the service that runs PostgreSQL (`postgres` or `db`).
fn database_service(compose: &Node) -> &str {
    let services = at(compose, "services");
    keys(services)
        .into_iter()
        .find(|name| {
            get(service(compose, name), "image")
                .and_then(text)
                .is_some_and(|image| image.starts_with("postgres"))
        })
        .expect("a service runs the postgres image")
}

/// `${NAME}`, `${NAME:-default}`, `${NAME:?message}`: a value taken from the environment or
/// from .env when compose starts.
fn is_interpolation_of(value: &str, name: &str) -> bool {
    value.strip_prefix("${").is_some_and(|rest| {
        rest.ends_with('}')
            && rest.starts_with(name)
            && matches!(
                rest[name.len()..].chars().next(),
                Some('}' | ':' | '-' | '?')
            )
    })
}

/// Something shaped like a real bot token: digits, a colon, then 30 or more characters.
fn looks_like_a_token(word: &str) -> bool {
    word.split_once(':').is_some_and(|(id, secret)| {
        id.len() >= 6
            && id.bytes().all(|b| b.is_ascii_digit())
            && secret.len() >= 30
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    })
}

#[test]
fn compose_runs_sportello_beside_postgres_whose_data_lives_in_a_named_volume() {
    let compose = compose();
    let services = keys(at(&compose, "services"));
    assert!(services.contains(&"sportello"), "services: {services:?}");
    let db = database_service(&compose);
    assert!(
        matches!(db, "postgres" | "db"),
        "the database service is `{db}`"
    );

    let named = keys(at(&compose, "volumes"));
    let data = texts(at(service(&compose, db), "volumes"))
        .into_iter()
        .find(|v| v.split(':').nth(1) == Some("/var/lib/postgresql/data"))
        .expect("the database's data directory is a volume");
    let source = data.split(':').next().unwrap();
    assert!(
        named.contains(&source),
        "`{source}` is not a named volume (top-level volumes: {named:?}): a bind mount or an \
         anonymous volume is easily lost"
    );
}

#[test]
fn sportello_in_compose_stores_conversations_in_the_postgres_service() {
    let compose = compose();
    let db = database_service(&compose);
    let env = environment(service(&compose, "sportello"));
    let url = env
        .get("SPORTELLO_DATABASE_URL")
        .expect("SPORTELLO_DATABASE_URL is set");
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
        .unwrap_or_else(|| panic!("not a PostgreSQL URL: {url}"));
    let authority = rest.split('/').next().unwrap();
    let host = authority.rsplit('@').next().unwrap().split(':').next();
    assert_eq!(host, Some(db), "the URL points at another host: {url}");
    let password = text_at(service(&compose, db), "environment.POSTGRES_PASSWORD");
    assert!(
        is_interpolation_of(password, "POSTGRES_PASSWORD"),
        "the database password is written in the file: {password}"
    );
    assert!(
        url.contains("${POSTGRES_PASSWORD"),
        "the URL does not use the same password: {url}"
    );
}

#[test]
fn compose_takes_the_telegram_token_from_the_environment_and_holds_no_token() {
    let compose = compose();
    let sportello = service(&compose, "sportello");
    let env = environment(sportello);
    match env.get("SPORTELLO_TELEGRAM_TOKEN") {
        Some(value) => assert!(
            is_interpolation_of(value, "SPORTELLO_TELEGRAM_TOKEN"),
            "the token is written in compose.yaml: use ${{SPORTELLO_TELEGRAM_TOKEN}}"
        ),
        None => assert!(
            get(sportello, "env_file").is_some(),
            "the token comes neither from the environment nor from an env_file"
        ),
    }
    let text = read("deploy/compose.yaml");
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "\"'=@/".contains(c))
        .filter(|w| looks_like_a_token(w))
        .collect();
    assert!(tokens.is_empty(), "something like a bot token: {tokens:?}");
    // The check itself recognises a token.
    assert!(looks_like_a_token(
        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    ));
}

#[test]
fn sportello_in_compose_waits_for_a_healthy_database_and_checks_its_own_health() {
    let compose = compose();
    let db = database_service(&compose);
    let sportello = service(&compose, "sportello");
    assert_eq!(
        text_at(sportello, &format!("depends_on.{db}.condition")),
        "service_healthy"
    );
    assert!(
        texts(at(service(&compose, db), "healthcheck.test")).contains(&"pg_isready"),
        "the database's health check does not use pg_isready"
    );

    let probe = texts(at(sportello, "healthcheck.test")).join(" ");
    assert!(
        probe.contains("/healthz") || probe.contains("/readyz"),
        "the health check asks neither /healthz nor /readyz: {probe}"
    );
    let admin = environment(sportello)
        .get("SPORTELLO_ADMIN_LISTEN")
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:9090".into());
    let port = admin.rsplit(':').next().unwrap();
    assert!(
        probe.contains(&format!("127.0.0.1/{port}")) || probe.contains(&format!(":{port}/")),
        "the health check does not ask the admin port {port}: {probe}"
    );
}

#[test]
fn compose_mounts_the_repository_flows_and_texts_where_the_image_looks_for_them() {
    let compose = compose();
    let sportello = service(&compose, "sportello");
    let image = image_settings();
    let mounts = texts(at(sportello, "volumes"));
    for (folder, inside) in [("flows", &image.flows_dir), ("locales", &image.locales_dir)] {
        let mount = mounts
            .iter()
            .find(|m| m.split(':').nth(1) == inside.to_str())
            .unwrap_or_else(|| panic!("nothing is mounted at {}", inside.display()));
        let host = mount.split(':').next().unwrap();
        assert_eq!(
            host,
            format!("../{folder}"),
            "{mount}: not the repository's {folder}/"
        );
        assert!(root().join("deploy").join(host).is_dir());
        assert!(
            mount.ends_with(":ro"),
            "{mount}: the service only reads its content"
        );
    }

    let build = at(sportello, "build");
    let context = root().join("deploy").join(text_at(build, "context"));
    assert!(
        context.join(text_at(build, "dockerfile")).is_file(),
        "the build's Dockerfile is not where compose looks for it"
    );
}

// ---- Dockerfile -----------------------------------------------------------------------------

/// The Dockerfile's instructions, continuation lines joined, comments and heredoc bodies left
/// out: (instruction in capitals, arguments).
fn dockerfile() -> Vec<(String, String)> {
    let text = read("deploy/Dockerfile");
    let mut out = Vec::new();
    let mut lines = text.lines();
    let mut current = String::new();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        // Comment lines are dropped even inside a continuation, as Docker does.
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(start) = trimmed.strip_suffix('\\') {
            current.push_str(start);
            current.push(' ');
            continue;
        }
        current.push_str(trimmed);
        let (instruction, args) = current.split_once(' ').unwrap_or((&current, ""));
        if let Some(delimiter) = args.split("<<").nth(1).map(|d| d.split_whitespace().next()) {
            let delimiter = delimiter.unwrap_or("").trim_matches(['\'', '"', '-']);
            for body in lines.by_ref() {
                if body.trim() == delimiter {
                    break;
                }
            }
        }
        out.push((instruction.to_uppercase(), args.trim().to_string()));
        current.clear();
    }
    out
}

/// The instructions of each stage, in order, each starting with its FROM.
fn stages() -> Vec<Vec<(String, String)>> {
    let mut stages: Vec<Vec<(String, String)>> = Vec::new();
    for instruction in dockerfile() {
        if instruction.0 == "FROM" {
            stages.push(Vec::new());
        }
        if let Some(stage) = stages.last_mut() {
            stage.push(instruction);
        }
    }
    stages
}

/// The settings file the image writes with a heredoc (`COPY <<EOF /etc/sportello/...`).
fn image_config() -> (String, String) {
    let text = read("deploy/Dockerfile");
    let mut lines = text.lines();
    let header = lines
        .by_ref()
        .find(|l| l.starts_with("COPY <<") && l.contains("sportello.toml"))
        .expect("the Dockerfile writes a settings file with COPY <<EOF");
    let mut words = header["COPY <<".len()..].split_whitespace();
    let delimiter = words.next().unwrap().trim_matches(['\'', '"', '-']);
    let path = words
        .next()
        .expect("the heredoc has a destination")
        .to_string();
    let body: Vec<&str> = lines.take_while(|l| l.trim() != delimiter).collect();
    (path, body.join("\n"))
}

fn image_settings() -> Settings {
    let (_, body) = image_config();
    Settings::from_sources(Some(&body), |_| None)
        .unwrap_or_else(|e| panic!("the image's settings file is refused: {e:#}"))
}

#[test]
fn dockerfile_builds_in_one_stage_and_runs_a_small_image_as_a_non_root_user() {
    let stages = stages();
    assert!(stages.len() >= 2, "{} FROM stage(s)", stages.len());
    let build = stages.first().unwrap();
    assert!(
        build[0].1.starts_with("rust:"),
        "build stage: {}",
        build[0].1
    );
    assert!(
        build
            .iter()
            .any(|(i, a)| i == "RUN" && a.contains("cargo build --release --locked")),
        "the build stage does not run `cargo build --release --locked`"
    );

    let runtime = stages.last().unwrap();
    let base = &runtime[0].1;
    assert!(
        base.contains("-slim") || base.contains("distroless"),
        "the runtime image is not a small one: {base}"
    );
    assert!(
        runtime
            .iter()
            .any(|(i, a)| i == "COPY" && a.starts_with("--from=build ")),
        "the runtime stage does not take the binary from the build stage"
    );
    let user = runtime
        .iter()
        .rev()
        .find(|(i, _)| i == "USER")
        .map(|(_, a)| a.as_str())
        .expect("the runtime stage sets USER");
    let name = user.split(':').next().unwrap();
    assert!(
        !matches!(name, "root" | "0" | ""),
        "the container runs as {user}"
    );
    let entrypoint = runtime
        .iter()
        .find(|(i, _)| i == "ENTRYPOINT")
        .map(|(_, a)| a.as_str());
    assert_eq!(entrypoint, Some(r#"["/usr/local/bin/sportello"]"#));
}

#[test]
fn dockerfile_copies_paths_that_exist_including_everything_cargo_build_reads() {
    let mut copied = Vec::new();
    for (instruction, args) in dockerfile() {
        if instruction != "COPY" || args.starts_with("--from") || args.starts_with("<<") {
            continue;
        }
        let words: Vec<&str> = args.split_whitespace().collect();
        for source in &words[..words.len() - 1] {
            assert!(
                root().join(source).exists(),
                "COPY {source}: no such path in the repository"
            );
            copied.push(source.to_string());
        }
    }
    let mut needed = vec!["Cargo.toml", "Cargo.lock", "src", "migrations"];
    // Targets declared in Cargo.toml must exist for any build; build.rs runs in every build.
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    for (table, folder) in [
        ("bench", "benches"),
        ("example", "examples"),
        ("test", "tests"),
    ] {
        if manifest.contains_key(table) {
            needed.push(folder);
        }
    }
    if root().join("build.rs").exists() {
        needed.push("build.rs");
    }
    for path in needed.into_iter().chain(["flows", "locales"]) {
        assert!(
            copied.iter().any(|c| c == path),
            "the Dockerfile does not copy {path}"
        );
    }
}

#[test]
fn the_images_settings_file_is_accepted_and_points_at_the_mounted_folders() {
    let (path, _) = image_config();
    let settings = image_settings();
    assert_eq!(settings.flows_dir, PathBuf::from("/srv/sportello/flows"));
    assert_eq!(
        settings.locales_dir,
        PathBuf::from("/srv/sportello/locales")
    );
    assert!(
        settings.listen.starts_with("0.0.0.0:"),
        "the webhook server would not be reachable from outside the container: {}",
        settings.listen
    );
    assert!(
        settings
            .database_url
            .starts_with("sqlite:///var/lib/sportello/"),
        "the SQLite file is not in the data volume: {}",
        settings.database_url
    );
    let env: Vec<String> = dockerfile()
        .into_iter()
        .filter(|(i, _)| i == "ENV")
        .map(|(_, a)| a)
        .collect();
    assert!(
        env.contains(&format!("SPORTELLO_CONFIG={path}")),
        "SPORTELLO_CONFIG does not name {path}: {env:?}"
    );
    // Defaults in ENV lines would silently win over a mounted settings file.
    for line in &env {
        for (key, _) in KEYS {
            let name = format!("SPORTELLO_{}=", key.to_uppercase());
            assert!(!line.contains(&name), "ENV {line}: put {key} in {path}");
        }
    }
}

// ---- sportello.service ----------------------------------------------------------------------

/// The unit's settings: section -> key -> every value given (keys may repeat).
fn unit() -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let mut sections: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut section = String::new();
    for line in read("deploy/sportello.service").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("not a key=value line: {line}"));
        sections
            .entry(section.clone())
            .or_default()
            .entry(key.trim().to_string())
            .or_default()
            .push(value.trim().to_string());
    }
    sections
}

#[test]
fn systemd_unit_runs_as_a_dedicated_user_on_a_read_only_system_with_a_private_tmp() {
    let unit = unit();
    let service = &unit["Service"];
    let one = |key: &str| -> &str {
        let values = service
            .get(key)
            .unwrap_or_else(|| panic!("[Service] has no {key}="));
        values.last().unwrap()
    };
    assert!(
        !matches!(one("User"), "" | "root" | "0"),
        "User={}",
        one("User")
    );
    assert_eq!(one("DynamicUser"), "no");
    assert_eq!(one("ProtectSystem"), "strict");
    assert_eq!(one("ProtectHome"), "yes");
    assert_eq!(one("PrivateTmp"), "yes");
    assert_eq!(one("NoNewPrivileges"), "yes");
    assert_eq!(one("StateDirectory"), "sportello");
    assert_eq!(one("ConfigurationDirectory"), "sportello");
    assert!(
        one("ReadWritePaths")
            .split_whitespace()
            .any(|p| p == "/var/lib/sportello"),
        "the state directory is not writable"
    );
    assert_eq!(one("CapabilityBoundingSet"), "", "capabilities are kept");
    assert!(
        service["SystemCallFilter"].contains(&"@system-service".to_string()),
        "no @system-service system call filter"
    );
    assert_eq!(
        unit["Install"]["WantedBy"],
        vec!["multi-user.target".to_string()]
    );
}

#[test]
fn systemd_unit_reloads_on_sighup_restarts_on_failure_and_reads_secrets_from_a_file() {
    let unit = unit();
    let service = &unit["Service"];
    let one = |key: &str| service.get(key).and_then(|v| v.last()).map(String::as_str);
    assert_eq!(one("ExecStart"), Some("/usr/local/bin/sportello run"));
    assert_eq!(one("ExecReload"), Some("/bin/kill -HUP $MAINPID"));
    assert_eq!(one("Restart"), Some("on-failure"));
    assert_eq!(
        one("EnvironmentFile"),
        Some("-/etc/sportello/secrets.env"),
        "the secrets file is optional (leading -) and lives in the configuration directory"
    );
    let environment = service.get("Environment").cloned().unwrap_or_default();
    assert!(
        environment
            .iter()
            .all(|e| !e.contains("TOKEN") && !e.contains("SECRET")),
        "a secret is written in the unit, where `systemctl show` prints it: {environment:?}"
    );
    assert!(
        environment.contains(&"SPORTELLO_CONFIG=/etc/sportello/sportello.toml".to_string()),
        "the unit does not point SPORTELLO_CONFIG at the configuration directory"
    );
}

// ---- publiccode.yml -------------------------------------------------------------------------

/// The categories of the publiccode.yml standard's controlled vocabulary.
const CATEGORIES: &[&str] = &[
    "accounting",
    "agile-project-management",
    "applicant-tracking",
    "application-development",
    "appointment-scheduling",
    "backup",
    "billing-and-invoicing",
    "blog",
    "budgeting",
    "business-intelligence",
    "business-process-management",
    "cad",
    "call-center-management",
    "cloud-management",
    "collaboration",
    "communications",
    "compliance-management",
    "contact-management",
    "content-management",
    "crm",
    "customer-service-and-support",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "digital-asset-management",
    "digital-citizenship",
    "document-management",
    "donor-management",
    "e-commerce",
    "e-signature",
    "email-management",
    "email-marketing",
    "employee-management",
    "enterprise-project-management",
    "enterprise-social-networking",
    "erp",
    "event-management",
    "facility-management",
    "feedback-and-reviews-management",
    "financial-reporting",
    "fleet-management",
    "fundraising",
    "gamification",
    "geographic-information-systems",
    "grant-management",
    "graphic-design",
    "help-desk",
    "hr",
    "ide",
    "identity-management",
    "instant-messaging",
    "inventory-management",
    "it-asset-management",
    "it-development",
    "it-management",
    "it-security",
    "it-service-management",
    "knowledge-management",
    "learning-management-system",
    "marketing",
    "mind-mapping",
    "mobile-marketing",
    "mobile-payment",
    "network-management",
    "office",
    "online-booking",
    "online-community",
    "payment-gateway",
    "payroll",
    "predictive-analysis",
    "procurement",
    "productivity-suite",
    "project-collaboration",
    "project-management",
    "property-management",
    "real-estate-management",
    "remote-support",
    "resource-management",
    "sales-management",
    "seo",
    "service-desk",
    "social-media-management",
    "survey",
    "talent-management",
    "task-management",
    "taxes-management",
    "test-management",
    "time-management",
    "time-tracking",
    "translation",
    "video-conferencing",
    "video-editing",
    "visitor-management",
    "voip",
    "warehouse-management",
    "web-collaboration",
    "web-conferencing",
    "website-builder",
    "workflow-management",
];

fn publiccode() -> Node {
    parse_yaml("publiccode.yml")
}

#[test]
fn publiccode_yml_has_every_key_the_standard_requires() {
    let p = publiccode();
    assert_eq!(text_at(&p, "publiccodeYmlVersion"), "0.4");
    assert_eq!(text_at(&p, "name"), "Sportello");
    assert!(text_at(&p, "url").starts_with("https://"));
    assert!(texts(at(&p, "platforms")).contains(&"linux"));
    assert!(!texts(at(&p, "categories")).is_empty());
    assert_eq!(text_at(&p, "developmentStatus"), "development");
    assert_eq!(text_at(&p, "softwareType"), "standalone/backend");
    for lang in ["it", "en"] {
        text_at(&p, &format!("description.{lang}.shortDescription"));
        text_at(&p, &format!("description.{lang}.longDescription"));
    }
    assert!(!text_at(&p, "legal.license").is_empty());
    let maintenance = text_at(&p, "maintenance.type");
    assert!(matches!(
        maintenance,
        "internal" | "contract" | "community" | "none"
    ));
    if matches!(maintenance, "internal" | "community") {
        let contacts = match &at(&p, "maintenance.contacts").value {
            Value::Seq(contacts) => contacts.as_slice(),
            _ => &[],
        };
        assert!(
            !contacts.is_empty() && contacts.iter().all(|c| get(c, "name").is_some()),
            "`{maintenance}` maintenance needs contacts, each with a name"
        );
    }
    assert_eq!(text_at(&p, "localisation.localisationReady"), "true");
    let languages = texts(at(&p, "localisation.availableLanguages"));
    assert!(
        languages.contains(&"it") && languages.contains(&"en"),
        "{languages:?}"
    );
}

#[test]
fn publiccode_descriptions_in_italian_and_english_keep_to_the_length_limits() {
    let p = publiccode();
    for lang in ["it", "en"] {
        let short = text_at(&p, &format!("description.{lang}.shortDescription"));
        let long = text_at(&p, &format!("description.{lang}.longDescription"));
        let (short_len, long_len) = (short.chars().count(), long.chars().count());
        assert!(
            short_len <= 150,
            "{lang} shortDescription has {short_len} characters (at most 150)"
        );
        assert!(
            !short.contains('\n'),
            "{lang} shortDescription is more than one line"
        );
        assert!(
            (150..=10_000).contains(&long_len),
            "{lang} longDescription has {long_len} characters (150 to 10000)"
        );
        assert!(
            !texts(at(&p, &format!("description.{lang}.features"))).is_empty(),
            "{lang} has no features"
        );
    }
}

#[test]
fn publiccode_uses_only_values_from_the_standards_vocabularies() {
    let p = publiccode();
    for category in texts(at(&p, "categories")) {
        assert!(
            CATEGORIES.contains(&category),
            "`{category}` is not a publiccode.yml category"
        );
    }
    for platform in texts(at(&p, "platforms")) {
        assert!(
            ["web", "windows", "mac", "linux", "ios", "android"].contains(&platform),
            "`{platform}` is not a predefined platform"
        );
    }
    assert!(
        ["concept", "development", "beta", "stable", "obsolete"]
            .contains(&text_at(&p, "developmentStatus"))
    );
    let date = text_at(&p, "releaseDate");
    let shape: String = date
        .chars()
        .map(|c| if c.is_ascii_digit() { 'd' } else { c })
        .collect();
    assert_eq!(shape, "dddd-dd-dd", "releaseDate is not YYYY-MM-DD: {date}");
    let languages = texts(at(&p, "localisation.availableLanguages"));
    for lang in keys(at(&p, "description")) {
        assert!(
            languages.contains(&lang),
            "description in `{lang}`, not in availableLanguages"
        );
    }
    assert_eq!(text_at(&p, "IT.countryExtensionVersion"), "1.0");
}

#[test]
fn publiccode_version_and_license_match_cargo_toml() {
    let p = publiccode();
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let package = manifest["package"].as_table().unwrap();
    assert_eq!(
        text_at(&p, "softwareVersion"),
        package["version"].as_str().unwrap(),
        "update softwareVersion (and releaseDate) in publiccode.yml at each release"
    );
    assert_eq!(
        text_at(&p, "legal.license"),
        package["license"].as_str().unwrap()
    );
}

// ---- docs/deploy.md -------------------------------------------------------------------------

#[test]
fn the_deployment_guide_names_every_setting_and_says_what_was_not_run_here() {
    let guide = read("docs/deploy.md");
    for (key, _) in KEYS {
        let variable = format!("SPORTELLO_{}", key.to_uppercase());
        assert!(
            guide.contains(&format!("`{key}`")) || guide.contains(&variable),
            "docs/deploy.md does not mention `{key}` ({variable})"
        );
    }
    assert!(
        guide.contains("no container engine"),
        "docs/deploy.md does not say the container files were not run"
    );
}
