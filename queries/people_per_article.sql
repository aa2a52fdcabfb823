-- People charged per Criminal Code article and part (and per article, counting a person once); the five political articles always appear, at zero if nobody is charged.
WITH charged AS (
    SELECT article, part, label, person_no, citation_no
    FROM filtered('dated_charges', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
    WHERE code = 'CC'
),
per_article AS (
    SELECT article, people_counted(person_no) AS n_people_article FROM charged GROUP BY article
),
per_part AS (
    SELECT article, part, min(label) AS label, people_counted(person_no) AS n_people FROM charged GROUP BY article, part
),
cited AS (  -- each part's citations, from its few distinct citation numbers
    SELECT c.article, c.part, sections_cited(k.sections) AS sections, sources_cited(k.source_id) AS source_ids
    FROM (SELECT DISTINCT article, part, citation_no FROM charged) c
    JOIN citations k USING (citation_no)
    GROUP BY c.article, c.part
)
SELECT coalesce(pp.article, pa.article) AS article,
       pp.part,
       coalesce(CAST(coalesce(pp.article, pa.article) AS VARCHAR), 'not stated') AS article_name,
       coalesce('part ' || CAST(pp.part AS VARCHAR), 'part not stated') AS part_name,
       coalesce(pa.label, pp.label) AS label,
       coalesce(pp.n_people, 0) AS n_people,
       coalesce(a.n_people_article, 0) AS n_people_article,
       pa.article IS NOT NULL AS is_political,
       coalesce(ct.sections, []) AS sections,
       coalesce(ct.source_ids, []) AS source_ids
FROM per_part pp
LEFT JOIN cited ct ON ct.article IS NOT DISTINCT FROM pp.article AND ct.part IS NOT DISTINCT FROM pp.part
FULL JOIN political_articles pa ON pa.article = pp.article
LEFT JOIN per_article a ON a.article IS NOT DISTINCT FROM coalesce(pp.article, pa.article)
ORDER BY is_political DESC, article NULLS LAST, part NULLS FIRST;
