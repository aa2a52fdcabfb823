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

-- grain: one row per stated figure (metric, as_of), with the count of the people the source names for it and, where
-- they differ, why (names_note)
CREATE TABLE figure_comparisons AS
SELECT f.metric, f.as_of, f.value AS stated_value, f.qualifier, f.unit, f.description, f.names_note,
       count(m.person_id) AS named_count,
       count(m.person_id) > 0 AS has_named_people,
       f.source_id, f.source_section
FROM figures f
LEFT JOIN figure_members m ON m.metric = f.metric AND m.as_of IS NOT DISTINCT FROM f.as_of
GROUP BY ALL;

-- grain: one row per event type, with the group the Overview timeline stacks it in (the grouping and its labels:
-- etl/schema.py EVENT_TYPE_GROUPS and EVENT_GROUPS)
CREATE TABLE event_type_groups AS
SELECT event_type, event_group FROM raw_event_type_groups;

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

-- grain: one row per reviewed translation of a record text, beside the English text it translates: the dashboard
-- shows a reader the translation of the text it is given (dashboard/places.py). The texts that may be translated
-- are etl/schema.py's TRANSLATABLE, one line each below; a row is named by its key (figures: metric|as_of).
CREATE TABLE record_translations AS
WITH originals AS (
    SELECT 'sources' AS table_name, source_id AS row_id, 'title' AS column_name, title AS original FROM sources
    UNION ALL SELECT 'sources', source_id, 'notes', notes FROM sources
    UNION ALL SELECT 'persons', person_id, 'notes', notes FROM persons
    UNION ALL SELECT 'charges', charge_id, 'label', label FROM charges
    UNION ALL SELECT 'charges', charge_id, 'notes', notes FROM charges
    UNION ALL SELECT 'sentences', sentence_id, 'court', court FROM sentences
    UNION ALL SELECT 'sentences', sentence_id, 'notes', notes FROM sentences
    UNION ALL SELECT 'events', event_id, 'description', description FROM events
    UNION ALL SELECT 'figures', metric || '|' || coalesce(CAST(as_of AS VARCHAR), ''), 'description', description
              FROM figures
    UNION ALL SELECT 'figures', metric || '|' || coalesce(CAST(as_of AS VARCHAR), ''), 'names_note', names_note
              FROM figures
    UNION ALL SELECT 'ep_recommendations', CAST(paragraph AS VARCHAR), 'summary', summary FROM ep_recommendations
    UNION ALL SELECT 'ep_recommendations', CAST(paragraph AS VARCHAR), 'evidence', evidence FROM ep_recommendations
)
SELECT DISTINCT t.language, o.original, t.text
FROM translations t
JOIN originals o USING (table_name, row_id, column_name)
WHERE t.reviewed AND o.original IS NOT NULL
ORDER BY t.language, o.original;

-- grain: one row: the span of dated facts, for the period slider every page draws
CREATE TABLE period_span AS
SELECT min(d) AS first_date, max(d) AS last_date
FROM (SELECT event_date AS d FROM events UNION ALL SELECT sentence_date FROM sentences);

-- The filter marts. The shared filters (30_filter_macros.sql) read one mart per kind of row: placed_persons,
-- placed_events, dated_charges, placed_sentences, conversion_pairs, article_pairs, and placed_facts (every fact of
-- a person, for the people counted in a period). Every row carries, under the same names, the values the filters test: its own
-- where it has one, else its person's. This is where the dashboard's rule for which place counts is applied:
--   filter_date            the period filter: an event's, charge's or sentence's own date (a charge's charge_date,
--                          not its decided_date); NULL for a person or a pair (see the macros)
--   placed_region_iso      the region filter: an event's own region, else its person's; a person's, charge's or
--                          sentence's is the person's (a charge or sentence has no place of its own)
--   filter_articles        the article filter: a charge's own article, whatever its code; for anything else, the
--                          Criminal Code articles its person is charged under
--   filter_sentence_types  the sentence-type filter: a sentence's own type; for anything else, the types its
--                          person received
--   person_affiliations, person_gender ('unknown' when the source does not say), person_status: the person's;
--                          NULL for a group event, which has no person, so any person filter drops it
-- They also carry the numbers a chart groups by, cheaper than the text they stand for: person_no (one per person),
-- citation_no (one per source and section, see citations) and, for an event, place_no (see places).

-- grain: one row per source and section(s) that a person, charge, sentence or event cites, with the sections
-- split ('3;4.1' is 3 and 4.1): a chart counts its rows per citation_no and lists its citations from here
CREATE TABLE citations AS
SELECT CAST(row_number() OVER (ORDER BY source_id, source_section) AS INTEGER) AS citation_no,
       source_id, source_section, string_split(source_section, ';') AS sections
FROM (SELECT source_id, source_section FROM persons
      UNION SELECT source_id, source_section FROM charges
      UNION SELECT source_id, source_section FROM sentences
      UNION SELECT source_id, source_section FROM events);

-- grain: one row per person, with the values the person filters test, under the filter marts' names (see above),
-- and the place the person gives their facts: each filter mart takes them as `f.* EXCLUDE (person_id)`, replacing
-- the ones its rows have of their own
CREATE TABLE person_filter_values AS
WITH charged AS (
    SELECT person_id, list(DISTINCT article ORDER BY article) AS articles
    FROM charges WHERE code = 'CC' AND article IS NOT NULL GROUP BY person_id
), sentenced AS (
    SELECT person_id, list(DISTINCT sentence_type ORDER BY sentence_type) AS sentence_types
    FROM sentences WHERE sentence_type IS NOT NULL GROUP BY person_id
)
SELECT p.person_id, CAST(row_number() OVER (ORDER BY p.person_id) AS INTEGER) AS person_no,
       CAST(NULL AS DATE) AS filter_date, p.region_iso AS placed_region_iso, p.city AS placed_city,
       coalesce(c.articles, []) AS filter_articles, coalesce(s.sentence_types, []) AS filter_sentence_types,
       p.affiliations AS person_affiliations, coalesce(p.gender, 'unknown') AS person_gender, p.status AS person_status
FROM persons p
LEFT JOIN charged c USING (person_id)
LEFT JOIN sentenced s USING (person_id);

-- grain: one row per person, with the filter values, person_no, the search key of the name and its other
-- spellings (etl/spelling.py: the People search finds a name typed in Cyrillic or spelled another way), and whether
-- one of the person's own events has a region of its own: what places them in case_places (25_case_places.sql)
CREATE TABLE placed_persons AS
SELECT p.*, spelling_key(p.name || ' ' || array_to_string(p.aliases, ' ')) AS search_key,
       f.* EXCLUDE (person_id), k.citation_no,
       p.person_id IN (SELECT person_id FROM events WHERE region_iso IS NOT NULL AND person_id IS NOT NULL) AS has_case_place
FROM persons p
JOIN person_filter_values f USING (person_id)
JOIN citations k USING (source_id, source_section)
ORDER BY p.person_id;

-- grain: one row per region and city an event is placed in (its own, else its person's; either may be NULL): the
-- place_no placed_events carries, so events are counted per place by one small integer
CREATE TABLE places AS
SELECT CAST(row_number() OVER (ORDER BY region_iso, city) AS INTEGER) AS place_no, region_iso, city
FROM (SELECT DISTINCT coalesce(e.region_iso, f.placed_region_iso) AS region_iso, coalesce(e.city, f.placed_city) AS city
      FROM events e LEFT JOIN person_filter_values f USING (person_id));

-- grain: one row per event, with the region and city the dashboard places it in (see above) and the filter
-- values, stored in date order so a period filter reads only the row groups it needs
CREATE TABLE placed_events AS
SELECT e.*,
       f.* EXCLUDE (person_id) REPLACE (e.event_date AS filter_date, pl.region_iso AS placed_region_iso,
                                        pl.city AS placed_city),
       k.citation_no, pl.place_no
FROM events e
LEFT JOIN person_filter_values f USING (person_id)
JOIN citations k USING (source_id, source_section)
JOIN places pl ON pl.region_iso IS NOT DISTINCT FROM coalesce(e.region_iso, f.placed_region_iso)
              AND pl.city IS NOT DISTINCT FROM coalesce(e.city, f.placed_city)
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
-- before/after-the-resolution split), so that split needs no join at query time; and the filter values
CREATE TABLE dated_charges AS
SELECT c.*, coalesce(c.charge_date, ps.first_sentence_date) AS decided_date,
       f.* EXCLUDE (person_id) REPLACE (c.charge_date AS filter_date, [c.article] AS filter_articles), k.citation_no
FROM charges c
LEFT JOIN person_summary ps USING (person_id)
LEFT JOIN person_filter_values f USING (person_id)
JOIN citations k USING (source_id, source_section)
ORDER BY c.charge_id;

-- grain: one row per sentence, with the filter values, stored in date order: the list of the people with a
-- sentence takes its first thousand by date
CREATE TABLE placed_sentences AS
SELECT s.*,
       f.* EXCLUDE (person_id) REPLACE (s.sentence_date AS filter_date, [s.sentence_type] AS filter_sentence_types),
       k.citation_no
FROM sentences s
LEFT JOIN person_filter_values f USING (person_id)
JOIN citations k USING (source_id, source_section)
ORDER BY s.sentence_date NULLS LAST, s.sentence_id;

-- grain: one row per restriction of liberty later replaced by prison for the same person (an imprisonment on
-- appeal or by conversion, recorded after it), with both sentences' dates and its person's filter values (a pair
-- has no one type or date: filtered_conversions tests both dates): the pairs are found once, here
CREATE TABLE conversion_pairs AS
SELECT r.person_id, r.person_no, r.sentence_id AS restriction_id, r.sentence_date AS restriction_date,
       r.term_months AS restriction_months, i.sentence_id AS prison_id, i.sentence_date AS prison_date,
       i.term_months AS prison_months, i.stage AS changed_by, i.court,
       list_sort(list_distinct(string_split(r.source_section || ';' || i.source_section, ';'))) AS sections,
       list_sort(list_distinct([r.source_id, i.source_id])) AS source_ids,
       f.* EXCLUDE (person_id, person_no)
FROM placed_sentences r
JOIN placed_sentences i ON i.person_no = r.person_no AND i.sentence_id > r.sentence_id
JOIN person_filter_values f ON f.person_no = r.person_no
WHERE r.sentence_type = 'restriction_of_liberty' AND i.sentence_type = 'imprisonment'
  AND i.stage IN ('appeal', 'conversion')
ORDER BY r.person_no, r.sentence_id, i.sentence_id;

-- grain: one row per two Criminal Code charges of one person under different articles (the lower article first),
-- with both charges' dates and citations and the person's filter values (a pair has no one article or date:
-- filtered_article_pairs tests both): the pairs are found once, here
CREATE TABLE article_pairs AS
SELECT a.person_id, a.person_no, a.article AS first_article, b.article AS second_article,
       a.charge_date AS first_date, b.charge_date AS second_date,
       a.citation_no AS first_citation, b.citation_no AS second_citation,
       f.* EXCLUDE (person_id, person_no)
FROM dated_charges a
JOIN dated_charges b ON b.person_no = a.person_no AND b.article > a.article
JOIN person_filter_values f ON f.person_no = a.person_no
WHERE a.code = 'CC' AND b.code = 'CC'
ORDER BY a.article, b.article, a.person_no;

-- grain: one row per event, charge and sentence of a person (kind: 'event', 'charge', 'sentence'), with its
-- filter values: who has a fact the filters keep in a period, from one table stored in date order, so a period
-- reads only the row groups it needs
CREATE TABLE placed_facts AS
SELECT * FROM (
    SELECT 'event' AS kind, person_id, filter_date, placed_region_iso, filter_articles, filter_sentence_types,
           person_affiliations, person_gender, person_status
    FROM placed_events WHERE person_id IS NOT NULL
    UNION ALL
    SELECT 'charge', person_id, filter_date, placed_region_iso, filter_articles, filter_sentence_types,
           person_affiliations, person_gender, person_status
    FROM dated_charges
    UNION ALL
    SELECT 'sentence', person_id, filter_date, placed_region_iso, filter_articles, filter_sentence_types,
           person_affiliations, person_gender, person_status
    FROM placed_sentences)
ORDER BY filter_date;
