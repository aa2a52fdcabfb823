"""Synthetic records at scale and the benchmark that measures the dashboard on them."""
