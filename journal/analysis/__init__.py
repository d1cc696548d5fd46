"""Computations over journal data: day summaries, series, aggregates, derived values."""
