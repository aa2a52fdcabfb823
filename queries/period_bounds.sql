-- The span of dated facts, for the period filter.
SELECT min(d) AS first_date, max(d) AS last_date
FROM (SELECT event_date AS d FROM events UNION ALL SELECT sentence_date FROM sentences);
