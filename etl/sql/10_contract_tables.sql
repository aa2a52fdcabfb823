-- Typed contract tables (shared/design/DATA.md) from the validated all-text raw_* tables, whose columns come in the
-- registry's order (etl/schema.py). Every cell is trimmed and an empty one becomes NULL; the columns that are not
-- text are then cast: dates (each carries its precision column), numbers, lists split on '|', and a boolean.

CREATE MACRO txt(v) AS NULLIF(trim(v), '');
CREATE MACRO list_of(v) AS coalesce(list_transform(string_split(v, '|'), lambda x: trim(x)), []::VARCHAR[]);
-- a raw table with every cell trimmed, an empty one NULL
CREATE MACRO trimmed(raw) AS TABLE SELECT txt(COLUMNS(*)) FROM query_table(raw);

-- grain: one row per source document
CREATE TABLE sources AS
SELECT * REPLACE (CAST(published AS DATE) AS published)
FROM trimmed('raw_sources');

-- grain: one row per region
CREATE TABLE regions AS
SELECT * REPLACE (CAST(lat AS DOUBLE) AS lat, CAST(lon AS DOUBLE) AS lon)
FROM trimmed('raw_regions');

-- grain: one row per statement of a person's status by a source, besides the one in the person's own row
CREATE TABLE person_statuses AS
SELECT * REPLACE (CAST(as_of AS DATE) AS as_of)
FROM trimmed('raw_person_statuses');

-- grain: one row per statement of a person's status: the one in the person's own row (stated_in 'persons') and
-- each later one (stated_in 'person_statuses'). is_latest marks the statement persons.status holds: the latest
-- as_of; on one day a person_statuses row before the person's own row, then the later-published source.
CREATE TABLE status_history AS
WITH statements AS (
    SELECT txt(person_id) AS person_id, txt(status) AS status, CAST(txt(status_as_of) AS DATE) AS as_of,
           txt(source_id) AS source_id, txt(source_section) AS source_section, 'persons' AS stated_in
    FROM raw_persons
    UNION ALL
    SELECT person_id, status, as_of, source_id, source_section, 'person_statuses' FROM person_statuses
)
SELECT t.*, row_number() OVER (PARTITION BY t.person_id
                               ORDER BY t.as_of DESC, t.stated_in = 'person_statuses' DESC,
                                        s.published DESC NULLS LAST, t.source_id DESC) = 1 AS is_latest
FROM statements t
LEFT JOIN sources s USING (source_id)
ORDER BY t.person_id, t.as_of, t.stated_in;

-- grain: one row per person subjected to persecution; the status is the latest statement (status_history)
CREATE TABLE persons AS
SELECT p.* REPLACE (list_of(aliases) AS aliases, list_of(roles) AS roles, list_of(affiliations) AS affiliations,
                    h.status AS status, h.as_of AS status_as_of,
                    lower(is_political_prisoner) = 'true' AS is_political_prisoner)
FROM trimmed('raw_persons') p
JOIN status_history h ON h.person_id = p.person_id AND h.is_latest
ORDER BY person_id;

-- grain: one row per person x code x article x part
CREATE TABLE charges AS
SELECT * REPLACE (CAST(article AS INTEGER) AS article, CAST(part AS INTEGER) AS part,
                  CAST(charge_date AS DATE) AS charge_date)
FROM trimmed('raw_charges');

-- grain: one row per sentence or change of sentence
CREATE TABLE sentences AS
SELECT * REPLACE (CAST(sentence_date AS DATE) AS sentence_date, CAST(term_months AS DOUBLE) AS term_months,
                  CAST(term_days AS INTEGER) AS term_days, CAST(activity_ban_years AS DOUBLE) AS activity_ban_years,
                  CAST(fine_amount AS DOUBLE) AS fine_amount)
FROM trimmed('raw_sentences');

-- grain: one row per dated event of a person or a group
CREATE TABLE events AS
SELECT * REPLACE (CAST(event_date AS DATE) AS event_date, CAST(n_people AS INTEGER) AS n_people)
FROM trimmed('raw_events');

-- grain: one row per stated aggregate number and the date it refers to
CREATE TABLE figures AS
SELECT * REPLACE (CAST(value AS DOUBLE) AS value, CAST(as_of AS DATE) AS as_of)
FROM trimmed('raw_figures');

-- grain: one row per assessed paragraph of EP resolution 2021/2544(RSP)
CREATE TABLE ep_recommendations AS
SELECT * REPLACE (CAST(paragraph AS INTEGER) AS paragraph, CAST(as_of AS DATE) AS as_of)
FROM trimmed('raw_ep_recommendations');

-- grain: one row per person a source names as counted in a stated figure
CREATE TABLE figure_members AS
SELECT * REPLACE (CAST(as_of AS DATE) AS as_of)
FROM trimmed('raw_figure_members');

-- grain: one row per translation of one text of one record into one language (by a person; see docs/data.md)
CREATE TABLE translations AS
SELECT * REPLACE (coalesce(lower(reviewed) = 'true', false) AS reviewed)
FROM trimmed('raw_translations');
