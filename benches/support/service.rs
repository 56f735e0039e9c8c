//! The real `sportello run` release binary as a child process of an end-to-end benchmark,
//! and what an interrupted run (Ctrl-C, `timeout`) must still undo: no destructor runs then.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use sqlx::Connection;

static CLEANUP: Mutex<Vec<Undo>> = Mutex::new(Vec::new());

#[derive(PartialEq)]
pub enum Undo {
    Kill(u32),
    DropDatabase { admin_url: String, name: String },
}

pub fn on_interrupt(undo: Undo) {
    CLEANUP.lock().unwrap().push(undo);
}

pub fn done(undo: &Undo) {
    CLEANUP.lock().unwrap().retain(|u| u != undo);
}

/// On Ctrl-C or SIGTERM: kill the service processes, drop the bench databases, exit.
pub async fn clean_up_when_interrupted() {
    let mut terminate =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        Some(()) = async { terminate.as_mut()?.recv().await } => {}
    }
    let undo = std::mem::take(&mut *CLEANUP.lock().unwrap());
    for step in &undo {
        if let Undo::Kill(pid) = step {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
    for step in &undo {
        if let Undo::DropDatabase { admin_url, name } = step
            && let Ok(mut admin) = sqlx::PgConnection::connect(admin_url).await
        {
            let drop = format!("drop database if exists {name} with (force)");
            let _ = sqlx::query(sqlx::AssertSqlSafe(drop))
                .execute(&mut admin)
                .await;
        }
    }
    eprintln!("interrupted: service processes killed, bench databases dropped");
    std::process::exit(130);
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The release binary (`SPORTELLO_BENCH_BIN` to use another); exits when it is missing.
pub fn binary() -> PathBuf {
    let path = std::env::var_os("SPORTELLO_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/release/sportello"));
    if !path.exists() {
        eprintln!(
            "{} is missing: build it first with `cargo build --release` \
             (or point SPORTELLO_BENCH_BIN at a release binary)",
            path.display()
        );
        std::process::exit(2);
    }
    // A stale binary would measure old code: say so (the bench does not build it itself).
    let built = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let newest = newest_source(&root().join("src"));
    if let (Some(built), Some(newest)) = (built, newest)
        && newest > built
    {
        eprintln!(
            "warning: {} is older than src/; run `cargo build --release` first",
            path.display()
        );
    }
    path
}

fn newest_source(dir: &Path) -> Option<std::time::SystemTime> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                newest_source(&path)
            } else {
                entry.metadata().and_then(|m| m.modified()).ok()
            }
        })
        .max()
}

/// The `sportello run` child process; killed when dropped, also on a panic.
pub struct Service {
    child: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        done(&Undo::Kill(self.child.id()));
    }
}

impl Service {
    /// Starts `sportello run` on `database_url` (`{dir}` stands for the process's own
    /// temporary directory) with the example flows and the channel's `settings`.
    pub fn start(settings: &[(&str, String)], database_url: &str) -> Service {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = dir.path().join("sportello.log");
        let database_url = database_url.replace("{dir}", &dir.path().display().to_string());
        let output = std::fs::File::create(&log).expect("log file");
        let errors = output.try_clone().expect("log file");
        let child =
            Command::new(binary())
                .arg("run")
                .current_dir(dir.path())
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .envs(settings.iter().map(|(k, v)| (k, v)))
                .env("SPORTELLO_DATABASE_URL", database_url)
                .env("SPORTELLO_FLOWS_DIR", root().join("flows"))
                .env("SPORTELLO_LOCALES_DIR", root().join("locales"))
                .env("SPORTELLO_LOG", "warn")
                .env("SPORTELLO_ADMIN_LISTEN", "127.0.0.1:0")
                // Settings given to the bench itself win, to try one out (`SPORTELLO_OUTBOX_*`).
                .envs(std::env::vars().filter(|(k, _)| {
                    k.starts_with("SPORTELLO_") && !k.starts_with("SPORTELLO_TEST_")
                }))
                .stdin(Stdio::null())
                .stdout(Stdio::from(output))
                .stderr(Stdio::from(errors))
                .spawn()
                .expect("start sportello run");
        on_interrupt(Undo::Kill(child.id()));
        Service {
            child,
            log,
            _dir: dir,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Panics with the end of the log if the process has ended.
    pub fn check_alive(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!(
                "sportello run ended ({status}); its log ends with:\n{}",
                self.log_tail(20)
            );
        }
    }

    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    fn log_lines(&self) -> usize {
        std::fs::read_to_string(&self.log)
            .map(|t| t.lines().count())
            .unwrap_or(0)
    }

    /// Warnings and errors of the service would mean the figures are not of normal operation.
    pub fn report_log(&self) {
        let lines = self.log_lines();
        if lines > 0 {
            println!(
                "               ! the service logged {lines} lines at warn or above; the last:\n{}",
                self.log_tail(3)
            );
        }
    }

    /// (peak, current) resident memory in KiB.
    pub fn memory_kib(&self) -> (u64, u64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0)
        };
        (field("VmHWM:"), field("VmRSS:"))
    }
}
