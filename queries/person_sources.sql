-- The sources behind every row about one person, with the sections those rows cite.
WITH cited AS (
    SELECT source_id, source_section FROM persons WHERE person_id = $person_id
    UNION ALL SELECT source_id, source_section FROM charges WHERE person_id = $person_id
    UNION ALL SELECT source_id, source_section FROM sentences WHERE person_id = $person_id
    UNION ALL SELECT source_id, source_section FROM events WHERE person_id = $person_id
    UNION ALL SELECT source_id, source_section FROM figure_members WHERE person_id = $person_id
), sections AS (
    SELECT source_id, trim(unnest(string_split(source_section, ';'))) AS section FROM cited
)
SELECT s.title, s.publisher, s.published,
       array_to_string(list_sort(list_distinct(list(TRY_CAST(x.section AS INTEGER)))), ', ') AS sections_cited,
       list_sort(list_distinct(list(x.section))) AS sections, [x.source_id] AS source_ids
FROM sections x
JOIN sources s USING (source_id)
GROUP BY s.title, s.publisher, s.published, x.source_id
ORDER BY s.published NULLS LAST, s.title;
