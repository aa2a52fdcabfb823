-- Events by region (the event's own region, or else its person's): every region, at zero if none; one row
-- with a NULL region_iso counts the events with no region in the source. n_people counts a person's event as 1.
WITH placed AS (
    SELECT coalesce(e.region_iso, p.region_iso) AS region_iso, e.n_people, e.source_id, e.source_section
    FROM filtered_events($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses) e
    LEFT JOIN persons p ON p.person_id = e.person_id
),
counted AS (
    SELECT region_iso, count(*) AS n_events, CAST(sum(coalesce(n_people, 1)) AS BIGINT) AS n_people,
           list_distinct(flatten(list(string_split(source_section, ';')))) AS sections,
           list_distinct(list(source_id)) AS source_ids
    FROM placed
    GROUP BY region_iso
)
SELECT region_iso, r.name_en AS region_name,
       coalesce(c.n_events, 0) AS n_events,
       coalesce(c.n_people, 0) AS n_people,
       coalesce(c.sections, []) AS sections,
       coalesce(c.source_ids, []) AS source_ids
FROM counted c
FULL JOIN regions r USING (region_iso)
ORDER BY n_events DESC, region_name NULLS LAST;
