"""KYC intents as clients write them, turned into commands; core/intents.py wires INTENT_PARSERS. Both are written in a person's own database (`user`): a submission by the
person, a decision by hand by an admin in theirs (the handler checks the admin role)."""
from typing import TYPE_CHECKING

from core import kyc_commands

if TYPE_CHECKING:  # core.intents imports this module to wire the parsers
    from core.intents import _Fields


def kyc_submission(intent_id: str, person_id: str, f: "_Fields") -> kyc_commands.SubmitKyc:
    return kyc_commands.SubmitKyc(
        intent_id, person_id, f.text("id_type"), f.text("id_number"),
        f.text("id_document_ref"), f.text("selfie_ref"),
    )


def kyc_review(intent_id: str, admin_id: str, f: "_Fields") -> kyc_commands.VerifyByHand:
    return kyc_commands.VerifyByHand(
        intent_id, admin_id, f.text("person_id"), f.flag("verified"), f.text("reason", "")
    )


INTENT_PARSERS = {
    "kyc_submission": ("user", kyc_submission),
    "kyc_review": ("user", kyc_review),
}
