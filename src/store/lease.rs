//! Leases: a job that one process should run at a time, when several serve one database,
//! is run by whoever holds its lease. A holder renews it each time it runs; a lease not
//! renewed expires, and another process takes it then. The jobs guarded this way are also
//! safe to run twice (their writes are keyed), so a lease saves work, never correctness.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Store, StoreError, to_ms};

/// Who this process is, for the leases: unique enough across the processes of one database.
pub fn lease_holder() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    )
}

impl Store {
    /// Takes the lease `name` for `holder` until `now + ttl`, or renews it if `holder` has it.
    /// `false` while another holder's lease has not expired.
    pub async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "insert into leases (name, holder, expires_at) values ($1, $2, $4) \
             on conflict (name) do update set holder = excluded.holder, \
             expires_at = excluded.expires_at \
             where leases.holder = excluded.holder or leases.expires_at <= $3 \
             returning holder";
        let now_ms = to_ms(now);
        let until = now_ms.saturating_add(i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX));
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            let row = conn
                .query(SQL)
                .bind(name)
                .bind(holder)
                .bind(now_ms)
                .bind(until)
                .fetch_optional(conn)
                .await?;
            Ok::<bool, StoreError>(row.is_some())
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// Until when the lease `name` runs, whoever holds it.
    pub async fn lease_until(&self, name: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        const SQL: &str = "select expires_at from leases where name = $1";
        let db = &mut self.read();
        let row = db.query(SQL).bind(name).fetch_optional(db).await?;
        Ok(match row {
            Some(row) => Some(super::from_ms(row.try_get(0)?)),
            None => None,
        })
    }
}

impl Store {
    /// How many leases whose name starts with `prefix` (no `%` or `_` in it) have not expired
    /// at `now`; those expired an hour ago or more are deleted on the way (heartbeats of
    /// processes gone).
    pub async fn live_leases(&self, prefix: &str, now: DateTime<Utc>) -> Result<i64, StoreError> {
        const GONE: &str = "delete from leases where name like $1 and expires_at < $2";
        const LIVE: &str = "select count(*) from leases where name like $1 and expires_at > $2";
        let now_ms = to_ms(now);
        let pattern = format!("{prefix}%");
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            conn.query(GONE)
                .bind(pattern.as_str())
                .bind(now_ms - 3_600_000)
                .execute(conn)
                .await?;
            let row = conn
                .query(LIVE)
                .bind(pattern.as_str())
                .bind(now_ms)
                .fetch_one(conn)
                .await?;
            Ok::<i64, StoreError>(row.try_get(0)?)
        }
        .await;
        tx.commit_if_ok(result).await
    }

    /// Gives the lease `name` up if `holder` has it.
    pub async fn drop_lease(&self, name: &str, holder: &str) -> Result<(), StoreError> {
        const SQL: &str = "delete from leases where name = $1 and holder = $2";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let result = async {
            conn.query(SQL)
                .bind(name)
                .bind(holder)
                .execute(conn)
                .await?;
            Ok::<(), StoreError>(())
        }
        .await;
        tx.commit_if_ok(result).await
    }
}
