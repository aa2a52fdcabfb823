-- Term lengths in months by sentence type (sentences with a stated term only).
SELECT sentence_type, term_months, count(*) AS n_sentences, count(DISTINCT person_id) AS n_people,
       sections_cited(source_section) AS sections,
       sources_cited(source_id) AS source_ids
FROM filtered_sentences($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
WHERE term_months IS NOT NULL
GROUP BY ALL
ORDER BY term_months, sentence_type;
