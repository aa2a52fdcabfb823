-- Political prisoners among the people the filters keep, by the group the source puts them in (convicted,
-- pre-trial, psychiatric; NULL where it gives none). Counted per citation first, as people_by_region does.
WITH counted AS (
    SELECT prisoner_group, citation_no, count(*) AS n_people
    FROM filtered_persons(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                          sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                          statuses := $statuses)
    WHERE is_political_prisoner
    GROUP BY ALL
)
SELECT prisoner_group, CAST(sum(n_people) AS BIGINT) AS n_people,
       sections_cited(k.sections) AS sections,
       sources_cited(k.source_id) AS source_ids
FROM counted
JOIN citations k USING (citation_no)
GROUP BY prisoner_group
ORDER BY n_people DESC, prisoner_group NULLS LAST;
