//! Counters and a histogram for monitoring, in a registry owned by the running service:
//! `app::start` creates one `Metrics` and hands it to each task, and the admin server's
//! `/metrics` renders it in the Prometheus text format. Labels are channels, offices and
//! outcomes: never a citizen.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::prometheus_text;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Upper bounds of the engine step latency buckets, in seconds.
const STEP_BUCKETS: [f64; 10] = [
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1,
];

/// A counter per value of its one label (`sportello_handoffs_total{office="urp"}`).
#[derive(Clone)]
pub struct Counted {
    label: &'static str,
    family: Family<[(&'static str, String); 1], Counter>,
}

impl Counted {
    pub fn inc(&self, value: &str) {
        self.inc_by(value, 1);
    }

    pub fn inc_by(&self, value: &str, by: u64) {
        self.family.get_or_create(&self.labels(value)).inc_by(by);
    }

    /// The count for `value` so far (0 if never counted).
    pub fn get(&self, value: &str) -> u64 {
        self.family.get(&self.labels(value)).map_or(0, |c| c.get())
    }

    fn labels(&self, value: &str) -> [(&'static str, String); 1] {
        [(self.label, value.to_owned())]
    }
}

/// The service's metrics. Each counter is named `<name>_total` on `/metrics`.
pub struct Metrics {
    registry: Registry,
    /// `channel`: messages received from citizens.
    pub updates_in: Counted,
    /// `channel`: replies delivered to citizens.
    pub replies_out: Counted,
    /// `reason`: replies that failed for good.
    pub send_failures: Counted,
    /// `channel`: times a channel asked us to slow down.
    pub rate_limited: Counted,
    /// `office`: conversations handed to an office.
    pub handoffs: Counted,
    /// `channel`: questions the bot could not answer.
    pub not_understood: Counted,
    /// `channel`: conversations ended without an operator.
    pub solved_by_bot: Counted,
    /// `outcome` (`replaced`, `refused`): reloads of the flows and texts.
    pub flow_reloads: Counted,
    /// `channel`: replies held outside a channel's reply window.
    pub replies_held: Counted,
    /// `reason` (`signature`, `unparseable`, `other_number`): webhook calls refused or dropped.
    pub webhook_rejected: Counted,
    /// `status`: delivery statuses reported by WhatsApp.
    pub delivery_status: Counted,
    /// `status`: delivery statuses for no reply we know of.
    pub delivery_status_unknown: Counted,
    /// `class`: rows deleted by the retention purge.
    pub purged_rows: Counted,
    /// The time the engine takes for one message, in seconds (`observe_step`).
    engine_step: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let mut counted = |name: &str, label: &'static str, help: &str| {
            let counted = Counted {
                label,
                family: Family::default(),
            };
            registry.register(name, help, counted.family.clone());
            counted
        };
        let updates_in = counted(
            "sportello_updates_in",
            "channel",
            "Messages received from citizens",
        );
        let replies_out = counted(
            "sportello_replies_out",
            "channel",
            "Replies delivered to citizens",
        );
        let send_failures = counted(
            "sportello_send_failures",
            "reason",
            "Replies that failed for good",
        );
        let rate_limited = counted(
            "sportello_rate_limited",
            "channel",
            "Times a channel asked us to slow down",
        );
        let handoffs = counted(
            "sportello_handoffs",
            "office",
            "Conversations handed to an office",
        );
        let not_understood = counted(
            "sportello_not_understood",
            "channel",
            "Questions the bot could not answer",
        );
        let solved_by_bot = counted(
            "sportello_solved_by_bot",
            "channel",
            "Conversations ended without an operator",
        );
        let flow_reloads = counted(
            "sportello_flow_reloads",
            "outcome",
            "Reloads of the flows and texts",
        );
        let replies_held = counted(
            "sportello_replies_held",
            "channel",
            "Replies held outside a channel's reply window until the citizen writes",
        );
        let webhook_rejected = counted(
            "sportello_webhook_rejected",
            "reason",
            "Webhook calls refused or dropped (bad signature, unreadable body, other number)",
        );
        let delivery_status = counted(
            "sportello_delivery_status",
            "status",
            "Delivery statuses reported by WhatsApp",
        );
        let delivery_status_unknown = counted(
            "sportello_delivery_status_unknown",
            "status",
            "Delivery statuses dropped: no reply was sent with their id (another sender, or purged)",
        );
        let purged_rows = counted(
            "sportello_purged_rows",
            "class",
            "Rows deleted by the retention purge",
        );
        let engine_step = Histogram::new(STEP_BUCKETS);
        registry.register(
            "sportello_engine_step_seconds",
            "Time the engine takes for one message",
            engine_step.clone(),
        );
        Metrics {
            registry,
            updates_in,
            replies_out,
            send_failures,
            rate_limited,
            handoffs,
            not_understood,
            solved_by_bot,
            flow_reloads,
            replies_held,
            webhook_rejected,
            delivery_status,
            delivery_status_unknown,
            purged_rows,
            engine_step,
        }
    }

    pub fn observe_step(&self, took: Duration) {
        self.engine_step.observe(took.as_secs_f64());
    }

    /// The Prometheus text exposition, with the gauges `measured` when `/metrics` is read.
    pub fn render(&self, measured: &Measured) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_text::encode(&mut out, &self.registry);
        let _ = prometheus_text::encode(&mut out, &measured.0);
        out
    }
}

/// Gauges read from the store when `/metrics` is asked for (backlogs, queues): shown only
/// when they could be measured.
#[derive(Default)]
pub struct Measured(Registry);

impl Measured {
    /// A number of things (replies, conversations).
    pub fn count(&mut self, name: &str, help: &str, value: i64) {
        let gauge: Gauge = Gauge::default();
        gauge.set(value);
        self.0.register(name, help, gauge);
    }

    /// A number of things for each set of labels: one gauge family `name{label="value",...}`.
    pub fn counts(&mut self, name: &str, help: &str, values: Vec<(Vec<(String, String)>, i64)>) {
        let family: Family<Vec<(String, String)>, Gauge> = Family::default();
        for (labels, value) in values {
            family.get_or_create(&labels).set(value);
        }
        self.0.register(name, help, family);
    }

    /// A time, in seconds.
    pub fn seconds(&mut self, name: &str, help: &str, value: f64) {
        let gauge: Gauge<f64, AtomicU64> = Gauge::default();
        gauge.set(value);
        self.0.register(name, help, gauge);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_the_step_histogram_render_in_prometheus_format() {
        let m = Metrics::new();
        m.updates_in.inc_by("telegram", 2);
        m.handoffs.inc("polizia-locale");
        m.observe_step(Duration::from_micros(300));
        let mut measured = Measured::default();
        measured.count("sportello_outbox_backlog", "Replies waiting to be sent", 3);
        measured.seconds(
            "sportello_queue_oldest_wait_seconds",
            "How long the oldest waiting conversation has waited",
            1.5,
        );
        let text = m.render(&measured);
        assert!(
            text.contains("# TYPE sportello_updates_in_total counter\n"),
            "{text}"
        );
        assert!(
            text.contains("sportello_updates_in_total{channel=\"telegram\"} 2\n"),
            "{text}"
        );
        assert!(text.contains("sportello_handoffs_total{office=\"polizia-locale\"} 1\n"));
        assert!(text.contains("# TYPE sportello_engine_step_seconds histogram\n"));
        assert!(text.contains("sportello_engine_step_seconds_bucket{le=\"0.0005\"} 1\n"));
        assert!(text.contains("sportello_engine_step_seconds_bucket{le=\"0.00025\"} 0\n"));
        assert!(text.contains("sportello_engine_step_seconds_bucket{le=\"+Inf\"} 1\n"));
        assert!(text.contains("sportello_engine_step_seconds_count 1\n"));
        assert!(
            text.contains("# TYPE sportello_outbox_backlog gauge\nsportello_outbox_backlog 3\n"),
            "{text}"
        );
        assert!(text.contains("sportello_queue_oldest_wait_seconds 1.5\n"));
        assert_eq!(m.updates_in.get("telegram"), 2);
        assert_eq!(m.updates_in.get("whatsapp"), 0);
    }

    #[test]
    fn two_instances_count_apart() {
        let (a, b) = (Metrics::new(), Metrics::new());
        a.replies_out.inc("telegram");
        assert_eq!(a.replies_out.get("telegram"), 1);
        assert_eq!(b.replies_out.get("telegram"), 0);
    }

    /// A declared metric that nothing increments would always read 0 and mislead whoever
    /// watches it: each is counted somewhere in the code, and an integration test reads it.
    #[test]
    fn every_declared_metric_is_counted_in_the_code_and_read_by_a_test() {
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
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut code, mut tests) = (String::new(), String::new());
        sources(&root.join("src"), &mut code);
        sources(&root.join("tests/it"), &mut tests);
        let squeeze = |s: String| -> String { s.split_whitespace().collect() };
        let (code, tests) = (squeeze(code), squeeze(tests));
        let declared = std::fs::read_to_string(root.join("src/metrics.rs")).unwrap();
        let fields: Vec<&str> = declared
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub "))
            .filter_map(|l| l.strip_suffix(": Counted,"))
            .collect();
        assert_eq!(fields.len(), 13, "{fields:?}");
        for field in fields {
            assert!(
                code.contains(&format!(".{field}.inc")),
                "the counter {field} is declared but never counted"
            );
            assert!(
                tests.contains(&format!(".{field}.get(")),
                "no integration test reads the counter {field}"
            );
        }
        assert!(code.contains(".observe_step("));
    }
}
