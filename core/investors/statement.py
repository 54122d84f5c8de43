"""One investor's statement: their own contributions, what each piece of revenue paid them down
the waterfall, and how far the shoot has got, for the read-only investor view.

The dashboard figures (core.investors.dashboard) are totals; an investor also wants to see each
payment they made and each distribution they received, and whether the film is being made. Only
their own rows appear: never another investor's money.
"""
from core.investors.distributions import distributions
from core.investors.terms import checked_terms


def investor_statement(terms: dict, contributions: list[dict], revenue_entries: list[dict], investor_id: str) -> dict:
    """{"contributions": [{"contribution_id", "at", "amount_minor"}], "distributions": [{"revenue_entry_id",
    "source", "posted_at", "revenue_minor", "principal_minor", "premium_minor", "profit_minor", "total_minor"}]},
    oldest first; every revenue entry appears, with zeros where it paid this investor nothing."""
    checked_terms(terms)
    own = sorted((item for item in contributions if item.get("investor_id") == investor_id),
                 key=lambda item: (item.get("at", ""), item.get("contribution_id", "")))
    paid = []
    for made in distributions(terms, contributions, revenue_entries):
        # A producer who also invested is paid their profit share as producer: not on this statement.
        mine = [a for a in made["allocations"] if a["person_id"] == investor_id]
        parts = {part: sum(a[part] for a in mine) for part in ("principal_minor", "premium_minor", "profit_minor")}
        if investor_id == terms["producer_id"]:
            parts["profit_minor"] = 0
        paid.append({
            "revenue_entry_id": made["revenue_entry_id"],
            "source": made["revenue_entry_id"].split(":", 1)[0],
            "posted_at": made["posted_at"], "revenue_minor": made["amount_minor"], **parts,
            "total_minor": sum(parts.values()),
        })
    return {
        "contributions": [{"contribution_id": item["contribution_id"], "at": item.get("at", ""),
                           "amount_minor": item["amount"]["amount_minor"]} for item in own],
        "distributions": paid,
    }


def shoot_progress(schedule: dict | None, reported_days: set[str], today: str) -> dict:
    """How far the shoot has got: {"scheduled_days", "days_shot" (days whose production report was
    filed at wrap), "days_gone" (scheduled days up to `today`), "first_day", "last_day"} ("" with
    no published schedule). Dates are ISO Lagos dates."""
    dates = sorted(day["date"] for day in (schedule or {}).get("days", []))
    return {
        "scheduled_days": len(dates),
        "days_shot": sum(1 for day in dates if day in reported_days),
        "days_gone": sum(1 for day in dates if day <= today),
        "first_day": dates[0] if dates else "",
        "last_day": dates[-1] if dates else "",
    }
