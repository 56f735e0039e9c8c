-- What the citizen wrote with their rating of an operator's help ("3, però ci avete messo
-- tanto": 3, and the rest), redacted like the transcript; it goes with its case.

alter table cases add column rating_comment text;
