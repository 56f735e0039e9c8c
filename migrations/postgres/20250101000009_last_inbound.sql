-- When the citizen last wrote on their own channel (the channel's time of the message),
-- kept on the citizen's row by the inbound transaction. It opens WhatsApp's 24-hour reply
-- window, which the dispatcher checks before every send on that channel: one row read with
-- the claim instead of a search of the inbound ids. Operators' actions, recorded in `inbound`
-- under their own channel, do not count.

alter table citizens add column last_inbound_at bigint;
update citizens set last_inbound_at = (select max(i.received_at) from inbound i
    where i.citizen_id = citizens.citizen_id and i.channel = citizens.channel);
