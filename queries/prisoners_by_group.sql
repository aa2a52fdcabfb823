-- Political prisoners named in the records, by the group the source puts them in.
SELECT prisoner_group, count(*) AS n_people
FROM persons
WHERE is_political_prisoner
GROUP BY prisoner_group
ORDER BY n_people DESC, prisoner_group;
