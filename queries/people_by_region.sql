-- People by the region the source gives for them: every region, at zero if nobody; one row with a NULL
-- region_iso counts the people whose region the source does not give, and its n_no_place how many of them have no
-- place of their case either (people_by_case_region): no place at all. With a period set, only the people counted
-- in it (see filtered_persons).
WITH placed AS (
    SELECT region_iso, citation_no, 1 AS n_people, CAST(region_iso IS NULL AND NOT has_case_place AS INTEGER) AS n_no_place
    FROM filtered_persons(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                          sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                          statuses := $statuses)
)
SELECT * FROM cited_per_region('placed')
ORDER BY n_people DESC, region_name NULLS LAST;
