//! Who is asking: passwords (argon2id), server-side sessions behind an `HttpOnly`,
//! `SameSite=Strict` cookie (only the id's SHA-256 is stored), idle and absolute time-outs,
//! the form token (CSRF) of each session, the second factor (TOTP, RFC 6238), and the `Staff`
//! extractor every page takes, so no handler can forget the check.

use std::sync::{Arc, LazyLock};

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use chrono::{DateTime, Utc};
use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::{Console, Denied};
use crate::store::{StaffAccount, StaffRole};

/// The session cookie.
pub(super) const SESSION_COOKIE: &str = "sportello_console";
/// The login form's own token, before there is a session (double submit).
pub(super) const LOGIN_COOKIE: &str = "sportello_login";
/// Failed passwords in a row that lock an account.
pub(super) const LOCK_AFTER: i64 = 5;
/// How long a lock lasts.
pub(super) const LOCK_MINUTES: i64 = 15;

/// An argon2id hash of `password`, as a PHC string.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

/// Whether `password` matches the PHC string `hash`.
pub(super) fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash nobody's password matches, checked for unknown usernames so that a wrong name takes
/// as long as a wrong password.
pub(super) static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password(&token()).unwrap_or_default());

/// 32 random bytes, in hex: session ids, form tokens, action ids.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    // The operating system's generator does not fail on the systems Sportello runs on; if it
    // did, no session could be made safely, and stopping is right.
    getrandom::fill(&mut bytes).expect("the system's random generator failed");
    hex::encode(bytes)
}

/// What the store keeps of a session id.
pub(super) fn session_hash(id: &str) -> String {
    hex::encode(Sha256::digest(id.as_bytes()))
}

/// Whether two tokens are equal, in time independent of where they differ.
pub(super) fn same_token(a: &str, b: &str) -> bool {
    !a.is_empty() && a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// The value of cookie `name`, if the request carries it.
pub(super) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Strict`, the whole console's path, `Secure`
/// unless the settings say the console is plain HTTP on localhost. An empty value clears it.
pub(super) fn set_cookie(name: &str, value: &str, secure: bool) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if secure {
        cookie.push_str("; Secure");
    }
    if value.is_empty() {
        cookie.push_str("; Max-Age=0");
    }
    // Names and values are ours: hex tokens.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A member of staff with a live session: what every page takes.
#[derive(Debug, Clone)]
pub(super) struct Staff {
    pub(super) account: StaffAccount,
    /// The console's language for this browser.
    pub(super) lang: crate::i18n::Lang,
    pub(super) csrf: String,
    pub(super) session_hash: String,
}

impl Staff {
    /// Refuses unless the role is one of `roles`.
    pub(super) fn require(&self, roles: &[StaffRole]) -> Result<(), Denied> {
        if roles.contains(&self.account.role) {
            Ok(())
        } else {
            Err(Denied::Forbidden)
        }
    }

    /// Whether this person works on the cases of `office`: supervisors on every office,
    /// operators on their own. Admins and editors work on none.
    pub(super) fn works_on(&self, office: &str) -> bool {
        match self.account.role {
            StaffRole::Supervisor => true,
            StaffRole::Operator => self.account.offices.iter().any(|o| o == office),
            StaffRole::Admin | StaffRole::Editor => false,
        }
    }

    /// The offices whose cases this person sees: `None` for all.
    pub(super) fn offices(&self) -> Option<&[String]> {
        match self.account.role {
            StaffRole::Supervisor => None,
            StaffRole::Operator => Some(&self.account.offices),
            StaffRole::Admin | StaffRole::Editor => Some(&[]),
        }
    }

    /// Refuses a form whose token is not this session's.
    pub(super) fn check_form(&self, token: &str) -> Result<(), Denied> {
        if same_token(token, &self.csrf) {
            Ok(())
        } else {
            Err(Denied::BadForm)
        }
    }

    /// The value stored as the case's operator when this person acts.
    pub(super) fn actor_id(&self) -> String {
        format!("{STAFF_ACTOR_PREFIX}{}", self.account.username)
    }
}

/// Where a role starts: its main page.
pub(super) fn home(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Supervisor | StaffRole::Operator => "/inbox",
        StaffRole::Admin => "/audit",
        StaffRole::Editor => "/content",
    }
}

/// How a case's operator reads when a member of staff took it in the console; Telegram
/// operators are stored by their numeric user id.
pub(super) const STAFF_ACTOR_PREFIX: &str = "console:";

/// Whether a session opened at `created`, last used at `seen`, is still good at `now`.
pub(super) fn session_alive(
    console: &Console,
    created: DateTime<Utc>,
    seen: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    let within = |since: DateTime<Utc>, limit: std::time::Duration| {
        chrono::Duration::from_std(limit).is_ok_and(|limit| now - since < limit)
    };
    within(seen, console.settings.idle) && within(created, console.settings.session)
}

impl FromRequestParts<Arc<Console>> for Staff {
    type Rejection = Denied;

    async fn from_request_parts(
        parts: &mut Parts,
        console: &Arc<Console>,
    ) -> Result<Self, Self::Rejection> {
        let to_login = || match parts.method {
            Method::GET | Method::HEAD => Denied::ToLogin,
            _ => Denied::Unauthenticated,
        };
        let Some(id) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login());
        };
        let hash = session_hash(&id);
        let Some(session) = console.store.staff_session(&hash).await? else {
            return Err(to_login());
        };
        let now = console.clock.now();
        if session.account.disabled
            || session.pending_totp
            || !session_alive(console, session.created_at, session.last_seen_at, now)
        {
            if !session.pending_totp {
                console.store.end_staff_session(&hash).await?;
            }
            return Err(to_login());
        }
        // One write a minute at most per session, not one per request.
        if now - session.last_seen_at >= chrono::Duration::minutes(1) {
            console.store.touch_staff_session(&hash, now).await?;
        }
        let staff = Staff {
            account: session.account,
            lang: super::language(&parts.headers),
            csrf: session.csrf_token,
            session_hash: hash,
        };
        // An admin works only with a second factor: until it is set up, only its page.
        if staff.account.role == StaffRole::Admin
            && !staff.account.totp
            && !parts.uri.path().starts_with("/account/totp")
        {
            return Err(Denied::SetUpTotp);
        }
        Ok(staff)
    }
}

/// TOTP (RFC 6238 over RFC 4226): 6 digits, 30-second steps, HMAC-SHA-1, as every
/// authenticator app reads an `otpauth://` address.
pub mod totp {
    use super::*;

    const STEP_SECONDS: i64 = 30;
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// A new secret: 20 random bytes in base32 (RFC 4648, no padding).
    pub(in crate::console) fn new_secret() -> String {
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes).expect("the system's random generator failed");
        base32(&bytes)
    }

    fn base32(bytes: &[u8]) -> String {
        let mut out = String::new();
        let (mut buffer, mut bits) = (0u32, 0);
        for &byte in bytes {
            buffer = (buffer << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
            }
        }
        if bits > 0 {
            out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
        }
        out
    }

    fn unbase32(text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let (mut buffer, mut bits) = (0u32, 0);
        for c in text.bytes().filter(|c| !matches!(c, b' ' | b'=')) {
            let value = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase())?;
            buffer = (buffer << 5) | value as u32;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                out.push((buffer >> bits) as u8);
            }
        }
        Some(out)
    }

    /// The code for `secret` at step `counter` (RFC 4226's HOTP).
    pub(in crate::console) fn code(secret: &[u8], counter: u64) -> u32 {
        let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(secret)
            .expect("HMAC takes a key of any length");
        mac.update(&counter.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = usize::from(digest[19] & 0x0f);
        let word = u32::from_be_bytes([
            digest[offset],
            digest[offset + 1],
            digest[offset + 2],
            digest[offset + 3],
        ]);
        (word & 0x7fff_ffff) % 1_000_000
    }

    /// Whether `typed` is the code of `secret` at `now`, or one step either side (clocks
    /// drift).
    pub(in crate::console) fn verify(secret: &str, typed: &str, now: DateTime<Utc>) -> bool {
        let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        let (Some(secret), Ok(typed)) = (unbase32(secret), typed.parse::<u32>()) else {
            return false;
        };
        let step = now.timestamp().div_euclid(STEP_SECONDS);
        (step - 1..=step + 1)
            .filter_map(|s| u64::try_from(s).ok())
            .any(|s| code(&secret, s) == typed)
    }

    /// The code of a base32 secret at `now` (for tests and the command line).
    pub fn current(secret: &str, now: DateTime<Utc>) -> Option<String> {
        let secret = unbase32(secret)?;
        let step = u64::try_from(now.timestamp().div_euclid(STEP_SECONDS)).ok()?;
        Some(format!("{:06}", code(&secret, step)))
    }

    /// The address authenticator apps read (as a QR code or typed).
    pub(in crate::console) fn uri(issuer: &str, username: &str, secret: &str) -> String {
        let enc = |s: &str| {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        };
        format!(
            "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period=30",
            enc(issuer),
            enc(username),
            enc(issuer)
        )
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// RFC 6238, appendix B, SHA-1 rows (the key is "12345678901234567890"; 8 digits
        /// there, the last 6 here).
        #[test]
        fn codes_are_those_of_the_rfc() {
            let secret = b"12345678901234567890";
            for (time, expected) in [
                (59, 287_082),
                (1_111_111_109, 81_804),
                (1_111_111_111, 50_471),
                (1_234_567_890, 5_924),
                (2_000_000_000, 279_037),
            ] {
                assert_eq!(code(secret, time / 30), expected, "at {time}");
            }
            let b32 = base32(secret);
            assert_eq!(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
            assert_eq!(unbase32(&b32).as_deref(), Some(&secret[..]));
            let now = DateTime::from_timestamp(1_111_111_109, 0).unwrap();
            assert!(verify(&b32, "081804", now));
            assert!(verify(&b32, "081 804", now + chrono::Duration::seconds(30)));
            assert!(!verify(&b32, "081804", now + chrono::Duration::seconds(90)));
            assert!(!verify(&b32, "", now));
            assert!(!verify("not base32!", "081804", now));
        }
    }
}
