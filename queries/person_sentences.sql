-- One person's sentences and changes of sentence, in date order.
SELECT person_id, sentence_type, term_months, term_days, activity_ban_years, fine_amount, fine_currency,
       court, stage, sentence_date,
       CASE date_precision WHEN 'day' THEN strftime(sentence_date, '%-d %B %Y')
                           WHEN 'month' THEN strftime(sentence_date, '%B %Y')
                           WHEN 'year' THEN strftime(sentence_date, '%Y') END AS date_label,
       sentence_date AS fact_date, date_precision,
       string_split(source_section, ';') AS sections, [source_id] AS source_ids
FROM sentences
WHERE person_id = $person_id
ORDER BY sentence_date NULLS LAST, sentence_id;
