-- What a row of a kind states, as one number, over the contract's columns only (never renamed or dropped): a build
-- compares its rows with an earlier build's, read from that build's Parquet, by these (queries/changes_since_build.sql).
-- Each takes a row as a struct: `person_fact(p) FROM persons p`. A person's status is left out: it is the latest
-- statement (status_history), compared on its own.
CREATE MACRO person_fact(r) AS hash(r.name, r.aliases, r.gender, r.region_iso, r.city, r.roles, r.affiliations,
                                    r.is_political_prisoner, r.prisoner_group, r.notes, r.source_id, r.source_section);

CREATE MACRO charge_fact(r) AS hash(r.person_id, r.code, r.article, r.part, r.label, r.charge_date, r.date_precision,
                                    r.outcome, r.notes, r.source_id, r.source_section);

CREATE MACRO sentence_fact(r) AS hash(r.person_id, r.sentence_date, r.date_precision, r.sentence_type, r.term_months,
                                      r.term_days, r.activity_ban_years, r.fine_amount, r.fine_currency, r.court,
                                      r.stage, r.notes, r.source_id, r.source_section);

CREATE MACRO event_fact(r) AS hash(r.person_id, r.event_date, r.date_precision, r.event_type, r.n_people,
                                   r.count_qualifier, r.region_iso, r.city, r.description, r.source_id,
                                   r.source_section);
