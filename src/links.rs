//! `flows check --links`: whether each web address the flows and texts give still answers.
//! Opt-in and never in CI: it goes to the network, and a site that is down for a minute is
//! not a broken flow.

use std::sync::Arc;
use std::time::Duration;

use crate::diag::Diagnostic;
use crate::flows::review::Link;

/// Addresses checked at once.
const AT_ONCE: usize = 8;

/// Asks each address (HEAD, then GET when the server does not take HEAD), following
/// redirects, and returns a warning for each that does not answer with success within
/// `timeout`, in the order given.
pub async fn check(links: Vec<Link>, timeout: Duration) -> anyhow::Result<Vec<Diagnostic>> {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .user_agent(concat!(
            "sportello/",
            env!("CARGO_PKG_VERSION"),
            " (flows check --links)"
        ))
        .build()?;
    let limit = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut tasks = Vec::with_capacity(links.len());
    for link in links {
        let client = client.clone();
        let limit = Arc::clone(&limit);
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await;
            let problem = ask(&client, &link.url).await.err();
            (link, problem)
        }));
    }
    let mut found = Vec::new();
    for task in tasks {
        let (link, problem) = task.await?;
        if let Some(problem) = problem {
            found.push(
                Diagnostic::warning(
                    &link.file,
                    link.pos,
                    format!("the link {} does not answer: {problem}", link.url),
                )
                .with_hint("check the address in a browser; correct it or remove it"),
            );
        }
    }
    Ok(found)
}

async fn ask(client: &reqwest::Client, url: &str) -> Result<(), String> {
    let describe = |e: reqwest::Error| {
        if e.is_timeout() {
            "no answer within the time-out".to_string()
        } else if e.is_connect() {
            "cannot connect".to_string()
        } else {
            e.without_url().to_string()
        }
    };
    let head = client.head(url).send().await.map_err(describe)?;
    let status = if matches!(head.status().as_u16(), 405 | 501) {
        client.get(url).send().await.map_err(describe)?.status()
    } else {
        head.status()
    };
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("HTTP {status}"))
    }
}
