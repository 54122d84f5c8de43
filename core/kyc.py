"""Know your customer: a person proves who they are with an ID document and a selfie.

Statuses move only along these lines:
    none -> pending                      (a first submission)
    pending -> verified | rejected       (the provider's result, or an admin by hand)
    rejected | unverified -> pending     (the person submits again)
    verified -> unverified               (an admin takes it back, with a reason)
An admin may also verify by hand from none, rejected or unverified (seen in person).
Only `verified` opens escrow payouts and shows the tick on the directory card.
"""
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass

from core.errors import Rejected

NONE, PENDING, VERIFIED, REJECTED, UNVERIFIED = "none", "pending", "verified", "rejected", "unverified"
STATUSES = (NONE, PENDING, VERIFIED, REJECTED, UNVERIFIED)
RESULTS = (VERIFIED, REJECTED)

# The Nigerian ID types Smile Identity checks, with the number shapes it documents
# (docs.usesmileid.com, "ID Number Regex", Nigeria), so a typo is caught before a paid check.
ID_TYPES = {
    "NIN": re.compile(r"^\d{11}$"),
    "BVN": re.compile(r"^\d{11}$"),
    "PASSPORT": re.compile(r"^[A-Z]\d{8}$"),
    "DRIVERS_LICENSE": re.compile(r"^[A-Z]{3}[ -]?[A-Z0-9]{6,12}$"),
    "VOTER_ID": re.compile(r"^[A-Z0-9 ]{9,23}$"),
}
ID_TYPE_NAMES = {
    "NIN": "NIN", "BVN": "BVN", "PASSPORT": "passport",
    "DRIVERS_LICENSE": "driver's licence", "VOTER_ID": "voter's card",
}
_MEDIA_ID = re.compile(r"^[a-z0-9]{6,40}$")  # a NollyCrew media id, once uploads exist
_HTTPS_URL = re.compile(r"^https://[A-Za-z0-9.-]+(:\d{1,5})?(/[^\s]*)?$")
MAX_REF_CHARS = 2000
MAX_REASON_CHARS = 500


def id_type_of(raw: str) -> str:
    wanted = raw.strip().upper().replace("'", "").replace(" ", "_")
    aliases = {"DRIVERS_LICENCE": "DRIVERS_LICENSE", "VOTERS_CARD": "VOTER_ID", "VOTER_CARD": "VOTER_ID"}
    wanted = aliases.get(wanted, wanted)
    if wanted not in ID_TYPES:
        names = ", ".join(ID_TYPE_NAMES.values())
        raise Rejected("We check these IDs: {id_types}. Choose one of them.", id_types=names)
    return wanted


def id_number_of(id_type: str, raw: str) -> str:
    number = raw.strip().upper()
    if not ID_TYPES[id_type].match(number):
        raise Rejected("That does not look like a {id_type} number. Check it and send it again.",
                       id_type=ID_TYPE_NAMES[id_type])
    return number


def media_ref_of(raw: str, what: str) -> str:
    """A media id or an https address of the picture; anything else is refused. `what` is
    "selfie" or "ID document"."""
    ref = raw.strip()
    if len(ref) <= MAX_REF_CHARS and (_MEDIA_ID.match(ref) or _HTTPS_URL.match(ref)):
        return ref
    raise Rejected("We could not find your selfie. Upload it again." if what == "selfie" else
                   "We could not find your ID document. Upload it again.")


def reason_of(raw: str, needed: bool) -> str:
    reason = " ".join(raw.split())[:MAX_REASON_CHARS]
    if needed and not reason:
        raise Rejected("Say why, so the person knows what to fix.")
    return reason


def after_submission(current: str) -> str:
    if current == PENDING:
        raise Rejected("Your ID is already being checked. We will tell you when it is done.")
    if current == VERIFIED:
        raise Rejected("Your ID is already verified.")
    return PENDING


def after_result(current: str, result: str) -> str | None:
    """The provider's word counts only while a check is pending; None: leave the status."""
    if result not in RESULTS:
        raise ValueError(f"not a KYC result: {result!r}")
    return result if current == PENDING else None


def after_review(current: str, verified: bool) -> str:
    """An admin's decision by hand."""
    if verified:
        if current == VERIFIED:
            raise Rejected("This person is already verified.")
        return VERIFIED
    if current == VERIFIED:
        return UNVERIFIED
    if current == PENDING:
        return REJECTED
    raise Rejected("There is no check to refuse: this person is not pending or verified.")


def payout_allowed(person_card: dict | None) -> bool:
    """Escrow pays out only to a person whose identity was verified."""
    return bool(person_card) and person_card.get("type") == "person" and person_card.get("verified") is True


@dataclass(frozen=True)
class KycJob:
    """What a provider needs for one check. `job_id` is ours, chosen before submitting,
    so a retried submission is the same job to the provider."""

    job_id: str
    person_id: str
    id_type: str
    id_number: str
    id_document_ref: str
    selfie_ref: str
    country: str = "NG"


class KycProvider(ABC):
    @abstractmethod
    async def submit(self, job: KycJob) -> str:
        """Send the job; the provider's own id for it. Its result comes later by callback."""
