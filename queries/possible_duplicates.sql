-- Rows that may be the same person as another row: the sources list both and we cannot tell, so each
-- stays its own row and says so in its notes.
SELECT person_id, name, notes, source_section
FROM persons
WHERE notes ILIKE '%duplicate%' OR notes ILIKE '%same person%'
ORDER BY name;
