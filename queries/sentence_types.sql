-- Sentences by type and stage (first instance, appeal, conversion...), with the people per type counted once.
WITH s AS (
    SELECT sentence_type, stage, person_no, citation_no
    FROM filtered('placed_sentences', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
),
per_type AS (SELECT sentence_type, people_counted(person_no) AS n_people_type FROM s GROUP BY sentence_type),
per_stage AS (
    SELECT sentence_type, stage, people_counted(person_no) AS n_people, count(*) AS n_sentences
    FROM s GROUP BY sentence_type, stage
),
cited AS (  -- each bar's citations, from its few distinct citation numbers
    SELECT x.sentence_type, x.stage, sections_cited(k.sections) AS sections, sources_cited(k.source_id) AS source_ids
    FROM (SELECT DISTINCT sentence_type, stage, citation_no FROM s) x
    JOIN citations k USING (citation_no)
    GROUP BY x.sentence_type, x.stage
)
SELECT sentence_type, stage, n_people, n_sentences, n_people_type, sections, source_ids
FROM per_stage
JOIN per_type USING (sentence_type)
JOIN cited USING (sentence_type, stage)
ORDER BY n_people_type DESC, sentence_type, stage;
