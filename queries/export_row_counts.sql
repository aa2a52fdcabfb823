-- How many rows each download holds under the shared filters, counted without fetching them: the Data page
-- shows these and fetches a table only when its download is clicked. Same selections as queries/export_*.sql.
SELECT 'persons' AS table_name, count(*) AS n_rows
FROM filtered_persons(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                      sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                      statuses := $statuses)
UNION ALL
SELECT 'charges', count(*)
FROM filtered('dated_charges', date_from := $date_from, date_to := $date_to, regions := $regions,
              articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
              genders := $genders, statuses := $statuses)
UNION ALL
SELECT 'sentences', count(*)
FROM filtered('placed_sentences', date_from := $date_from, date_to := $date_to, regions := $regions,
              articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
              genders := $genders, statuses := $statuses)
UNION ALL
SELECT 'events', count(event_date)  -- every event has a date; count(*) would read the widest column, event_id
FROM filtered('placed_events', date_from := $date_from, date_to := $date_to, regions := $regions,
              articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
              genders := $genders, statuses := $statuses)
UNION ALL SELECT 'person_statuses', count(*) FROM person_statuses
UNION ALL SELECT 'figures', count(*) FROM figures
UNION ALL SELECT 'figure_members', count(*) FROM figure_members
UNION ALL SELECT 'ep_recommendations', count(*) FROM ep_recommendations
UNION ALL SELECT 'sources', count(*) FROM sources
UNION ALL SELECT 'regions', count(*) FROM regions
UNION ALL SELECT 'translations', count(*) FROM translations;
