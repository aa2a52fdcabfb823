-- Bans on public and political activity added to sentences, by length.
WITH s AS (
    SELECT activity_ban_years, person_no, citation_no
    FROM filtered('placed_sentences', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
    WHERE activity_ban_years IS NOT NULL
),
counted AS (SELECT activity_ban_years, people_counted(person_no) AS n_people FROM s GROUP BY activity_ban_years),
cited AS (  -- each length's citations, from its few distinct citation numbers
    SELECT x.activity_ban_years, sections_cited(k.sections) AS sections, sources_cited(k.source_id) AS source_ids
    FROM (SELECT DISTINCT activity_ban_years, citation_no FROM s) x
    JOIN citations k USING (citation_no)
    GROUP BY x.activity_ban_years
)
SELECT activity_ban_years, n_people, sections, source_ids
FROM counted
JOIN cited USING (activity_ban_years)
ORDER BY activity_ban_years;
