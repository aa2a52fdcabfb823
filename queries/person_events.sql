-- One person's timeline. A month- or year-only date is drawn at the middle of its month or year,
-- with the span it could fall in, so a chart never shows it as the 1st or as January.
SELECT person_id, event_date, date_precision, event_type,
       CASE date_precision WHEN 'day' THEN strftime(event_date, '%-d %B %Y')
                           WHEN 'month' THEN strftime(event_date, '%B %Y')
                           ELSE strftime(event_date, '%Y') END AS date_label,
       CASE date_precision WHEN 'month' THEN last_day(event_date)
                           WHEN 'year' THEN CAST(event_date + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
                           ELSE event_date END AS period_end,
       event_date + CAST((CASE date_precision WHEN 'month' THEN last_day(event_date)
                                              WHEN 'year' THEN CAST(event_date + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
                                              ELSE event_date END - event_date) / 2 AS INTEGER) AS plotted_date,
       n_people, count_qualifier, city, description,
       string_split(source_section, ';') AS sections, [source_id] AS source_ids
FROM events
WHERE person_id = $person_id
ORDER BY event_date, event_id;
