-- Download: the charges table as the shared filters select it.
SELECT * EXCLUDE (decided_date) FROM filtered_charges($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
ORDER BY charge_id;
