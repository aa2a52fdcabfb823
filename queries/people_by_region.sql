-- People by the region the source gives for them: every region, at zero if nobody; one row with a NULL
-- region_iso counts the people whose region the source does not give. With a period set, only the people counted
-- in it (see filtered_persons). Counted per citation first, so the citation lists are built from a few rows.
WITH counted AS (
    SELECT region_iso, citation_no, count(*) AS n_people
    FROM filtered_persons(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                          sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                          statuses := $statuses)
    GROUP BY ALL
),
per_region AS (
    SELECT region_iso, sum(n_people) AS n_people,
           sections_cited(k.sections) AS sections,
           sources_cited(k.source_id) AS source_ids
    FROM counted
    JOIN citations k USING (citation_no)
    GROUP BY region_iso
)
SELECT region_iso, r.name_en AS region_name,
       CAST(coalesce(c.n_people, 0) AS BIGINT) AS n_people,
       coalesce(c.sections, []) AS sections,
       coalesce(c.source_ids, []) AS source_ids
FROM per_region c
FULL JOIN regions r USING (region_iso)
ORDER BY n_people DESC, region_name NULLS LAST;
