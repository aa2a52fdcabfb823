-- A small timeline: recorded events per year and group of event types (event_type_groups: at most eight groups,
-- each with a colour of its own). Counted per type and citation first, so the citation lists are built from a few
-- rows per bar rather than from every event.
WITH counted AS (
    SELECT year(event_date) AS year, event_type, citation_no, count(*) AS n_events
    FROM filtered('placed_events', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
    GROUP BY ALL
)
SELECT year, g.event_group, CAST(sum(n_events) AS BIGINT) AS n_events,
       sections_cited(k.sections) AS sections,
       sources_cited(k.source_id) AS source_ids
FROM counted
JOIN event_type_groups g USING (event_type)
JOIN citations k USING (citation_no)
GROUP BY year, g.event_group
ORDER BY year, g.event_group;
