-- People charged per article before and after the EP resolution, dating an undated charge by the person's
-- first sentence; what stays undated is counted as such.
WITH dated AS (
    SELECT c.article, c.person_id, c.source_section, c.source_id,
           coalesce(c.charge_date, (SELECT min(s.sentence_date) FROM sentences s WHERE s.person_id = c.person_id)) AS decided
    FROM filtered_charges($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses) c
    WHERE c.code = 'CC' AND c.article IS NOT NULL
)
SELECT article,
       CASE WHEN decided IS NULL THEN 'date not given'
            WHEN decided < (SELECT adopted FROM ep_resolution) THEN 'before the resolution'
            ELSE 'after the resolution' END AS period,
       count(DISTINCT person_id) AS n_people,
       list_sort(list_distinct(flatten(list(string_split(source_section, ';'))))) AS sections,
       list_sort(list_distinct(list(source_id))) AS source_ids
FROM dated
GROUP BY ALL
ORDER BY article, period;
