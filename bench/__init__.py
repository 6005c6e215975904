"""Benchmarks and the scale-out run (see the README's "Benchmarks"); never imported by the site."""
