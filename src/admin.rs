//! The admin HTTP server, on its own address apart from the webhooks: `/healthz` (the process
//! answers), `/readyz` (the database answers and flows are loaded), `/metrics` (Prometheus).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use chrono::Utc;
use prometheus_client::encoding::prometheus_text;

use crate::flows::live::Live;
use crate::metrics::{Measured, Metrics};
use crate::store::Store;

#[derive(Clone)]
pub struct Admin {
    pub store: Store,
    pub flows: Arc<Live>,
    pub metrics: Arc<Metrics>,
}

pub fn router(admin: Admin) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics))
        .with_state(admin)
}

async fn ready(State(admin): State<Admin>) -> impl IntoResponse {
    let flows = admin.flows.get();
    match admin.store.ping().await {
        Ok(()) if !flows.flows.is_empty() => (StatusCode::OK, "ready\n".to_string()),
        Ok(()) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "no flows loaded\n".to_string(),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable\n".to_string(),
            )
        }
    }
}

async fn metrics(State(admin): State<Admin>) -> impl IntoResponse {
    let mut measured = Measured::default();
    let counts = admin
        .store
        .outbox_counts()
        .await
        .inspect_err(|e| tracing::warn!(error = %e, "metrics: cannot count the outbox"));
    if let Ok(counts) = counts {
        measured.count(
            "sportello_outbox_backlog",
            "Replies waiting to be sent",
            counts.pending,
        );
        measured.count(
            "sportello_outbox_failed",
            "Replies given up on",
            counts.failed,
        );
    }
    let progress =
        admin.store.outbox_progress().await.inspect_err(
            |e| tracing::warn!(error = %e, "metrics: cannot read the outbox's progress"),
        );
    if let Ok(progress) = progress {
        let values = progress
            .into_iter()
            .map(|p| {
                let labels = vec![
                    ("channel".to_owned(), p.channel),
                    ("priority".to_owned(), p.priority.name().to_owned()),
                    ("state".to_owned(), p.state.to_owned()),
                ];
                (labels, p.count)
            })
            .collect();
        measured.counts(
            "sportello_outbox_messages",
            "Outbox messages per channel, priority and state (queued, sent, failed, blocked)",
            values,
        );
    }
    let queues = admin
        .store
        .queues()
        .await
        .inspect_err(|e| tracing::warn!(error = %e, "metrics: cannot read the queues"));
    if let Ok(queues) = queues {
        let now = Utc::now();
        let waiting: i64 = queues.iter().map(|q| q.waiting).sum();
        let oldest = queues.iter().filter_map(|q| q.oldest_since).min();
        measured.count(
            "sportello_queue_waiting",
            "Conversations waiting for an operator",
            waiting,
        );
        let seconds = oldest.map_or(0.0, |o| (now - o).num_milliseconds().max(0) as f64 / 1000.0);
        measured.seconds(
            "sportello_queue_oldest_wait_seconds",
            "How long the oldest waiting conversation has waited",
            seconds,
        );
    }
    if let Ok(pending) = admin.store.pending_operator_items().await {
        measured.count(
            "sportello_operators_backlog",
            "Messages waiting to reach the operators' group",
            pending,
        );
    }
    (
        [(header::CONTENT_TYPE, prometheus_text::CONTENT_TYPE)],
        admin.metrics.render(&measured),
    )
}
