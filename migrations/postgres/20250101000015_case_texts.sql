-- What the citizen wrote during a hand-off, as written, where the redaction changed it: kept
-- only while the case is open, so that an operator of its office can reveal it from the web
-- console (each reveal is audited). Deleted when the case closes, and with the case.
create table case_texts (
    text_id bigint generated always as identity primary key,
    case_id bigint not null references cases (case_id) on delete cascade,
    at bigint not null,
    text text not null
);
create index case_texts_case on case_texts (case_id);
