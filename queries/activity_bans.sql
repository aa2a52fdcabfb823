-- Bans on public and political activity added to sentences, by length.
SELECT activity_ban_years, count(DISTINCT person_id) AS n_people,
       sections_cited(source_section) AS sections,
       sources_cited(source_id) AS source_ids
FROM filtered_sentences($date_from, $date_to, $regions, $articles, $sentence_types, $affiliations, $genders, $statuses)
WHERE activity_ban_years IS NOT NULL
GROUP BY ALL
ORDER BY activity_ban_years;
