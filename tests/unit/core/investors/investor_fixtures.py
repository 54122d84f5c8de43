"""A hand-worked deal: Ada puts in ₦1,000,000 and Bayo ₦500,000 at a 20% premium; profit is split
Ada 30%, Bayo 20%, the producer Funke 50%. So Ada recoups ₦1,200,000 and Bayo ₦600,000 (₦1,800,000
in all) before any profit."""
NAIRA = 100  # kobo

TERMS = {"type": "investment_terms", "project_id": "eko-nights", "currency": "NGN", "producer_id": "funke",
         "premium_bp": 2000, "profit_shares_bp": {"ada": 3000, "bayo": 2000, "funke": 5000}}


def contribution(cid, investor, naira, **changes):
    return {"type": "investor_contribution", "contribution_id": cid, "project_id": "eko-nights",
            "investor_id": investor, "amount": {"amount_minor": naira * NAIRA, "currency": "NGN"},
            "kyc_verified": True, "at": "2026-10-01T10:00:00+01:00", **changes}


CONTRIBUTIONS = [contribution("c1", "ada", 600_000), contribution("c2", "bayo", 500_000),
                 contribution("c3", "ada", 400_000)]


def revenue(eid, naira, at="2027-03-01T10:00:00+01:00", **changes):
    return {"entry_id": eid, "project_id": "eko-nights", "amount_minor": naira * NAIRA, "currency": "NGN",
            "posted_at": at, **changes}
