-- Download: the events table (the timeline) as the shared filters select it.
SELECT * EXCLUDE (placed_region_iso, placed_city)
FROM filtered_events($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
ORDER BY event_date, event_id;
