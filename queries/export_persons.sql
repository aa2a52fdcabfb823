-- Download: the persons table as the shared filters select it (see filtered_persons for the period).
SELECT * EXCLUDE (placed_region_iso, placed_city, person_no, citation_no, search_key, has_case_place)
FROM filtered_persons(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                      sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                      statuses := $statuses)
ORDER BY person_id;
