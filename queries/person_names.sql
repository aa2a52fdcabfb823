-- Every person's names and spellings, for hide-names mode.
SELECT person_id, name, aliases FROM persons;
