-- The reviewed translations into one language, each beside the English record text it translates (the loader
-- shows a reader's language where one exists: dashboard/loader.py).
SELECT original, text FROM record_translations WHERE language = $language ORDER BY original;
