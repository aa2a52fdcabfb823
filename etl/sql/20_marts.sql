-- Marts: one table per recurring question, so pages never repeat the same aggregation.

-- grain: one row per Criminal Code article the dashboard must always show
CREATE TABLE political_articles AS
SELECT * FROM (VALUES
    (174, 'inciting social discord'),
    (179, 'propaganda or public calls to seize power'),
    (258, 'financing extremism'),
    (274, 'disseminating false information'),
    (405, 'participation in a banned extremist organisation')
) AS t(article, label);

-- grain: one row per stated figure (metric, as_of), with the count of the people the source names for it
CREATE TABLE figure_comparisons AS
SELECT f.metric, f.as_of, f.value AS stated_value, f.qualifier, f.unit, f.description,
       count(m.person_id) AS named_count,
       count(m.person_id) > 0 AS has_named_people,
       f.source_id, f.source_section
FROM figures f
LEFT JOIN figure_members m ON m.metric = f.metric AND m.as_of IS NOT DISTINCT FROM f.as_of
GROUP BY ALL;

-- grain: one row: the adoption date of EP resolution 2021/2544(RSP), the "before/after" line of the
-- dashboard, taken from its timeline event (event ids are stable by contract)
CREATE TABLE ep_resolution AS
SELECT event_date AS adopted
FROM events
WHERE event_id = 'grp-20210211-ep-resolution';
