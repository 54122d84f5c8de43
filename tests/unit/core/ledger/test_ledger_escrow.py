from datetime import date, datetime, timedelta, timezone

import pytest

from core.errors import Rejected
from core.ledger import escrow
from core.ledger.disputes import auto_release, due_releases, freeze, resolve_dispute
from core.ledger.holds import RELEASED, VOIDED, Hold
from core.ledger.state import LedgerState, apply
from tests.unit.core.ledger.ledger_books import made, naira, with_hold

DONE = datetime(2026, 12, 10, 18, tzinfo=timezone.utc)


def test_a_gateway_webhook_delivered_many_times_credits_once():
    deposit = escrow.confirm_deposit("paystack", "T123", "ada", naira(50_000))
    state = made(LedgerState(), [deposit])

    for _ in range(100):
        state, results = apply(state, [deposit])
        assert results[0].status == "exists"

    assert state.balance("wallet:ada", "NGN").posted == 50_000
    assert state.balance("clearing:paystack:NGN", "NGN").posted == -50_000


def test_deposit_and_hold_records_the_deposit_even_when_the_hold_is_refused():
    first = made(LedgerState(), escrow.deposit_and_hold("paystack", "T1", "ada", "obi", naira(10_000), "h1", "b1"))
    reused_hold_id = escrow.deposit_and_hold("paystack", "T2", "ada", "obi", naira(20_000), "h1", "b2")

    state, results = apply(first, reused_hold_id)

    assert [r.code for r in results] == ["", "exists_with_different_details"]
    assert state.balance("wallet:ada", "NGN").available == 20_000


def test_a_release_pays_crew_fee_vat_and_withholding_in_one_batch():
    state = with_hold(60_000)

    state = made(state, escrow.release(state.holds["h1"], 60_000, "r1", fee_bps=1_000, withholding_bps=500))

    assert state.balance("platform:fees", "NGN").posted == 6_000
    assert state.balance("tax:vat_payable", "NGN").posted == 450
    assert state.balance("tax:wht_payable", "NGN").posted == 3_000
    assert state.balance("payee:obi", "NGN").posted == 50_550
    assert state.balance("escrow:h1", "NGN").posted == 0
    assert state.holds["h1"].status == RELEASED


def test_release_ids_come_from_the_callers_key_and_carry_the_booking():
    state = with_hold(60_000)

    batch = escrow.release(state.holds["h1"], 10_000, "approval-9", fee_bps=1_000)

    assert [t.id for t in batch] == ["approval-9/post", "approval-9/fee", "approval-9/vat", "approval-9/pay"]
    assert {t.data["booking_id"] for t in batch} == {"booking-1"}


@pytest.mark.parametrize("cancelled_on, refunded, paid_gross", [
    (date(2026, 12, 1), 60_000, 0), (date(2026, 12, 10), 30_000, 30_000), (date(2026, 12, 15), 15_000, 45_000),
    (date(2026, 12, 19), 0, 60_000),
])
def test_cancelling_refunds_the_policys_share_and_pays_the_rest(cancelled_on, refunded, paid_gross):
    state = with_hold(60_000)

    batch = escrow.cancel_booking(state.holds["h1"], date(2026, 12, 20), cancelled_on, "c1", fee_bps=0)
    state = made(state, batch)

    assert state.balance("wallet:ada", "NGN").available == 40_000 + refunded
    assert state.balance("payee:obi", "NGN").posted == paid_gross
    assert state.holds["h1"].remaining_minor == 0


def test_a_dispute_freezes_the_hold_and_stops_the_automatic_release():
    state = with_hold(60_000)
    state = made(state, [freeze(state.holds["h1"], "d1")])
    now = DONE + timedelta(days=30)

    assert due_releases(state.holds.values(), {"h1": DONE}, set(), now) == []
    stale_view = Hold(state.holds["h1"].transfer, 60_000)  # a client that has not seen the freeze
    _, results = apply(state, escrow.release(stale_view, 60_000, "sneaky", fee_bps=0))
    assert results[0].code == "hold_frozen"


@pytest.mark.parametrize("decision, share, crew_gets, producer_gets_back", [
    ("release", None, 60_000, 0), ("refund", None, 0, 60_000), ("split", 20_000, 20_000, 40_000),
])
def test_an_admin_resolves_a_dispute_by_release_refund_or_split(decision, share, crew_gets, producer_gets_back):
    state = with_hold(60_000)
    state = made(state, [freeze(state.holds["h1"], "d1")])

    state = made(state, resolve_dispute(state.holds["h1"], "d1", decision, fee_bps=0, payee_minor=share))

    assert state.balance("payee:obi", "NGN").posted == crew_gets
    assert state.balance("wallet:ada", "NGN").available == 40_000 + producer_gets_back
    assert state.holds["h1"].status == (VOIDED if producer_gets_back else RELEASED)
    assert not state.holds["h1"].frozen


def test_a_resolution_needs_a_known_decision_and_a_frozen_hold():
    state = with_hold(60_000)
    with pytest.raises(Rejected):
        resolve_dispute(state.holds["h1"], "d1", "release", fee_bps=0)
    state = made(state, [freeze(state.holds["h1"], "d1")])
    with pytest.raises(Rejected):
        resolve_dispute(state.holds["h1"], "d1", "split", fee_bps=0)
    with pytest.raises(Rejected):
        resolve_dispute(state.holds["h1"], "d1", "split", fee_bps=0, payee_minor=60_001)


def test_due_releases_waits_n_days_after_verified_completion():
    state = made(with_hold(30_000, "h1"), [escrow.hold_in_escrow("h2", "ada", "obi", naira(30_000), "b2"),
                                           escrow.hold_in_escrow("h3", "ada", "obi", naira(10_000), "b3")])
    completions = {"h1": DONE, "h2": DONE - timedelta(days=1)}
    holds = state.holds.values()

    assert due_releases(holds, completions, set(), DONE + timedelta(days=7) - timedelta(seconds=1)) == ["h2"]
    assert due_releases(holds, completions, set(), DONE + timedelta(days=7)) == ["h1", "h2"]
    assert due_releases(holds, completions, {"h2"}, DONE + timedelta(days=7)) == ["h1"]
    assert due_releases(holds, completions, set(), DONE + timedelta(days=2), after_days=2) == ["h1", "h2"]


def test_a_rerun_of_the_automatic_release_pays_once():
    state = with_hold(60_000)
    batch = auto_release(state.holds["h1"], fee_bps=1_000)
    state = made(state, batch)

    state, results = apply(state, batch)

    assert {r.status for r in results} == {"exists"}
    assert state.balance("platform:fees", "NGN").posted == 6_000
    assert due_releases(state.holds.values(), {"h1": DONE}, set(), DONE + timedelta(days=9)) == []


def test_flows_refuse_a_hold_with_nothing_left():
    state = with_hold(60_000)
    state = made(state, escrow.refund(state.holds["h1"], "k1"))

    with pytest.raises(Rejected):
        escrow.release(state.holds["h1"], 1, "r1", fee_bps=0)
    with pytest.raises(Rejected):
        escrow.refund(state.holds["h1"], "k2")
