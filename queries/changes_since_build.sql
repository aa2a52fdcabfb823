-- What the current build has that an earlier one ($old_parquet, that build's Parquet folder) did not, for the people
-- the person filters select: new persons, charges and sentences, changed statuses, new deaths; and stated figures
-- that are new or whose value changed (group facts, not filtered). One row per change, with its source and section,
-- and what it says as values, as queries/changes_since_date.sql gives them.
WITH people AS (
    SELECT person_id, status, status_as_of, source_section, source_id
    FROM filtered_persons(regions := $regions, articles := $articles, sentence_types := $sentence_types,
                          affiliations := $affiliations, genders := $genders, statuses := $statuses)
),
old_persons AS (SELECT * FROM read_parquet($old_parquet || '/persons.parquet')),
old_charges AS (SELECT charge_id FROM read_parquet($old_parquet || '/charges.parquet')),
old_sentences AS (SELECT sentence_id FROM read_parquet($old_parquet || '/sentences.parquet')),
old_events AS (SELECT event_id FROM read_parquet($old_parquet || '/events.parquet')),
old_figures AS (SELECT metric, as_of, value FROM read_parquet($old_parquet || '/figures.parquet')),
changes AS (
    SELECT 'new person' AS change, p.status_as_of AS fact_date, p.person_id, NULL AS description,
           NULL AS previous_status, p.status, p.status_as_of, NULL AS code, NULL AS article, NULL AS part,
           NULL AS label, NULL AS outcome, NULL AS sentence_type, NULL AS term_months, NULL AS stage,
           NULL AS previous_value, NULL AS previous_as_of, NULL AS value, p.source_section, p.source_id
    FROM people p WHERE p.person_id NOT IN (SELECT person_id FROM old_persons)
    UNION ALL
    SELECT 'status changed', p.status_as_of, p.person_id, NULL, o.status, p.status, p.status_as_of, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, p.source_section, p.source_id
    FROM people p JOIN old_persons o USING (person_id) WHERE o.status IS DISTINCT FROM p.status
    UNION ALL
    SELECT 'new charge', c.charge_date, c.person_id, NULL, NULL, NULL, NULL, c.code, c.article, c.part, c.label,
           c.outcome, NULL, NULL, NULL, NULL, NULL, NULL, c.source_section, c.source_id
    FROM charges c
    WHERE c.charge_id NOT IN (SELECT charge_id FROM old_charges) AND c.person_id IN (SELECT person_id FROM people)
    UNION ALL
    SELECT CASE WHEN s.stage = 'conversion' AND s.sentence_type = 'imprisonment' THEN 'converted to prison'
                ELSE 'new sentence' END,
           s.sentence_date, s.person_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, s.sentence_type,
           s.term_months, s.stage, NULL, NULL, NULL, s.source_section, s.source_id
    FROM sentences s
    WHERE s.sentence_id NOT IN (SELECT sentence_id FROM old_sentences) AND s.person_id IN (SELECT person_id FROM people)
    UNION ALL
    SELECT 'death', e.event_date, e.person_id, e.description, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, e.source_section, e.source_id
    FROM events e
    WHERE e.event_type = 'death' AND e.event_id NOT IN (SELECT event_id FROM old_events)
      AND (e.person_id IN (SELECT person_id FROM people)
           OR (e.person_id IS NULL  -- a group event, while no filter is set
               AND NOT filters_set(regions := $regions, articles := $articles, sentence_types := $sentence_types,
                                   affiliations := $affiliations, genders := $genders, statuses := $statuses)))
    UNION ALL
    SELECT 'figure moved', f.as_of, NULL, f.description, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, o.value, NULL, f.value, f.source_section, f.source_id
    FROM figures f LEFT JOIN old_figures o ON o.metric = f.metric AND o.as_of IS NOT DISTINCT FROM f.as_of
    WHERE o.value IS DISTINCT FROM f.value
)
SELECT c.change, c.fact_date, c.person_id, p.name, c.* EXCLUDE (change, fact_date, person_id, source_section,
       source_id),
       string_split(c.source_section, ';') AS sections, [c.source_id] AS source_ids
FROM changes c LEFT JOIN persons p USING (person_id)
ORDER BY c.change, c.fact_date NULLS LAST, p.name NULLS FIRST, c.description, c.label, c.sentence_type;
