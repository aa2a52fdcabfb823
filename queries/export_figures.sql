-- Download: the whole figures table (the shared filters do not apply to it).
SELECT * FROM figures ORDER BY metric, as_of;
