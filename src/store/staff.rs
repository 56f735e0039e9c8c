//! The web console's staff: accounts with a role and offices, server-side sessions (only a
//! hash of each session id is stored), login failures and locks, and the audit of every staff
//! action (`staff_audit`, never any message text).

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::db::{Conn, Row};
use super::{Store, StoreError, from_ms, to_ms};

/// What a member of staff may do; the console checks it on every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StaffRole {
    /// The queues of the offices they belong to.
    Operator,
    /// Content: read-only for now.
    Editor,
    /// Every office's queue, reassignment, the live dashboard.
    Supervisor,
    /// Users, offices, the audit, the settings view.
    Admin,
}

impl StaffRole {
    pub const ALL: [StaffRole; 4] = [
        StaffRole::Admin,
        StaffRole::Supervisor,
        StaffRole::Operator,
        StaffRole::Editor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::Supervisor => "supervisor",
            StaffRole::Operator => "operator",
            StaffRole::Editor => "editor",
        }
    }

    pub fn parse(code: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A member of staff as the console sees them (no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    pub staff_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: StaffRole,
    /// The offices whose cases they work on (operators); supervisors and admins see all.
    pub offices: Vec<String>,
    pub disabled: bool,
    /// Whether a second factor is set up.
    pub totp: bool,
}

/// An account with what logging in needs.
#[derive(Clone)]
pub struct StaffLogin {
    pub account: StaffAccount,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewStaff<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: StaffRole,
    pub offices: &'a [String],
    pub password_hash: &'a str,
}

/// A live session, found by the hash of its id.
#[derive(Debug, Clone)]
pub struct StaffSession {
    pub account: StaffAccount,
    pub csrf_token: String,
    /// The password was right; the second factor is still to be given.
    pub pending_totp: bool,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// One staff action, as the audit page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAuditRow {
    pub at: DateTime<Utc>,
    pub username: String,
    pub action: String,
    pub case_id: Option<i64>,
    /// JSON, without message text.
    pub detail: String,
}

/// What the audit page asks for.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub username: Option<String>,
    pub action: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: i64,
}

/// Why an account change was refused.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("a user named `{0}` exists already")]
    Exists(String),
    #[error("no user named `{0}`")]
    Unknown(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

const ACCOUNT_FIELDS: &str = "s.staff_id, s.username, s.display_name, s.role, \
     s.disabled_at, s.totp_secret, s.password_hash, s.locked_until";
const OFFICES: &str = "select office from staff_offices where staff_id = $1 order by office";

async fn account_from_row(db: &mut Conn<'_>, row: &Row) -> Result<StaffLogin, StoreError> {
    let staff_id: i64 = row.try_get(0)?;
    let role: String = row.try_get(3)?;
    let role = StaffRole::parse(&role)
        .ok_or_else(|| StoreError::corrupt(format!("role of staff {staff_id}"), role))?;
    let totp_secret: Option<String> = row.try_get(5)?;
    let offices = db.query(OFFICES).bind(staff_id).fetch_all(db).await?;
    let offices = offices
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<Vec<String>, _>>()?;
    Ok(StaffLogin {
        account: StaffAccount {
            staff_id,
            username: row.try_get(1)?,
            display_name: row.try_get(2)?,
            role,
            offices,
            disabled: row.try_get::<Option<i64>>(4)?.is_some(),
            totp: totp_secret.is_some(),
        },
        password_hash: row.try_get(6)?,
        totp_secret,
        locked_until: row.try_get::<Option<i64>>(7)?.map(from_ms),
    })
}

impl Store {
    /// Adds an account; the username must be new.
    pub async fn add_staff(
        &self,
        new: &NewStaff<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StaffError> {
        const INSERT: &str = "insert into staff \
             (username, display_name, role, password_hash, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $5) returning staff_id";
        const OFFICE: &str =
            "insert into staff_offices (staff_id, office, created_at) values ($1, $2, $3)";
        if self.staff_login(new.username).await?.is_some() {
            return Err(StaffError::Exists(new.username.to_string()));
        }
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let row = conn
            .query(INSERT)
            .bind(new.username)
            .bind(new.display_name)
            .bind(new.role.code())
            .bind(new.password_hash)
            .bind(to_ms(now))
            .fetch_one(conn)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    StaffError::Exists(new.username.to_string())
                }
                _ => StaffError::Store(e.into()),
            })?;
        let staff_id: i64 = row.try_get(0).map_err(StoreError::from)?;
        for office in new.offices {
            conn.query(OFFICE)
                .bind(staff_id)
                .bind(office.as_str())
                .bind(to_ms(now))
                .execute(conn)
                .await
                .map_err(StoreError::from)?;
        }
        tx.commit().await?;
        Ok(staff_id)
    }

    /// The account and what logging in needs, by username.
    pub async fn staff_login(&self, username: &str) -> Result<Option<StaffLogin>, StoreError> {
        let db = &mut self.read();
        let sql = AssertSqlSafe(format!(
            "select {ACCOUNT_FIELDS} from staff s where s.username = $1"
        ));
        let Some(row) = db.query(sql).bind(username).fetch_optional(db).await? else {
            return Ok(None);
        };
        Ok(Some(account_from_row(db, &row).await?))
    }

    /// Every account, by username.
    pub async fn staff_accounts(&self) -> Result<Vec<StaffAccount>, StoreError> {
        let db = &mut self.read();
        let sql = AssertSqlSafe(format!(
            "select {ACCOUNT_FIELDS} from staff s order by s.username"
        ));
        let rows = db.query(sql).fetch_all(db).await?;
        let mut accounts = Vec::with_capacity(rows.len());
        for row in &rows {
            accounts.push(account_from_row(db, row).await?.account);
        }
        Ok(accounts)
    }

    /// Disables or enables an account; disabling ends its sessions.
    pub async fn set_staff_disabled(
        &self,
        username: &str,
        disabled: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StaffError> {
        const SQL: &str = "update staff set disabled_at = $2, updated_at = $3 where username = $1";
        let at = disabled.then(|| to_ms(now));
        self.update_staff(username, SQL, at, now, disabled).await
    }

    /// Sets a new password, clears failures and locks, and ends the account's sessions.
    pub async fn set_staff_password(
        &self,
        username: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StaffError> {
        const SQL: &str = "update staff set password_hash = $2, failed_logins = 0, \
             locked_until = null, updated_at = $3 where username = $1";
        self.update_staff(username, SQL, password_hash, now, true)
            .await
    }

    /// Sets (or clears) the second factor's secret.
    pub async fn set_staff_totp(
        &self,
        username: &str,
        secret: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StaffError> {
        const SQL: &str = "update staff set totp_secret = $2, updated_at = $3 where username = $1";
        self.update_staff(username, SQL, secret, now, false).await
    }

    /// One update of an account by username (`$2` the value, `$3` the time), ending its
    /// sessions when asked.
    async fn update_staff<'q>(
        &self,
        username: &str,
        sql: &'static str,
        value: impl super::db::Value<'q>,
        now: DateTime<Utc>,
        end_sessions: bool,
    ) -> Result<(), StaffError> {
        const END: &str = "delete from staff_sessions where staff_id = \
             (select staff_id from staff where username = $1)";
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let done = conn
            .query(sql)
            .bind(username)
            .bind(value)
            .bind(to_ms(now))
            .execute(conn)
            .await
            .map_err(StoreError::from)?;
        if done.rows_affected() == 0 {
            return Err(StaffError::Unknown(username.to_string()));
        }
        if end_sessions {
            conn.query(END)
                .bind(username)
                .execute(conn)
                .await
                .map_err(StoreError::from)?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Counts a failed login; after `lock_after` failures in a row the account is locked until
    /// `now + lock_for`. Returns the lock's end when this failure set it.
    pub async fn record_login_failure(
        &self,
        staff_id: i64,
        lock_after: i64,
        lock_for: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        const SQL: &str = "update staff set failed_logins = failed_logins + 1, \
             locked_until = case when failed_logins + 1 >= $2 then $3 else locked_until end, \
             updated_at = $4 where staff_id = $1 returning failed_logins";
        let until = now + lock_for;
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let row = conn
            .query(SQL)
            .bind(staff_id)
            .bind(lock_after)
            .bind(to_ms(until))
            .bind(to_ms(now))
            .fetch_one(conn)
            .await?;
        let failures: i64 = row.try_get(0)?;
        tx.commit().await?;
        Ok((failures >= lock_after).then_some(until))
    }

    /// A good password: failures counted from zero again, the lock lifted.
    pub async fn record_login_success(
        &self,
        staff_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "update staff set failed_logins = 0, locked_until = null, \
             updated_at = $2 where staff_id = $1";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        conn.query(SQL)
            .bind(staff_id)
            .bind(to_ms(now))
            .execute(conn)
            .await?;
        tx.commit().await
    }

    /// Opens a session (its id's hash, the form token).
    pub async fn open_staff_session(
        &self,
        session_hash: &str,
        staff_id: i64,
        csrf_token: &str,
        pending_totp: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "insert into staff_sessions \
             (session_hash, staff_id, csrf_token, pending_totp, created_at, last_seen_at) \
             values ($1, $2, $3, $4, $5, $5)";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        conn.query(SQL)
            .bind(session_hash)
            .bind(staff_id)
            .bind(csrf_token)
            .bind(i64::from(pending_totp))
            .bind(to_ms(now))
            .execute(conn)
            .await?;
        tx.commit().await
    }

    /// The session with this id's hash, with its account.
    pub async fn staff_session(
        &self,
        session_hash: &str,
    ) -> Result<Option<StaffSession>, StoreError> {
        let sql = AssertSqlSafe(format!(
            "select {ACCOUNT_FIELDS}, x.csrf_token, x.pending_totp, x.created_at, \
             x.last_seen_at from staff_sessions x join staff s on s.staff_id = x.staff_id \
             where x.session_hash = $1"
        ));
        let db = &mut self.read();
        let Some(row) = db.query(sql).bind(session_hash).fetch_optional(db).await? else {
            return Ok(None);
        };
        let login = account_from_row(db, &row).await?;
        Ok(Some(StaffSession {
            account: login.account,
            csrf_token: row.try_get(8)?,
            pending_totp: row.try_get::<i64>(9)? != 0,
            created_at: from_ms(row.try_get(10)?),
            last_seen_at: from_ms(row.try_get(11)?),
        }))
    }

    /// Ends every session unused since `before` (sessions left open, never signed out).
    pub async fn end_stale_staff_sessions(&self, before: DateTime<Utc>) -> Result<(), StoreError> {
        const SQL: &str = "delete from staff_sessions where last_seen_at < $1";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        conn.query(SQL).bind(to_ms(before)).execute(conn).await?;
        tx.commit().await
    }

    /// Notes that a session was used now (for the idle time-out).
    pub async fn touch_staff_session(
        &self,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "update staff_sessions set last_seen_at = $2 where session_hash = $1";
        self.session_statement(SQL, session_hash, Some(now)).await
    }

    /// Ends a session (logout, time-out, or replaced at login).
    pub async fn end_staff_session(&self, session_hash: &str) -> Result<(), StoreError> {
        const SQL: &str = "delete from staff_sessions where session_hash = $1";
        self.session_statement(SQL, session_hash, None).await
    }

    async fn session_statement(
        &self,
        sql: &'static str,
        session_hash: &str,
        now: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        let mut query = conn.query(sql).bind(session_hash);
        if let Some(now) = now {
            query = query.bind(to_ms(now));
        }
        query.execute(conn).await?;
        tx.commit().await
    }

    /// Writes one audit row for a staff action.
    pub async fn audit_staff(
        &self,
        staff: Option<&StaffAccount>,
        username: &str,
        action: &str,
        case_id: Option<i64>,
        detail: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "insert into staff_audit \
             (at, staff_id, username, action, case_id, detail, created_at) \
             values ($1, $2, $3, $4, $5, $6, $1)";
        let mut tx = self.write().await?;
        let conn = &mut tx.conn()?;
        conn.query(SQL)
            .bind(to_ms(now))
            .bind(staff.map(|s| s.staff_id))
            .bind(username)
            .bind(action)
            .bind(case_id)
            .bind(detail.to_string())
            .execute(conn)
            .await?;
        tx.commit().await
    }

    /// Audit rows, newest first.
    pub async fn staff_audit(
        &self,
        filter: &AuditFilter,
    ) -> Result<Vec<StaffAuditRow>, StoreError> {
        let mut sql = String::from(
            "select at, username, action, case_id, detail from staff_audit where 1 = 1",
        );
        let mut n = 0;
        let mut next = |column: &str, op: &str| {
            n += 1;
            format!(" and {column} {op} ${n}")
        };
        let mut clauses = Vec::new();
        if filter.username.is_some() {
            clauses.push(next("username", "="));
        }
        if filter.action.is_some() {
            clauses.push(next("action", "="));
        }
        if filter.since.is_some() {
            clauses.push(next("at", ">="));
        }
        if filter.until.is_some() {
            clauses.push(next("at", "<"));
        }
        sql.extend(clauses);
        sql.push_str(&format!(
            " order by staff_audit_id desc limit {}",
            filter.limit.max(1)
        ));
        let db = &mut self.read();
        let mut query = db.query(AssertSqlSafe(sql));
        for value in [&filter.username, &filter.action].into_iter().flatten() {
            query = query.bind(value.clone());
        }
        for at in [filter.since, filter.until].into_iter().flatten() {
            query = query.bind(to_ms(at));
        }
        let rows = query.fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                Ok(StaffAuditRow {
                    at: from_ms(row.try_get(0)?),
                    username: row.try_get(1)?,
                    action: row.try_get(2)?,
                    case_id: row.try_get(3)?,
                    detail: row.try_get(4)?,
                })
            })
            .collect()
    }
}
