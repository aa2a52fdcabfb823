-- The assessed paragraphs of EP resolution 2021/2544(RSP), with theme, status and evidence.
SELECT paragraph, theme, status, summary, evidence, as_of,
       string_split(source_section, ';') AS sections, [source_id] AS source_ids
FROM ep_recommendations
ORDER BY paragraph;
