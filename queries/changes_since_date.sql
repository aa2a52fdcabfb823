-- Facts dated after $since about the people the person filters select: new persons (first dated fact after it),
-- new charges, new sentences, releases, restriction of liberty converted to prison, deaths; and stated figures
-- whose value moved after it (group facts, not filtered). One row per fact, with its source and section, and what it
-- says as values (a status, a charge's code, article, part, offence and outcome, a sentence's type, term and stage, a
-- figure's values): dashboard/changes.py words them in the reader's language. `description` is record text, where
-- the fact has its own (a release, a death, a figure).
WITH people AS (
    SELECT person_id, status, status_as_of, source_section, source_id
    FROM filtered_persons(regions := $regions, articles := $articles, sentence_types := $sentence_types,
                          affiliations := $affiliations, genders := $genders, statuses := $statuses)
),
dated AS (
    SELECT person_id, event_date AS d FROM events WHERE person_id IS NOT NULL
    UNION ALL SELECT person_id, charge_date FROM charges
    UNION ALL SELECT person_id, sentence_date FROM sentences
),
first_fact AS (SELECT person_id, min(d) AS first_date FROM dated WHERE d IS NOT NULL GROUP BY person_id),
figure_steps AS (
    SELECT *, lag(value) OVER (PARTITION BY metric ORDER BY as_of) AS previous_value,
           lag(as_of) OVER (PARTITION BY metric ORDER BY as_of) AS previous_as_of
    FROM figures WHERE as_of IS NOT NULL
),
changes AS (
    SELECT 'new person' AS change, f.first_date AS fact_date, NULL AS date_precision, p.person_id,
           NULL AS description, NULL AS previous_status, p.status, p.status_as_of, NULL AS code, NULL AS article,
           NULL AS part, NULL AS label, NULL AS outcome, NULL AS sentence_type, NULL AS term_months, NULL AS stage,
           NULL AS previous_value, NULL AS previous_as_of, NULL AS value, p.source_section, p.source_id
    FROM people p JOIN first_fact f USING (person_id) WHERE f.first_date > $since
    UNION ALL
    SELECT 'new charge', c.charge_date, c.date_precision, c.person_id, NULL, NULL, NULL, NULL, c.code, c.article,
           c.part, c.label, c.outcome, NULL, NULL, NULL, NULL, NULL, NULL, c.source_section, c.source_id
    FROM charges c WHERE c.charge_date > $since AND c.person_id IN (SELECT person_id FROM people)
    UNION ALL
    SELECT CASE WHEN s.stage = 'conversion' AND s.sentence_type = 'imprisonment' THEN 'converted to prison'
                ELSE 'new sentence' END,
           s.sentence_date, s.date_precision, s.person_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           s.sentence_type, s.term_months, s.stage, NULL, NULL, NULL, s.source_section, s.source_id
    FROM sentences s WHERE s.sentence_date > $since AND s.person_id IN (SELECT person_id FROM people)
    UNION ALL
    SELECT CASE e.event_type WHEN 'release' THEN 'released' ELSE 'death' END, e.event_date, e.date_precision,
           e.person_id, e.description, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, e.source_section, e.source_id
    FROM events e
    WHERE e.event_type IN ('release', 'death') AND e.event_date > $since
      AND (e.person_id IN (SELECT person_id FROM people)
           OR (e.person_id IS NULL  -- a group event, while no filter is set
               AND NOT filters_set(regions := $regions, articles := $articles, sentence_types := $sentence_types,
                                   affiliations := $affiliations, genders := $genders, statuses := $statuses)))
    UNION ALL
    SELECT 'figure moved', as_of, as_of_precision, NULL, description, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, previous_value, previous_as_of, value, source_section, source_id
    FROM figure_steps WHERE previous_value IS NOT NULL AND value <> previous_value AND as_of > $since
)
SELECT c.change, c.fact_date, c.date_precision, c.person_id, p.name, c.* EXCLUDE (change, fact_date, date_precision,
       person_id, source_section, source_id),
       string_split(c.source_section, ';') AS sections, [c.source_id] AS source_ids
FROM changes c LEFT JOIN persons p USING (person_id)
ORDER BY c.fact_date, c.change, p.name NULLS FIRST, c.description, c.label, c.sentence_type;
