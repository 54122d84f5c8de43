"""What a Smile Identity job-result callback means for a KYC check.

The codes are Smile's documented ResultCode values ("Result codes", docs.usesmileid.com/
further-reading/result-codes, and docs.smileidentity.com/results/result-and-error-codes),
sorted by the category Smile gives them. Provisional results, errors and codes we do not know
are not final: the check stays pending for an admin to decide by hand.
"""
from collections.abc import Mapping
from dataclasses import dataclass

from core.kyc import REJECTED, VERIFIED

APPROVED_CODES = {
    "1012": "Valid ID",
    "1020": "Exact Match",
    "1021": "Partial Match",
    "0810": "Document Verified",  # Document Verification's approval (the brief's; see the report)
}
# Rejections, with the reason the person reads: what to fix before submitting again.
REJECTED_CODES = {
    "1013": "We could not find your ID number with the issuer. Check the number and submit again.",
    "1022": "Your details do not match your ID. Check your name and number and submit again.",
    "1023": "We could not find your ID number with the issuer. Check the number and submit again.",
    "0811": "Your selfie does not match the photo on your ID. Take a clear selfie and submit again.",
    "0001": "We could not read your pictures. Upload a clear photo of your ID and a selfie.",
    "0903": "We could not read your pictures. Upload a clear photo of your ID and a selfie.",
    "0907": "Your selfie did not pass our liveness check. Take a new selfie in good light.",
}


class MalformedCallback(ValueError):
    """The callback lacks what every Smile job result carries: answer 400."""


@dataclass(frozen=True)
class SmileResult:
    job_id: str  # ours, from PartnerParams.job_id
    smile_job_id: str
    result_code: str
    result: str | None  # "verified", "rejected", or None when not final
    reason: str

    @property
    def event_id(self) -> str:
        """Smile may post the same result more than once; the job and its code name it."""
        return f"{self.job_id}:{self.result_code}"


def read_callback(body: Mapping) -> SmileResult:
    params = body.get("PartnerParams")
    job_id = params.get("job_id") if isinstance(params, Mapping) else None
    code = body.get("ResultCode")
    if not (isinstance(job_id, str) and job_id):
        raise MalformedCallback("Smile callback has no PartnerParams.job_id.")
    if not (isinstance(code, str) and code):
        raise MalformedCallback("Smile callback has no ResultCode.")
    result, reason = None, ""
    if code in APPROVED_CODES:
        result = VERIFIED
    elif code in REJECTED_CODES:
        result, reason = REJECTED, REJECTED_CODES[code]
    return SmileResult(job_id, str(body.get("SmileJobID", "")), code, result, reason)
