-- Term lengths in months by sentence type (sentences with a stated term only).
WITH s AS (
    SELECT sentence_type, term_months, person_no, citation_no
    FROM filtered('placed_sentences', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
    WHERE term_months IS NOT NULL
),
counted AS (
    SELECT sentence_type, term_months, count(*) AS n_sentences, people_counted(person_no) AS n_people
    FROM s GROUP BY sentence_type, term_months
),
cited AS (  -- each bar's citations, from its few distinct citation numbers
    SELECT x.sentence_type, x.term_months,
           sections_cited(k.sections) AS sections, sources_cited(k.source_id) AS source_ids
    FROM (SELECT DISTINCT sentence_type, term_months, citation_no FROM s) x
    JOIN citations k USING (citation_no)
    GROUP BY x.sentence_type, x.term_months
)
SELECT sentence_type, term_months, n_sentences, n_people, sections, source_ids
FROM counted
JOIN cited USING (sentence_type, term_months)
ORDER BY term_months, sentence_type;
