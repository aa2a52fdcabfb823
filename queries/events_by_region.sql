-- Events by region (the event's own region, or else its person's): every region, at zero if none; one row
-- with a NULL region_iso counts the events with no region in the source. n_people counts a person's event as 1.
-- Counted per citation first, so the citation lists are built from a few rows per region.
WITH counted AS (
    SELECT placed_region_iso AS region_iso, citation_no,
           count(*) AS n_events, sum(coalesce(n_people, 1)) AS n_people
    FROM filtered_events(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                         sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                         statuses := $statuses)
    GROUP BY ALL
),
per_region AS (
    SELECT region_iso, CAST(sum(n_events) AS BIGINT) AS n_events, CAST(sum(n_people) AS BIGINT) AS n_people,
           sections_cited(k.sections) AS sections,
           sources_cited(k.source_id) AS source_ids
    FROM counted
    JOIN citations k USING (citation_no)
    GROUP BY region_iso
)
SELECT region_iso, r.name_en AS region_name,
       coalesce(c.n_events, 0) AS n_events,
       coalesce(c.n_people, 0) AS n_people,
       coalesce(c.sections, []) AS sections,
       coalesce(c.source_ids, []) AS source_ids
FROM per_region c
FULL JOIN regions r USING (region_iso)
ORDER BY n_events DESC, region_name NULLS LAST;
