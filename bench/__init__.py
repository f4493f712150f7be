"""Benchmarks and the synthetic marketplace generator they (and scale tests) run on."""
