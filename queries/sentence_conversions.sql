-- Restriction of liberty later replaced by prison (on appeal or by conversion): the two sentences side by side,
-- the first listed ones by the prison sentence's date (all when the limit is NULL), and how many pairs there are in
-- all. The pairs are found by the ETL (conversion_pairs); see filtered_conversions for how the filters apply.
SELECT c.person_id, p.name, c.restriction_date, c.restriction_months, c.prison_date, c.prison_months, c.changed_by,
       c.court, c.sections, c.source_ids,
       count(*) OVER () AS n_matching
FROM filtered_conversions(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                          sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                          statuses := $statuses) c
JOIN placed_persons p USING (person_no)
ORDER BY c.prison_date NULLS LAST, p.name, c.restriction_id, c.prison_id
LIMIT $listed;
