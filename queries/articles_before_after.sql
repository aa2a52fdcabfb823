-- People charged per article before and after the EP resolution, dating an undated charge by the person's
-- first sentence; what stays undated is counted as such.
WITH dated AS (
    SELECT article, person_id, source_section, source_id, decided_date AS decided
    FROM filtered_charges($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    WHERE code = 'CC' AND article IS NOT NULL
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
