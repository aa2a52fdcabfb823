-- Every person id, to resolve a profile link (by id, or by the pseudonym of a hide-names link).
SELECT person_id FROM persons;
