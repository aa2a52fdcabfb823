-- Dates to mark on timelines: bans of movements, European Parliament resolutions, mass detentions at rallies.
SELECT event_date, event_type, n_people, count_qualifier, description, source_section
FROM events
WHERE person_id IS NULL
  AND date_precision = 'day'
  AND event_type IN ('movement_ban', 'resolution', 'mass_detention')
  AND in_period(event_date, $date_from, $date_to)
ORDER BY event_date;
