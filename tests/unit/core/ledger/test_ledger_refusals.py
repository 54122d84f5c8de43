"""Every refusal the ledger makes, each with its code, its words, and nothing changed."""
from datetime import datetime, timezone

import pytest

from core.ledger import escrow
from core.ledger.disputes import freeze
from core.ledger.state import LedgerState, apply
from core.ledger.transfers import POST_PENDING, VOID_PENDING, Transfer
from core.money import Money
from tests.unit.core.ledger.ledger_books import funded, made, naira, with_hold

EXPIRY = "2026-12-01T09:00:00+01:00"


def pay(transfer_id="p1", minor=1_000, debit="wallet:ada", credit="payee:obi", **more) -> Transfer:
    return Transfer(transfer_id, debit, credit, more.pop("amount", naira(minor)), "crew_pay", **more)


def on_h1(kind, minor, transfer_id="x1", **more) -> Transfer:
    more.setdefault("debit", "wallet:ada")
    more.setdefault("credit", "escrow:h1")
    return Transfer(transfer_id, more.pop("debit"), more.pop("credit"), more.pop("amount", naira(minor)), "escrow",
                    kind=kind, pending_id=more.pop("pending_id", "h1"), **more)


def hold_of(state, hold_id="h1"):
    return state.holds[hold_id]


def released_in_full():
    state = with_hold(60_000)
    return made(state, escrow.release(hold_of(state), 60_000, "r1", fee_bps=1_000))


def refunded():
    state = with_hold(60_000)
    return made(state, escrow.refund(hold_of(state), "k1"))


def frozen():
    state = with_hold(60_000)
    return made(state, [freeze(hold_of(state), "d1")])


CASES = [
    # name, starting state, batch, code, words
    ("zero amount", funded, [pay(minor=0)], "amount_not_positive", "more than zero"),
    ("negative amount", funded, [pay(minor=-5)], "amount_not_positive", "more than zero"),
    ("currency of a clearing account", funded, [pay(debit="clearing:paystack:NGN", amount=Money(5, "USD"))],
     "currency_mismatch", "holds NGN only"),
    ("currency of a hold", lambda: with_hold(), [on_h1(POST_PENDING, 0, amount=Money(5, "USD"))],
     "currency_mismatch", "is in NGN"),
    ("unknown account", funded, [pay(credit="bank:obi")], "unknown_account", "not a ledger account"),
    ("same account", funded, [pay(credit="wallet:ada")], "same_account", "to itself"),
    ("release naming no hold", funded, [pay(kind=POST_PENDING)], "pending_id", "names the hold"),
    ("posted naming a hold", funded, [pay(pending_id="h1")], "pending_id", "names no hold"),
    ("expiry on a posted transfer", funded, [pay(expires_at=EXPIRY)], "bad_expiry", "only a hold expires"),
    ("expiry without a time zone", funded, [pay(kind="pending", credit="escrow:h9", expires_at="2026-12-01T09:00")],
     "bad_expiry", "time zone"),
    ("unknown hold", funded, [on_h1(POST_PENDING, 10, pending_id="nope")], "hold_not_found", "no hold nope"),
    ("hold moved to other accounts", lambda: with_hold(), [on_h1(POST_PENDING, 10, credit="payee:obi")],
     "hold_accounts_differ", "between other accounts"),
    ("release after a refund", refunded, [on_h1(POST_PENDING, 10)], "hold_ended", "already refunded"),
    ("refund twice", refunded, [on_h1(VOID_PENDING, 60_000)], "hold_ended", "already refunded"),
    ("refund after full release", released_in_full, [on_h1(VOID_PENDING, 1)], "hold_fully_released",
     "nothing is left"),
    ("release larger than what is held", lambda: with_hold(60_000), [on_h1(POST_PENDING, 60_001)], "exceeds_held",
     "Only ₦600 is left"),
    ("refund of another amount than is held", lambda: with_hold(60_000), [on_h1(VOID_PENDING, 59_999)],
     "amount_not_what_is_held", "must name exactly that"),
    ("release of a frozen hold", frozen, [on_h1(POST_PENDING, 10)], "hold_frozen", "frozen by a dispute"),
    ("refund of a frozen hold", frozen, [on_h1(VOID_PENDING, 60_000)], "hold_frozen", "admin's resolution"),
    ("freeze twice", frozen, [on_h1("freeze_pending", 60_000, "x2")], "hold_already_frozen", "already frozen"),
    ("unfreeze without a dispute", lambda: with_hold(), [on_h1("unfreeze_pending", 60_000)], "hold_not_frozen",
     "no dispute"),
    ("release after expiry", lambda: with_hold(expires_at=EXPIRY), [on_h1(POST_PENDING, 10)], "hold_expired",
     "can only be refunded"),
    ("wallet below zero", funded, [pay(minor=100_001)], "below_floor", "wallet:ada has ₦1,000 available"),
    ("hold beyond the wallet", lambda: with_hold(60_000),
     [escrow.hold_in_escrow("h2", "ada", "obi", naira(40_001), "b2")], "below_floor", "has ₦400 available"),
    ("payout from escrow before release", lambda: with_hold(60_000), [pay(debit="escrow:h1", minor=1)],
     "below_floor", "escrow:h1 has ₦0 available"),
    ("same id other content", lambda: made(funded(), [pay()]), [pay(minor=1_001)], "exists_with_different_details",
     "Transfer p1 was already made with different details."),
]
NOW = datetime(2026, 12, 2, tzinfo=timezone.utc)


@pytest.mark.parametrize("name, start, batch, code, words", CASES, ids=[case[0] for case in CASES])
def test_each_refusal_has_a_code_and_a_reason_and_changes_nothing(name, start, batch, code, words):
    state = start()

    after, results = apply(state, batch, NOW)

    assert [(r.status, r.code) for r in results] == [("refused", code)]
    assert words in results[0].reason
    assert after == state


def test_one_refusal_in_a_linked_batch_refuses_the_whole_batch():
    state = with_hold(60_000)
    batch = escrow.release(state.holds["h1"], 60_001, "r1", fee_bps=1_000)

    after, results = apply(state, batch)

    assert results[0].code == "exceeds_held"
    assert {r.code for r in results[1:]} == {"linked_event_failed"}
    assert all("r1/post" in r.reason for r in results[1:])
    assert after == state


def test_a_linked_batch_left_open_at_the_end_is_refused_whole():
    state = funded()

    after, results = apply(state, [pay("a"), pay("b", linked=True), pay("c", linked=True)])

    assert [r.code for r in results] == ["", "linked_chain_open", "linked_chain_open"]
    assert after.balance("payee:obi", "NGN").posted == 1_000


def test_a_linked_batch_reusing_ids_from_another_batch_is_refused():
    state = made(funded(), [pay("a")])

    after, results = apply(state, [pay("b", linked=True), pay("a")])

    assert [r.code for r in results] == ["chain_partly_made"] * 2
    assert "Transfer a was already made" in results[0].reason
    assert after == state


def test_unlinked_transfers_in_one_batch_stand_or_fall_alone():
    after, results = apply(funded(), [pay("a", minor=0), pay("b")])

    assert [r.status for r in results] == ["refused", "created"]
    assert after.balance("payee:obi", "NGN").posted == 1_000


def test_a_refusal_leaves_the_starting_state_untouched():
    state = LedgerState()

    apply(state, [pay()])

    assert dict(state.balances) == {} and dict(state.fingerprints) == {}
