//! Feeding and watching subjects: `wire-enricher publish` sends articles from
//! files, `wire-enricher tail` prints what arrives on a subject. Used by the
//! demo and handy when operating the worker.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use async_nats::Client;
use bytes::Bytes;
use futures::StreamExt;

use super::NatsError;

/// Reads articles from files: `.jsonl`/`.ndjson` give one article per
/// non-empty line, any other file is one article.
pub fn read_articles(paths: &[PathBuf]) -> Result<Vec<Bytes>, NatsError> {
    let mut out = Vec::new();
    for path in paths {
        let data = std::fs::read(path).map_err(|source| NatsError::Input {
            path: path.display().to_string(),
            source,
        })?;
        if is_jsonl(path) {
            out.extend(
                data.split(|b| *b == b'\n')
                    .filter(|line| line.iter().any(|b| !b.is_ascii_whitespace()))
                    .map(Bytes::copy_from_slice),
            );
        } else {
            out.push(Bytes::from(data));
        }
    }
    Ok(out)
}

/// Whether a path holds one JSON document per line.
pub fn is_jsonl(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl") | Some("ndjson")
    )
}

/// Publishes `articles` to `subject`. With `confirm`, each publish waits for
/// its JetStream PubAck (the subject must belong to a stream), so the count
/// returned is what the server stored.
pub async fn publish(
    client: &Client,
    subject: &str,
    articles: &[Bytes],
    confirm: bool,
) -> Result<usize, NatsError> {
    let err = |source: async_nats::Error| NatsError::Publish {
        subject: subject.to_string(),
        source,
    };
    if confirm {
        let js = async_nats::jetstream::new(client.clone());
        let mut acks = futures::stream::FuturesUnordered::new();
        for article in articles {
            let ack = js
                .publish(subject.to_string(), article.clone())
                .await
                .map_err(|e| err(e.into()))?;
            acks.push(ack.into_future());
            if acks.len() >= 256
                && let Some(result) = acks.next().await
            {
                result.map_err(|e| err(e.into()))?;
            }
        }
        while let Some(result) = acks.next().await {
            result.map_err(|e| err(e.into()))?;
        }
    } else {
        for article in articles {
            client
                .publish(subject.to_string(), article.clone())
                .await
                .map_err(|e| err(e.into()))?;
        }
        client.flush().await.map_err(|e| err(e.into()))?;
    }
    Ok(articles.len())
}

/// Prints messages arriving on `subject`, one JSON payload per line, until
/// `count` have arrived or nothing arrives for `idle`.
pub async fn tail(
    client: &Client,
    subject: &str,
    count: Option<usize>,
    idle: Duration,
) -> Result<usize, NatsError> {
    let mut sub = client
        .subscribe(subject.to_string())
        .await
        .map_err(|source| NatsError::Subscribe {
            subject: subject.to_string(),
            source,
        })?;
    let mut seen = 0usize;
    let stdout = std::io::stdout();
    while count.is_none_or(|c| seen < c) {
        let Ok(Some(msg)) = tokio::time::timeout(idle, sub.next()).await else {
            break;
        };
        seen += 1;
        let mut out = stdout.lock();
        // A closed stdout (a pipe into `head`) ends the tail quietly.
        if out
            .write_all(&msg.payload)
            .and_then(|_| out.write_all(b"\n"))
            .is_err()
        {
            break;
        }
    }
    Ok(seen)
}
