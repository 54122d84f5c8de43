"""A booking paid by milestones: one deposit per milestone, each held, released, disputed and paid by
itself on its own; a cancellation settles every milestone still held. On the real bus and the real
pure ledger."""
from datetime import datetime, time, timedelta

import pytest

from core import scopes
from core.errors import Rejected
from core.escrow_commands import INTENT_PARSERS, ConfirmPayment, ReleaseEscrow, RequestDeposit
from core.escrow_dispute_commands import CancelBookingEscrow, DisputeEscrow, ReleaseDueEscrow
from core.escrow_ids import escrow_id
from core.handlers.escrow import payment_reference
from core.intents import _Fields
from core.ledger import accounts
from core.money import Money
from tests.unit.escrow_dispute_fakes import make_dispute_bus
from tests.unit.fakes import LAGOS
from tests.unit.production import FIRST_DAY, LAST_DAY, on_set, open_production

FIRST_HALF, AT_WRAP = Money(20_000_000, "NGN"), Money(25_000_000, "NGN")
HALF_WAY = FIRST_DAY + timedelta(days=5)


class Milestones:
    def __init__(self, production, booking_id: str):
        self.p, self.booking_id = production, booking_id
        self.bus, self.services = production.bus, production.bus.services
        self.first, self.wrap = escrow_id(booking_id, "first-half"), escrow_id(booking_id, "wrap")

    async def ask(self, milestone: str, amount: Money, work_until: str = "", intent: str = ""):
        return await self.bus.handle(RequestDeposit(
            intent or f"escrow_deposit_request:{milestone}", self.p.project_id, self.p.producer_id, self.booking_id,
            amount, "paystack", milestone=milestone, work_until=work_until))

    async def pay(self, escrow: str, amount: Money):
        await self.bus.handle(ConfirmPayment("paystack", payment_reference(escrow), amount, "4099260516"))

    async def release(self, escrow: str, amount_minor: int = 0, intent: str = "escrow_release_request:1"):
        return await self.bus.handle(ReleaseEscrow(intent, self.p.project_id, self.p.producer_id, escrow,
                                                   amount_minor))

    async def held(self, escrow: str) -> int:
        return (await self.services.ledger.hold(f"hold-{payment_reference(escrow)}")).remaining_minor

    async def deposit(self, escrow: str) -> dict:
        return await self.services.store.get(self.p.office, f"escrow_deposit:{escrow}")

    async def paid_to_crew(self) -> int:
        return (await self.services.ledger.balance(accounts.payee(self.p.chidi_id), "NGN")).posted


@pytest.fixture
async def shoot() -> Milestones:
    production = await open_production(make_dispute_bus())
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    shoot = Milestones(production, booking_id)
    await shoot.ask("first-half", FIRST_HALF, work_until=HALF_WAY.isoformat())
    await shoot.ask("wrap", AT_WRAP)
    await shoot.pay(shoot.first, FIRST_HALF)
    await shoot.pay(shoot.wrap, AT_WRAP)
    return shoot


async def test_each_milestone_is_its_own_deposit_and_hold(shoot):
    assert await shoot.held(shoot.first) == FIRST_HALF.amount_minor
    assert await shoot.held(shoot.wrap) == AT_WRAP.amount_minor
    assert payment_reference(shoot.first) != payment_reference(shoot.wrap)
    listed = await shoot.services.store.get(shoot.p.office, f"escrows_of:{shoot.booking_id}")
    assert listed["escrow_ids"] == [shoot.first, shoot.wrap]
    mine = await shoot.services.store.get(scopes.user_db(shoot.p.chidi_id), f"escrow:{shoot.first}")
    assert (mine["milestone"], mine["status"]) == ("first-half", "held")
    assert len(shoot.services.outbox.with_template("escrow_funded")) == 2


async def test_the_same_milestone_cannot_be_asked_for_twice(shoot):
    with pytest.raises(Rejected, match="already has an escrow deposit for the milestone first-half"):
        await shoot.ask("first-half", FIRST_HALF, intent="escrow_deposit_request:again")


async def test_a_milestone_ending_outside_the_booking_is_refused(shoot):
    with pytest.raises(Rejected, match="within the booking"):
        await shoot.ask("late", FIRST_HALF, work_until=(LAST_DAY + timedelta(days=1)).isoformat())


async def test_approving_a_milestone_releases_all_of_it_once_and_leaves_the_other_held(shoot):
    await shoot.release(shoot.first)
    paid = await shoot.paid_to_crew()
    await shoot.release(shoot.first)  # the intent again

    assert await shoot.paid_to_crew() == paid > 0
    assert await shoot.held(shoot.first) == 0
    assert (await shoot.deposit(shoot.first))["status"] == "released"
    assert await shoot.held(shoot.wrap) == AT_WRAP.amount_minor
    with pytest.raises(Rejected, match="Nothing is left"):
        await shoot.release(shoot.first, intent="escrow_release_request:2")


async def test_a_dispute_on_one_milestone_leaves_the_other_free_to_release(shoot):
    await shoot.bus.handle(DisputeEscrow("escrow_dispute:1", shoot.p.chidi_id, shoot.wrap, "Wrap pay is short"))

    with pytest.raises(Rejected, match="under dispute"):
        await shoot.release(shoot.wrap)
    await shoot.release(shoot.first)
    assert await shoot.held(shoot.first) == 0
    assert (await shoot.services.ledger.hold(f"hold-{payment_reference(shoot.wrap)}")).frozen
    dispute = await shoot.services.store.get(scopes.OPS, f"escrow_dispute:{shoot.wrap}")
    assert (dispute["booking_id"], dispute["milestone"]) == (shoot.booking_id, "wrap")


async def test_a_cancellation_settles_every_milestone_still_held_and_skips_those_paid(shoot):
    await shoot.release(shoot.first)
    shoot.services.clock.at = datetime.combine(FIRST_DAY - timedelta(days=10), time(10), LAGOS)

    await shoot.bus.handle(CancelBookingEscrow("escrow_cancellation:1", shoot.p.project_id, shoot.p.producer_id,
                                               shoot.booking_id))

    assert (await shoot.deposit(shoot.first))["status"] == "released"
    wrap = await shoot.deposit(shoot.wrap)
    assert (wrap["status"], wrap["refunded_minor"]) == ("cancelled", AT_WRAP.amount_minor // 2)
    booking = await shoot.services.store.get(shoot.p.project, f"booking:{shoot.booking_id}")
    assert booking["status"] == "cancelled"


async def test_a_milestone_is_paid_by_itself_seven_days_after_its_own_last_day(shoot):
    await shoot.p.check_in(shoot.p.chidi_id, shoot.booking_id, on_set(FIRST_DAY, 6, 20))

    shoot.services.clock.at = datetime.combine(HALF_WAY + timedelta(days=7), time(6), LAGOS)
    await shoot.bus.handle(ReleaseDueEscrow())

    assert await shoot.held(shoot.first) == 0
    assert await shoot.held(shoot.wrap) == AT_WRAP.amount_minor  # due a week after the last day


@pytest.mark.parametrize("changes, field", [
    ({"milestone": "First half!"}, "milestone"),
    ({"work_until": "next week"}, "isoformat|date"),
])
def test_a_malformed_milestone_deposit_names_the_problem(changes, field):
    doc = {"booking_id": "b" * 20, "amount_minor": 100, "author": "a" * 12, **changes}
    with pytest.raises(ValueError, match=field):
        INTENT_PARSERS["escrow_deposit_request"][1]("x:1", "p" * 20, _Fields(doc))


def test_a_release_intent_addresses_a_milestone_and_refuses_a_negative_amount():
    parse = INTENT_PARSERS["escrow_release_request"][1]
    command = parse("x:1", "p" * 20, _Fields({"escrow_id": "b" * 20 + "~wrap", "author": "a" * 12}))
    assert (command.escrow_id, command.amount_minor) == ("b" * 20 + "~wrap", 0)
    with pytest.raises(ValueError, match="more than zero"):
        parse("x:1", "p" * 20, _Fields({"booking_id": "b" * 20, "amount_minor": -5, "author": "a" * 12}))
