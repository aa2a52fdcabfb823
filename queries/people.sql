-- People matching the shared filters and a search on the name or any other spelling, with how many
-- charges, sentences and events each has within the filters. While a period is set, only people with
-- a charge, sentence or event in it are listed (a person's own row has no date).
WITH charge_counts AS (
    SELECT person_id, count(*) AS n_charges
    FROM filtered_charges($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    GROUP BY person_id
), sentence_counts AS (
    SELECT person_id, count(*) AS n_sentences
    FROM filtered_sentences($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    GROUP BY person_id
), event_counts AS (
    SELECT person_id, count(*) AS n_events
    FROM filtered_events($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    WHERE person_id IS NOT NULL
    GROUP BY person_id
)
SELECT p.person_id, p.name, p.aliases, p.roles, p.affiliations, p.status, p.status_as_of,
       p.is_political_prisoner, r.name_en AS region,
       coalesce(c.n_charges, 0) AS n_charges,
       coalesce(s.n_sentences, 0) AS n_sentences,
       coalesce(e.n_events, 0) AS n_events,
       string_split(p.source_section, ';') AS sections,
       [p.source_id] AS source_ids
FROM filtered_persons($regions, $articles, $sentence_types, $affiliations, $genders, $statuses) p
LEFT JOIN regions r USING (region_iso)
LEFT JOIN charge_counts c USING (person_id)
LEFT JOIN sentence_counts s USING (person_id)
LEFT JOIN event_counts e USING (person_id)
WHERE (p.name || ' ' || array_to_string(p.aliases, ' '))
          ILIKE '%' || replace(replace(replace($search, '\', '\\'), '%', '\%'), '_', '\_') || '%' ESCAPE '\'
  AND (($date_from IS NULL AND $date_to IS NULL)
       OR coalesce(c.n_charges, 0) + coalesce(s.n_sentences, 0) + coalesce(e.n_events, 0) > 0)
ORDER BY p.name, p.person_id;
