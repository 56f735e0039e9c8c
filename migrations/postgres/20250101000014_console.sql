-- The web console's staff: accounts, the offices each belongs to, server-side sessions, and
-- the audit of every staff action. Nothing here is about a citizen: staff rows stay until an
-- admin removes them, audit rows for `staff_audit_days` (no message text is ever written).
create table staff (
    staff_id bigint generated always as identity primary key,
    username text not null unique,
    display_name text not null,
    role text not null check (role in ('admin', 'supervisor', 'operator', 'editor')),
    -- argon2id, as a PHC string.
    password_hash text not null,
    -- The TOTP secret (RFC 6238), base32, once the second factor is set up.
    totp_secret text,
    disabled_at bigint,
    failed_logins bigint not null default 0,
    locked_until bigint,
    created_at bigint not null,
    updated_at bigint not null
);

create table staff_offices (
    staff_id bigint not null references staff (staff_id),
    office text not null,
    created_at bigint not null,
    primary key (staff_id, office)
);

-- Only a hash of the session id is kept: a copy of the database gives no session.
create table staff_sessions (
    session_hash text primary key,
    staff_id bigint not null references staff (staff_id),
    csrf_token text not null,
    -- 1 while the password was right and the second factor is still to be given.
    pending_totp bigint not null default 0,
    created_at bigint not null,
    last_seen_at bigint not null
);
create index staff_sessions_staff on staff_sessions (staff_id);

-- Case numbers are kept as numbers, without a reference: cases are purged, the audit stays.
create table staff_audit (
    staff_audit_id bigint generated always as identity primary key,
    at bigint not null,
    staff_id bigint,
    username text not null,
    action text not null,
    case_id bigint,
    detail text not null default '{}',
    retention_class text not null default 'staff_audit',
    created_at bigint not null
);
create index staff_audit_at on staff_audit (at);
