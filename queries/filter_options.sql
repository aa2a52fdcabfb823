-- Values the sidebar filters offer, from the data itself (the mart sidebar_options).
SELECT filter, value, label FROM sidebar_options
ORDER BY filter, value;
