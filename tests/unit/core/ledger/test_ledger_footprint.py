from core.ledger import escrow
from core.ledger.footprint import footprint
from core.ledger.state import LedgerState, apply
from tests.unit.core.ledger.ledger_books import with_hold


def test_a_state_built_from_the_footprint_alone_decides_like_the_whole_ledger():
    whole = with_hold(60_000)
    whole, _ = apply(whole, [escrow.hold_in_escrow("h2", "bola", "obi", whole.holds["h1"].transfer.amount, "b2")])
    batch = escrow.release(whole.holds["h1"], 30_000, "r1", fee_bps=1_000, withholding_bps=500)

    seen = footprint(batch)
    part = LedgerState({k: v for k, v in whole.balances.items() if k in seen.balance_keys},
                       {k: v for k, v in whole.holds.items() if k in seen.hold_ids},
                       {k: v for k, v in whole.fingerprints.items() if k in seen.transfer_ids})

    assert seen.hold_ids == {"h1"}
    assert ("tax:wht_payable", "NGN") in seen.balance_keys
    assert ("wallet:bola", "NGN") not in seen.balance_keys
    assert apply(part, batch)[1] == apply(whole, batch)[1]
    assert [r.status for r in apply(part, batch)[1]] == ["created"] * 5


def test_a_new_hold_is_in_the_footprint_so_a_reused_hold_id_is_caught():
    hold = escrow.hold_in_escrow("h9", "ada", "obi", with_hold().holds["h1"].transfer.amount, "b9")

    assert footprint([hold]).hold_ids == {"h9"}
    assert footprint([hold]).transfer_ids == {"h9"}
