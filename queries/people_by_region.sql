-- People by the region the source gives for them: every region, at zero if nobody; one row with a NULL
-- region_iso counts the people whose region the source does not give. With a period set, only the people counted
-- in it (see filtered_persons).
WITH placed AS (
    SELECT region_iso, citation_no, 1 AS n_people
    FROM filtered_persons(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                          sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                          statuses := $statuses)
)
SELECT * FROM cited_per_region('placed')
ORDER BY n_people DESC, region_name NULLS LAST;
