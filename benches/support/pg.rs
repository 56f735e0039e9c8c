//! A PostgreSQL database of its own for one benchmark run, created from the admin URL
//! (`SPORTELLO_TEST_POSTGRES_URL`) and dropped at the end.

// Each benchmark uses a part.
#![allow(dead_code)]

use sqlx::Connection;

pub struct BenchDatabase {
    admin: sqlx::PgConnection,
    name: String,
    /// The new database's URL, with `suffix` appended (e.g. `?sslmode=disable`).
    pub url: String,
}

impl BenchDatabase {
    pub async fn create(admin_url: &str, prefix: &str, suffix: &str) -> BenchDatabase {
        let name = format!("{prefix}_{}", std::process::id());
        let mut admin = sqlx::PgConnection::connect(admin_url)
            .await
            .expect("postgres admin connection");
        sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
            .execute(&mut admin)
            .await
            .expect("create bench database");
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url, |(base, _)| base);
        let url = format!("{base}/{name}{suffix}");
        BenchDatabase { admin, name, url }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// A default for every later session of the database, e.g. `synchronous_commit = off`.
    pub async fn set(&mut self, setting: &str) {
        let alter = format!("alter database {} set {setting}", self.name);
        sqlx::query(sqlx::AssertSqlSafe(alter))
            .execute(&mut self.admin)
            .await
            .expect("alter the bench database");
    }

    pub async fn drop(mut self) {
        let drop = format!("drop database {} with (force)", self.name);
        if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&mut self.admin)
            .await
        {
            eprintln!("could not drop the bench database {}: {e}", self.name);
        }
    }
}

/// Whether the run asks for backend `name`: `cargo bench` passes `--bench`; any other argument
/// names a backend. With none named, those in `default` run.
pub fn wanted(name: &str, default: &[&str]) -> bool {
    let named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if named.is_empty() {
        default.contains(&name)
    } else {
        named.iter().any(|n| n == name)
    }
}

/// The PostgreSQL server to create bench databases on, or `None`, said on standard output.
pub fn admin_url() -> Option<String> {
    let url = std::env::var("SPORTELLO_TEST_POSTGRES_URL").ok();
    if url.is_none() {
        println!(
            "postgres: skipped; set SPORTELLO_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test"
        );
    }
    url
}

/// The process's peak resident memory so far, in KiB (Linux).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs a bench on the runtime `sportello run` uses: multi-threaded, one worker per core.
pub fn block_on<F: std::future::Future>(bench: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(bench)
}

/// Runs `bench` with a fresh, migrated store on each backend the run asks for (both by
/// default): a SQLite file in a temporary folder, and a PostgreSQL database named after
/// `prefix`, dropped afterwards. `bench` gets the backend's name, the database URL and the store.
pub async fn on_each_backend<F, Fut>(prefix: &str, bench: F)
where
    F: Fn(&'static str, String, sportello::store::Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let runs = |name: &str| wanted(name, &["sqlite", "postgres"]);
    if runs("sqlite") {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("bench.db").display()
        );
        let store = sportello::store::connect(&url).await.expect("sqlite");
        store.migrate().await.expect("migrate");
        bench("sqlite", url, store.clone()).await;
        store.close().await;
    }
    if runs("postgres") {
        let Some(admin_url) = admin_url() else {
            return;
        };
        let db = BenchDatabase::create(&admin_url, prefix, "").await;
        let store = sportello::store::connect(&db.url).await.expect("postgres");
        store.migrate().await.expect("migrate");
        bench("postgres", db.url.clone(), store.clone()).await;
        store.close().await;
        db.drop().await;
    }
}
