-- Download: the whole regions table (the shared filters do not apply to it).
SELECT * FROM regions ORDER BY region_iso;
