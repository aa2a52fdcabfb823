-- Values the sidebar filters offer, from the data itself.
SELECT 'region' AS filter, r.region_iso AS value, r.name_en AS label FROM regions r
UNION ALL
SELECT 'article', CAST(article AS VARCHAR), CAST(article AS VARCHAR) || ' ' || label FROM political_articles
UNION ALL
SELECT DISTINCT 'article', CAST(article AS VARCHAR), CAST(article AS VARCHAR) || ' ' || first(label ORDER BY charge_id) OVER (PARTITION BY article)
FROM charges WHERE code = 'CC' AND article IS NOT NULL AND article NOT IN (SELECT article FROM political_articles)
UNION ALL
SELECT DISTINCT 'sentence_type', sentence_type, replace(sentence_type, '_', ' ') FROM sentences
UNION ALL
SELECT DISTINCT 'affiliation', a, CASE a WHEN '405' THEN '405 (human-rights movement)' ELSE a END FROM (SELECT unnest(affiliations) AS a FROM persons)
UNION ALL
SELECT DISTINCT 'gender', coalesce(gender, 'unknown'), coalesce(gender, 'not stated') FROM persons
UNION ALL
SELECT DISTINCT 'status', status, replace(status, '_', ' ') FROM persons
ORDER BY filter, value;
