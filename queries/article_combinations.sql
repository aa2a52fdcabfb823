-- Criminal Code articles charged together against the same person: people per pair of articles.
WITH pairs AS (
    SELECT first_article, second_article, person_no, first_citation, second_citation
    FROM filtered_article_pairs(date_from := $date_from, date_to := $date_to, regions := $regions,
                                articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                                genders := $genders, statuses := $statuses)
),
counted AS (
    SELECT first_article, second_article, people_counted(person_no) AS n_people FROM pairs GROUP BY ALL
),
cited AS (  -- each pair's citations: both charges' sections, the first charge's source
    SELECT first_article, second_article,
           list_sort(list_distinct(flatten(list(ka.sections) || list(kb.sections)))) AS sections,
           sources_cited(ka.source_id) AS source_ids
    FROM (SELECT DISTINCT first_article, second_article, first_citation, second_citation FROM pairs) p
    JOIN citations ka ON ka.citation_no = p.first_citation
    JOIN citations kb ON kb.citation_no = p.second_citation
    GROUP BY ALL
)
SELECT first_article, second_article, n_people, sections, source_ids
FROM counted
JOIN cited USING (first_article, second_article)
ORDER BY n_people DESC, first_article, second_article;
