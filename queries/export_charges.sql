-- Download: the charges table as the shared filters select it.
SELECT * EXCLUDE (decided_date, placed_region_iso, placed_city, person_no, citation_no)
FROM filtered('dated_charges', date_from := $date_from, date_to := $date_to, regions := $regions,
              articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
              genders := $genders, statuses := $statuses)
ORDER BY charge_id;
