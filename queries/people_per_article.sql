-- People charged per Criminal Code article and part (and per article, counting a person once); the five political articles always appear, at zero if nobody is charged.
WITH charged AS (
    SELECT *
    FROM filtered_charges($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    WHERE code = 'CC'
),
per_article AS (
    SELECT article, count(DISTINCT person_id) AS n_people_article FROM charged GROUP BY article
),
per_part AS (
    SELECT article, part, min(label) AS label, count(DISTINCT person_id) AS n_people,
           sections_cited(source_section) AS sections,
           sources_cited(source_id) AS source_ids
    FROM charged
    GROUP BY article, part
)
SELECT coalesce(pp.article, pa.article) AS article,
       pp.part,
       coalesce(CAST(coalesce(pp.article, pa.article) AS VARCHAR), 'not stated') AS article_name,
       coalesce('part ' || CAST(pp.part AS VARCHAR), 'part not stated') AS part_name,
       coalesce(pa.label, pp.label) AS label,
       coalesce(pp.n_people, 0) AS n_people,
       coalesce(a.n_people_article, 0) AS n_people_article,
       pa.article IS NOT NULL AS is_political,
       coalesce(pp.sections, []) AS sections,
       coalesce(pp.source_ids, []) AS source_ids
FROM per_part pp
FULL JOIN political_articles pa ON pa.article = pp.article
LEFT JOIN per_article a ON a.article IS NOT DISTINCT FROM coalesce(pp.article, pa.article)
ORDER BY is_political DESC, article NULLS LAST, part NULLS FIRST;
