-- People matching the shared filters and a search on the name or any other spelling, or on their spelling key (a
-- name typed in Cyrillic or transliterated another way: $search_key, etl/spelling.py): the first listed ones by
-- name (all when the limit is NULL), how many match in all, and how many charges, sentences and events each listed
-- person has that the filters keep. While a period is set, only the people counted in it (see filtered_persons).
-- Only the listed people are counted, from the person_summary mart while no filter is set.
WITH matched AS (
    SELECT person_id, person_no, name
    FROM filtered_persons(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                          sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                          statuses := $statuses)
    WHERE $search = '' OR (name || ' ' || array_to_string(aliases, ' '))
              ILIKE '%' || replace(replace(replace($search, '\', '\\'), '%', '\%'), '_', '\_') || '%' ESCAPE '\'
       OR ($search_key <> '' AND contains(search_key, $search_key))
), listed AS MATERIALIZED (  -- chosen once for the counts and the rows
    SELECT person_id, person_no FROM matched ORDER BY name, person_id LIMIT $listed
), counts AS (  -- each branch is emptied by its own condition when the other applies
    SELECT person_id, n_charges, n_sentences, n_events
    FROM person_summary
    WHERE NOT filters_set(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                          sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                          statuses := $statuses)
      AND person_id IN (SELECT person_id FROM listed)
    UNION ALL
    SELECT person_id, count(*) FILTER (kind = 'charge'), count(*) FILTER (kind = 'sentence'),
           count(*) FILTER (kind = 'event')
    FROM filtered('placed_facts', date_from := $date_from, date_to := $date_to, regions := $regions,
                  articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                  genders := $genders, statuses := $statuses)
    WHERE filters_set(date_from := $date_from, date_to := $date_to, regions := $regions, articles := $articles,
                      sentence_types := $sentence_types, affiliations := $affiliations, genders := $genders,
                      statuses := $statuses)
      AND person_id IN (SELECT person_id FROM listed)
    GROUP BY person_id
)
SELECT listed.person_id, p.name, p.aliases, p.roles, p.affiliations, p.status, p.status_as_of,
       p.is_political_prisoner, r.name_en AS region,
       CAST(coalesce(c.n_charges, 0) AS BIGINT) AS n_charges,
       CAST(coalesce(c.n_sentences, 0) AS BIGINT) AS n_sentences,
       CAST(coalesce(c.n_events, 0) AS BIGINT) AS n_events,
       string_split(p.source_section, ';') AS sections,
       [p.source_id] AS source_ids,
       (SELECT count(*) FROM matched) AS n_matching
FROM listed
JOIN placed_persons p USING (person_no)
LEFT JOIN counts c ON c.person_id = listed.person_id
LEFT JOIN regions r USING (region_iso)
ORDER BY p.name, listed.person_id;
