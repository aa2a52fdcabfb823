-- One person's own row for the profile page, with the region's display name.
SELECT p.person_id, p.name, p.aliases, p.gender, p.roles, p.affiliations, p.status, p.status_as_of,
       p.is_political_prisoner, p.prisoner_group, r.name_en AS region, p.city, p.notes,
       string_split(p.source_section, ';') AS sections, [p.source_id] AS source_ids
FROM persons p
LEFT JOIN regions r USING (region_iso)
WHERE p.person_id = $person_id;
