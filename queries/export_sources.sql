-- Download: the whole sources table (the shared filters do not apply to it).
SELECT * FROM sources ORDER BY source_id;
