"""The admins' queues, read from `ops`: open reports of profiles and posts, and the KYC
checks waiting for a person to look (the KYC slice writes "kyc:<person_id>")."""
from core import kyc, scopes
from sync.couch import Couch
from sync.figures_reads import docs_with_prefix

async def open_reports(couch: Couch) -> list[dict]:
    reports = await docs_with_prefix(couch, scopes.OPS, "report:")
    return sorted((doc for doc in reports if doc.get("status") == "open"), key=lambda doc: doc.get("created_at", ""))

async def verification_queue(couch: Couch) -> list[dict]:
    """Pending checks, oldest submission first: the one waiting longest is looked at first."""
    reviews = await docs_with_prefix(couch, scopes.OPS, "kyc:")
    pending = [doc for doc in reviews if doc.get("type") == "kyc_review" and doc.get("status") == kyc.PENDING]
    return sorted(pending, key=lambda doc: doc.get("submitted_at", ""))
