-- Every source the records cite.
SELECT source_id, title, publisher, published, url, notes FROM sources ORDER BY source_id;
