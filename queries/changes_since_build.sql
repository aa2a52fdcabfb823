-- What the current build has that an earlier one ($old_parquet, that build's Parquet folder) did not, for the people
-- the person filters select: new persons, charges, sentences and events (releases and deaths named as such), changed
-- statuses (with the source of the latest statement), rows of the same id whose facts were corrected since
-- (etl/sql/40_fact_macros.sql); and stated figures that are new or whose value changed (group facts, not
-- filtered). One row per change, with its source and section, and what it says as values, as
-- queries/changes_since_date.sql gives them.
WITH people AS (
    SELECT person_id, status, status_as_of, source_section, source_id
    FROM filtered_persons(regions := $regions, articles := $articles, sentence_types := $sentence_types,
                          affiliations := $affiliations, genders := $genders, statuses := $statuses)
),
old_persons AS (
    SELECT person_id, status, person_fact(o) AS fact FROM read_parquet($old_parquet || '/persons.parquet') o
),
old_charges AS (SELECT charge_id, charge_fact(o) AS fact FROM read_parquet($old_parquet || '/charges.parquet') o),
old_sentences AS (
    SELECT sentence_id, sentence_fact(o) AS fact FROM read_parquet($old_parquet || '/sentences.parquet') o
),
old_events AS (SELECT event_id, event_fact(o) AS fact FROM read_parquet($old_parquet || '/events.parquet') o),
old_figures AS (SELECT metric, as_of, value FROM read_parquet($old_parquet || '/figures.parquet')),
changes AS (
    SELECT 'new person' AS change, p.status_as_of AS fact_date, p.person_id, NULL AS description,
           NULL AS previous_status, p.status, p.status_as_of, NULL AS code, NULL AS article, NULL AS part,
           NULL AS label, NULL AS outcome, NULL AS sentence_type, NULL AS term_months, NULL AS stage,
           NULL AS previous_value, NULL AS previous_as_of, NULL AS value, p.source_section, p.source_id
    FROM people p WHERE p.person_id NOT IN (SELECT person_id FROM old_persons)
    UNION ALL
    SELECT 'corrected', NULL, p.person_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, p.source_section, p.source_id
    FROM people p JOIN persons n USING (person_id) JOIN old_persons o USING (person_id)
    WHERE person_fact(n) <> o.fact
    UNION ALL
    SELECT 'status changed', p.status_as_of, p.person_id, NULL, o.status, p.status, p.status_as_of, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, s.source_section, s.source_id
    FROM people p JOIN old_persons o USING (person_id)
    JOIN status_history s ON s.person_id = p.person_id AND s.is_latest
    WHERE o.status IS DISTINCT FROM p.status
    UNION ALL
    SELECT CASE WHEN o.charge_id IS NULL THEN 'new charge' ELSE 'corrected' END, c.charge_date, c.person_id, NULL,
           NULL, NULL, NULL, c.code, c.article, c.part, c.label, c.outcome, NULL, NULL, NULL, NULL, NULL, NULL,
           c.source_section, c.source_id
    FROM charges c LEFT JOIN old_charges o USING (charge_id)
    WHERE (o.charge_id IS NULL OR charge_fact(c) <> o.fact) AND c.person_id IN (SELECT person_id FROM people)
    UNION ALL
    SELECT CASE WHEN o.sentence_id IS NOT NULL THEN 'corrected'
                WHEN s.stage = 'conversion' AND s.sentence_type = 'imprisonment' THEN 'converted to prison'
                ELSE 'new sentence' END,
           s.sentence_date, s.person_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, s.sentence_type,
           s.term_months, s.stage, NULL, NULL, NULL, s.source_section, s.source_id
    FROM sentences s LEFT JOIN old_sentences o USING (sentence_id)
    WHERE (o.sentence_id IS NULL OR sentence_fact(s) <> o.fact) AND s.person_id IN (SELECT person_id FROM people)
    UNION ALL
    SELECT CASE WHEN o.event_id IS NOT NULL THEN 'corrected' WHEN e.event_type = 'death' THEN 'death'
                WHEN e.event_type = 'release' THEN 'released' ELSE 'new event' END,
           e.event_date, e.person_id, e.description, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, e.source_section, e.source_id
    FROM events e LEFT JOIN old_events o USING (event_id)
    WHERE (o.event_id IS NULL OR event_fact(e) <> o.fact)
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
