-- The contract tables (shared/design/DATA.md) are made from the validated raw_* views by etl/typed.py, each column
-- typed by its kind in the registry (etl/schema.py). A person's status is then the latest statement of it.

-- grain: one row per statement of a person's status: the one in the person's own row (stated_in 'persons') and
-- each later one (stated_in 'person_statuses'). is_latest marks the statement persons.status holds: the latest
-- as_of; on one day a person_statuses row before the person's own row, then the later-published source.
CREATE TABLE status_history AS
WITH statements AS (
    SELECT person_id, status, status_as_of AS as_of, source_id, source_section, 'persons' AS stated_in FROM persons
    UNION ALL
    SELECT person_id, status, as_of, source_id, source_section, 'person_statuses' FROM person_statuses
)
SELECT t.*, row_number() OVER (PARTITION BY t.person_id
                               ORDER BY t.as_of DESC, t.stated_in = 'person_statuses' DESC,
                                        s.published DESC NULLS LAST, t.source_id DESC) = 1 AS is_latest
FROM statements t
LEFT JOIN sources s USING (source_id)
ORDER BY t.person_id, t.as_of, t.stated_in;

-- grain: one row per person subjected to persecution; the status is the latest statement (status_history)
CREATE OR REPLACE TABLE persons AS
SELECT p.* REPLACE (h.status AS status, h.as_of AS status_as_of)
FROM persons p
JOIN status_history h ON h.person_id = p.person_id AND h.is_latest
ORDER BY person_id;
