-- People charged under each "political" Criminal Code article; articles nobody is charged under show 0.
SELECT a.article, a.label, people_counted(c.person_no) AS n_people
FROM political_articles a
LEFT JOIN filtered('dated_charges', date_from := $date_from, date_to := $date_to, regions := $regions,
                   articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
                   genders := $genders, statuses := $statuses) c
       ON c.code = 'CC' AND c.article = a.article
GROUP BY a.article, a.label
ORDER BY a.article;
