-- Events by city (the event's own city, or else its person's), with the region the records give for them;
-- one row with a NULL city counts the events whose city the source does not give. Counted per place and
-- citation first, so the lists are built from a few rows per city.
WITH counted AS (
    SELECT place_no, citation_no, count(*) AS n_events, sum(coalesce(n_people, 1)) AS n_people
    FROM filtered('placed_events', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
    GROUP BY ALL
)
SELECT pl.city,
       string_agg(DISTINCT r.name_en, '; ' ORDER BY r.name_en) AS region_name,
       CAST(sum(c.n_events) AS BIGINT) AS n_events,
       CAST(sum(c.n_people) AS BIGINT) AS n_people,
       sections_cited(k.sections) AS sections,
       sources_cited(k.source_id) AS source_ids
FROM counted c
JOIN places pl USING (place_no)
JOIN citations k USING (citation_no)
LEFT JOIN regions r USING (region_iso)
GROUP BY pl.city
ORDER BY n_events DESC, city NULLS LAST;
