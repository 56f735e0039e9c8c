//! `sportello run`: the long-running service. Starts the configured channels (Telegram,
//! WhatsApp, or both), their outbox dispatchers and the HTTP server, and stops them together.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::channels::telegram::operators::TelegramDesk;
use crate::channels::telegram::{self, Telegram, TelegramConfig, Webhook};
use crate::channels::whatsapp::{self, WhatsApp, WhatsAppConfig};
use crate::flows::live::Live;
use crate::handoff::HandoffConfig;
use crate::outbox::{Dispatcher, DispatcherConfig, Held};
use crate::settings::Settings;
use crate::store::{Clock, Store, SystemClock};

/// How often the flow and text files are checked for edits.
const RELOAD_CHECK: Duration = Duration::from_secs(1);

/// A started service.
pub struct Running {
    /// Where the HTTP server listens (Telegram's webhook mode, WhatsApp), once bound.
    pub addr: Option<SocketAddr>,
    /// Where the admin server (health, metrics) listens.
    pub admin_addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    tasks: JoinSet<&'static str>,
    held: tokio::sync::broadcast::Sender<Held>,
}

impl Running {
    /// Replies held outside a channel's reply window, as they are held: the hand-off tells
    /// the operator in the conversation's topic.
    pub fn held_notices(&self) -> tokio::sync::broadcast::Receiver<Held> {
        self.held.subscribe()
    }

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

/// What every channel's outbox dispatcher is built with.
struct Outbox {
    store: Store,
    dispatch: DispatcherConfig,
    clock: Arc<dyn Clock>,
    held: tokio::sync::broadcast::Sender<Held>,
    journal: Option<Arc<crate::outbox::SentJournal>>,
}

impl Outbox {
    fn dispatcher<C: crate::channels::Channel>(&self, channel: Arc<C>) -> Dispatcher<C> {
        let dispatcher = Dispatcher::with_arc(self.store.clone(), channel)
            .with_config(self.dispatch.clone())
            .with_clock(self.clock.clone())
            .with_held_notices(self.held.clone());
        match &self.journal {
            Some(journal) => dispatcher.with_journal(journal.clone()),
            None => dispatcher,
        }
    }
}

async fn stopped(mut shutdown: watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// Starts serving the configured channels with `flows` and `store`.
pub async fn start(settings: &Settings, flows: Arc<Live>, store: Store) -> anyhow::Result<Running> {
    start_with(settings, flows, store, settings.outbox.clone()).await
}

/// [`start`] with the outbox dispatcher's pacing given (tests shorten its time-outs).
pub async fn start_with(
    settings: &Settings,
    flows: Arc<Live>,
    store: Store,
    dispatch: DispatcherConfig,
) -> anyhow::Result<Running> {
    let options = StartOptions {
        dispatch,
        ..StartOptions::default()
    };
    start_with_options(settings, flows, store, options).await
}

/// [`start_with`] with the clock the dispatchers, the webhooks and the hand-off read (tests
/// move it to step past the 24-hour window or to an office's opening).
pub async fn start_with_clock(
    settings: &Settings,
    flows: Arc<Live>,
    store: Store,
    dispatch: DispatcherConfig,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<Running> {
    let options = StartOptions {
        dispatch,
        clock,
        ..StartOptions::default()
    };
    start_with_options(settings, flows, store, options).await
}

/// What tests change of a started service beyond the settings.
pub struct StartOptions {
    pub dispatch: DispatcherConfig,
    /// The time messages are processed at and cases announced at.
    pub clock: Arc<dyn Clock>,
    /// The hand-off worker's pace (the settings fill in the rest).
    pub handoff: HandoffConfig,
}

impl Default for StartOptions {
    fn default() -> Self {
        StartOptions {
            dispatch: DispatcherConfig::default(),
            clock: Arc::new(SystemClock),
            handoff: HandoffConfig::default(),
        }
    }
}

/// [`start`] with everything tests may change.
pub async fn start_with_options(
    settings: &Settings,
    flows: Arc<Live>,
    store: Store,
    options: StartOptions,
) -> anyhow::Result<Running> {
    let StartOptions {
        dispatch,
        clock,
        handoff,
    } = options;
    // The safety and intent lexicons are built now, not on the first citizen's message.
    crate::engine::safety::warm_up();
    crate::engine::intents::warm_up();
    let handoff = HandoffConfig {
        sign_with_name: settings.operators_sign_with_name,
        mask_personal_data: !settings.operators_see_personal_data,
        lang: settings.operators_lang,
        ..handoff
    };
    let telegram = match settings.telegram_token.clone() {
        Some(token) => {
            let mut telegram = Telegram::new(&TelegramConfig {
                token,
                api_url: settings.telegram_api_url.clone(),
                global_rate: settings.telegram_rate,
                chat_rate: settings.telegram_chat_rate,
            })?
            .with_clock(clock.clone());
            if let Some(chat) = settings.operators_chat_id {
                telegram = telegram.with_operators(chat, handoff.clone());
            }
            Some(Arc::new(telegram))
        }
        None => None,
    };
    let whatsapp = match WhatsAppConfig::from_settings(settings)? {
        Some(config) => Some(Arc::new(WhatsApp::new(
            config,
            store.clone(),
            flows.clone(),
        )?)),
        None => None,
    };
    if telegram.is_none() && whatsapp.is_none() {
        anyhow::bail!(
            "no channel is configured: set SPORTELLO_TELEGRAM_TOKEN (the token from BotFather) \
             for Telegram, and/or SPORTELLO_WHATSAPP_PHONE_NUMBER_ID with the other whatsapp_* \
             settings for WhatsApp (see docs/whatsapp.md)"
        );
    }
    // The operators' group lives on Telegram, whichever channel the citizens use.
    let desk = match (settings.operators_chat_id, &telegram) {
        (Some(chat), Some(telegram)) => Some(Arc::new(TelegramDesk::new(telegram.clone(), chat))),
        (Some(_), None) => anyhow::bail!(
            "the operators' group (operators_chat_id) is a Telegram group: it needs \
             SPORTELLO_TELEGRAM_TOKEN too (see docs/operators.md)"
        ),
        (None, _) => {
            tracing::warn!("no operators' group (operators_chat_id): handed-off cases wait unseen");
            None
        }
    };
    if let Some(telegram) = &telegram
        && let Err(e) = telegram.register_commands(&flows.get()).await
    {
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

    let (held, _) = tokio::sync::broadcast::channel::<Held>(256);
    if let Some(desk) = desk {
        let worker = Arc::new(
            crate::handoff::Worker::new(store.clone(), flows.clone(), desk, handoff)
                .with_clock(clock.clone()),
        );
        let stop = stopped(receiver.clone());
        let running = worker.clone();
        tasks.spawn(async move {
            running.run(stop).await;
            "the hand-off worker"
        });
        // Replies held outside a reply window are told to the operator in the case's topic.
        let mut notices = held.subscribe();
        let mut stop = receiver.clone();
        tasks.spawn(async move {
            loop {
                let notice = tokio::select! {
                    _ = stop.wait_for(|s| *s) => return "the held-reply notices",
                    notice = notices.recv() => notice,
                };
                match notice {
                    Ok(notice) => {
                        if let Err(e) = worker.tell_held(&notice).await {
                            tracing::warn!(error = %e, conversation_id = %notice.conversation_id, "cannot tell the operators of a held reply");
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        tracing::warn!(missed = n, "held-reply notices missed");
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                        return "the held-reply notices";
                    }
                }
            }
        });
    }

    // Opened before anything is dispatched: what a killed predecessor sent is recorded first.
    // One journal for the process, shared by its dispatchers.
    let journal = match &settings.outbox_journal {
        Some(path) => Some(
            crate::outbox::SentJournal::open(path, &store, chrono::Utc::now())
                .await
                .with_context(|| format!("cannot open the sent journal {}", path.display()))?
                .0,
        ),
        None => None,
    };

    let outbox = Outbox {
        store: store.clone(),
        dispatch,
        clock: clock.clone(),
        held: held.clone(),
        journal,
    };

    // The routes of the public HTTP server: Telegram's webhook (webhook mode), WhatsApp's.
    let mut routes: Option<axum::Router> = None;
    let mut telegram_webhook = None;

    if let Some(telegram) = &telegram {
        let dispatcher = outbox.dispatcher(telegram.clone());
        let stop = stopped(receiver.clone());
        tasks.spawn(async move {
            dispatcher.run(stop).await;
            "the Telegram outbox dispatcher"
        });
        match &settings.telegram_webhook_url {
            Some(url) => {
                let secret = settings.telegram_webhook_secret.clone().context(
                    "a webhook needs `telegram_webhook_secret` (SPORTELLO_TELEGRAM_WEBHOOK_SECRET)",
                )?;
                routes = Some(telegram::webhook_router(Webhook {
                    telegram: telegram.clone(),
                    store: store.clone(),
                    flows: flows.clone(),
                    secret: secret.clone(),
                }));
                telegram_webhook = Some((url.clone(), secret));
            }
            None => {
                let rx = receiver.clone();
                let (telegram, store, flows) = (telegram.clone(), store.clone(), flows.clone());
                tasks.spawn(async move {
                    telegram::poll(telegram, store, flows, rx).await;
                    "Telegram polling"
                });
                tracing::info!("receiving Telegram updates by long polling");
            }
        }
    }

    if let Some(whatsapp) = &whatsapp {
        let dispatcher = outbox.dispatcher(whatsapp.clone());
        let stop = stopped(receiver.clone());
        tasks.spawn(async move {
            dispatcher.run(stop).await;
            "the WhatsApp outbox dispatcher"
        });
        let router = whatsapp::webhook::router(whatsapp::webhook::Webhook {
            whatsapp: whatsapp.clone(),
            store: store.clone(),
            flows: flows.clone(),
            clock: clock.clone(),
        });
        routes = Some(match routes {
            Some(routes) => routes.merge(router),
            None => router,
        });
    }

    let addr = match routes {
        Some(router) => {
            let listener = tokio::net::TcpListener::bind(&settings.listen)
                .await
                .with_context(|| format!("cannot listen on {}", settings.listen))?;
            let addr = listener.local_addr()?;
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
            if whatsapp.is_some() {
                tracing::info!(%addr, path = whatsapp::webhook::WEBHOOK_PATH, "receiving WhatsApp events by webhook");
            }
            Some(addr)
        }
        None => None,
    };
    if let (Some(telegram), Some((url, secret))) = (&telegram, telegram_webhook) {
        // Only once we listen: Telegram starts posting right away.
        telegram
            .set_webhook(&url, secret.expose())
            .await
            .context("cannot set the Telegram webhook")?;
        tracing::info!(?addr, "receiving Telegram updates by webhook");
    }
    Ok(Running {
        addr,
        admin_addr,
        shutdown,
        tasks,
        held,
    })
}
