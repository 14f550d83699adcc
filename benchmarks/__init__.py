"""Benchmarks; `make bench` runs benchmarks.feeds."""
