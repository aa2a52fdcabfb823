-- When the warehouse was built, from which records.
SELECT build_id, built_at, inputs, records_fingerprint, uploads,
       (SELECT count(*) FROM persons) AS n_persons,
       (SELECT count(*) FROM events) AS n_events
FROM build_info;
