-- Stated figures of the sources beside the number of people the sources name for them, and why they differ where
-- the records say (names_note).
SELECT metric,
       description,
       stated_value,
       qualifier,
       unit,
       as_of,
       CASE WHEN has_named_people THEN named_count END AS named_count,
       CASE
           WHEN NOT has_named_people THEN 'No names given for this figure'
           WHEN named_count = stated_value THEN 'Same'
           WHEN qualifier IN ('at_least', 'more_than') AND named_count >= stated_value THEN 'Names reach the stated minimum'
           WHEN qualifier IN ('at_least', 'more_than') THEN 'Fewer names than the stated minimum: the rest are not named'
           WHEN named_count > stated_value THEN 'The source names more people than it states'
           ELSE 'The source names fewer people than it states'
       END AS comparison,
       names_note,
       source_id,
       source_section
FROM figure_comparisons
ORDER BY has_named_people DESC, metric, as_of NULLS LAST;
