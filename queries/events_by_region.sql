-- Events by region (the event's own region, or else its person's): every region, at zero if none; one row
-- with a NULL region_iso counts the events with no region in the source. n_people counts a person's event as 1.
WITH placed AS (
    SELECT placed_region_iso AS region_iso, citation_no, 1 AS n_events, coalesce(n_people, 1) AS n_people
    FROM filtered('placed_events', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
)
SELECT * FROM cited_per_region('placed')
ORDER BY n_events DESC, region_name NULLS LAST;
