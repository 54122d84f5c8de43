"""Scheduling: the talent and movie-shoot sequencing models, the shoot-day optimiser, daylight."""
