"""The figures on the read-only investor dashboard, per investor and for the producer.

Per investor: contributed, recouped (their money back so far), premium due and paid, profit share
paid, everything received, and what is still outstanding before profit (money + premium not yet
back). for_investor cuts the figures down to what one investor may see: their own row and the
project's totals, never another investor's.
"""
from core.investors.distributions import checked_revenue, paid_to_date
from core.investors.terms import checked_terms, contributed_by_investor
from core.investors.waterfall import recoupment_owed


def dashboard_figures(terms: dict, contributions: list[dict], revenue_entries: list[dict]) -> dict:
    """{"project_id", "currency", "revenue_minor", "contributed_minor", "fully_recouped",
    "investors": [{"person_id", "contributed_minor", "recouped_minor", "premium_due_minor",
    "premium_paid_minor", "profit_share_minor", "received_minor", "outstanding_minor",
    "profit_share_bp"}], "producer": {"person_id", "profit_share_minor", "profit_share_bp"}}."""
    checked_terms(terms)
    contributed = contributed_by_investor(contributions, terms)
    owed = recoupment_owed(contributed, terms["premium_bp"])
    paid = paid_to_date(terms, contributions, revenue_entries)
    shares = terms["profit_shares_bp"]
    investors = []
    for person_id in sorted(set(contributed) | (set(shares) - {terms["producer_id"]})):
        due = owed.get(person_id, {"principal": 0, "premium": 0})
        got = paid[person_id]
        # A producer who also invested shows here as an investor; their profit share is under "producer".
        profit = got["profit"] if person_id != terms["producer_id"] else 0
        investors.append({
            "person_id": person_id,
            "contributed_minor": contributed.get(person_id, 0),
            "recouped_minor": got["principal"],
            "premium_due_minor": due["premium"],
            "premium_paid_minor": got["premium"],
            "profit_share_minor": profit,
            "received_minor": got["principal"] + got["premium"] + profit,
            "outstanding_minor": due["principal"] + due["premium"] - got["principal"] - got["premium"],
            "profit_share_bp": shares.get(person_id, 0) if person_id != terms["producer_id"] else 0,
        })
    producer = terms["producer_id"]
    return {
        "project_id": terms["project_id"], "currency": terms["currency"],
        "revenue_minor": sum(entry["amount_minor"] for entry in checked_revenue(revenue_entries, terms)),
        "contributed_minor": sum(contributed.values()),
        "fully_recouped": all(row["outstanding_minor"] == 0 for row in investors),
        "investors": investors,
        "producer": {"person_id": producer, "profit_share_minor": paid[producer]["profit"],
                     "profit_share_bp": shares[producer]},
    }


def for_investor(figures: dict, person_id: str) -> dict:
    """What one investor sees: the project's totals and their own row only."""
    own = [row for row in figures["investors"] if row["person_id"] == person_id]
    return {key: value for key, value in figures.items() if key not in ("investors", "producer")} | {
        "investor": own[0] if own else None}
