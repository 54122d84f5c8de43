"""Exchange rates in `ops` ("fx_rate_latest:<base>:<quote>", with every rate kept as
"fx_rate:<base>:<quote>:<at>"), and wallet conversions through the ledger's FX accounts: two
linked transfers (wallet -> fx:<base>, fx:<quote> -> wallet), the rounding remainder kept on them."""
from datetime import datetime

from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.fx_commands import ConvertWallet, RecordFxRate
from core.handlers.ledger_refusals import batch_refused
from core.handlers.moderation import ADMIN_ROLE
from core.handlers.people import person_card
from core.handlers.team import project_roles_of
from core.ids import derived_id
from core.ledger import accounts
from core.ledger.fx import FxRate, convert
from core.project_roles import APPROVE_PAYMENTS, require

MAX_RATE_AGE_S = 24 * 3600  # a rate older than a day is not used: naira rates move daily


def latest_id(base: str, quote: str) -> str:
    return f"fx_rate_latest:{base}:{quote}"


async def record_fx_rate(cmd: RecordFxRate, services: Services) -> Result:
    admin = await person_card(services, cmd.admin_id)
    if ADMIN_ROLE not in admin.get("roles", ()) or admin.get("suspended"):
        raise Rejected("Only an admin can record exchange rates.")
    if not cmd.source.strip():
        raise Rejected("Say where the rate comes from (a bank, the CBN window, a bureau).")
    now = services.clock.now().isoformat()
    rate = FxRate.from_decimal(cmd.base, cmd.quote, cmd.rate, now, cmd.source.strip())
    doc = {**rate.to_doc(), "recorded_by": cmd.admin_id, "source_intent": cmd.intent_id}
    kept = await services.store.create(scopes.OPS, {"_id": f"fx_rate:{cmd.base}:{cmd.quote}:{derived_id(cmd.intent_id)}",
                                                    **doc})
    body = {key: value for key, value in kept.items() if key not in ("_id", "_rev")}
    await services.store.create(scopes.OPS, {"_id": latest_id(cmd.base, cmd.quote), **body})

    def newest(current: dict) -> dict | None:
        # A newer rate stays; one recorded at the same moment is replaced by the one recorded after.
        if current["at"] > body["at"] or all(current.get(key) == value for key, value in body.items()):
            return None
        return {**body, "_id": current["_id"], "_rev": current["_rev"]}

    await services.store.update(scopes.OPS, latest_id(cmd.base, cmd.quote), newest)
    return Result(ref=kept["_id"])


async def convert_wallet(cmd: ConvertWallet, services: Services) -> Result:
    require(await project_roles_of(services, cmd.project_id, cmd.by), APPROVE_PAYMENTS, "convert money")
    stored = await services.store.get(scopes.OPS, latest_id(cmd.amount.currency, cmd.to_currency))
    if stored is None:
        raise Rejected("No exchange rate from {currency} to {to_currency} has been recorded.",
                       currency=cmd.amount.currency, to_currency=cmd.to_currency)
    rate = FxRate.from_doc(stored)
    age_s = (services.clock.now() - datetime.fromisoformat(rate.at)).total_seconds()
    if age_s > MAX_RATE_AGE_S:
        raise Rejected("The latest {base}->{quote} rate is from {at}; record today's first.",
                       base=rate.base, quote=rate.quote, at=rate.at[:16])
    project = await services.store.get(scopes.project_db(cmd.project_id), "project")
    wallet = accounts.wallet(project["producer_id"])
    made = convert(rate, cmd.amount, wallet, wallet, "fx-" + derived_id(cmd.intent_id))
    refused = batch_refused(await services.ledger.submit(list(made.transfers)))
    if refused:
        raise refused
    return Result(ref=made.transfers[0].id)
