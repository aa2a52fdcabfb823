-- The headline numbers of a build, to set beside another build's: the data desk shows them before and after a publish.
SELECT (SELECT count(*) FROM persons) AS n_persons,
       (SELECT count(*) FILTER (WHERE is_political_prisoner) FROM persons) AS n_political_prisoners,
       (SELECT count(*) FILTER (WHERE status = 'imprisoned') FROM persons) AS n_imprisoned,
       (SELECT value FROM figures WHERE metric = 'political_prisoners'
        ORDER BY as_of DESC NULLS LAST LIMIT 1) AS political_prisoners_stated,
       (SELECT count(*) FROM charges) AS n_charges,
       (SELECT count(*) FROM sentences) AS n_sentences,
       (SELECT count(*) FROM events) AS n_events,
       (SELECT count(*) FROM figures) AS n_figures,
       (SELECT count(*) FROM sources) AS n_sources;
