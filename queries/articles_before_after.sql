-- People charged per article before and after the EP resolution, dating an undated charge by the person's
-- first sentence; what stays undated is counted as such.
WITH dated AS (
    SELECT c.article, c.person_id, c.source_section, c.source_id,
           coalesce(c.charge_date, p.first_sentence_date) AS decided
    FROM filtered_charges($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses) c
    JOIN person_summary p USING (person_id)
    WHERE c.code = 'CC' AND c.article IS NOT NULL
)
SELECT article,
       CASE WHEN decided IS NULL THEN 'date not given'
            WHEN decided < (SELECT adopted FROM ep_resolution) THEN 'before the resolution'
            ELSE 'after the resolution' END AS period,
       count(DISTINCT person_id) AS n_people,
       sections_cited(source_section) AS sections,
       sources_cited(source_id) AS source_ids
FROM dated
GROUP BY ALL
ORDER BY article, period;
