-- Sentences by type: people and sentences, with the stage (first instance, appeal, conversion...).
SELECT sentence_type, stage, count(DISTINCT person_id) AS n_people, count(*) AS n_sentences,
       list_distinct(flatten(list(string_split(source_section, ';')))) AS sections,
       list_distinct(list(source_id)) AS source_ids
FROM filtered_sentences($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
GROUP BY ALL
ORDER BY sentence_type, stage;
