"""Investors in a project: contributions and agreed terms (terms.py), the recoupment waterfall
(waterfall.py), the distributions made from revenue (distributions.py) and the figures for the
read-only investor dashboard (dashboard.py). Rounding to the kobo: largest_remainder.py."""
