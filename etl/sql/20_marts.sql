-- Marts: one table per recurring question, so pages never repeat the same aggregation.

-- grain: one row per Criminal Code article the dashboard must always show
CREATE TABLE political_articles AS
SELECT * FROM (VALUES
    (174, 'inciting social discord'),
    (179, 'propaganda or public calls to seize power'),
    (258, 'financing extremism'),
    (274, 'disseminating false information'),
    (405, 'participation in a banned extremist organisation')
) AS t(article, label);

-- grain: one row per stated figure (metric, as_of), with the count of the people the source names for it
CREATE TABLE figure_comparisons AS
SELECT f.metric, f.as_of, f.value AS stated_value, f.qualifier, f.unit, f.description,
       count(m.person_id) AS named_count,
       count(m.person_id) > 0 AS has_named_people,
       f.source_id, f.source_section
FROM figures f
LEFT JOIN figure_members m ON m.metric = f.metric AND m.as_of IS NOT DISTINCT FROM f.as_of
GROUP BY ALL;

-- grain: one row: the adoption date of EP resolution 2021/2544(RSP), the "before/after" line of the
-- dashboard, taken from its timeline event (event ids are stable by contract)
CREATE TABLE ep_resolution AS
SELECT event_date AS adopted
FROM events
WHERE event_id = 'grp-20210211-ep-resolution';

-- grain: one row per value a sidebar filter offers (every page draws the sidebar, so it is computed once here)
CREATE TABLE sidebar_options AS
SELECT 'region' AS filter, r.region_iso AS value, r.name_en AS label FROM regions r
UNION ALL
SELECT 'article', CAST(article AS VARCHAR), CAST(article AS VARCHAR) || ' ' || label FROM political_articles
UNION ALL
SELECT DISTINCT 'article', CAST(article AS VARCHAR), CAST(article AS VARCHAR) || ' ' || first(label ORDER BY charge_id) OVER (PARTITION BY article)
FROM charges WHERE code = 'CC' AND article IS NOT NULL AND article NOT IN (SELECT article FROM political_articles)
UNION ALL
SELECT DISTINCT 'sentence_type', sentence_type, replace(sentence_type, '_', ' ') FROM sentences
UNION ALL
SELECT DISTINCT 'affiliation', a, CASE a WHEN '405' THEN '405 (human-rights movement)' ELSE a END FROM (SELECT unnest(affiliations) AS a FROM persons)
UNION ALL
SELECT DISTINCT 'gender', coalesce(gender, 'unknown'), coalesce(gender, 'not stated') FROM persons
UNION ALL
SELECT DISTINCT 'status', status, replace(status, '_', ' ') FROM persons;

-- grain: one row: the span of dated facts, for the period slider every page draws
CREATE TABLE period_span AS
SELECT min(d) AS first_date, max(d) AS last_date
FROM (SELECT event_date AS d FROM events UNION ALL SELECT sentence_date FROM sentences);

-- grain: one row per event, with the region and city the dashboard places it in (its own, else its
-- person's), stored in date order so a period filter reads only the row groups it needs
CREATE TABLE placed_events AS
SELECT e.*, coalesce(e.region_iso, p.region_iso) AS placed_region_iso, coalesce(e.city, p.city) AS placed_city
FROM events e
LEFT JOIN persons p USING (person_id)
ORDER BY e.event_date, e.event_id;

-- grain: one row per person, with all of their charges, sentences and events counted and the date of their
-- first sentence: the People page's counts while no filter is set (so an unfiltered page does not group a
-- million events by person) and the date a charge without its own date is decided by
CREATE TABLE person_summary AS
SELECT p.person_id,
       (SELECT count(*) FROM charges c WHERE c.person_id = p.person_id) AS n_charges,
       (SELECT count(*) FROM sentences s WHERE s.person_id = p.person_id) AS n_sentences,
       (SELECT count(*) FROM events e WHERE e.person_id = p.person_id) AS n_events,
       (SELECT min(s.sentence_date) FROM sentences s WHERE s.person_id = p.person_id) AS first_sentence_date
FROM persons p;

-- grain: one row per charge, with the date it is decided by: its own, else its person's first sentence (the
-- before/after-the-resolution split), so that split needs no join at query time
CREATE TABLE dated_charges AS
SELECT c.*, coalesce(c.charge_date, ps.first_sentence_date) AS decided_date
FROM charges c
LEFT JOIN person_summary ps USING (person_id)
ORDER BY c.charge_id;
