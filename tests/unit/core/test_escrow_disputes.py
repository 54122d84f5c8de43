"""Escrowed pay under dispute, cancelled, or paid by itself, on the real bus and the real pure
ledger: a dispute freezes the hold, only an admin settles it, a cancellation follows the policy,
the daily job pays worked and undisputed bookings; every repeat changes nothing."""
from datetime import datetime, time, timedelta

import pytest

from core import scopes
from core.errors import Rejected
from core.escrow_commands import ConfirmPayment, ReleaseEscrow, RequestDeposit
from core.escrow_dispute_commands import (
    INTENT_PARSERS, CancelBookingEscrow, DisputeEscrow, ReleaseDueEscrow, ResolveEscrowDispute,
)
from core.handlers.escrow import payment_reference
from core.intents import _Fields
from core.ledger import accounts
from core.money import Money
from core.reputation_commands import FlagDispute
from tests.unit.escrow_dispute_fakes import make_dispute_bus
from tests.unit.fakes import LAGOS
from tests.unit.production import FIRST_DAY, LAST_DAY, on_set, open_production, register

PAY = Money(45_000_000, "NGN")  # ₦450,000 held for the gaffer
FEE_BPS, VAT_BPS = 500, 750


def net(gross: int) -> int:
    """What the crew member keeps of a gross release: less 5 % fee (down) and 7.5 % VAT on it (half up)."""
    fee = gross * FEE_BPS // 10_000
    return gross - fee - (2 * fee * VAT_BPS + 10_000) // 20_000


class Shoot:
    """One booked, paid gaffer on Eko Nights, and the moves each test makes."""

    def __init__(self, production, booking_id: str, admin_id: str):
        self.p, self.booking_id, self.admin_id = production, booking_id, admin_id
        self.bus, self.services = production.bus, production.bus.services

    async def dispute(self, by: str, intent_id: str = "escrow_dispute:1", reason: str = "Not paid for day 12",
                      project_id: str | None = None):
        project_id = self.p.project_id if project_id is None and by != self.p.chidi_id else project_id or ""
        return await self.bus.handle(DisputeEscrow(intent_id, by, self.booking_id, reason, project_id))

    async def resolve(self, decision: str, payee_minor: int | None = None, by: str | None = None,
                      intent_id: str = "escrow_dispute_resolution:1"):
        return await self.bus.handle(ResolveEscrowDispute(intent_id, by or self.admin_id, self.p.project_id,
                                                          self.booking_id, decision, payee_minor))

    async def cancel(self, by: str | None = None, intent_id: str = "escrow_cancellation:1"):
        return await self.bus.handle(CancelBookingEscrow(intent_id, self.p.project_id, by or self.p.producer_id,
                                                         self.booking_id))

    async def release(self, amount_minor: int, intent_id: str = "escrow_release_request:1"):
        return await self.bus.handle(ReleaseEscrow(intent_id, self.p.project_id, self.p.producer_id,
                                                   self.booking_id, amount_minor))

    async def run_daily_job(self, on: datetime):
        self.services.clock.at = on
        return await self.bus.handle(ReleaseDueEscrow())

    async def posted(self, account: str) -> int:
        return (await self.services.ledger.balance(account, "NGN")).posted

    async def money(self) -> dict:
        """Every balance this booking touches: a repeat must leave all of them as they were."""
        names = {"payee": accounts.payee(self.p.chidi_id), "wallet": accounts.wallet(self.p.producer_id),
                 "fees": accounts.PLATFORM_FEES, "vat": accounts.VAT_PAYABLE}
        return {name: await self.posted(account) for name, account in names.items()}

    async def hold(self):
        return await self.services.ledger.hold(f"hold-{payment_reference(self.booking_id)}")

    async def deposit(self) -> dict:
        return await self.services.store.get(self.p.office, f"escrow_deposit:{self.booking_id}")

    def messages(self, template: str) -> list:
        return self.services.outbox.with_template(template)


@pytest.fixture
async def shoot() -> Shoot:
    production = await open_production(make_dispute_bus())
    admin_id = await register(production.bus, "+2348030000009", "Ngozi Admin", ("admin",), "production")
    booking_id = await production.book(production.chidi_id)
    await production.confirm(production.chidi_id, booking_id)
    await production.bus.handle(RequestDeposit("escrow_deposit_request:1", production.project_id,
                                               production.producer_id, booking_id, PAY, "paystack"))
    await production.bus.handle(ConfirmPayment("paystack", payment_reference(booking_id), PAY, "4099260516"))
    return Shoot(production, booking_id, admin_id)


async def test_a_dispute_freezes_the_hold_and_a_release_is_then_refused(shoot):
    await shoot.dispute(shoot.p.chidi_id)

    with pytest.raises(Rejected):
        await shoot.release(10_000_000)

    hold = await shoot.hold()
    assert (hold.frozen, hold.remaining_minor) == (True, PAY.amount_minor)
    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == 0
    assert (await shoot.deposit())["status"] == "disputed"
    mine = await shoot.services.store.get(scopes.user_db(shoot.p.chidi_id), f"escrow:{shoot.booking_id}")
    assert mine["status"] == "disputed"
    told = {m.person_id for m in shoot.messages("escrow_disputed")}
    assert told == {shoot.p.chidi_id, shoot.p.producer_id}


async def test_the_ledger_refuses_a_release_on_a_frozen_hold_even_if_the_deposit_looks_held(shoot):
    await shoot.dispute(shoot.p.producer_id)
    await shoot.services.store.update(shoot.p.office, f"escrow_deposit:{shoot.booking_id}",
                                      lambda doc: {**doc, "status": "held"})

    with pytest.raises(Rejected, match="frozen by a dispute"):
        await shoot.release(10_000_000)
    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == 0


async def test_the_other_side_cannot_open_a_second_dispute_and_a_repeat_changes_nothing(shoot):
    first = await shoot.dispute(shoot.p.chidi_id)
    again = await shoot.dispute(shoot.p.chidi_id)

    with pytest.raises(Rejected, match="already under dispute"):
        await shoot.dispute(shoot.p.producer_id, intent_id="escrow_dispute:2")
    assert first == again
    assert len(shoot.messages("escrow_disputed")) == 2  # one each, not one per attempt


async def test_someone_outside_the_booking_cannot_dispute_its_pay(shoot):
    with pytest.raises(Rejected, match="Only the crew member paid, or the production"):
        await shoot.dispute(shoot.p.aisha_id, project_id=shoot.p.project_id)
    assert not (await shoot.hold()).frozen


async def test_a_dispute_with_no_reason_is_refused(shoot):
    with pytest.raises(Rejected, match="Say what went wrong"):
        await shoot.dispute(shoot.p.chidi_id, reason="   ")
    assert not (await shoot.hold()).frozen


async def test_an_admin_split_pays_each_side_once(shoot):
    await shoot.dispute(shoot.p.chidi_id)
    crew_share = 20_000_000

    await shoot.resolve("split", crew_share)
    after = await shoot.money()
    await shoot.resolve("split", crew_share)  # the admin app's retry

    assert after == await shoot.money()
    assert after["payee"] == net(crew_share)
    assert after["wallet"] == PAY.amount_minor - crew_share
    assert after["payee"] + after["wallet"] + after["fees"] + after["vat"] == PAY.amount_minor
    deposit = await shoot.deposit()
    assert (deposit["status"], deposit["released_minor"], deposit["refunded_minor"]) == (
        "settled", crew_share, PAY.amount_minor - crew_share)
    hold = await shoot.hold()
    assert (hold.frozen, hold.remaining_minor) == (False, 0)
    assert {m.person_id for m in shoot.messages("escrow_dispute_resolved")} == {shoot.p.chidi_id, shoot.p.producer_id}
    [receipt] = shoot.p.bus.services.store.docs(scopes.user_db(shoot.p.chidi_id), "receipt:NC-RCT")
    assert receipt["total"]["amount_minor"] == net(crew_share)  # the crew member's part has its receipt


@pytest.mark.parametrize("decision, paid", [("release", PAY.amount_minor), ("refund", 0)])
async def test_an_admin_releases_or_refunds_all(shoot, decision, paid):
    await shoot.dispute(shoot.p.producer_id)

    await shoot.resolve(decision)

    money = await shoot.money()
    assert money["payee"] == (net(paid) if paid else 0)
    assert money["wallet"] == PAY.amount_minor - paid


def crash_after_next_submit(shoot) -> None:
    """The core dies just after the ledger stored a batch, before any document says so."""
    ledger, submit = shoot.services.ledger, shoot.services.ledger.submit

    async def submit_then_crash(transfers):
        await submit(transfers)
        ledger.submit = submit
        raise ConnectionError("the core was killed")

    ledger.submit = submit_then_crash


async def test_a_ruling_retried_after_a_crash_pays_once_and_is_recorded(shoot):
    await shoot.dispute(shoot.p.chidi_id)
    crash_after_next_submit(shoot)
    with pytest.raises(ConnectionError):
        await shoot.resolve("split", 20_000_000)

    await shoot.resolve("split", 20_000_000)

    money = await shoot.money()
    assert (money["payee"], money["wallet"]) == (net(20_000_000), PAY.amount_minor - 20_000_000)
    assert (await shoot.deposit())["status"] == "settled"
    dispute = await shoot.services.store.get(scopes.OPS, f"escrow_dispute:{shoot.booking_id}")
    assert dispute["status"] == "resolved"


async def test_a_cancellation_retried_after_a_crash_refunds_once(shoot):
    shoot.services.clock.at = datetime.combine(FIRST_DAY - timedelta(days=3), time(10), LAGOS)  # 25 % back
    crash_after_next_submit(shoot)
    with pytest.raises(ConnectionError):
        await shoot.cancel()
    shoot.services.clock.at += timedelta(days=2)  # the retry comes later: the first attempt's day counts

    await shoot.cancel()

    assert (await shoot.money())["wallet"] == PAY.amount_minor // 4
    assert (await shoot.deposit())["status"] == "cancelled"


async def test_a_dispute_retried_after_a_crash_freezes_once(shoot):
    crash_after_next_submit(shoot)
    with pytest.raises(ConnectionError):
        await shoot.dispute(shoot.p.chidi_id)

    await shoot.dispute(shoot.p.chidi_id)

    assert (await shoot.deposit())["status"] == "disputed"
    assert len(shoot.messages("escrow_disputed")) == 2


async def test_a_non_admin_cannot_resolve_a_dispute(shoot):
    await shoot.dispute(shoot.p.chidi_id)

    with pytest.raises(Rejected, match="Only an admin"):
        await shoot.resolve("release", by=shoot.p.producer_id)
    assert (await shoot.hold()).frozen
    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == 0


async def test_a_second_admin_cannot_overrule_a_settled_dispute(shoot):
    await shoot.dispute(shoot.p.chidi_id)
    await shoot.resolve("refund")
    before = await shoot.money()

    with pytest.raises(Rejected, match="already settled"):
        await shoot.resolve("release", intent_id="escrow_dispute_resolution:2")
    assert await shoot.money() == before


async def test_a_split_larger_than_what_is_held_is_refused_and_leaves_it_frozen(shoot):
    await shoot.dispute(shoot.p.chidi_id)

    with pytest.raises(Rejected, match="between nothing and the ₦450,000 held"):
        await shoot.resolve("split", PAY.amount_minor + 1)
    assert (await shoot.hold()).frozen
    await shoot.resolve("split", 1, intent_id="escrow_dispute_resolution:2")  # a corrected ruling still works
    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == net(1)


async def test_an_admin_cannot_settle_a_dispute_over_their_own_booking(shoot):
    await shoot.services.store.update(scopes.DIRECTORY, f"person:{shoot.p.producer_id}",
                                      lambda card: {**card, "roles": [*card["roles"], "admin"]})
    await shoot.dispute(shoot.p.chidi_id)

    with pytest.raises(Rejected, match="Ask another admin"):
        await shoot.resolve("refund", by=shoot.p.producer_id)
    assert (await shoot.hold()).frozen


async def test_there_is_nothing_to_resolve_without_a_dispute(shoot):
    with pytest.raises(Rejected, match="no payment dispute"):
        await shoot.resolve("release")


async def test_a_refund_after_full_release_is_refused(shoot):
    await shoot.release(PAY.amount_minor)
    before = await shoot.money()

    with pytest.raises(Rejected, match="no payment to refund"):
        await shoot.cancel()
    with pytest.raises(Rejected, match="no payment to dispute|Nothing is left"):
        await shoot.dispute(shoot.p.producer_id)
    assert await shoot.money() == before


async def test_a_cancellation_ten_days_before_the_shoot_refunds_half_once(shoot):
    shoot.services.clock.at = datetime.combine(FIRST_DAY - timedelta(days=10), time(10), LAGOS)

    await shoot.cancel()
    after = await shoot.money()
    await shoot.cancel()

    assert after == await shoot.money()
    assert after["wallet"] == PAY.amount_minor // 2
    assert after["payee"] == net(PAY.amount_minor // 2)
    deposit = await shoot.deposit()
    assert (deposit["status"], deposit["cancellation"]["refund_percent"]) == ("cancelled", 50)
    assert len(shoot.messages("escrow_cancelled")) == 2
    store = shoot.p.bus.services.store
    for db in (shoot.p.project, scopes.user_db(shoot.p.chidi_id)):  # the booking ends too: its days are free
        assert (await store.get(db, f"booking:{deposit['booking_id']}"))["status"] == "cancelled"


async def test_a_second_cancellation_is_refused(shoot):
    await shoot.cancel()

    with pytest.raises(Rejected, match="already settled on cancellation"):
        await shoot.cancel(intent_id="escrow_cancellation:2")


async def test_only_those_who_approve_payments_can_cancel_the_pay(shoot):
    with pytest.raises(Rejected, match="does not let you cancel"):
        await shoot.cancel(by=shoot.p.chidi_id)
    assert (await shoot.hold()).remaining_minor == PAY.amount_minor


async def test_a_disputed_payment_cannot_be_cancelled(shoot):
    await shoot.dispute(shoot.p.chidi_id)

    with pytest.raises(Rejected, match="under dispute"):
        await shoot.cancel()
    assert (await shoot.hold()).frozen


def due_day(hour: int = 6) -> datetime:
    return datetime.combine(LAST_DAY + timedelta(days=7), time(hour), LAGOS)


async def test_the_daily_job_pays_a_worked_booking_seven_days_after_its_last_day_once(shoot):
    await shoot.p.check_in(shoot.p.chidi_id, shoot.booking_id, on_set(FIRST_DAY, 6, 20))

    await shoot.run_daily_job(due_day() - timedelta(days=1))
    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == 0

    await shoot.run_daily_job(due_day())
    after = await shoot.money()
    await shoot.run_daily_job(due_day(hour=7))

    assert after == await shoot.money()
    assert after["payee"] == net(PAY.amount_minor)
    assert (await shoot.deposit())["status"] == "released"
    assert len(shoot.messages("escrow_released")) == 1


async def test_the_daily_job_pays_nobody_who_never_checked_in(shoot):
    await shoot.run_daily_job(due_day())

    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == 0
    due = await shoot.services.store.get(scopes.OPS, f"escrow_due:{(LAST_DAY + timedelta(days=7)).isoformat()}")
    assert [entry["outcome"] for entry in due["entries"]] == ["no_check_in"]


async def test_the_daily_job_leaves_a_disputed_payment_to_the_admin(shoot):
    await shoot.p.check_in(shoot.p.chidi_id, shoot.booking_id, on_set(FIRST_DAY, 6, 20))
    await shoot.dispute(shoot.p.producer_id)

    await shoot.run_daily_job(due_day())

    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == 0
    assert (await shoot.hold()).frozen


async def test_the_daily_job_leaves_a_booking_flagged_as_disputed(shoot):
    await shoot.p.check_in(shoot.p.chidi_id, shoot.booking_id, on_set(FIRST_DAY, 6, 20))
    await shoot.bus.handle(FlagDispute("dispute_flag:1", shoot.booking_id, shoot.p.producer_id,
                                       "Left set at noon on day 1", shoot.p.project_id))

    await shoot.run_daily_job(due_day())

    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == 0
    assert (await shoot.hold()).remaining_minor == PAY.amount_minor


async def test_the_daily_job_catches_up_on_days_it_missed(shoot):
    await shoot.p.check_in(shoot.p.chidi_id, shoot.booking_id, on_set(FIRST_DAY, 6, 20))
    await shoot.run_daily_job(due_day() - timedelta(days=5))

    await shoot.run_daily_job(due_day() + timedelta(days=3))  # the job did not run for a week

    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == net(PAY.amount_minor)


async def test_the_daily_job_pays_only_what_is_left_after_a_part_release(shoot):
    await shoot.p.check_in(shoot.p.chidi_id, shoot.booking_id, on_set(FIRST_DAY, 6, 20))
    await shoot.release(15_000_000)

    await shoot.run_daily_job(due_day())

    assert (await shoot.hold()).remaining_minor == 0
    assert await shoot.posted(accounts.payee(shoot.p.chidi_id)) == net(15_000_000) + net(30_000_000)
    assert (await shoot.deposit())["released_minor"] == PAY.amount_minor


GOOD = {
    "escrow_dispute": ("user", {"booking_id": "b" * 20, "reason": "Not paid for day 12"}, DisputeEscrow),
    "escrow_dispute_resolution": ("user", {"project_id": "p" * 20, "booking_id": "b" * 20, "decision": "split",
                                           "payee_minor": 20_000_000, "note": "Worked 5 of 12 days"},
                                  ResolveEscrowDispute),
    "escrow_cancellation": ("office", {"booking_id": "b" * 20, "author": "a" * 12}, CancelBookingEscrow),
}


@pytest.mark.parametrize("intent_type", sorted(GOOD))
def test_a_good_intent_becomes_its_command(intent_type):
    kind, doc, command = GOOD[intent_type]
    assert INTENT_PARSERS[intent_type][0] == kind
    assert isinstance(INTENT_PARSERS[intent_type][1](f"{intent_type}:1", "a" * 12, _Fields(doc)), command)


@pytest.mark.parametrize("intent_type, changes, field", [
    ("escrow_dispute_resolution", {"decision": "halve"}, "decision"),
    ("escrow_dispute_resolution", {"payee_minor": 200000.5}, "payee_minor"),
    ("escrow_dispute", {"reason": None}, "reason"),
    ("escrow_cancellation", {"author": 7}, "author"),
])
def test_a_malformed_intent_names_the_field(intent_type, changes, field):
    _, doc, _ = GOOD[intent_type]
    with pytest.raises(ValueError, match=field):
        INTENT_PARSERS[intent_type][1]("x:1", "a" * 12, _Fields({**doc, **changes}))
