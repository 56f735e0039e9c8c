-- Citizens and conversations are updated on every message: room left on each page lets
-- PostgreSQL update them in place (HOT) without touching their indexes.
alter table citizens set (fillfactor = 70);
alter table conversations set (fillfactor = 70);
