"""Benchmarks: run with `make bench`, never as part of the test suite."""
