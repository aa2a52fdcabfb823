-- Download: the events table (the timeline) as the shared filters select it.
SELECT * EXCLUDE (placed_region_iso, placed_city, person_no, citation_no, place_no)
FROM filtered('placed_events', date_from := $date_from, date_to := $date_to, regions := $regions,
              articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
              genders := $genders, statuses := $statuses)
ORDER BY event_date, event_id;
