//! `sportello run`: the long-running service. Starts the channels, the outbox dispatcher and
//! the HTTP server, and stops them together.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::channels::telegram::{self, Telegram, TelegramConfig, Webhook};
use crate::flows::live::Live;
use crate::outbox::{Dispatcher, DispatcherConfig};
use crate::settings::Settings;
use crate::store::Store;

/// How often the flow and text files are checked for edits.
const RELOAD_CHECK: Duration = Duration::from_secs(1);

/// A started service.
pub struct Running {
    /// Where the HTTP server listens (webhook mode), once bound.
    pub addr: Option<SocketAddr>,
    /// Where the admin server (health, metrics) listens.
    pub admin_addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    tasks: JoinSet<&'static str>,
}

impl Running {
    /// Waits until a task ends by itself (none should) and names it.
    pub async fn wait(&mut self) -> &'static str {
        match self.tasks.join_next().await {
            Some(Ok(name)) => name,
            Some(Err(_)) => "a task that panicked",
            None => "nothing (no task was running)",
        }
    }

    /// Asks every task to stop and waits for them: work in hand is finished or left to the
    /// store, where the next start picks it up.
    pub async fn stop(mut self) {
        let _ = self.shutdown.send(true);
        while self.tasks.join_next().await.is_some() {}
    }
}

async fn stopped(mut shutdown: watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// Starts serving Telegram with `flows` and `store`.
pub async fn start(settings: &Settings, flows: Arc<Live>, store: Store) -> anyhow::Result<Running> {
    start_with(settings, flows, store, DispatcherConfig::default()).await
}

/// [`start`] with the outbox dispatcher's pacing given (tests shorten its time-outs).
pub async fn start_with(
    settings: &Settings,
    flows: Arc<Live>,
    store: Store,
    dispatch: DispatcherConfig,
) -> anyhow::Result<Running> {
    let token = settings.telegram_token.clone().context(
        "the Telegram token is not set: put the token from BotFather in SPORTELLO_TELEGRAM_TOKEN",
    )?;
    let telegram = Arc::new(Telegram::new(&TelegramConfig {
        token,
        api_url: settings.telegram_api_url.clone(),
        global_rate: settings.telegram_rate,
        chat_rate: settings.telegram_chat_rate,
    })?);
    if let Err(e) = telegram.register_commands(&flows.get()).await {
        tracing::warn!(error = %e, "cannot register the command menu; continuing without it");
    }
    let (shutdown, receiver) = watch::channel(false);
    let mut tasks = JoinSet::new();

    let (reload, reload_signal) = watch::channel(());
    let live = flows.clone();
    let stop = receiver.clone();
    tasks.spawn(async move {
        live.watch(RELOAD_CHECK, reload_signal, stop).await;
        "the flow watcher"
    });
    #[cfg(unix)]
    {
        let mut hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
        let mut stop = receiver.clone();
        tasks.spawn(async move {
            loop {
                tokio::select! {
                    _ = stop.wait_for(|s| *s) => return "the SIGHUP handler",
                    _ = hangup.recv() => { let _ = reload.send(()); }
                }
            }
        });
    }

    let admin_listener = tokio::net::TcpListener::bind(&settings.admin_listen)
        .await
        .with_context(|| format!("cannot listen on {} (admin_listen)", settings.admin_listen))?;
    let admin_addr = admin_listener.local_addr()?;
    let admin = crate::admin::router(crate::admin::Admin {
        store: store.clone(),
        flows: flows.clone(),
    });
    let stop = stopped(receiver.clone());
    tasks.spawn(async move {
        if let Err(e) = axum::serve(admin_listener, admin)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::error!(error = %e, "the admin server failed");
        }
        "the admin server"
    });

    if store
        .audit_retention(&settings.retention, chrono::Utc::now())
        .await
        .context("cannot record the retention settings in the audit log")?
    {
        tracing::info!(retention = %settings.retention.to_json(), "retention settings recorded");
    }
    let purger = store.clone();
    let (retention, every) = (settings.retention, settings.purge_interval);
    let mut stop = receiver.clone();
    tasks.spawn(async move {
        // The first purge runs at start, so a process restarted more often than the interval
        // still purges.
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = stop.wait_for(|s| *s) => return "the retention purge",
                _ = ticks.tick() => {}
            }
            match purger.purge(chrono::Utc::now(), &retention).await {
                Ok(counts) => {
                    for (class, n) in counts.by_class() {
                        crate::metrics::METRICS.count("sportello_purged_rows_total", class, n);
                    }
                    tracing::info!(?counts, "retention purge done");
                }
                // A failed purge is retried at the next tick; replies go on meanwhile.
                Err(e) => tracing::error!(error = %e, "retention purge failed"),
            }
        }
    });

    let dispatcher = Dispatcher::with_arc(store.clone(), telegram.clone()).with_config(dispatch);
    let stop = stopped(receiver.clone());
    tasks.spawn(async move {
        dispatcher.run(stop).await;
        "the Telegram outbox dispatcher"
    });

    let addr = match &settings.telegram_webhook_url {
        Some(url) => {
            let secret = settings.telegram_webhook_secret.clone().context(
                "a webhook needs `telegram_webhook_secret` (SPORTELLO_TELEGRAM_WEBHOOK_SECRET)",
            )?;
            let listener = tokio::net::TcpListener::bind(&settings.listen)
                .await
                .with_context(|| format!("cannot listen on {}", settings.listen))?;
            let addr = listener.local_addr()?;
            let router = telegram::webhook_router(Webhook {
                telegram: telegram.clone(),
                store,
                flows,
                secret: secret.clone(),
            });
            let stop = stopped(receiver.clone());
            tasks.spawn(async move {
                if let Err(e) = axum::serve(listener, router)
                    .with_graceful_shutdown(stop)
                    .await
                {
                    tracing::error!(error = %e, "the HTTP server failed");
                }
                "the HTTP server"
            });
            // Only once we listen: Telegram starts posting right away.
            telegram
                .set_webhook(url, secret.expose())
                .await
                .context("cannot set the Telegram webhook")?;
            tracing::info!(%addr, "receiving Telegram updates by webhook");
            Some(addr)
        }
        None => {
            let rx = receiver.clone();
            let telegram = telegram.clone();
            tasks.spawn(async move {
                telegram::poll(telegram, store, flows, rx).await;
                "Telegram polling"
            });
            tracing::info!("receiving Telegram updates by long polling");
            None
        }
    };
    Ok(Running {
        addr,
        admin_addr,
        shutdown,
        tasks,
    })
}
