-- Typed contract tables (shared/design/DATA.md) from the validated all-text raw_* tables.
-- Empty cells become NULL; lists are split on '|'; dates carry their precision column.

CREATE MACRO txt(v) AS NULLIF(trim(v), '');
CREATE MACRO list_of(v) AS CASE WHEN txt(v) IS NULL THEN []::VARCHAR[]
    ELSE list_transform(string_split(v, '|'), lambda x: trim(x)) END;

-- grain: one row per source document
CREATE TABLE sources AS
SELECT txt(source_id) AS source_id, txt(title) AS title, txt(publisher) AS publisher,
       CAST(txt(published) AS DATE) AS published, txt(url) AS url, txt(notes) AS notes
FROM raw_sources;

-- grain: one row per region
CREATE TABLE regions AS
SELECT txt(region_iso) AS region_iso, txt(name_en) AS name_en,
       CAST(lat AS DOUBLE) AS lat, CAST(lon AS DOUBLE) AS lon
FROM raw_regions;

-- grain: one row per person subjected to persecution
CREATE TABLE persons AS
SELECT txt(person_id) AS person_id, txt(name) AS name, list_of(aliases) AS aliases,
       txt(gender) AS gender, txt(region_iso) AS region_iso, txt(city) AS city,
       list_of(roles) AS roles, list_of(affiliations) AS affiliations,
       txt(status) AS status, CAST(txt(status_as_of) AS DATE) AS status_as_of,
       lower(trim(is_political_prisoner)) = 'true' AS is_political_prisoner,
       txt(prisoner_group) AS prisoner_group, txt(notes) AS notes,
       txt(source_id) AS source_id, txt(source_section) AS source_section
FROM raw_persons;

-- grain: one row per person x code x article x part
CREATE TABLE charges AS
SELECT txt(charge_id) AS charge_id, txt(person_id) AS person_id, txt(code) AS code,
       CAST(txt(article) AS INTEGER) AS article, CAST(txt(part) AS INTEGER) AS part,
       txt(label) AS label, CAST(txt(charge_date) AS DATE) AS charge_date,
       txt(date_precision) AS date_precision, txt(outcome) AS outcome, txt(notes) AS notes,
       txt(source_id) AS source_id, txt(source_section) AS source_section
FROM raw_charges;

-- grain: one row per sentence or change of sentence
CREATE TABLE sentences AS
SELECT txt(sentence_id) AS sentence_id, txt(person_id) AS person_id,
       CAST(txt(sentence_date) AS DATE) AS sentence_date, txt(date_precision) AS date_precision,
       txt(sentence_type) AS sentence_type, CAST(txt(term_months) AS DOUBLE) AS term_months,
       CAST(txt(term_days) AS INTEGER) AS term_days,
       CAST(txt(activity_ban_years) AS DOUBLE) AS activity_ban_years,
       CAST(txt(fine_amount) AS DOUBLE) AS fine_amount, txt(fine_currency) AS fine_currency,
       txt(court) AS court, txt(stage) AS stage, txt(notes) AS notes,
       txt(source_id) AS source_id, txt(source_section) AS source_section
FROM raw_sentences;

-- grain: one row per dated event of a person or a group
CREATE TABLE events AS
SELECT txt(event_id) AS event_id, txt(person_id) AS person_id,
       CAST(txt(event_date) AS DATE) AS event_date, txt(date_precision) AS date_precision,
       txt(event_type) AS event_type, CAST(txt(n_people) AS INTEGER) AS n_people,
       txt(count_qualifier) AS count_qualifier, txt(region_iso) AS region_iso, txt(city) AS city,
       txt(description) AS description, txt(source_id) AS source_id, txt(source_section) AS source_section
FROM raw_events;

-- grain: one row per stated aggregate number and the date it refers to
CREATE TABLE figures AS
SELECT txt(metric) AS metric, CAST(value AS DOUBLE) AS value, txt(qualifier) AS qualifier,
       txt(unit) AS unit, CAST(txt(as_of) AS DATE) AS as_of, txt(as_of_precision) AS as_of_precision,
       txt(description) AS description, txt(source_id) AS source_id, txt(source_section) AS source_section
FROM raw_figures;

-- grain: one row per assessed paragraph of EP resolution 2021/2544(RSP)
CREATE TABLE ep_recommendations AS
SELECT CAST(paragraph AS INTEGER) AS paragraph, txt(theme) AS theme, txt(summary) AS summary,
       txt(status) AS status, txt(evidence) AS evidence, CAST(txt(as_of) AS DATE) AS as_of,
       txt(source_id) AS source_id, txt(source_section) AS source_section
FROM raw_ep_recommendations;

-- grain: one row per person a source names as counted in a stated figure
CREATE TABLE figure_members AS
SELECT txt(metric) AS metric, CAST(txt(as_of) AS DATE) AS as_of, txt(person_id) AS person_id,
       txt(source_id) AS source_id, txt(source_section) AS source_section
FROM raw_figure_members;

-- grain: one row per translation of one text of one record into one language (by a person; see docs/data.md)
CREATE TABLE translations AS
SELECT txt(table_name) AS table_name, txt(row_id) AS row_id, txt(column_name) AS column_name,
       txt(language) AS language, txt(text) AS text, txt(translator) AS translator,
       lower(trim(reviewed)) = 'true' AS reviewed
FROM raw_translations;
