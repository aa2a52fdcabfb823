-- Download: the whole ep_recommendations table (the shared filters do not apply to it).
SELECT * FROM ep_recommendations ORDER BY paragraph;
