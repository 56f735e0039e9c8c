-- The form a broadcast was written with, from the console: the same form sent twice (a double
-- click, a reload) makes one broadcast. Null for the command line and CAP alerts.
alter table broadcasts add column request_id text;
create unique index broadcasts_request on broadcasts (request_id) where request_id is not null;
