"""What a storage adapter must read, and check has not changed, to apply a batch.

The pure ledger decides with a LedgerState; an adapter need not load the whole ledger, only the
documents a batch touches: the balances of its accounts, the holds it acts on, and its own ids (to
spot repeats). Read those, build LedgerState(balances, holds, fingerprints) from them, call apply, and
write the new versions only if none of them changed meanwhile (else read again and retry): that is
optimistic concurrency, and it keeps every floor because apply checked the floor on what was read."""
from dataclasses import dataclass

from core.ledger.transfers import ON_A_HOLD, PENDING, Transfer

Key = tuple[str, str]


@dataclass(frozen=True)
class Footprint:
    balance_keys: frozenset[Key]   # (account, currency)
    hold_ids: frozenset[str]       # holds acted on, and holds a pending transfer would create
    transfer_ids: frozenset[str]   # for repeat detection


def footprint(transfers: list[Transfer]) -> Footprint:
    keys, holds = set(), set()
    for t in transfers:
        keys |= {(t.debit, t.amount.currency), (t.credit, t.amount.currency)}
        if t.kind in ON_A_HOLD:
            holds.add(t.pending_id)
        elif t.kind == PENDING:
            holds.add(t.id)
    return Footprint(frozenset(keys), frozenset(holds), frozenset(t.id for t in transfers))
