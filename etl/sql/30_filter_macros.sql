-- The shared filters: the one way a query applies the sidebar's filters.
--
-- A query reads its rows through `filtered`, naming the filter mart (20_marts.sql) of their kind and passing every
-- filter it applies by name:
--     FROM filtered('placed_events', date_from := $date_from, date_to := $date_to, regions := $regions,
--                   articles := $articles, sentence_types := $sentence_types, affiliations := $affiliations,
--                   genders := $genders, statuses := $statuses)
-- The marts: placed_events, dated_charges, placed_sentences and placed_facts (every event, charge and sentence of a
-- person). Three kinds need more than a test per row and have macros of their own that take the same filters:
-- filtered_persons, filtered_conversions (a restriction of liberty later replaced by prison) and
-- filtered_article_pairs (two charges of a person under different articles). A filter not passed, an empty list or
-- a NULL date keeps everything.
-- Each returns its mart's columns (20_marts.sql): the table's own, the place or date the dashboard gives the row
-- (placed_region_iso, placed_city; place_no for an event; decided_date for a charge), person_no and citation_no.
-- A query that applies only the period to rows of no kind above (key_dates: group events) tests their date with
-- in_period.
--
-- What each filter keeps. A fact is an event, a charge or a sentence. The value a filter tests is the row's own
-- where it has one, else its person's; the marts carry it on every row, and filtered below tests it:
--   date_from, date_to  facts dated in the period (an undated fact only while the period is open); a person, while
--                       a period is set, only if the filters keep a fact of theirs dated in it (filtered_persons)
--   regions             rows placed in the regions: an event's own region, else its person's; anything else, its
--                       person's region
--   articles            a charge under the articles (its own article, whatever its code); anything else, when its
--                       person is charged under one of them in the Criminal Code
--   sentence_types      a sentence of the types; anything else, when its person received one of them
--   affiliations        rows whose person has one of the affiliations
--   genders             rows whose person has the gender ('unknown': the source does not say)
--   statuses            rows whose person has the status
-- A group event has no person: it is kept only while the last five filters are all empty.

-- Whether a date is in the period; an undated row only while the period is open.
CREATE MACRO in_period(d, date_from, date_to) AS
(date_from IS NULL OR d >= date_from) AND (date_to IS NULL OR d <= date_to);

-- Whether a row's list (its person's articles, sentence types or affiliations) holds any of the chosen values;
-- list_has_any gives the same answer at twice the cost.
CREATE MACRO holds_any(values, chosen) AS list_bool_or(list_transform(chosen, lambda c: list_contains(values, c)));

-- grain: one row of a filter mart (20_marts.sql) that the filters keep, with the mart's columns but its filter
-- values. Each test is constant for a query, so an empty filter's test is gone before the mart is read, and its
-- column is not read at all.
CREATE MACRO filtered(mart, date_from := NULL, date_to := NULL, regions := [], articles := [], sentence_types := [],
                      affiliations := [], genders := [], statuses := []) AS TABLE
SELECT * EXCLUDE (filter_date, filter_articles, filter_sentence_types, person_affiliations, person_gender,
                  person_status)
FROM query_table(mart)
WHERE in_period(filter_date, date_from, date_to)
  AND (len(regions) = 0 OR list_contains(regions, placed_region_iso))
  AND (len(articles) = 0 OR holds_any(filter_articles, articles))
  AND (len(sentence_types) = 0 OR holds_any(filter_sentence_types, sentence_types))
  AND (len(affiliations) = 0 OR holds_any(person_affiliations, affiliations))
  AND (len(genders) = 0 OR list_contains(genders, person_gender))
  AND (len(statuses) = 0 OR list_contains(statuses, person_status));

-- grain: one row per restriction of liberty later replaced by prison (conversion_pairs) that the filters keep: both
-- sentences dated in the period, whatever their type, and the person matching every other filter (a chosen
-- sentence type: the person received one)
CREATE MACRO filtered_conversions(date_from := NULL, date_to := NULL, regions := [], articles := [],
                                  sentence_types := [], affiliations := [], genders := [], statuses := []) AS TABLE
SELECT *
FROM filtered('conversion_pairs', regions := regions, articles := articles, sentence_types := sentence_types,
              affiliations := affiliations, genders := genders, statuses := statuses)
WHERE in_period(restriction_date, date_from, date_to) AND in_period(prison_date, date_from, date_to);

-- grain: one row per two Criminal Code charges of a person under different articles (article_pairs) that the
-- filters keep: both charges dated in the period and, while articles are chosen, both under them; the person
-- matching every other filter
CREATE MACRO filtered_article_pairs(date_from := NULL, date_to := NULL, regions := [], articles := [],
                                    sentence_types := [], affiliations := [], genders := [], statuses := []) AS TABLE
SELECT *
FROM filtered('article_pairs', regions := regions, sentence_types := sentence_types, affiliations := affiliations,
              genders := genders, statuses := statuses)
WHERE in_period(first_date, date_from, date_to) AND in_period(second_date, date_from, date_to)
  AND (len(articles) = 0 OR (list_contains(articles, first_article) AND list_contains(articles, second_article)));

-- grain: one row per person the filters keep: the people counted "in a period" on every page. A person has no date
-- of their own, so while a period is set only people with a fact the filters keep dated in it count. While the
-- period is open the second branch is emptied by its own condition and costs nothing, and the first keeps every
-- person the other filters match without reading a fact.
CREATE MACRO filtered_persons(date_from := NULL, date_to := NULL, regions := [], articles := [], sentence_types := [],
                              affiliations := [], genders := [], statuses := []) AS TABLE
SELECT *
FROM filtered('placed_persons', regions := regions, articles := articles, sentence_types := sentence_types,
              affiliations := affiliations, genders := genders, statuses := statuses)
WHERE date_from IS NULL AND date_to IS NULL
UNION ALL
SELECT *
FROM filtered('placed_persons', regions := regions, articles := articles, sentence_types := sentence_types,
              affiliations := affiliations, genders := genders, statuses := statuses)
WHERE (date_from IS NOT NULL OR date_to IS NOT NULL)
  AND person_id IN (
        SELECT person_id
        FROM filtered('placed_facts', date_from := date_from, date_to := date_to, regions := regions,
                      articles := articles, sentence_types := sentence_types,
                      affiliations := affiliations, genders := genders, statuses := statuses)
        WHERE date_from IS NOT NULL OR date_to IS NOT NULL);

-- Whether any filter is set (by name, as the macros above take them; a filter not passed is not set).
CREATE MACRO filters_set(date_from := NULL, date_to := NULL, regions := [], articles := [], sentence_types := [],
                         affiliations := [], genders := [], statuses := []) AS
date_from IS NOT NULL OR date_to IS NOT NULL OR len(regions) + len(articles) + len(sentence_types) + len(affiliations)
    + len(genders) + len(statuses) > 0;

-- Aggregate: how many people a group of rows is about, from their person_no as a mart gives it (its statistics
-- give the range, 1 to the number of persons). It sets one bit per person and counts the bits: a fifth of the
-- time count(DISTINCT) takes on the sentences of 100,000 people, for 12.5 KB a group.
CREATE MACRO people_counted(person_no) AS coalesce(bit_count(bitstring_agg(person_no)), 0);

-- Aggregates over the citations table (20_marts.sql): the sections a group of rows cites, sorted and each once
-- ('3;4.1' counts as 3 and 4.1), and its sources.
CREATE MACRO sections_cited(sections) AS list_sort(list_distinct(flatten(list(sections))));

CREATE MACRO sources_cited(source_id) AS list_sort(list_distinct(list(source_id)));

-- grain: one row per region, at zero where nothing is counted, and one with a NULL region_iso for what is placed in
-- no region: `rows` (the name of a relation with region_iso, citation_no and counts, every count's name starting
-- n_) summed per region, with the sections and sources the rows cite. Summed per citation first, so the citation
-- lists are gathered from a few rows per region.
CREATE MACRO cited_per_region(rows) AS TABLE
WITH per_citation AS (
    SELECT region_iso, citation_no, sum(COLUMNS('^n_'))
    FROM query_table(rows)
    GROUP BY ALL
),
per_region AS (
    SELECT region_iso, CAST(sum(COLUMNS('^n_')) AS BIGINT),
           sections_cited(k.sections) AS sections, sources_cited(k.source_id) AS source_ids
    FROM per_citation
    JOIN citations k USING (citation_no)
    GROUP BY region_iso
)
SELECT region_iso, r.name_en AS region_name, coalesce(COLUMNS('^n_'), 0),
       coalesce(c.sections, []) AS sections, coalesce(c.source_ids, []) AS source_ids
FROM per_region c
FULL JOIN regions r USING (region_iso);
