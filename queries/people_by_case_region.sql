-- People by the place of their case (case_places: a region where the source places one of their own events, such as
-- their court, detention facility or protest) rather than the region the source gives for them (people_by_region).
-- Every region, at zero if nobody; a person placed in two regions counts in each. The people counted are those the
-- filters keep, as in people_by_region, except that chosen regions are tested against the place of the case. While
-- no region is chosen, one row with a NULL region_iso counts the people with no place of their case, and its
-- n_no_place how many of them have no home region either: no place at all. People are counted once per region, and
-- the citations gathered from each region's distinct citation numbers.
WITH counted AS (
    SELECT person_no, region_iso AS home_region_iso, citation_no, has_case_place
    FROM filtered_persons(date_from := $date_from, date_to := $date_to, articles := $articles,
                          sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                          statuses := $statuses)
),
placed AS (
    SELECT c.case_region_iso AS region_iso, c.citation_no, c.person_no
    FROM case_places c
    SEMI JOIN counted USING (person_no)
    WHERE len($regions) = 0 OR list_contains($regions, c.case_region_iso)
),
unplaced AS (
    SELECT citation_no, count(*) AS n_people, count(*) FILTER (WHERE home_region_iso IS NULL) AS n_no_place
    FROM counted
    WHERE NOT has_case_place AND len($regions) = 0
    GROUP BY citation_no
),
per_region AS (
    SELECT region_iso, n_people, CAST(NULL AS BIGINT) AS n_no_place, sections, source_ids
    FROM (SELECT region_iso, people_counted(person_no) AS n_people FROM placed GROUP BY region_iso)
    JOIN (SELECT region_iso, sections_cited(k.sections) AS sections, sources_cited(k.source_id) AS source_ids
          FROM (SELECT DISTINCT region_iso, citation_no FROM placed) JOIN citations k USING (citation_no)
          GROUP BY region_iso) USING (region_iso)
    UNION ALL
    SELECT NULL, sum(n_people), sum(n_no_place), sections_cited(k.sections), sources_cited(k.source_id)
    FROM unplaced JOIN citations k USING (citation_no)
    HAVING count(*) > 0
)
SELECT region_iso, r.name_en AS region_name,
       CAST(coalesce(c.n_people, 0) AS BIGINT) AS n_people,
       CAST(c.n_no_place AS BIGINT) AS n_no_place,
       coalesce(c.sections, []) AS sections,
       coalesce(c.source_ids, []) AS source_ids
FROM per_region c
FULL JOIN regions r USING (region_iso)
ORDER BY n_people DESC, region_name NULLS LAST;
