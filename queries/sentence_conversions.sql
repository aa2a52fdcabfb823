-- Restriction of liberty later replaced by prison (on appeal or by conversion): the two sentences side by side,
-- the first listed ones by the prison sentence's date (all when the limit is NULL), and how many pairs there are in
-- all. Both sentences of a pair count, whatever their type: a chosen sentence type keeps the pairs of the people
-- who received one (the person's filter values), so it is passed to filtered_persons rather than filtered_sentences.
-- The first pairs are chosen before their citation lists are built.
WITH s AS (
    SELECT *
    FROM filtered_sentences(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                            affiliations := $affiliations, genders := $genders, statuses := $statuses)
), listed AS (
    SELECT p.person_id, p.name, r.sentence_date AS restriction_date, r.term_months AS restriction_months,
           i.sentence_date AS prison_date, i.term_months AS prison_months, i.stage AS changed_by, i.court,
           r.sentence_id AS restriction_id, i.sentence_id AS prison_id,
           r.source_section || ';' || i.source_section AS cited_sections, [r.source_id, i.source_id] AS cited_sources,
           count(*) OVER () AS n_matching
    FROM s r
    JOIN s i ON i.person_no = r.person_no
            AND r.sentence_type = 'restriction_of_liberty'
            AND i.sentence_type = 'imprisonment'
            AND i.stage IN ('appeal', 'conversion')
            AND i.sentence_id > r.sentence_id
    JOIN filtered_persons(sentence_types := $sentence_types) p ON p.person_no = r.person_no
    ORDER BY prison_date NULLS LAST, p.name, r.sentence_id, i.sentence_id
    LIMIT $listed
)
SELECT person_id, name, restriction_date, restriction_months, prison_date, prison_months, changed_by, court,
       list_sort(list_distinct(string_split(cited_sections, ';'))) AS sections,
       list_sort(list_distinct(cited_sources)) AS source_ids,
       n_matching
FROM listed
ORDER BY prison_date NULLS LAST, name, restriction_id, prison_id;
