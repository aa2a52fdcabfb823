-- The people behind one bar of the sentences chart: everyone with a sentence of the chosen type.
SELECT p.person_id, p.name, s.sentence_type, s.stage, s.sentence_date, s.date_precision, s.term_months,
       s.term_days, s.activity_ban_years, s.court, s.source_section
FROM filtered_sentences($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses) s
JOIN persons p USING (person_id)
WHERE s.sentence_type = $chosen_type
ORDER BY s.sentence_date NULLS LAST, p.name;
