"""Property tests: random sequences of deposits, holds, releases, refunds, disputes, payouts, FX,
malformed transfers and replays, checked after every step against the issue's invariants and an
independent replay of the transfer log."""
from collections import defaultdict

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.errors import Rejected
from core.ledger import escrow
from core.ledger.accounts import has_floor
from core.ledger.disputes import freeze, resolve_dispute
from core.ledger.fx import FxRate, convert
from core.ledger.holds import HELD, RELEASED, VOIDED
from core.ledger.state import CREATED, EXISTS, LedgerState, apply
from core.ledger.transfers import KINDS, PENDING, POST_PENDING, POSTED, VOID_PENDING, Transfer
from core.money import Money

AMOUNT = st.integers(min_value=1, max_value=2_000_000)
PEOPLE = ("ada", "bola")  # producers; "obi" is always the crew member
CURRENCIES = ("NGN", "USD")
ACCOUNTS = ("wallet:ada", "wallet:bola", "payee:obi", "escrow:h0", "escrow:h1", "platform:fees",
            "clearing:paystack:NGN", "clearing:stripe:USD", "fx:NGN", "tax:vat_payable")
RATE = FxRate("USD", "NGN", 6_121, 4, "2026-11-27T09:00:00+01:00", "cbn")
# Each name once per unit of weight: holds need deposits to draw on, releases need holds.
OPERATIONS = ("deposit",) * 3 + ("hold",) * 3 + ("release",) * 3 + ("refund", "freeze", "resolve", "resolve",
                                                                      "payout", "fx", "raw", "replay")
GATEWAY = {"NGN": "paystack", "USD": "stripe"}


def share(data, minor: int) -> int:
    """Mostly a part of `minor`, sometimes a little more than all of it, never zero."""
    return max(1, minor * data.draw(st.integers(1, 1_100)) // 1_000)


def batch_for(name: str, data, state: LedgerState, first_views: dict) -> list[Transfer]:
    """The batch a client would send; stale views of holds are used on purpose, to be refused."""
    draw = data.draw
    person, currency, key = draw(st.sampled_from(PEOPLE)), draw(st.sampled_from(CURRENCIES)), draw(st.integers(0, 6))
    holds = sorted(state.holds)
    view = None
    if holds:
        hold_id = draw(st.sampled_from(holds))
        view = first_views[hold_id] if draw(st.integers(0, 4)) == 0 else state.holds[hold_id]
    if name == "deposit":
        return [escrow.confirm_deposit(GATEWAY[currency], f"ref{key}", person, Money(draw(AMOUNT), currency))]
    if name == "hold":
        available = state.balance(f"wallet:{person}", currency).available
        minor = share(data, available) if available else draw(AMOUNT)
        return [escrow.hold_in_escrow(f"h{len(holds) - draw(st.integers(0, 1))}", person, "obi",
                                      Money(minor, currency), f"b{key}")]
    if name == "replay" or view is None and name in ("release", "refund", "freeze", "resolve"):
        return []
    if name == "release":
        return escrow.release(view, share(data, view.remaining_minor), f"r{key}", draw(st.integers(0, 2_000)),
                              draw(st.sampled_from((0, 500))))
    if name == "refund":
        return escrow.refund(view, f"k{key}")
    if name == "freeze":
        return [freeze(view, f"d{key}")]
    if name == "resolve":
        decision = draw(st.sampled_from(("release", "refund", "split")))
        return resolve_dispute(view, f"d{key}", decision, 1_000, 0, share(data, view.remaining_minor) - 1)
    if name == "payout":
        paid = state.balance("payee:obi", currency).available
        return [Transfer(f"out{key}", "payee:obi", f"clearing:{GATEWAY[currency]}:{currency}",
                         Money(share(data, paid) if paid else draw(AMOUNT), currency), "payout")]
    if name == "fx":
        available = state.balance(f"wallet:{person}", "USD").available
        minor = share(data, available) if available else draw(AMOUNT)
        return list(convert(RATE, Money(minor, "USD"), f"wallet:{person}", f"wallet:{person}", f"fx{key}").transfers)
    kind = draw(st.sampled_from(KINDS))
    on_hold = kind in (POST_PENDING, VOID_PENDING, "freeze_pending", "unfreeze_pending")
    return [Transfer(f"raw{key}", draw(st.sampled_from(ACCOUNTS)), draw(st.sampled_from(ACCOUNTS)),
                     Money(draw(st.integers(-3, 2_000_000)), currency), "raw", kind=kind,
                     pending_id=draw(st.sampled_from(holds or ["h0"])) if on_hold else "",
                     linked=draw(st.sampled_from((False, False, True))))]


def replayed_balances(log: list[Transfer]) -> dict:
    """Balances recomputed from the log alone, independently of state.py."""
    totals, holds = defaultdict(lambda: [0, 0, 0, 0]), {}
    for t in log:
        a, currency = t.amount.amount_minor, t.amount.currency
        debit, credit = totals[(t.debit, currency)], totals[(t.credit, currency)]
        if t.kind == POSTED:
            debit[0] += a
            credit[1] += a
        elif t.kind == PENDING:
            debit[2] += a
            credit[3] += a
            holds[t.id] = t
        elif t.kind in (POST_PENDING, VOID_PENDING):
            assert (t.debit, t.credit) == (holds[t.pending_id].debit, holds[t.pending_id].credit)
            debit[2] -= a
            credit[3] -= a
            if t.kind == POST_PENDING:
                debit[0] += a
                credit[1] += a
    return {key: tuple(value) for key, value in totals.items() if any(value)}


def check_invariants(state: LedgerState, log: list[Transfer]) -> None:
    sums = defaultdict(lambda: [0, 0])
    for (account, currency), balance in state.balances.items():
        sums[currency][0] += balance.credits_posted - balance.debits_posted
        sums[currency][1] += balance.credits_pending - balance.debits_pending
        assert not has_floor(account) or balance.available >= 0, (account, balance)
    assert all(posted == 0 and pending == 0 for posted, pending in sums.values()), dict(sums)

    actual = {key: (b.debits_posted, b.credits_posted, b.debits_pending, b.credits_pending)
              for key, b in state.balances.items() if any(b.to_doc().values())}
    assert actual == replayed_balances(log)

    posts, voids = defaultdict(int), defaultdict(list)
    for t in log:
        assert voids[t.pending_id] == [] or t.kind not in (POST_PENDING, VOID_PENDING), "moved after its void"
        if t.kind == POST_PENDING:
            posts[t.pending_id] += t.amount.amount_minor
        elif t.kind == VOID_PENDING:
            voids[t.pending_id].append(t.amount.amount_minor)
    for hold in state.holds.values():
        held = hold.transfer.amount.amount_minor
        assert len(voids[hold.id]) <= 1
        assert posts[hold.id] + sum(voids[hold.id]) + hold.remaining_minor == held
        assert hold.status == (VOIDED if voids[hold.id] else RELEASED if posts[hold.id] == held else HELD)
    assert len({t.id for t in log}) == len(log)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_operations_keep_every_invariant(data):
    state, log, batches, first_views = LedgerState(), [], [], {}
    for _ in range(data.draw(st.integers(1, 60), label="steps")):
        name = data.draw(st.sampled_from(OPERATIONS), label="operation")
        if name == "replay" and batches:
            again, results = apply(state, data.draw(st.sampled_from(batches), label="replayed"))
            assert again is state, "a replay changed the ledger"
            assert all(r.status != CREATED for r in results)
            event("replay: nothing changed")
            continue
        try:
            batch = batch_for(name, data, state, first_views)
        except Rejected:
            event(f"{name}: the flow itself refused")  # nothing left on the hold, or too little to convert
            continue
        state, results = apply(state, batch)
        log.extend(t for t, r in zip(batch, results) if r.status == CREATED)
        for t, r in zip(batch, results):  # shown by --hypothesis-show-statistics: what the runs exercised
            event(f"{t.kind} {t.code}: {r.status} {r.code}")
        assert all(r.status in (CREATED, EXISTS) or r.reason for r in results)
        if all(r.status in (CREATED, EXISTS) for r in results):
            batches.append(batch)  # a refused batch may rightly go through later, so only made ones are replayed
        for hold_id, hold in state.holds.items():
            first_views.setdefault(hold_id, hold)
        check_invariants(state, log)

    for batch in batches:  # every batch sent again, in order: nothing may change
        again, results = apply(state, batch)
        assert again is state
        assert all(r.status != CREATED for r in results)
