-- Download: the whole translations table (record text translated by people; the shared filters do not apply).
SELECT * FROM translations ORDER BY table_name, row_id, column_name, language;
