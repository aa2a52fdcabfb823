-- The place of a person's case: where the source places one of their own events (the court that sentenced them, the
-- facility where they were held, the protest where they were detained), which can place the person where their
-- persecution happened as well as by the region the source gives for them (persons.region_iso). Only an event's
-- own region counts here, never the person's: a sentence records no place, and its court is placed through the
-- person's sentence event where the source names the place.

-- grain: one row per person, region their own events are placed in, and citation of those events (a person placed
-- in two regions has rows for both); people whose events give no region of their own have no row
CREATE TABLE case_places AS
SELECT DISTINCT f.person_no, e.region_iso AS case_region_iso, k.citation_no
FROM events e
JOIN person_filter_values f USING (person_id)
JOIN citations k USING (source_id, source_section)
WHERE e.region_iso IS NOT NULL
ORDER BY f.person_no, e.region_iso, k.citation_no;
