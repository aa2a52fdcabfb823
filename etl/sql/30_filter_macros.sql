-- Table macros that apply the dashboard's shared filters, so every query filters the same way.
-- An empty list means "no filter". Person filters (article, sentence type, affiliation, gender,
-- status) keep only facts about matching persons; group events have no person and are kept only
-- while no person filter is active. The region filter uses the fact's own region, else the person's.

-- grain: one row per person matching the person filters
CREATE MACRO filtered_persons(regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT p.*
FROM persons p
WHERE (len(regions) = 0 OR list_contains(regions, p.region_iso))
  AND (len(affiliations) = 0 OR len(list_intersect(affiliations, p.affiliations)) > 0)
  AND (len(genders) = 0 OR list_contains(genders, coalesce(p.gender, 'unknown')))
  AND (len(statuses) = 0 OR list_contains(statuses, p.status))
  -- the len() > 0 inside each subquery empties it when the filter is off, so the semi-join costs nothing then
  AND (len(articles) = 0 OR p.person_id IN (
        SELECT c.person_id FROM charges c
        WHERE len(articles) > 0 AND c.code = 'CC' AND list_contains(articles, c.article)))
  AND (len(sentence_types) = 0 OR p.person_id IN (
        SELECT s.person_id FROM sentences s
        WHERE len(sentence_types) > 0 AND list_contains(sentence_types, s.sentence_type)));

-- Aggregates: the report sections ('3;4.1' splits into 3 and 4.1) and the sources a group of rows cites. They
-- gather only distinct values: a list of every row's value, deduplicated afterwards, cost four times as much.
CREATE MACRO sections_cited(source_section) AS
list_sort(list_distinct(flatten(list_transform(list(DISTINCT source_section), lambda s: string_split(s, ';')))));

CREATE MACRO sources_cited(source_id) AS list_sort(list_distinct(list(DISTINCT source_id)));

-- Whether any of five list filters is set (the person filters a table's rows depend on).
CREATE MACRO any_filter_set(a, b, c, d, e) AS len(a) + len(b) + len(c) + len(d) + len(e) > 0;

-- Whether no filter at all is set: the period open and every list empty.
CREATE MACRO no_filter_set(date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses) AS
date_from IS NULL AND date_to IS NULL
AND NOT any_filter_set(articles, sentence_types, affiliations, genders, statuses) AND len(regions) = 0;

-- The filters below keep every row when no person filter is set: each person_id names a person (the ETL
-- checks it), so the semi-join on filtered_persons runs only in the UNION ALL branch for a set filter and an
-- unfiltered page reads a table once, without a join. The *_in macros hold a table's own conditions.

-- grain: one row per event in the period and region (its own, else its person's; see placed_events)
CREATE MACRO events_in(date_from, date_to, regions) AS TABLE
SELECT e.*
FROM placed_events e
WHERE (date_from IS NULL OR e.event_date >= date_from)
  AND (date_to IS NULL OR e.event_date <= date_to)
  AND (len(regions) = 0 OR list_contains(regions, e.placed_region_iso));

-- grain: one row per event in the period whose person (or, for a group event, region) matches, with the
-- region and city it is placed in
CREATE MACRO filtered_events(date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT * FROM events_in(date_from, date_to, regions)
WHERE NOT any_filter_set(articles, sentence_types, affiliations, genders, statuses)
UNION ALL
SELECT * FROM events_in(date_from, date_to, regions)
WHERE any_filter_set(articles, sentence_types, affiliations, genders, statuses)
  AND person_id IN (SELECT person_id FROM filtered_persons([], articles, sentence_types, affiliations, genders, statuses));

-- grain: one row per charge under the articles, dated in the period (undated charges count only while the
-- period is open), with the date it is decided by (see dated_charges)
CREATE MACRO charges_in(date_from, date_to, articles) AS TABLE
SELECT c.*
FROM dated_charges c
WHERE (len(articles) = 0 OR list_contains(articles, c.article))
  AND (date_from IS NULL OR c.charge_date >= date_from)
  AND (date_to IS NULL OR c.charge_date <= date_to);

-- grain: one row per charge of a matching person, dated in the period
CREATE MACRO filtered_charges(date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT * FROM charges_in(date_from, date_to, articles)
WHERE NOT any_filter_set(regions, sentence_types, affiliations, genders, statuses)
UNION ALL
SELECT * FROM charges_in(date_from, date_to, articles)
WHERE any_filter_set(regions, sentence_types, affiliations, genders, statuses)
  AND person_id IN (SELECT person_id FROM filtered_persons(regions, [], sentence_types, affiliations, genders, statuses));

-- grain: one row per sentence of the types, dated in the period
CREATE MACRO sentences_in(date_from, date_to, sentence_types) AS TABLE
SELECT s.*
FROM sentences s
WHERE (len(sentence_types) = 0 OR list_contains(sentence_types, s.sentence_type))
  AND (date_from IS NULL OR s.sentence_date >= date_from)
  AND (date_to IS NULL OR s.sentence_date <= date_to);

-- grain: one row per sentence of a matching person, dated in the period
CREATE MACRO filtered_sentences(date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT * FROM sentences_in(date_from, date_to, sentence_types)
WHERE NOT any_filter_set(regions, articles, affiliations, genders, statuses)
UNION ALL
SELECT * FROM sentences_in(date_from, date_to, sentence_types)
WHERE any_filter_set(regions, articles, affiliations, genders, statuses)
  AND person_id IN (SELECT person_id FROM filtered_persons(regions, articles, [], affiliations, genders, statuses));

-- grain: one row per matching person; while a period is set, only people with a charge, sentence or event
-- in it (a person's own row has no date), as on the People page. Without a period the first branch keeps
-- every matching person and the second, whose facts subquery is emptied by its own condition, costs nothing.
-- The facts need only their own conditions (the *_in macros): a person kept here already matches every
-- person filter, so repeating filtered_persons for each kind of fact would change nothing but the planning
-- time, which for the nested macros was most of the query's time.
CREATE MACRO dated_persons(date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT * FROM filtered_persons(regions, articles, sentence_types, affiliations, genders, statuses)
WHERE date_from IS NULL AND date_to IS NULL
UNION ALL
SELECT * FROM filtered_persons(regions, articles, sentence_types, affiliations, genders, statuses)
WHERE (date_from IS NOT NULL OR date_to IS NOT NULL)
  AND person_id IN (
        SELECT person_id FROM (
            SELECT person_id FROM charges_in(date_from, date_to, articles)
            UNION ALL SELECT person_id FROM sentences_in(date_from, date_to, sentence_types)
            UNION ALL SELECT person_id FROM events_in(date_from, date_to, regions))
        WHERE date_from IS NOT NULL OR date_to IS NOT NULL);
