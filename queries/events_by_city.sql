-- Events by city (the event's own city, or else its person's), with the region the records give for them;
-- one row with a NULL city counts the events whose city the source does not give.
WITH placed AS (
    SELECT coalesce(e.city, p.city) AS city, coalesce(e.region_iso, p.region_iso) AS region_iso,
           e.n_people, e.source_id, e.source_section
    FROM filtered_events($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses) e
    LEFT JOIN persons p ON p.person_id = e.person_id
)
SELECT city,
       string_agg(DISTINCT r.name_en, '; ' ORDER BY r.name_en) AS region_name,
       count(*) AS n_events,
       CAST(sum(coalesce(n_people, 1)) AS BIGINT) AS n_people,
       list_distinct(flatten(list(string_split(source_section, ';')))) AS sections,
       list_distinct(list(source_id)) AS source_ids
FROM placed
LEFT JOIN regions r USING (region_iso)
GROUP BY city
ORDER BY n_events DESC, city NULLS LAST;
