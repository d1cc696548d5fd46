"""Plain-Python rules of the journal: entry kinds, units, validation, time. Imports nothing else."""
