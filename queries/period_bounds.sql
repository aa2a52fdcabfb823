-- The span of dated facts, for the period filter (the mart period_span).
SELECT first_date, last_date FROM period_span;
