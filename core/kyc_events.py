"""What KYC handlers raise: hooks for sending the check to the provider and telling the person."""
from dataclasses import dataclass

from core.events import Event


@dataclass(frozen=True)
class KycSubmitted(Event):
    """A check is pending: send it to the provider (workers/kyc_smile.submit_kyc_check).
    Raised again by a retried submission, so an interrupted send is made; the job id is the
    same, so the provider sees one job."""

    person_id: str
    job_id: str


@dataclass(frozen=True)
class KycDecided(Event):
    """The status moved to verified, rejected or unverified (raised once per move)."""

    person_id: str
    status: str
    reason: str
