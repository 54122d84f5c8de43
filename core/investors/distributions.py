"""Distributions: each revenue entry of a project paid out through the waterfall, in the order the
revenue was posted, every kobo allocated.

A revenue entry: {"entry_id", "project_id", "amount_minor" (> 0), "currency", "posted_at" (ISO with
zone)}. The whole history is recomputed from the entries each time, so the result is the same
however often it runs; each allocation names the ledger transfer that pays it, with an id built
from the revenue entry and the person, so posting it twice is a no-op in the ledger.
Investors are paid into "investor:<id>"; the producer's profit share into "wallet:<id>" (and, if the
producer also put money in, its recoupment into "investor:<id>", a separate transfer).
"""
from datetime import datetime

from core.errors import Rejected
from core.moments import REVENUE_ENTRY, aware_moment
from core.investors.terms import checked_terms, contributed_by_investor
from core.investors.waterfall import PARTS, empty_paid, recoupment_owed, split


def checked_revenue(entries: list[dict], terms: dict) -> list[dict]:
    """The entries in the order they are paid out: by posting time, then by id."""
    seen = set()
    for entry in entries:
        eid = entry.get("entry_id")
        if not eid or eid in seen:
            raise Rejected("Revenue entry {entry} has no id or appears twice.", entry=repr(eid))
        seen.add(eid)
        if entry.get("project_id") != terms["project_id"]:
            raise Rejected("Revenue entry {entry} is for another project.", entry=eid)
        if entry.get("currency") != terms["currency"]:
            raise Rejected("Revenue entry {entry} is in {currency}; convert it to {project_currency} through FX "
                           "before it is distributed.",
                           entry=eid, currency=entry.get("currency"), project_currency=terms["currency"])
        if type(entry.get("amount_minor")) is not int or entry["amount_minor"] <= 0:
            raise Rejected("Revenue entry {entry}: revenue is a whole number of kobo above zero.", entry=eid)
        _moment(entry.get("posted_at"), eid)
    return sorted(entries, key=lambda entry: (_moment(entry["posted_at"], entry["entry_id"]), entry["entry_id"]))


def distributions(terms: dict, contributions: list[dict], revenue_entries: list[dict]) -> list[dict]:
    """One distribution per revenue entry: {"revenue_entry_id", "posted_at", "amount_minor",
    "allocations": [{"person_id", "account", "principal_minor", "premium_minor", "profit_minor",
    "total_minor", "transfer_id", "debit", "credit"}]} (parties receiving nothing are left out)."""
    checked_terms(terms)
    owed = recoupment_owed(contributed_by_investor(contributions, terms), terms["premium_bp"])
    paid = empty_paid(owed, terms)
    made = []
    for entry in checked_revenue(revenue_entries, terms):
        pieces = split(entry["amount_minor"], paid, owed, terms["profit_shares_bp"])
        allocations = []
        for person_id in sorted(pieces):
            parts = pieces[person_id]
            for part in PARTS:
                paid[person_id][part] += parts[part]
            allocations += _allocations(entry, person_id, parts, terms)
        if sum(a["total_minor"] for a in allocations) != entry["amount_minor"]:
            # The split is built to place every kobo; if it ever does not, stop before any is paid.
            raise RuntimeError(f"revenue entry {entry['entry_id']}: allocations do not add up")
        made.append({"revenue_entry_id": entry["entry_id"], "posted_at": entry["posted_at"],
                     "amount_minor": entry["amount_minor"], "allocations": allocations})
    return made


def paid_to_date(terms: dict, contributions: list[dict], revenue_entries: list[dict]) -> dict[str, dict[str, int]]:
    """{party: {"principal", "premium", "profit"}} summed over every distribution."""
    checked_terms(terms)
    owed = recoupment_owed(contributed_by_investor(contributions, terms), terms["premium_bp"])
    totals = empty_paid(owed, terms)
    for made in distributions(terms, contributions, revenue_entries):
        for allocation in made["allocations"]:
            for part in PARTS:
                totals[allocation["person_id"]][part] += allocation[f"{part}_minor"]
    return totals


def _allocations(entry: dict, person_id: str, parts: dict[str, int], terms: dict) -> list[dict]:
    """One allocation per account paid: recoupment always to "investor:<id>", profit to the producer's
    wallet for the producer and to "investor:<id>" for everyone else. Nothing for a zero."""
    profit_account = f"wallet:{person_id}" if person_id == terms["producer_id"] else f"investor:{person_id}"
    by_account: dict[str, dict[str, int]] = {}
    for part in PARTS:
        if parts[part]:
            account = profit_account if part == "profit" else f"investor:{person_id}"
            by_account.setdefault(account, dict.fromkeys(PARTS, 0))[part] = parts[part]
    return [{
        "person_id": person_id, "account": account,
        **{f"{part}_minor": amounts[part] for part in PARTS}, "total_minor": sum(amounts.values()),
        "transfer_id": f"distribution:{entry['entry_id']}:{account}",
        "debit": f"revenue:{terms['project_id']}", "credit": account,
    } for account, amounts in by_account.items()]


def _moment(text, entry_id) -> datetime:
    return aware_moment(text, REVENUE_ENTRY, entry_id)
