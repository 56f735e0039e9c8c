//! `sportello users`: the console's accounts from the command line, where the first admin is
//! made. Passwords are hashed with argon2id; a new or reset password is either read from
//! standard input or made up and printed once. Every change is written to the staff audit.

use std::io::Read;

use anyhow::Context;
use chrono::Utc;
use clap::Subcommand;

use crate::console::auth::{hash_password, token};
use crate::flows::FlowSet;
use crate::store::{NewStaff, StaffRole, Store};

/// The shortest password accepted.
const MIN_PASSWORD: usize = 12;
/// Who the audit names for changes made here.
const AUDIT_ACTOR: &str = "command-line";

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add an account: an admin, a supervisor, an operator of some offices, or an editor.
    Add {
        /// The name to sign in with.
        username: String,
        /// admin, supervisor, operator or editor.
        #[arg(long)]
        role: String,
        /// An office whose cases the person works on (operators: at least one; repeat it).
        #[arg(long = "office")]
        offices: Vec<String>,
        /// The name colleagues see (default: the username).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input instead of making one up.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the accounts.
    List,
    /// Disable an account: it can no longer sign in, and its sessions end.
    Disable { username: String },
    /// Enable a disabled account again.
    Enable { username: String },
    /// Give an account a new password (and end its sessions and lock).
    Reset {
        username: String,
        #[arg(long)]
        password_stdin: bool,
        /// Also remove the second factor (a lost phone): the next sign-in sets it up again.
        #[arg(long)]
        clear_second_factor: bool,
    },
}

/// A password from standard input, or a new one printed once.
fn password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if from_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the password from standard input")?;
        let password = text.trim_end_matches(['\n', '\r']).to_string();
        anyhow::ensure!(
            password.chars().count() >= MIN_PASSWORD,
            "the password must have at least {MIN_PASSWORD} characters"
        );
        Ok((password, false))
    } else {
        // 20 characters of a random hex token: 80 bits.
        Ok((token()[..20].to_string(), true))
    }
}

/// Runs one `users` command; `flows` checks the offices named.
pub async fn run(command: UsersCommand, store: &Store, flows: &FlowSet) -> anyhow::Result<String> {
    let now = Utc::now();
    let audit = |action: &'static str, username: String, detail: serde_json::Value| async move {
        let detail = serde_json::json!({ "user": username, "change": detail });
        store
            .audit_staff(None, AUDIT_ACTOR, action, None, &detail, now)
            .await
            .context("cannot write the audit")
    };
    match command {
        UsersCommand::Add {
            username,
            role,
            offices,
            name,
            password_stdin,
        } => {
            let role = StaffRole::parse(&role).with_context(|| {
                format!("unknown role `{role}`: use admin, supervisor, operator or editor")
            })?;
            anyhow::ensure!(
                !username.trim().is_empty() && !username.contains(char::is_whitespace),
                "a username is one word without spaces"
            );
            for office in &offices {
                anyhow::ensure!(
                    flows.office(office).is_some(),
                    "unknown office `{office}` (offices.yaml lists: {})",
                    flows
                        .offices
                        .offices
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            anyhow::ensure!(
                role != StaffRole::Operator || !offices.is_empty(),
                "an operator works for at least one office: add --office"
            );
            let (password, made_up) = password(password_stdin)?;
            let hash = hash_password(&password)?;
            let display = name.unwrap_or_else(|| username.clone());
            store
                .add_staff(
                    &NewStaff {
                        username: &username,
                        display_name: &display,
                        role,
                        offices: &offices,
                        password_hash: &hash,
                    },
                    now,
                )
                .await?;
            let detail = serde_json::json!({ "role": role.code(), "offices": offices });
            audit("user_added", username.clone(), detail).await?;
            let mut out = format!("added {username} ({})\n", role.code());
            if made_up {
                out.push_str(&format!("password (shown once): {password}\n"));
            }
            if role == StaffRole::Admin {
                out.push_str("an admin sets up the second factor at the first sign-in\n");
            }
            Ok(out)
        }
        UsersCommand::List => {
            let accounts = store.staff_accounts().await?;
            let mut out = String::from("username\tname\trole\toffices\tsecond factor\tstatus\n");
            for a in accounts {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\n",
                    a.username,
                    a.display_name,
                    a.role.code(),
                    a.offices.join(","),
                    if a.totp { "yes" } else { "no" },
                    if a.disabled { "disabled" } else { "active" },
                ));
            }
            Ok(out)
        }
        UsersCommand::Disable { username } => {
            store.set_staff_disabled(&username, true, now).await?;
            audit("user_disabled", username.clone(), serde_json::json!({})).await?;
            Ok(format!("disabled {username}; their sessions have ended\n"))
        }
        UsersCommand::Enable { username } => {
            store.set_staff_disabled(&username, false, now).await?;
            audit("user_enabled", username.clone(), serde_json::json!({})).await?;
            Ok(format!("enabled {username}\n"))
        }
        UsersCommand::Reset {
            username,
            password_stdin,
            clear_second_factor,
        } => {
            let (password, made_up) = password(password_stdin)?;
            store
                .set_staff_password(&username, &hash_password(&password)?, now)
                .await?;
            if clear_second_factor {
                store.set_staff_totp(&username, None, now).await?;
            }
            let detail = serde_json::json!({ "second_factor_cleared": clear_second_factor });
            audit("user_reset", username.clone(), detail).await?;
            let mut out = format!("new password for {username}; their sessions have ended\n");
            if made_up {
                out.push_str(&format!("password (shown once): {password}\n"));
            }
            Ok(out)
        }
    }
}
