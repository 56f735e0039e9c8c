//! Counters and histograms for monitoring, rendered in the Prometheus text format on the admin
//! server's `/metrics`. Labels are channels, offices and outcomes: never a citizen.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

/// Upper bounds of the engine step latency buckets, in seconds.
const STEP_BUCKETS: [f64; 10] = [
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1,
];

#[derive(Default)]
pub struct Metrics {
    /// (metric, label value) → count.
    counters: Mutex<BTreeMap<(&'static str, String), u64>>,
    step_buckets: [AtomicU64; STEP_BUCKETS.len()],
    step_count: AtomicU64,
    step_sum_micros: AtomicU64,
}

/// The process-wide metrics.
pub static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::default);

/// What each counter counts, with its label name.
const COUNTERS: &[(&str, &str, &str)] = &[
    (
        "sportello_updates_in_total",
        "channel",
        "Messages received from citizens",
    ),
    (
        "sportello_replies_out_total",
        "channel",
        "Replies delivered to citizens",
    ),
    (
        "sportello_send_failures_total",
        "reason",
        "Replies that failed for good",
    ),
    (
        "sportello_rate_limited_total",
        "channel",
        "Times a channel asked us to slow down",
    ),
    (
        "sportello_handoffs_total",
        "office",
        "Conversations handed to an office",
    ),
    (
        "sportello_not_understood_total",
        "channel",
        "Questions the bot could not answer",
    ),
    (
        "sportello_solved_by_bot_total",
        "channel",
        "Conversations ended without an operator",
    ),
    (
        "sportello_flow_reloads_total",
        "outcome",
        "Reloads of the flows and texts",
    ),
    (
        "sportello_replies_held_total",
        "channel",
        "Replies held outside a channel's reply window until the citizen writes",
    ),
    (
        "sportello_webhook_rejected_total",
        "reason",
        "Webhook calls refused or dropped (bad signature, unreadable body, other number)",
    ),
    (
        "sportello_delivery_status_total",
        "status",
        "Delivery statuses reported by WhatsApp",
    ),
    (
        "sportello_delivery_status_unknown_total",
        "status",
        "Delivery statuses dropped: no reply was sent with their id (another sender, or purged)",
    ),
    (
        "sportello_purged_rows_total",
        "class",
        "Rows deleted by the retention purge",
    ),
];

impl Metrics {
    pub fn count(&self, metric: &'static str, label: &str, by: u64) {
        debug_assert!(
            COUNTERS.iter().any(|(m, _, _)| *m == metric),
            "unknown metric {metric}"
        );
        let mut counters = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        *counters.entry((metric, label.to_string())).or_default() += by;
    }

    pub fn get(&self, metric: &'static str, label: &str) -> u64 {
        let counters = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        counters
            .get(&(metric, label.to_string()))
            .copied()
            .unwrap_or(0)
    }

    pub fn observe_step(&self, took: Duration) {
        let seconds = took.as_secs_f64();
        for (bucket, bound) in self.step_buckets.iter().zip(STEP_BUCKETS) {
            if seconds <= bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.step_count.fetch_add(1, Ordering::Relaxed);
        self.step_sum_micros.fetch_add(
            took.as_micros().min(u128::from(u64::MAX)) as u64,
            Ordering::Relaxed,
        );
    }

    /// The Prometheus text exposition, with `gauges` (name, help, value) measured by the caller.
    pub fn render(&self, gauges: &[(&str, &str, f64)]) -> String {
        let mut out = String::new();
        let counters = self
            .counters
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        for (metric, label, help) in COUNTERS {
            let _ = writeln!(out, "# HELP {metric} {help}\n# TYPE {metric} counter");
            for ((m, value), count) in &counters {
                if m == metric {
                    let _ = writeln!(out, "{metric}{{{label}=\"{}\"}} {count}", escape(value));
                }
            }
        }
        let name = "sportello_engine_step_seconds";
        let _ = writeln!(
            out,
            "# HELP {name} Time the engine takes for one message\n# TYPE {name} histogram"
        );
        for (bucket, bound) in self.step_buckets.iter().zip(STEP_BUCKETS) {
            let _ = writeln!(
                out,
                "{name}_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.step_count.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(
            out,
            "{name}_sum {}",
            self.step_sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "{name}_count {count}");
        for (gauge, help, value) in gauges {
            let _ = writeln!(
                out,
                "# HELP {gauge} {help}\n# TYPE {gauge} gauge\n{gauge} {value}"
            );
        }
        out
    }
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_the_step_histogram_render_in_prometheus_format() {
        let m = Metrics::default();
        m.count("sportello_updates_in_total", "telegram", 2);
        m.count("sportello_handoffs_total", "polizia-locale", 1);
        m.observe_step(Duration::from_micros(300));
        let text = m.render(&[(
            "sportello_outbox_backlog",
            "Replies waiting to be sent",
            3.0,
        )]);
        assert!(
            text.contains("sportello_updates_in_total{channel=\"telegram\"} 2\n"),
            "{text}"
        );
        assert!(text.contains("sportello_handoffs_total{office=\"polizia-locale\"} 1\n"));
        assert!(text.contains("sportello_engine_step_seconds_bucket{le=\"0.0005\"} 1\n"));
        assert!(text.contains("sportello_engine_step_seconds_bucket{le=\"0.00025\"} 0\n"));
        assert!(text.contains("sportello_engine_step_seconds_count 1\n"));
        assert!(
            text.contains("# TYPE sportello_outbox_backlog gauge\nsportello_outbox_backlog 3\n")
        );
    }

    /// A declared counter that nothing increments would always read 0 and mislead whoever
    /// watches it: every one must be counted somewhere in the code.
    #[test]
    fn every_declared_counter_is_counted_somewhere() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("metrics.rs")
                {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let mut code = String::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut code,
        );
        let code: String = code.split_whitespace().collect();
        for (name, _, _) in COUNTERS {
            assert!(
                code.contains(&format!("count(\"{name}\"")),
                "the counter {name} is declared but never counted"
            );
        }
    }
}
