"""The office bus with the escrow-dispute slice registered, until core/handlers/__init__.py
lists it: the real handlers, the real pure ledger in memory. ConfirmPayment also puts the
deposit on its automatic release day's list, as the wiring line in core/handlers/escrow.py will."""
from core import scopes
from core.bus import MessageBus, Result
from core.escrow_commands import ConfirmPayment
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.escrow import confirm_payment
from core.handlers.escrow_auto_release import AUTO_RELEASE_HANDLERS
from core.handlers.escrow_disputes import ESCROW_DISPUTE_EVENT_HANDLERS, ESCROW_DISPUTE_HANDLERS
from core.handlers.escrow_due_list import schedule_automatic_release
from tests.unit.shoot_fakes import make_office_bus


async def confirm_and_schedule(cmd: ConfirmPayment, services) -> Result:
    result = await confirm_payment(cmd, services)
    index = await services.store.get(scopes.OPS, f"payment_ref:{cmd.reference}")
    deposit = await services.store.get(scopes.office_db(index["project_id"]), result.ref)
    await schedule_automatic_release(services, deposit)
    return result


def make_dispute_bus() -> MessageBus:
    services = make_office_bus().services
    commands = {**COMMAND_HANDLERS, **ESCROW_DISPUTE_HANDLERS, **AUTO_RELEASE_HANDLERS,
                ConfirmPayment: confirm_and_schedule}
    events = {**EVENT_HANDLERS, **ESCROW_DISPUTE_EVENT_HANDLERS}
    return MessageBus(services, commands, events)
