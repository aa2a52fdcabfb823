-- Restriction of liberty later replaced by prison (on appeal or by conversion): the two sentences side by side,
-- the first $listed by the prison sentence's date (all when NULL), and how many pairs there are in all.
WITH s AS (
    SELECT * FROM sentences_in($date_from, $date_to, [])
    WHERE len($regions) = 0 AND NOT any_filter_set($articles, $sentence_types, $affiliations, $genders, $statuses)
    UNION ALL  -- all of a matching person's sentences: both of a pair count, whatever the sentence-type filter
    SELECT * FROM sentences_in($date_from, $date_to, [])
    WHERE (len($regions) > 0 OR any_filter_set($articles, $sentence_types, $affiliations, $genders, $statuses))
      AND person_id IN (SELECT person_id FROM filtered_persons($regions, $articles, $sentence_types, $affiliations, $genders, $statuses))
)
SELECT p.person_id, p.name,
       r.sentence_date AS restriction_date, r.term_months AS restriction_months,
       i.sentence_date AS prison_date, i.term_months AS prison_months, i.stage AS changed_by, i.court,
       list_sort(list_distinct(string_split(r.source_section || ';' || i.source_section, ';'))) AS sections,
       list_sort(list_distinct([r.source_id, i.source_id])) AS source_ids,
       count(*) OVER () AS n_matching
FROM s r
JOIN s i ON i.person_id = r.person_id
        AND r.sentence_type = 'restriction_of_liberty'
        AND i.sentence_type = 'imprisonment'
        AND i.stage IN ('appeal', 'conversion')
        AND i.sentence_id > r.sentence_id
JOIN persons p ON p.person_id = r.person_id
ORDER BY prison_date NULLS LAST, p.name, r.sentence_id, i.sentence_id
LIMIT $listed;
