-- Sentences (and changes of sentence) by type, with the number of people who received them.
SELECT sentence_type, count(*) AS n_sentences, count(DISTINCT person_id) AS n_people
FROM sentences
GROUP BY sentence_type
ORDER BY n_sentences DESC, sentence_type;
