-- Jobs that one process should run at a time when several serve one database (the purge,
-- the daily reminders): whoever holds a job's lease runs it; a lease not renewed expires, so
-- a process killed while holding one is replaced once `expires_at` has passed.
create table leases (
    name text primary key,
    holder text not null,
    expires_at integer not null
);
