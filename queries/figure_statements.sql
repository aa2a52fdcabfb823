-- Stated figures that more than one statement gives (another date or another source), each statement with its
-- date and source, so one figure can be compared across reports.
SELECT f.metric, f.description, f.as_of, f.value, f.qualifier, f.unit, s.title, s.published,
       string_split(f.source_section, ';') AS sections, [f.source_id] AS source_ids
FROM figures f
JOIN sources s USING (source_id)
WHERE f.metric IN (SELECT metric FROM figures GROUP BY metric HAVING count(*) > 1)
ORDER BY f.metric, f.as_of NULLS FIRST, s.published NULLS FIRST, f.source_id;
