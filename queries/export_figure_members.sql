-- Download: the whole figure_members table (the shared filters do not apply to it).
SELECT * FROM figure_members ORDER BY metric, as_of, person_id;
