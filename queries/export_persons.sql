-- Download: the persons table as the shared filters select it. While a period is set, only people
-- with a charge, sentence or event in it (a person's own row has no date), as on the People page.
SELECT p.*
FROM filtered_persons($regions, $articles, $sentence_types, $affiliations, $genders, $statuses) p
WHERE ($date_from IS NULL AND $date_to IS NULL)
   OR p.person_id IN (
        SELECT person_id FROM filtered_charges($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
        UNION SELECT person_id FROM filtered_sentences($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
        UNION SELECT person_id FROM filtered_events($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses))
ORDER BY p.person_id;
