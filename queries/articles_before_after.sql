-- People charged per article before and after the EP resolution, dating an undated charge by the person's
-- first sentence; what stays undated is counted as such.
WITH dated AS (
    SELECT article, person_no, citation_no,
           CASE WHEN decided_date IS NULL THEN 'date not given'
                WHEN decided_date < (SELECT adopted FROM ep_resolution) THEN 'before the resolution'
                ELSE 'after the resolution' END AS period
    FROM filtered('dated_charges', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
    WHERE code = 'CC' AND article IS NOT NULL
),
counted AS (
    SELECT article, period, people_counted(person_no) AS n_people FROM dated GROUP BY article, period
),
cited AS (  -- each bar's citations, from its few distinct citation numbers
    SELECT d.article, d.period, sections_cited(k.sections) AS sections, sources_cited(k.source_id) AS source_ids
    FROM (SELECT DISTINCT article, period, citation_no FROM dated) d
    JOIN citations k USING (citation_no)
    GROUP BY d.article, d.period
)
SELECT article, period, n_people, sections, source_ids
FROM counted
JOIN cited USING (article, period)
ORDER BY article, period;
