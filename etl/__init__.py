"""ETL: curated records (CSV or workbook) -> validated -> typed DuckDB warehouse and Parquet, published atomically."""
