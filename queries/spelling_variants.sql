-- People recorded under more than one spelling: one row each, the other spellings as aliases.
SELECT person_id, name, aliases, source_section
FROM persons
WHERE len(aliases) > 0
ORDER BY name;
