-- The people behind one bar of the sentences chart: everyone with a sentence of the chosen type (when the type is
-- NULL, of the type with the most people, the chart's first bar), the first listed ones by date and then sentence
-- id (all when the limit is NULL), and how many such sentences there are in all. The first are chosen before names
-- are joined, so a type with tens of thousands of sentences joins a thousand. The branch of chosen that does not
-- apply is removed by its condition on $chosen_type before anything is read.
WITH sentences AS NOT MATERIALIZED (
    SELECT person_no, sentence_id, sentence_type, stage, sentence_date, date_precision, term_months, term_days,
           activity_ban_years, court, source_section
    FROM filtered('placed_sentences', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
), chosen AS (
    SELECT * FROM sentences WHERE $chosen_type IS NOT NULL AND sentence_type = $chosen_type
    UNION ALL
    SELECT * FROM sentences
    WHERE $chosen_type IS NULL AND sentence_type = (  -- ordered as queries/sentence_types.sql orders its bars
        SELECT sentence_type FROM sentences GROUP BY sentence_type
        ORDER BY people_counted(person_no) DESC, sentence_type LIMIT 1)
), listed AS (
    SELECT * FROM chosen ORDER BY sentence_date NULLS LAST, sentence_id LIMIT $listed
)
SELECT p.person_id, p.name, s.sentence_type, s.stage, s.sentence_date, s.date_precision, s.term_months,
       s.term_days, s.activity_ban_years, s.court, s.source_section,
       (SELECT count(*) FROM chosen) AS n_matching
FROM listed s
JOIN placed_persons p USING (person_no)
ORDER BY s.sentence_date NULLS LAST, s.sentence_id;
