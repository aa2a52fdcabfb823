-- People by the region the source gives for them: every region, at zero if nobody; one row with a NULL
-- region_iso counts the people whose region the source does not give. With a period set, only people with
-- an event, charge or sentence dated in it.
WITH people AS (
    SELECT * FROM filtered_persons($regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    WHERE $date_from IS NULL AND $date_to IS NULL
    UNION ALL  -- a branch that costs nothing while the period is open
    SELECT * FROM filtered_persons($regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
    WHERE ($date_from IS NOT NULL OR $date_to IS NOT NULL) AND person_id IN (
        SELECT person_id FROM (
            SELECT person_id, event_date AS d FROM placed_events  -- events in date order: a period reads less
            UNION ALL SELECT person_id, charge_date FROM charges
            UNION ALL SELECT person_id, sentence_date FROM sentences)
        WHERE ($date_from IS NOT NULL OR $date_to IS NOT NULL)
          AND ($date_from IS NULL OR d >= $date_from) AND ($date_to IS NULL OR d <= $date_to))
),
counted AS (
    SELECT region_iso, count(*) AS n_people,
           sections_cited(source_section) AS sections,
           sources_cited(source_id) AS source_ids
    FROM people
    GROUP BY region_iso
)
SELECT region_iso, r.name_en AS region_name,
       coalesce(c.n_people, 0) AS n_people,
       coalesce(c.sections, []) AS sections,
       coalesce(c.source_ids, []) AS source_ids
FROM counted c
FULL JOIN regions r USING (region_iso)
ORDER BY n_people DESC, region_name NULLS LAST;
