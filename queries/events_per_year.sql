-- A small timeline: recorded events per year and type. Counted per cited section and source first, so the
-- citation lists are built from a few rows per bar rather than from every event.
WITH counted AS (
    SELECT year(event_date) AS year, event_type, source_section, source_id, count(*) AS n_events
    FROM filtered_events($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    GROUP BY ALL
)
SELECT year, event_type, CAST(sum(n_events) AS BIGINT) AS n_events,
       sections_cited(source_section) AS sections,
       sources_cited(source_id) AS source_ids
FROM counted
GROUP BY year, event_type
ORDER BY year, event_type;
