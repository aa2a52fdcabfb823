-- One person's charges, each per code, article and part.
SELECT person_id, code, article, part, label, charge_date,
       CASE date_precision WHEN 'day' THEN strftime(charge_date, '%-d %B %Y')
                           WHEN 'month' THEN strftime(charge_date, '%B %Y')
                           WHEN 'year' THEN strftime(charge_date, '%Y') END AS date_label,
       charge_date AS fact_date, date_precision, outcome, string_split(source_section, ';') AS sections,
       [source_id] AS source_ids
FROM charges
WHERE person_id = $person_id
ORDER BY charge_date NULLS LAST, code, article, part;
