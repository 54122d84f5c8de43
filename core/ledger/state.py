"""The ledger's state and the one pure function that changes it: apply(state, transfers).

Transfers in a batch are applied in order, each seeing the ones before it. A linked chain (see
transfers.py) is all or nothing. A repeat of an earlier transfer (same id, same content) is a no-op
reported as "exists"; the same id with other content is refused. Nothing is ever raised for a
business refusal: every transfer gets a TransferResult with a code and a reason."""
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from core.errors import Rejected
from core.ledger.accounts import Balance, within_floor
from core.ledger.holds import Hold
from core.ledger.rules import Refusal, hold_refusal, shape_refusal
from core.ledger.transfers import (FREEZE_PENDING, ON_A_HOLD, PENDING, POST_PENDING, POSTED, UNFREEZE_PENDING,
                                   VOID_PENDING, Transfer, fingerprint)
from core.money import Money

CREATED, EXISTS, REFUSED = "created", "exists", "refused"
Key = tuple[str, str]  # (account, currency): an account may hold several currencies, each kept apart


@dataclass(frozen=True)
class LedgerState:
    balances: Mapping[Key, Balance] = field(default_factory=dict)
    holds: Mapping[str, Hold] = field(default_factory=dict)
    fingerprints: Mapping[str, str] = field(default_factory=dict)  # transfer id -> fingerprint

    def balance(self, account: str, currency: str) -> Balance:
        return self.balances.get((account, currency), Balance())


@dataclass(frozen=True)
class TransferResult:
    id: str
    status: str      # created | exists | refused
    code: str = ""   # for a refusal: see rules.py and the codes below
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status != REFUSED


class TransfersRefused(Rejected):
    """A batch that had to go through whole did not; `results` says why for each transfer."""

    def __init__(self, results: list[TransferResult]):
        causes = (r.reason for r in results if r.code and r.code != "linked_event_failed")
        super().__init__(" ".join(dict.fromkeys(causes)))  # each cause once, in batch order
        self.results = results


def apply(state: LedgerState, transfers: list[Transfer], now: datetime | None = None
          ) -> tuple[LedgerState, list[TransferResult]]:
    """The state after `transfers`, and one result per transfer. `now` (aware) enables expiry checks."""
    if now is not None and now.tzinfo is None:
        raise Rejected("The ledger needs the time with its time zone to judge whether a hold has expired.")
    draft = _Draft(state)
    results: list[TransferResult] = []
    for chain in _chains(transfers):
        results.extend(draft.apply_chain(chain, now))
    return draft.done(), results


def apply_all(state: LedgerState, transfers: list[Transfer], now: datetime | None = None
              ) -> tuple[LedgerState, list[TransferResult]]:
    """Like apply, but any refusal refuses the batch and raises TransfersRefused (for handlers)."""
    new_state, results = apply(state, transfers, now)
    if not all(result.ok for result in results):
        raise TransfersRefused(results)
    return new_state, results


def check(state: LedgerState, transfers: list[Transfer], now: datetime | None = None) -> list[TransferResult]:
    """Can this batch apply to these balances? The results apply would give, without a new state."""
    return apply(state, transfers, now)[1]


def batch_effect(state: LedgerState, transfers: list[Transfer], now: datetime | None = None) -> dict[Key, Balance]:
    """What the batch changes per (account, currency), as Balance deltas; refused transfers change nothing."""
    new_state, _ = apply(state, transfers, now)
    effect = {}
    for key, after in new_state.balances.items():
        before = state.balance(*key)
        if after != before:
            effect[key] = Balance(
                after.debits_posted - before.debits_posted, after.credits_posted - before.credits_posted,
                after.debits_pending - before.debits_pending, after.credits_pending - before.credits_pending)
    return effect


def _chains(transfers: list[Transfer]) -> list[list[Transfer]]:
    chains, current = [], []
    for transfer in transfers:
        current.append(transfer)
        if not transfer.linked:
            chains.append(current)
            current = []
    if current:
        chains.append(current + [None])  # an open chain: refused whole below
    return chains


class _Draft:
    """Changes over a base state; a chain that fails is rolled back to its mark."""

    def __init__(self, base: LedgerState):
        self.base = base
        self.balances: dict[Key, Balance] = {}
        self.holds: dict[str, Hold] = {}
        self.fingerprints: dict[str, str] = {}

    def apply_chain(self, chain: list[Transfer | None], now: datetime | None) -> list[TransferResult]:
        if chain[-1] is None:
            why = Refusal("linked_chain_open", "The batch ends with a linked transfer; the last transfer of a "
                                               "linked batch must not be linked, so nothing in that chain was made.")
            return _refuse_chain(chain[:-1], None, why)
        mark = (dict(self.balances), dict(self.holds), dict(self.fingerprints))
        results = []
        for transfer in chain:
            result = self._apply_one(transfer, now)
            if result.status == REFUSED:
                self.balances, self.holds, self.fingerprints = mark
                return _refuse_chain(chain, transfer, Refusal(result.code, result.reason))
            results.append(result)
        if len({result.status for result in results}) > 1:  # some already made, some new: ids were reused
            self.balances, self.holds, self.fingerprints = mark
            made = next(r.id for r in results if r.status == EXISTS)
            return _refuse_chain(chain, None, Refusal("chain_partly_made", f"Transfer {made} was already made in "
                                 "another batch; a linked batch is retried whole with the same ids, or not at all."))
        return results

    def _apply_one(self, t: Transfer, now: datetime | None) -> TransferResult:
        known, mine = self.fingerprints.get(t.id, self.base.fingerprints.get(t.id)), fingerprint(t)
        if known is not None:
            if known == mine:
                return TransferResult(t.id, EXISTS)
            return _refused(t, Refusal("exists_with_different_details",
                                       f"Transfer {t.id} was already made with different details."))
        refusal = shape_refusal(t)
        hold = self._hold(t.pending_id) if t.kind in ON_A_HOLD else None
        if refusal is None and t.kind in ON_A_HOLD:
            refusal = hold_refusal(t, hold, now)
        if refusal is not None:
            return _refused(t, refusal)
        debit, credit = _moved(t, self._balance(t.debit, t.amount.currency), self._balance(t.credit, t.amount.currency))
        for account, balance in ((t.debit, debit), (t.credit, credit)):
            if not within_floor(account, balance):
                have = Money(self._balance(account, t.amount.currency).available, t.amount.currency)
                return _refused(t, Refusal("below_floor", f"{account} has {have} available; paying out {t.amount} "
                                                          f"would take it below zero."))
        self.balances[(t.debit, t.amount.currency)] = debit
        self.balances[(t.credit, t.amount.currency)] = credit
        if t.kind == PENDING:
            self.holds[t.id] = Hold(t, t.amount.amount_minor)
        elif t.kind == POST_PENDING:
            self.holds[hold.id] = hold.after_post(t.amount.amount_minor)
        elif t.kind == VOID_PENDING:
            self.holds[hold.id] = hold.after_void()
        elif t.kind in (FREEZE_PENDING, UNFREEZE_PENDING):
            self.holds[hold.id] = hold.with_frozen(t.kind == FREEZE_PENDING)
        self.fingerprints[t.id] = mine
        return TransferResult(t.id, CREATED)

    def _hold(self, hold_id: str) -> Hold | None:
        return self.holds.get(hold_id, self.base.holds.get(hold_id))

    def _balance(self, account: str, currency: str) -> Balance:
        return self.balances.get((account, currency)) or self.base.balance(account, currency)

    def done(self) -> LedgerState:
        if not self.fingerprints:
            return self.base
        return LedgerState(MappingProxyType({**self.base.balances, **self.balances}),
                           MappingProxyType({**self.base.holds, **self.holds}),
                           MappingProxyType({**self.base.fingerprints, **self.fingerprints}))


def _moved(t: Transfer, debit: Balance, credit: Balance) -> tuple[Balance, Balance]:
    """The two balances after `t`: posted and pending counters move together, never one side alone."""
    a = t.amount.amount_minor
    delta = {
        POSTED: (Balance(debits_posted=a), Balance(credits_posted=a)),
        PENDING: (Balance(debits_pending=a), Balance(credits_pending=a)),
        POST_PENDING: (Balance(debits_posted=a, debits_pending=-a), Balance(credits_posted=a, credits_pending=-a)),
        VOID_PENDING: (Balance(debits_pending=-a), Balance(credits_pending=-a)),
    }.get(t.kind, (Balance(), Balance()))  # freeze and unfreeze move no money
    return debit.plus(delta[0]), credit.plus(delta[1])


def _refused(t: Transfer, refusal: Refusal) -> TransferResult:
    return TransferResult(t.id, REFUSED, refusal.code, refusal.reason)


def _refuse_chain(chain: list[Transfer], culprit: Transfer | None, why: Refusal) -> list[TransferResult]:
    results = []
    for t in chain:
        if culprit is None or t is culprit:
            results.append(_refused(t, why))
        else:
            results.append(TransferResult(t.id, REFUSED, "linked_event_failed", f"Transfer {t.id} was not made: "
                                          f"transfer {culprit.id} in the same linked batch was refused ({why.reason})"))
    return results
