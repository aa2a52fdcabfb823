-- Criminal Code articles charged together against the same person: people per pair of articles.
WITH person_articles AS (
    SELECT DISTINCT person_id, article, source_section, source_id
    FROM filtered_charges($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    WHERE code = 'CC' AND article IS NOT NULL
)
SELECT a.article AS first_article, b.article AS second_article,
       count(DISTINCT a.person_id) AS n_people,
       sections_cited(a.source_section || ';' || b.source_section) AS sections,
       sources_cited(a.source_id) AS source_ids
FROM person_articles a
JOIN person_articles b ON a.person_id = b.person_id AND a.article < b.article
GROUP BY ALL
ORDER BY n_people DESC, first_article, second_article;
