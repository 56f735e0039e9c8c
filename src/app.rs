//! `sportello run`: the long-running service. Starts the configured channels (Telegram,
//! WhatsApp, or both), their outbox dispatchers and the HTTP server, and stops them together.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use secrecy::ExposeSecret;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::channels::telegram::operators::TelegramDesk;
use crate::channels::telegram::{self, Telegram, TelegramConfig, Webhook};
use crate::channels::web::{WebApi, WebChat};
use crate::channels::whatsapp::{self, WhatsApp, WhatsAppConfig};
use crate::clock::{Clock, SystemClock};
use crate::flows::live::Live;
use crate::handoff::HandoffConfig;
use crate::metrics::Metrics;
use crate::outbox::{Dispatcher, DispatcherConfig, Held};
use crate::settings::Settings;
use crate::store::Store;

/// How often the flow and text files are checked for edits.
const RELOAD_CHECK: Duration = Duration::from_secs(1);

/// A started service.
pub struct Running {
    /// Where the HTTP server listens (Telegram's webhook mode, WhatsApp), once bound.
    pub addr: Option<SocketAddr>,
    /// Where the admin server (health, metrics) listens.
    pub admin_addr: SocketAddr,
    /// Where the web console listens, when `console_listen` is set.
    pub console_addr: Option<SocketAddr>,
    /// Where the web chat (the widget's script and its API) listens, when `webchat_listen`
    /// is set.
    pub webchat_addr: Option<SocketAddr>,
    shutdown: watch::Sender<bool>,
    tasks: JoinSet<&'static str>,
    held: tokio::sync::broadcast::Sender<Held>,
    metrics: Arc<Metrics>,
}

impl Running {
    /// Replies held outside a channel's reply window, as they are held: the hand-off tells
    /// the operator in the conversation's topic.
    pub fn held_notices(&self) -> tokio::sync::broadcast::Receiver<Held> {
        self.held.subscribe()
    }

    /// The service's metrics, as `/metrics` shows them.
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
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
    metrics: Arc<Metrics>,
}

impl Outbox {
    fn dispatcher<C: crate::channels::Channel>(&self, channel: Arc<C>) -> Dispatcher<C> {
        let dispatcher = Dispatcher::with_arc(self.store.clone(), channel)
            .with_config(self.dispatch.clone())
            .with_clock(self.clock.clone())
            .with_held_notices(self.held.clone())
            .with_metrics(self.metrics.clone());
        match &self.journal {
            Some(journal) => dispatcher.with_journal(journal.clone()),
            None => dispatcher,
        }
    }
}

async fn stopped(mut shutdown: watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// What tests change of a started service beyond the settings.
pub struct StartOptions {
    pub dispatch: DispatcherConfig,
    /// The time messages are processed at and cases announced at.
    pub clock: Arc<dyn Clock>,
    /// The hand-off worker's pace (the settings fill in the rest).
    pub handoff: HandoffConfig,
}

impl StartOptions {
    /// What `sportello run` starts with: the outbox pacing of the settings, the system clock.
    pub fn new(settings: &Settings) -> StartOptions {
        StartOptions {
            dispatch: settings.outbox.dispatch.clone(),
            ..StartOptions::default()
        }
    }
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

/// The service's long-running tasks, each with its name, and the signal that stops them.
struct Tasks {
    set: JoinSet<&'static str>,
    stop: watch::Receiver<bool>,
}

impl Tasks {
    /// Runs `task` until it ends; its name is what `Running::wait` reports.
    fn spawn(&mut self, name: &'static str, task: impl Future<Output = ()> + Send + 'static) {
        self.set.spawn(async move {
            task.await;
            name
        });
    }

    /// A future that resolves when the service is asked to stop.
    fn stopped(&self) -> impl Future<Output = ()> + Send + 'static {
        stopped(self.stop.clone())
    }
}

/// Starts serving the configured channels with `flows` and `store`.
pub async fn start(
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
    flows.get().warm_up();
    let metrics = Arc::new(Metrics::new());
    // Operators who see personal data may reveal, in the console, what a citizen wrote to an
    // open case as written; otherwise it is never kept.
    let store = store.keep_as_written(settings.operators.see_personal_data);
    let handoff = HandoffConfig {
        sign_with_name: settings.operators.sign_with_name,
        mask_personal_data: !settings.operators.see_personal_data,
        lang: settings.operators.lang,
        ..handoff
    };
    let images = crate::channels::media::Images {
        store: store.clone(),
        flows: flows.clone(),
    };
    let telegram = telegram_channel(settings, &clock, &handoff, &metrics, images)?;
    let whatsapp = match WhatsAppConfig::from_settings(settings)? {
        Some(config) => Some(Arc::new(
            WhatsApp::new(config, store.clone(), flows.clone())?.with_metrics(metrics.clone()),
        )),
        None => None,
    };
    let web = settings
        .webchat
        .listen
        .is_some()
        .then(|| Arc::new(WebChat::new()));
    if telegram.is_none() && whatsapp.is_none() && web.is_none() {
        anyhow::bail!(
            "no channel is configured: set SPORTELLO_TELEGRAM_TOKEN (the token from BotFather) \
             for Telegram, and/or SPORTELLO_WHATSAPP_PHONE_NUMBER_ID with the other whatsapp_* \
             settings for WhatsApp (see docs/whatsapp.md), and/or SPORTELLO_WEBCHAT_LISTEN for \
             the chat on the Comune's website (see docs/webchat.md)"
        );
    }
    // The operators' group lives on Telegram, whichever channel the citizens use.
    let desk = match (settings.operators.chat_id, &telegram) {
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
    let mut tasks = Tasks {
        set: JoinSet::new(),
        stop: receiver,
    };

    watch_flows(&mut tasks, &flows, &metrics)?;
    let admin_addr = serve_admin(&mut tasks, settings, &store, &flows, &metrics).await?;
    if store
        .audit_retention(&settings.retention, chrono::Utc::now())
        .await
        .context("cannot record the retention settings in the audit log")?
    {
        tracing::info!(retention = %settings.retention.to_json(), "retention settings recorded");
    }
    purge_on_schedule(&mut tasks, settings, &store, &flows, &metrics, &clock);
    let console_addr = match &settings.console.listen {
        Some(listen) => {
            let console = crate::console::router(crate::console::Console {
                store: store.clone(),
                flows: flows.clone(),
                handoff: handoff.clone(),
                clock: clock.clone(),
                settings: settings.console.clone(),
                broadcasts: settings.broadcasts.clone(),
                call_share: settings.insights.call_share,
                stopping: tasks.stop.clone(),
            });
            let what = format!("{listen} (console_listen)");
            let addr = serve(&mut tasks, "the web console", listen, &what, console).await?;
            tracing::info!(%addr, "the web console is listening");
            Some(addr)
        }
        None => None,
    };
    let schedule = crate::reminders::Schedule {
        hour: settings.reminder_hour,
        waste_hour: settings.waste_reminder_hour,
        inactive_months: settings.subscription_inactive_months,
        poll: dispatch.poll_interval,
    };
    let reminders = crate::reminders::on_schedule(
        store.clone(),
        flows.clone(),
        clock.clone(),
        schedule,
        tasks.stopped(),
    );
    tasks.spawn("the reminders", reminders);
    let broadcasts = crate::broadcast::send::on_schedule(
        store.clone(),
        flows.clone(),
        clock.clone(),
        settings.broadcasts.chunk,
        settings.broadcasts.poll,
        tasks.stopped(),
    );
    tasks.spawn("the broadcasts", broadcasts);
    if let Some(source) = crate::broadcast::cap::Source::from_settings(&settings.alerts) {
        crate::broadcast::cap::alerts_topic(&flows.get(), &settings.alerts)?;
        anyhow::ensure!(
            settings.alerts.place().is_some(),
            "a CAP source is set: alerts_lat and alerts_lon must say where the Comune is"
        );
        let poller = crate::broadcast::cap::on_schedule(
            store.clone(),
            flows.clone(),
            clock.clone(),
            settings.alerts.clone(),
            source,
            tasks.stopped(),
        );
        tasks.spawn("the CAP alerts", poller);
    }

    let (held, _) = tokio::sync::broadcast::channel::<Held>(256);
    if let Some(desk) = desk {
        hand_off(&mut tasks, &store, &flows, desk, handoff, &clock, &held);
        // The weekly digest goes to the operators' group through the hand-off's queue.
        if let Some(day) = settings.insights.digest_day {
            let schedule = crate::insights::digest::Schedule {
                day,
                hour: settings.insights.digest_hour,
                lang: settings.operators.lang,
                call_share: settings.insights.call_share,
                poll: dispatch.poll_interval,
            };
            let job = crate::insights::digest::Weekly {
                store: store.clone(),
                flows: flows.clone(),
                clock: clock.clone(),
            };
            let digest = crate::insights::digest::on_schedule(job, schedule, tasks.stopped());
            tasks.spawn("the weekly digest", digest);
        }
    }

    // Opened before anything is dispatched: what a killed predecessor sent is recorded first.
    // One journal for the process, shared by its dispatchers.
    let journal = match &settings.outbox_journal() {
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
        metrics: metrics.clone(),
    };

    // The routes of the public HTTP server: Telegram's webhook (webhook mode), WhatsApp's.
    let mut routes: Option<axum::Router> = None;
    let mut telegram_webhook = None;
    if let Some(telegram) = &telegram {
        let dispatcher = outbox.dispatcher(telegram.clone());
        let stop = tasks.stopped();
        tasks.spawn("the Telegram outbox dispatcher", async move {
            dispatcher.run(stop).await;
        });
        match &settings.telegram.webhook_url {
            Some(url) => {
                let secret = settings.telegram.webhook_secret.clone().context(
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
                let poll = telegram::poll(
                    telegram.clone(),
                    store.clone(),
                    flows.clone(),
                    tasks.stop.clone(),
                );
                tasks.spawn("Telegram polling", poll);
                tracing::info!("receiving Telegram updates by long polling");
            }
        }
    }
    if let Some(whatsapp) = &whatsapp {
        let dispatcher = outbox.dispatcher(whatsapp.clone());
        let stop = tasks.stopped();
        tasks.spawn("the WhatsApp outbox dispatcher", async move {
            dispatcher.run(stop).await;
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
    let webchat_addr = match (&web, &settings.webchat.listen) {
        (Some(web), Some(listen)) => {
            let dispatcher = outbox.dispatcher(web.clone());
            let stop = tasks.stopped();
            tasks.spawn("the web chat outbox dispatcher", async move {
                dispatcher.run(stop).await;
            });
            let router = crate::channels::web::router(WebApi {
                chat: web.clone(),
                store: store.clone(),
                flows: flows.clone(),
                clock: clock.clone(),
                metrics: metrics.clone(),
                settings: settings.webchat.clone(),
                stopping: tasks.stop.clone(),
            });
            let what = format!("{listen} (webchat_listen)");
            let addr = serve(&mut tasks, "the web chat", listen, &what, router).await?;
            tracing::info!(%addr, "the web chat is listening");
            Some(addr)
        }
        _ => None,
    };
    let addr = match routes {
        Some(router) => {
            let addr = serve_http(&mut tasks, settings, router).await?;
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
            .set_webhook(&url, secret.expose_secret())
            .await
            .context("cannot set the Telegram webhook")?;
        tracing::info!(?addr, "receiving Telegram updates by webhook");
    }
    Ok(Running {
        addr,
        admin_addr,
        console_addr,
        webchat_addr,
        shutdown,
        tasks: tasks.set,
        held,
        metrics,
    })
}

/// The Telegram channel, when a token is set, with the operators' group when one is.
fn telegram_channel(
    settings: &Settings,
    clock: &Arc<dyn Clock>,
    handoff: &HandoffConfig,
    metrics: &Arc<Metrics>,
    images: crate::channels::media::Images,
) -> anyhow::Result<Option<Arc<Telegram>>> {
    let Some(token) = settings.telegram.token.clone() else {
        return Ok(None);
    };
    let mut telegram = Telegram::new(&TelegramConfig {
        token,
        api_url: settings.telegram.api_url.clone(),
        global_rate: settings.telegram.rate,
        chat_rate: settings.telegram.chat_rate,
    })?
    .with_clock(clock.clone())
    .with_metrics(metrics.clone())
    .with_images(images);
    if let Some(chat) = settings.operators.chat_id {
        telegram = telegram.with_operators(chat, handoff.clone());
    }
    Ok(Some(Arc::new(telegram)))
}

/// Reloads the flows and texts when their files change, and on SIGHUP.
fn watch_flows(tasks: &mut Tasks, flows: &Arc<Live>, metrics: &Arc<Metrics>) -> anyhow::Result<()> {
    let (reload, reload_signal) = watch::channel(());
    let (live, metrics) = (flows.clone(), metrics.clone());
    let stop = tasks.stop.clone();
    tasks.spawn("the flow watcher", async move {
        live.watch(RELOAD_CHECK, reload_signal, stop, metrics).await;
    });
    #[cfg(unix)]
    {
        let mut hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
        let mut stop = tasks.stop.clone();
        tasks.spawn("the SIGHUP handler", async move {
            loop {
                tokio::select! {
                    _ = stop.wait_for(|s| *s) => return,
                    _ = hangup.recv() => { let _ = reload.send(()); }
                }
            }
        });
    }
    #[cfg(not(unix))]
    drop(reload);
    Ok(())
}

/// The admin server: health, readiness, metrics.
async fn serve_admin(
    tasks: &mut Tasks,
    settings: &Settings,
    store: &Store,
    flows: &Arc<Live>,
    metrics: &Arc<Metrics>,
) -> anyhow::Result<SocketAddr> {
    let admin = crate::admin::router(crate::admin::Admin {
        store: store.clone(),
        flows: flows.clone(),
        metrics: metrics.clone(),
    });
    let what = format!("{} (admin_listen)", settings.admin_listen);
    serve(
        tasks,
        "the admin server",
        &settings.admin_listen,
        &what,
        admin,
    )
    .await
}

/// The retention purge, at start and then every `purge_interval`, by one process at a time
/// when several serve one database (the lease `purge`, held for one interval).
fn purge_on_schedule(
    tasks: &mut Tasks,
    settings: &Settings,
    store: &Store,
    flows: &Arc<Live>,
    metrics: &Arc<Metrics>,
    clock: &Arc<dyn Clock>,
) {
    let (purger, flows, metrics, clock) =
        (store.clone(), flows.clone(), metrics.clone(), clock.clone());
    let (retention, every) = (settings.retention, settings.purge_interval);
    let keep_insights = settings.insights.retention_days;
    let mut stop = tasks.stop.clone();
    let holder = crate::store::lease_holder();
    tasks.spawn("the retention purge", async move {
        // The first purge runs at start, so a process restarted more often than the interval
        // still purges.
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = stop.wait_for(|s| *s) => return,
                _ = ticks.tick() => {}
            }
            let now = clock.now();
            match purger.take_lease("purge", &holder, now, every).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::debug!("another process purges");
                    continue;
                }
                Err(e) => {
                    tracing::error!(error = %e, "the purge's lease failed");
                    continue;
                }
            }
            let hours = flows.get().office_hours();
            match purger.purge(now, &retention, &hours).await {
                Ok(counts) => {
                    for (class, n) in counts.by_class() {
                        metrics.purged_rows.inc_by(class, n);
                    }
                    tracing::info!(?counts, "retention purge done");
                    if let Err(e) = purger.prune_insights(now, keep_insights).await {
                        tracing::error!(error = %e, "purge of old daily statistics failed");
                    }
                }
                // A failed purge is retried at the next tick; replies go on meanwhile.
                Err(e) => tracing::error!(error = %e, "retention purge failed"),
            }
        }
    });
}

/// The hand-off worker, and the notices of replies held outside a reply window, which it tells
/// the operator in the case's topic.
fn hand_off(
    tasks: &mut Tasks,
    store: &Store,
    flows: &Arc<Live>,
    desk: Arc<TelegramDesk>,
    handoff: HandoffConfig,
    clock: &Arc<dyn Clock>,
    held: &tokio::sync::broadcast::Sender<Held>,
) {
    let worker = Arc::new(
        crate::handoff::Worker::new(store.clone(), flows.clone(), desk, handoff)
            .with_clock(clock.clone()),
    );
    let stop = tasks.stopped();
    let running = worker.clone();
    tasks.spawn("the hand-off worker", async move {
        running.run(stop).await;
    });
    let mut notices = held.subscribe();
    let mut stop = tasks.stop.clone();
    tasks.spawn("the held-reply notices", async move {
        loop {
            let notice = tokio::select! {
                _ = stop.wait_for(|s| *s) => return,
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
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    });
}

/// The public HTTP server (Telegram's webhook, WhatsApp's), once its routes are known.
async fn serve_http(
    tasks: &mut Tasks,
    settings: &Settings,
    router: axum::Router,
) -> anyhow::Result<SocketAddr> {
    serve(
        tasks,
        "the HTTP server",
        &settings.listen,
        &settings.listen,
        router,
    )
    .await
}

/// Listens on `addr` and serves `router` as the task `name` until the service stops. Handlers
/// may read the caller's address (`ConnectInfo`): the web chat's limits do.
async fn serve(
    tasks: &mut Tasks,
    name: &'static str,
    addr: &str,
    what: &str,
    router: axum::Router,
) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {what}"))?;
    let bound = listener.local_addr()?;
    let stop = tasks.stopped();
    tasks.spawn(name, async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        if let Err(e) = axum::serve(listener, service)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::error!(error = %e, task = name, "the server failed");
        }
    });
    Ok(bound)
}
