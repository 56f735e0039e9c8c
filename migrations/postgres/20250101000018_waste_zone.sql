-- The collection zone a citizen asked the chat to remember (`waste.yaml`), and since when:
-- only the zone, never the address. Cleared by an erasure; gone with the citizen's row.
alter table citizens add column waste_zone text;
alter table citizens add column waste_zone_at bigint;
