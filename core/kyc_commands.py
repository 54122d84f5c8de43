"""Commands about proving who a person is (KYC): a submission, the provider's result, an
admin's decision by hand."""
from dataclasses import dataclass

from core.commands import Command


@dataclass(frozen=True)
class SubmitKyc(Command):
    intent_id: str
    person_id: str
    id_type: str  # NIN, BVN, PASSPORT, DRIVERS_LICENSE, VOTER_ID (core.kyc.ID_TYPES)
    id_number: str
    id_document_ref: str  # a media id or an https URL
    selfie_ref: str


@dataclass(frozen=True)
class RecordKycResult(Command):
    provider_job_id: str  # our job id, which the provider echoes back (core.kyc.KycJob.job_id)
    result: str  # "verified" or "rejected"
    reason: str = ""
    provider_event_id: str = ""  # a callback delivered twice carries the same one


@dataclass(frozen=True)
class RecordKycSubmitted(Command):
    """The provider took the job: its own id for it, kept for support questions."""

    provider_job_id: str
    provider_reference: str


@dataclass(frozen=True)
class VerifyByHand(Command):
    intent_id: str
    admin_id: str
    person_id: str
    verified: bool
    reason: str = ""
