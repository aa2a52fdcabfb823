-- Sentences by type and stage (first instance, appeal, conversion...), with the people per type counted once.
WITH s AS (
    SELECT * FROM filtered_sentences($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
),
per_type AS (SELECT sentence_type, count(DISTINCT person_id) AS n_people_type FROM s GROUP BY sentence_type)
SELECT sentence_type, stage, count(DISTINCT person_id) AS n_people, count(*) AS n_sentences,
       any_value(n_people_type) AS n_people_type,
       sections_cited(source_section) AS sections,
       sources_cited(source_id) AS source_ids
FROM s JOIN per_type USING (sentence_type)
GROUP BY sentence_type, stage
ORDER BY n_people_type DESC, sentence_type, stage;
