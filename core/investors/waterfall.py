"""The recoupment waterfall. Revenue pays, in this order:
1. Recoupment: every investor gets back their money plus the agreed premium, pro rata to what
   each is owed (money + premium), until all are whole. Within one investor's recoupment the money
   comes back first and the premium after.
2. Profit: everything beyond goes to the investors and the producer by the agreed profit shares.

Revenue arrives in pieces, and each piece is split to the kobo (largest_remainder.py). So that
rounding never builds up over many pieces, each piece is split in proportion to how far each party
is behind what it would have had, exactly, from all revenue so far. Two consequences, both tested:
every investor finishes recouping with the same piece of revenue, to the kobo of what they are owed,
and each party's running total stays within two kobo of its exact share (one is not kept: a party
already a fraction ahead takes nothing from a piece, and the others share it by their "behind").
"""
from fractions import Fraction

from core.investors.largest_remainder import largest_remainder
from core.investors.terms import checked_terms, contributed_by_investor, premium_due

PARTS = ("principal", "premium", "profit")


def recoupment_owed(contributed: dict[str, int], premium_bp: int) -> dict[str, dict[str, int]]:
    """{investor: {"principal", "premium"}} they recoup before any profit."""
    return {investor: {"principal": money, "premium": premium_due(money, premium_bp)}
            for investor, money in contributed.items()}


def empty_paid(owed: dict, terms: dict) -> dict[str, dict[str, int]]:
    """Nothing paid yet, to everyone who can be paid: the investors and every profit sharer."""
    return {party: dict.fromkeys(PARTS, 0) for party in [*owed, *terms["profit_shares_bp"]]}


def split(amount_minor: int, paid: dict[str, dict[str, int]], owed: dict[str, dict[str, int]],
          shares_bp: dict[str, int]) -> dict[str, dict[str, int]]:
    """How one piece of revenue is paid out, given what has been paid so far: {party: {part: kobo}}.
    Every kobo of amount_minor is in the result."""
    out = {party: dict.fromkeys(PARTS, 0) for party in paid}
    owed_total = {investor: sum(parts.values()) for investor, parts in owed.items()}
    recouped = {investor: paid[investor]["principal"] + paid[investor]["premium"] for investor in owed}
    outstanding = sum(owed_total.values()) - sum(recouped.values())
    to_recoup = min(amount_minor, outstanding)
    if to_recoup:
        for investor, kobo in _behind_split(to_recoup, recouped, owed_total).items():
            money_left = owed[investor]["principal"] - paid[investor]["principal"]
            out[investor]["principal"] = min(kobo, money_left)
            out[investor]["premium"] = kobo - out[investor]["principal"]
    profit = amount_minor - to_recoup
    if profit:
        profit_so_far = {party: paid[party]["profit"] for party in shares_bp}
        for party, kobo in _behind_split(profit, profit_so_far, shares_bp).items():
            out[party]["profit"] = kobo
    return out


def waterfall(terms: dict, contributions: list[dict], revenue_minor: int) -> dict[str, dict[str, int]]:
    """All revenue to date paid out at once: {party: {"principal", "premium", "profit"}}."""
    checked_terms(terms)
    owed = recoupment_owed(contributed_by_investor(contributions, terms), terms["premium_bp"])
    return split(revenue_minor, empty_paid(owed, terms), owed, terms["profit_shares_bp"])


def _behind_split(amount_minor: int, so_far: dict[str, int], weights: dict[str, int]) -> dict[str, int]:
    """Split amount_minor by how far each party is behind its exact share of (so far + amount)."""
    total_weight = sum(weights.values())
    after = sum(so_far.values()) + amount_minor
    behind = {party: max(Fraction(0), Fraction(after * weight, total_weight) - so_far[party])
              for party, weight in weights.items()}
    return largest_remainder(amount_minor, behind)
