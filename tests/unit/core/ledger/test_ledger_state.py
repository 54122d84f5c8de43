from datetime import datetime, timedelta, timezone

import pytest

from core.errors import Rejected
from core.ledger import escrow
from core.ledger.accounts import Balance
from core.ledger.holds import HELD, RELEASED, VOIDED, Hold
from core.ledger.state import LedgerState, TransfersRefused, apply, apply_all, batch_effect, check
from core.ledger.transfers import Transfer
from core.money import Money
from tests.unit.core.ledger.ledger_books import funded, made, naira, with_hold


def test_a_repeated_batch_is_a_no_op_reported_as_existing():
    state = with_hold(60_000)
    batch = escrow.release(state.holds["h1"], 20_000, "r1", fee_bps=1_000)
    once = made(state, batch)

    twice, results = apply(once, batch)

    assert {r.status for r in results} == {"exists"}
    assert twice is once


def test_a_hold_is_released_in_parts_until_used_up():
    state = with_hold(60_000)
    state = made(state, escrow.release(state.holds["h1"], 20_000, "r1", fee_bps=0))
    assert (state.holds["h1"].status, state.holds["h1"].remaining_minor) == (HELD, 40_000)

    state = made(state, escrow.release(state.holds["h1"], 40_000, "r2", fee_bps=0))

    assert (state.holds["h1"].status, state.holds["h1"].remaining_minor) == (RELEASED, 0)
    assert state.balance("payee:obi", "NGN").posted == 60_000
    assert state.balance("wallet:ada", "NGN") == Balance(debits_posted=60_000, credits_posted=100_000)
    assert state.balance("escrow:h1", "NGN") == Balance(debits_posted=60_000, credits_posted=60_000)


def test_a_partial_release_leaves_the_rest_held_and_a_refund_returns_only_the_rest():
    state = with_hold(60_000)
    state = made(state, escrow.release(state.holds["h1"], 25_000, "r1", fee_bps=0))

    state = made(state, escrow.refund(state.holds["h1"], "k1"))

    assert state.holds["h1"].status == VOIDED
    assert state.balance("wallet:ada", "NGN").available == 75_000
    assert state.balance("escrow:h1", "NGN") == Balance(debits_posted=25_000, credits_posted=25_000)


def test_an_expired_hold_can_still_be_refunded_and_the_expiry_job_finds_it():
    expiry = datetime(2026, 12, 1, 8, tzinfo=timezone.utc)
    state = with_hold(60_000, expires_at=expiry.isoformat())
    before, after = expiry - timedelta(seconds=1), expiry

    assert escrow.expired_holds(state.holds.values(), before) == []
    voids = escrow.expired_holds(state.holds.values(), after)
    state = made(state, voids, now=after)

    assert [t.code for t in voids] == ["hold_expired"]
    assert state.holds["h1"].status == VOIDED
    assert state.balance("wallet:ada", "NGN").available == 100_000


def test_check_says_what_apply_would_without_changing_anything():
    state = funded(1_000)
    batch = [Transfer("a", "wallet:ada", "payee:obi", naira(600), "crew_pay"),
             Transfer("b", "wallet:ada", "payee:obi", naira(600), "crew_pay")]

    assert [r.code for r in check(state, batch)] == ["", "below_floor"]
    assert state.balance("payee:obi", "NGN").posted == 0


def test_batch_effect_gives_each_accounts_change():
    state = with_hold(60_000)
    batch = escrow.release(state.holds["h1"], 10_000, "r1", fee_bps=1_000)

    effect = batch_effect(state, batch)

    assert effect[("wallet:ada", "NGN")] == Balance(debits_posted=10_000, debits_pending=-10_000)
    assert effect[("escrow:h1", "NGN")] == Balance(debits_posted=10_000, credits_posted=10_000, credits_pending=-10_000)
    assert effect[("platform:fees", "NGN")] == Balance(credits_posted=1_000)
    assert effect[("tax:vat_payable", "NGN")] == Balance(credits_posted=75)
    assert effect[("payee:obi", "NGN")] == Balance(credits_posted=8_925)


def test_apply_all_raises_the_reasons_for_handlers():
    with pytest.raises(TransfersRefused) as refused:
        apply_all(funded(1_000), [Transfer("a", "wallet:ada", "payee:obi", naira(1_001), "crew_pay")])

    assert "wallet:ada has ₦10 available" in refused.value.reason
    assert refused.value.results[0].code == "below_floor"


def test_one_wallet_keeps_each_currency_apart():
    state = made(funded(1_000), [escrow.confirm_deposit("stripe", "pi_1", "ada", Money(500, "USD"))])

    _, results = apply(state, [Transfer("a", "wallet:ada", "payee:obi", Money(501, "USD"), "crew_pay")])

    assert results[0].code == "below_floor"
    assert state.balance("wallet:ada", "USD").posted == 500
    assert state.balance("wallet:ada", "NGN").posted == 1_000


def test_a_hold_survives_a_document_round_trip():
    hold = with_hold().holds["h1"]

    assert Hold.from_doc(hold.to_doc()) == hold


def test_a_new_state_does_not_share_changes_with_the_old():
    empty = LedgerState()
    state = funded(1_000)

    assert empty.balance("wallet:ada", "NGN") == Balance()
    assert state.balance("wallet:ada", "NGN").posted == 1_000


def test_a_time_without_a_time_zone_is_refused():
    with pytest.raises(Rejected):
        apply(funded(), [], datetime(2026, 12, 1, 9))
