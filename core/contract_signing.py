"""The built-in signature provider: a one-time code, sent to the party, typed back to sign.

It is a sign-in code with another subject and purpose, so it has the same rules for free:
six digits, ten minutes, single use, kept only as a keyed hash, five wrong tries lock it.
"""
from core.bus import Services
from core.contracts import SignatureProvider
from core.identity.ports import ports_of
from core.identity import codes
from core.identity.errors import SignInRefused
from core.ids import new_id
from core.ports import OutboundMessage

BUILT_IN = "nollycrew_code"


def signing_purpose(contract_id: str) -> str:
    return f"sign:{contract_id}"


class OneTimeCodeSignatures(SignatureProvider):
    """NollyCrew one-time code."""

    name = BUILT_IN

    def __init__(self, services: Services):
        self._services = services

    async def start(self, contract: dict, signer_id: str) -> None:
        ports, now = ports_of(self._services), self._services.clock.now()
        purpose = signing_purpose(contract["contract_id"])
        code = await codes.issue(ports.codes, ports.code_key, _subject(contract, signer_id), now, {"purpose": purpose})
        # A fresh message id each time: a second request replaces the code, so it must be sent.
        await self._services.outbox.queue(
            OutboundMessage(
                message_id=f"signing_code:{new_id()}",
                person_id=signer_id,
                template="signing_code",
                params={"code": code, "minutes": codes.CODE_TTL_S // 60, "title": contract["title"]},
                sensitive=True,
            )
        )

    async def record(self, contract: dict, signer_id: str, proof: str) -> None:
        ports, now = ports_of(self._services), self._services.clock.now()
        subject = _subject(contract, signer_id)
        details = await codes.check(ports.codes, ports.code_key, subject, proof, now)
        if details.get("purpose") != signing_purpose(contract["contract_id"]):
            raise SignInRefused("That code is not for this contract. Ask for a new one.")
        await codes.consume(ports.codes, subject)  # only one of two racing signatures gets past


def _subject(contract: dict, signer_id: str) -> str:
    # One code per contract and party: a code sent to sign one contract cannot sign another.
    return f"{signing_purpose(contract['contract_id'])}:{signer_id}"


PROVIDERS = {BUILT_IN: OneTimeCodeSignatures}


def provider_for(contract: dict, services: Services) -> SignatureProvider:
    return PROVIDERS[contract.get("provider", BUILT_IN)](services)
