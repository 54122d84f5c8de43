"""Splitting an amount of kobo between parties so that every kobo goes somewhere.

The rule (Hamilton's largest-remainder method): each party first gets the whole-kobo part of its
exact share; the kobo left over (fewer than the number of parties) go one each to the parties whose
exact shares had the largest fractions. Ties go to the larger weight, then to the party id that
sorts first, so the same inputs always give the same split. Each party ends within one kobo of its
exact share, and the parts add up to the amount exactly.
"""
from fractions import Fraction
from math import floor

from core.errors import Rejected


def largest_remainder(amount_minor: int, weights: dict[str, int | Fraction]) -> dict[str, int]:
    """{party: whole kobo} adding up to amount_minor, in proportion to the weights."""
    if type(amount_minor) is not int or amount_minor < 0:
        raise Rejected("Only a whole, non-negative number of kobo can be shared out.")
    if any(weight < 0 for weight in weights.values()):
        raise Rejected("Shares cannot be below zero.")
    total_weight = sum(weights.values(), Fraction(0))
    if total_weight == 0:
        if amount_minor:
            raise Rejected("There is money to share but nobody has a share in it.")
        return dict.fromkeys(weights, 0)
    exact = {party: Fraction(amount_minor) * Fraction(weight) / total_weight for party, weight in weights.items()}
    parts = {party: floor(share) for party, share in exact.items()}
    left_over = amount_minor - sum(parts.values())
    by_fraction = sorted(weights, key=lambda party: (-(exact[party] - parts[party]), -Fraction(weights[party]), party))
    for party in by_fraction[:left_over]:
        parts[party] += 1
    return parts
