"""Benchmarks, run on demand (``make benchmark...``), never as tests: see README.md."""
