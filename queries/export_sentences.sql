-- Download: the sentences table as the shared filters select it.
SELECT * EXCLUDE (placed_region_iso, placed_city, person_no, citation_no)
FROM filtered('placed_sentences', date_from := $date_from, date_to := $date_to, regions := $regions,
              articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
              genders := $genders, statuses := $statuses)
ORDER BY sentence_id;
