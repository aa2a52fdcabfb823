-- Download: the whole person_statuses table, the later statements of a person's status (the shared filters do not
-- apply to it; each person's own row in persons holds the first).
SELECT * FROM person_statuses ORDER BY person_id, as_of, source_id;
