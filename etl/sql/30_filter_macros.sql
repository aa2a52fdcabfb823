-- Table macros that apply the dashboard's shared filters, so every query filters the same way.
-- An empty list means "no filter". Person filters (article, sentence type, affiliation, gender,
-- status) keep only facts about matching persons; group events have no person and are kept only
-- while no person filter is active. The region filter uses the fact's own region, else the person's.

-- grain: one row per person matching the person filters
CREATE MACRO filtered_persons(regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT p.*
FROM persons p
WHERE (len(regions) = 0 OR list_contains(regions, p.region_iso))
  AND (len(affiliations) = 0 OR len(list_intersect(affiliations, p.affiliations)) > 0)
  AND (len(genders) = 0 OR list_contains(genders, coalesce(p.gender, 'unknown')))
  AND (len(statuses) = 0 OR list_contains(statuses, p.status))
  AND (len(articles) = 0 OR p.person_id IN (
        SELECT c.person_id FROM charges c WHERE c.code = 'CC' AND list_contains(articles, c.article)))
  AND (len(sentence_types) = 0 OR p.person_id IN (
        SELECT s.person_id FROM sentences s WHERE list_contains(sentence_types, s.sentence_type)));

-- grain: one row per event in the period whose person (or, for a group event, region) matches
CREATE MACRO filtered_events(date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT e.*
FROM events e
LEFT JOIN persons p USING (person_id)
WHERE (date_from IS NULL OR e.event_date >= date_from)
  AND (date_to IS NULL OR e.event_date <= date_to)
  AND (len(regions) = 0 OR list_contains(regions, coalesce(e.region_iso, p.region_iso)))
  AND CASE
        WHEN e.person_id IS NULL THEN
            len(articles) + len(sentence_types) + len(affiliations) + len(genders) + len(statuses) = 0
        ELSE e.person_id IN (
            SELECT person_id FROM filtered_persons([], articles, sentence_types, affiliations, genders, statuses))
      END;

-- grain: one row per charge of a matching person, dated in the period (undated charges count only
-- while the period is open)
CREATE MACRO filtered_charges(date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT c.*
FROM charges c
WHERE c.person_id IN (SELECT person_id FROM filtered_persons(regions, [], sentence_types, affiliations, genders, statuses))
  AND (len(articles) = 0 OR list_contains(articles, c.article))
  AND (date_from IS NULL OR c.charge_date >= date_from)
  AND (date_to IS NULL OR c.charge_date <= date_to);

-- grain: one row per sentence of a matching person, dated in the period
CREATE MACRO filtered_sentences(date_from, date_to, regions, articles, sentence_types, affiliations, genders, statuses) AS TABLE
SELECT s.*
FROM sentences s
WHERE s.person_id IN (SELECT person_id FROM filtered_persons(regions, articles, [], affiliations, genders, statuses))
  AND (len(sentence_types) = 0 OR list_contains(sentence_types, s.sentence_type))
  AND (date_from IS NULL OR s.sentence_date >= date_from)
  AND (date_to IS NULL OR s.sentence_date <= date_to);
