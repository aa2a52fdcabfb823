-- Download: the persons table as the shared filters select it (see dated_persons for the period).
SELECT *
FROM dated_persons($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
ORDER BY person_id;
