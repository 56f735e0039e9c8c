//! The flow set in service, replaced as a whole when the files change: an edit is loaded and
//! checked first, and only a set without errors replaces the running one.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::watch;

use super::FlowSet;
use crate::diag::Report;
use crate::metrics::Metrics;

pub struct Live {
    current: RwLock<Arc<FlowSet>>,
    flows_dir: PathBuf,
    locales_dir: PathBuf,
}

/// What a reload did.
#[derive(Debug)]
pub enum Reloaded {
    /// The new set is in service; the report holds its warnings.
    Replaced(Report),
    /// The files have errors: the running set stays.
    Refused(Report),
}

impl Live {
    pub fn new(set: FlowSet, flows_dir: &Path, locales_dir: &Path) -> Arc<Live> {
        Arc::new(Live {
            current: RwLock::new(Arc::new(set)),
            flows_dir: flows_dir.to_path_buf(),
            locales_dir: locales_dir.to_path_buf(),
        })
    }

    /// The set in service now. Callers keep it for one message, so a swap never changes the
    /// flows under a conversation mid-step.
    pub fn get(&self) -> Arc<FlowSet> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Loads the files again and swaps the set in if it has no errors.
    pub fn reload(&self) -> Reloaded {
        let limits = self.get().limits.clone();
        let (set, report) = FlowSet::load(&self.flows_dir, &self.locales_dir, &limits);
        match set {
            Some(set) => {
                // Trained before the swap: the first message after it does not wait.
                set.warm_up();
                *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(set);
                Reloaded::Replaced(report)
            }
            None => Reloaded::Refused(report),
        }
    }

    /// A value that changes when any file under the two folders is added, removed or edited.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        for dir in [&self.flows_dir, &self.locales_dir] {
            fingerprint_dir(dir, &mut hasher, 0);
        }
        hasher.finish()
    }

    /// Reloads when the files change (checked every `every`) or when `signal` fires (SIGHUP),
    /// until shutdown. Every outcome is logged, with its report when refused, and counted.
    pub async fn watch(
        self: Arc<Self>,
        every: Duration,
        mut signal: watch::Receiver<()>,
        mut shutdown: watch::Receiver<bool>,
        metrics: Arc<Metrics>,
    ) {
        let mut seen = self.fingerprint();
        loop {
            let forced = tokio::select! {
                _ = shutdown.changed() => return,
                changed = signal.changed() => changed.is_ok(),
                () = tokio::time::sleep(every) => false,
            };
            let now = self.fingerprint();
            if now == seen && !forced {
                continue;
            }
            seen = now;
            match self.reload() {
                Reloaded::Replaced(report) => {
                    metrics.flow_reloads.inc("replaced");
                    tracing::info!(warnings = report.warnings(), "flows and texts reloaded");
                }
                Reloaded::Refused(report) => {
                    metrics.flow_reloads.inc("refused");
                    tracing::warn!(errors = report.errors(), report = %report, "the edited flows have errors; the running set stays");
                }
            }
        }
    }
}

fn fingerprint_dir(dir: &Path, hasher: &mut DefaultHasher, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Ok(meta) = entry.metadata() else { continue };
        entry.file_name().hash(hasher);
        if meta.is_dir() && depth < 4 {
            fingerprint_dir(&entry.path(), hasher, depth + 1);
        } else {
            meta.len().hash(hasher);
            meta.modified().ok().hash(hasher);
        }
    }
}
