"""A person's own data: an export of everything we hold about them, and erasure of their
account. The gathering and the deleting are the PersonalData port's (sync/personal_data.py);
the rules of who may ask and what the person gets back are here."""
from core import scopes
from core.admin_commands import EraseMyAccount, ExportMyData
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.identity_account import revoke_session
from core.handlers.people import person_card
from core.identity.commands import RevokeSession
from core.ids import derived_id
from core.privacy_ports import PersonalData

ERASE_WORD = "ERASE"


def export_doc_id(export_id: str) -> str:
    return f"data_export:{export_id}"


async def export_my_data(cmd: ExportMyData, services: Services) -> Result:
    """The export lands in the person's own database, which only they (and core) can read,
    so it reaches them on every channel: the app syncs it, a bot sends its link."""
    await person_card(services, cmd.person_id)
    export_id = derived_id("data_export", cmd.intent_id)
    own_db = scopes.user_db(cmd.person_id)
    if await services.store.get(own_db, export_doc_id(export_id)) is None:  # a retry exports once
        data = await _port(services).export(cmd.person_id)
        await services.store.create(own_db, {
            "_id": export_doc_id(export_id), "type": "data_export", "person_id": cmd.person_id,
            "data": data, "source_intent": cmd.intent_id, "created_at": services.clock.now().isoformat(),
        })
    return Result(ref=export_id)


async def erase_my_account(cmd: EraseMyAccount, services: Services) -> Result:
    """Erasure is final and a suspended person may ask for it too (the law gives them that)."""
    card = await services.store.get(scopes.DIRECTORY, f"person:{cmd.person_id}")
    if card is None:
        raise Rejected("We do not know you yet. Send HI to our WhatsApp number to sign up.")
    if cmd.confirmation.strip().upper() != ERASE_WORD:
        raise Rejected("To erase your account for good, send {word} to confirm.", word=ERASE_WORD)
    if not card.get("erased"):  # a retry after a completed erasure has nothing left to do
        port = _port(services)
        # Signed-in devices first: none may write again for a person who is being erased.
        await revoke_session(RevokeSession(cmd.person_id), services)
        await port.erase(cmd.person_id)
    return Result(ref=cmd.person_id)


def _port(services: Services) -> PersonalData:
    # config/bootstrap.py gives every bus one; a bus built without it cannot reach the data.
    port = services.personal_data
    if port is None:
        raise Rejected("Exports and erasure are not available here yet; write to support.")
    return port


PRIVACY_HANDLERS = {
    ExportMyData: export_my_data,
    EraseMyAccount: erase_my_account,
}
