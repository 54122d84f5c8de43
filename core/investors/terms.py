"""What investors put in and what they agreed: contributions (KYC-verified investors only) and
the project's terms.

A contribution: {"type": "investor_contribution", "contribution_id", "project_id", "investor_id",
"amount": {"amount_minor", "currency"}, "kyc_verified": true, "at"}.
Terms: {"type": "investment_terms", "project_id", "currency", "producer_id", "premium_bp": 2000,
"profit_shares_bp": {"inv-ada": 3000, "inv-bayo": 2000, "prod-funke": 5000}} — the premium is on
top of each investor's money, recouped with it; profit shares are basis points summing to 10000,
the producer's included.
"""
from core.errors import Rejected
from core.investors.largest_remainder import largest_remainder
from core.money import CURRENCIES

BP_PER_WHOLE = 10_000
PREMIUM_MAX_BP = 100_000  # 1000%: anything above is a typing slip, not a deal


def checked_terms(terms: dict) -> dict:
    if not isinstance(terms, dict) or terms.get("type") != "investment_terms":
        raise Rejected("Those are not a project's investment terms.")
    if terms.get("currency") not in CURRENCIES:
        raise Rejected("Investment terms are in one currency we handle, not {currency}.",
                       currency=repr(terms.get("currency")))
    premium = terms.get("premium_bp")
    if type(premium) is not int or not 0 <= premium <= PREMIUM_MAX_BP:
        raise Rejected("The premium is a whole number of basis points from 0 (none) to 100000.")
    shares = terms.get("profit_shares_bp")
    if not isinstance(shares, dict) or not shares:
        raise Rejected("The terms need the profit shares, in basis points, for the investors and the producer.")
    if any(type(bp) is not int or bp < 0 for bp in shares.values()):
        raise Rejected("Each profit share is a whole number of basis points, not below zero.")
    if sum(shares.values()) != BP_PER_WHOLE:
        raise Rejected("Profit shares must add up to 10000 basis points (100%); these add up to {total}.",
                       total=sum(shares.values()))
    if terms.get("producer_id") not in shares:
        raise Rejected("The producer must be named among the profit shares (with 0 if they take none).")
    return terms


def contributed_by_investor(contributions: list[dict], terms: dict) -> dict[str, int]:
    """{investor id: total minor units put in}, refusing anything that may not count."""
    checked_terms(terms)
    seen, totals = set(), {}
    for item in contributions:
        cid = item.get("contribution_id")
        if cid in seen:
            raise Rejected("Contribution {contribution} is recorded twice.", contribution=cid)
        seen.add(cid)
        investor = item.get("investor_id")
        if not investor:
            raise Rejected("Contribution {contribution} names no investor.", contribution=cid)
        if item.get("kyc_verified") is not True:
            raise Rejected("Contribution {contribution}: investor {investor} has not finished identity checks "
                           "(KYC); their money cannot be taken into the project yet.",
                           contribution=cid, investor=investor)
        if item.get("project_id") != terms.get("project_id"):
            raise Rejected("Contribution {contribution} is for another project.", contribution=cid)
        amount = item.get("amount") or {}
        if amount.get("currency") != terms["currency"]:
            raise Rejected("Contribution {contribution} is in {currency}; the project takes {project_currency}, "
                           "so convert it through FX first.",
                           contribution=cid, currency=amount.get("currency"), project_currency=terms["currency"])
        if type(amount.get("amount_minor")) is not int or amount["amount_minor"] <= 0:
            raise Rejected("Contribution {contribution} must be a whole number of kobo or cents above zero.",
                           contribution=cid)
        totals[investor] = totals.get(investor, 0) + amount["amount_minor"]
    return totals


def premium_due(principal_minor: int, premium_bp: int) -> int:
    """The premium on an investor's money, rounded half up to a whole kobo."""
    return (principal_minor * premium_bp + BP_PER_WHOLE // 2) // BP_PER_WHOLE


def pro_rata_profit_shares(contributed: dict[str, int], investors_pool_bp: int, producer_id: str) -> dict[str, int]:
    """Profit shares when the deal is "investors take `investors_pool_bp` of the profit, pro rata to
    their money, the producer the rest": basis points summing to 10000, the pool split to the basis
    point by largest remainder (so a few basis points may round to the bigger fractions)."""
    if type(investors_pool_bp) is not int or not 0 <= investors_pool_bp <= BP_PER_WHOLE:
        raise Rejected("The investors' part of the profit is between 0 and 10000 basis points.")
    if producer_id in contributed:
        raise Rejected("Give the producer's own money its share by hand; this split is for outside investors.")
    shares = largest_remainder(investors_pool_bp, contributed) if contributed else {}
    return {**shares, producer_id: BP_PER_WHOLE - sum(shares.values())}
