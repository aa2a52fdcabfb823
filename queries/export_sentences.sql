-- Download: the sentences table as the shared filters select it.
SELECT * FROM filtered_sentences($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
ORDER BY sentence_id;
