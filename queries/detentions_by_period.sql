-- Detention-type events per month (per year where only the year is known), by event type.
SELECT CASE WHEN date_precision = 'year' THEN date_trunc('year', event_date)
            ELSE date_trunc('month', event_date) END::DATE AS period_start,
       CASE WHEN date_precision = 'year' THEN 'year' ELSE 'month' END AS period,
       event_type,
       count(*) AS n_events,
       sum(coalesce(n_people, 1)) AS n_people,
       bool_or(count_qualifier IN ('at_least', 'more_than', 'approximately')) AS is_lower_bound,
       list_distinct(flatten(list(string_split(source_section, ';')))) AS sections,
       list_distinct(list(source_id)) AS source_ids
FROM filtered_events($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
WHERE list_contains($event_types, event_type)
GROUP BY ALL
ORDER BY period_start, event_type;
