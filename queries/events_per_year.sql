-- A small timeline: recorded events per year and type.
SELECT year(event_date) AS year, event_type, count(*) AS n_events,
       list_distinct(flatten(list(string_split(source_section, ';')))) AS sections,
       list_distinct(list(source_id)) AS source_ids
FROM filtered_events($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
GROUP BY ALL
ORDER BY year, event_type;
