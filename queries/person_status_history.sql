-- One person's status over time: every statement of it, oldest first, each with its source and section; the
-- latest is the status the dashboard shows.
SELECT h.as_of, h.status, s.title, h.source_section, h.is_latest,
       string_split(h.source_section, ';') AS sections, [h.source_id] AS source_ids
FROM status_history h
JOIN sources s USING (source_id)
WHERE h.person_id = $person_id
ORDER BY h.as_of, h.is_latest, s.published NULLS FIRST, h.source_id;
