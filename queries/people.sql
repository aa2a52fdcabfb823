-- People matching the shared filters and a search on the name or any other spelling: the first $listed by
-- name (all when NULL), how many match in all, and how many charges, sentences and events each listed
-- person has within the filters. While a period is set, only people with a charge, sentence or event in it
-- (see dated_persons). Only the listed people are counted, from the person_summary mart while no filter is set.
WITH matched AS (
    SELECT person_id, name
    FROM dated_persons($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    WHERE $search = '' OR (name || ' ' || array_to_string(aliases, ' '))
              ILIKE '%' || replace(replace(replace($search, '\', '\\'), '%', '\%'), '_', '\_') || '%' ESCAPE '\'
), listed AS (
    SELECT person_id FROM matched ORDER BY name, person_id LIMIT $listed
), facts AS (  -- a listed person matches every person filter, so each fact needs only its own conditions
    SELECT person_id, 1 AS n_charges, 0 AS n_sentences, 0 AS n_events FROM charges_in($date_from, $date_to, $articles)
    UNION ALL
    SELECT person_id, 0, 1, 0 FROM sentences_in($date_from, $date_to, $sentence_types)
    UNION ALL
    SELECT person_id, 0, 0, 1 FROM events_in($date_from, $date_to, $regions)
), counts AS (
    SELECT person_id, n_charges, n_sentences, n_events
    FROM person_summary
    WHERE no_filter_set($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
      AND person_id IN (SELECT person_id FROM listed)
    UNION ALL
    SELECT person_id, sum(n_charges), sum(n_sentences), sum(n_events)
    FROM facts
    WHERE NOT no_filter_set($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
      AND person_id IN (SELECT person_id FROM listed)
    GROUP BY person_id
)
SELECT p.person_id, p.name, p.aliases, p.roles, p.affiliations, p.status, p.status_as_of,
       p.is_political_prisoner, r.name_en AS region,
       CAST(coalesce(c.n_charges, 0) AS BIGINT) AS n_charges,
       CAST(coalesce(c.n_sentences, 0) AS BIGINT) AS n_sentences,
       CAST(coalesce(c.n_events, 0) AS BIGINT) AS n_events,
       string_split(p.source_section, ';') AS sections,
       [p.source_id] AS source_ids,
       (SELECT count(*) FROM matched) AS n_matching
FROM listed
JOIN persons p USING (person_id)
LEFT JOIN counts c USING (person_id)
LEFT JOIN regions r USING (region_iso)
ORDER BY p.name, p.person_id;
