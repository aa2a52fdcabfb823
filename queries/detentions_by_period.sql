-- Detention-type events per month (per year where only the year is known), by event type. Counted per
-- citation first, so the citation lists are built from a few rows per bar.
WITH counted AS (
    SELECT CASE WHEN date_precision = 'year' THEN date_trunc('year', event_date)
                ELSE date_trunc('month', event_date) END::DATE AS period_start,
           CASE WHEN date_precision = 'year' THEN 'year' ELSE 'month' END AS period,
           event_type, citation_no,
           count(*) AS n_events,
           sum(coalesce(n_people, 1)) AS n_people,
           bool_or(count_qualifier IN ('at_least', 'more_than', 'approximately')) AS is_lower_bound
    FROM filtered('placed_events', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
    WHERE list_position($event_types, event_type) IS NOT NULL  -- list_contains here is planned as a join, slower
    GROUP BY ALL
)
SELECT period_start, period, event_type,
       CAST(sum(n_events) AS BIGINT) AS n_events,
       sum(n_people) AS n_people,
       bool_or(is_lower_bound) AS is_lower_bound,
       sections_cited(k.sections) AS sections,
       sources_cited(k.source_id) AS source_ids
FROM counted
JOIN citations k USING (citation_no)
GROUP BY period_start, period, event_type
ORDER BY period_start, period, event_type;
