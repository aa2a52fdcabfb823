-- Stated figures given for more than one date (e.g. political prisoners at the resolution and later).
WITH dated AS (SELECT * FROM figures WHERE as_of IS NOT NULL),
moved AS (SELECT metric FROM dated GROUP BY metric HAVING count(*) > 1)
SELECT d.metric, d.as_of, d.value, d.qualifier, d.unit, d.description,
       string_split(d.source_section, ';') AS sections, [d.source_id] AS source_ids
FROM dated d JOIN moved USING (metric)
ORDER BY d.metric, d.as_of;
