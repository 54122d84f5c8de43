"""The protocol a storage adapter follows (footprint.py), played out against a fake versioned store
with the worst interleaving: every client reads before any writes. Real concurrency is the storage
layer's to prove; this shows the pure ledger gives it what it needs."""
from core.ledger import escrow
from core.ledger.footprint import footprint
from core.ledger.state import LedgerState, apply
from tests.unit.core.ledger.ledger_books import naira, with_hold


class VersionedStore:
    """Documents with versions; a commit writes all or nothing, and only if nothing it read changed."""

    def __init__(self, state: LedgerState):
        self.docs = {}
        for name, value in _documents(state).items():
            self.docs[name] = (1, value)

    def read(self, names) -> dict:
        return {name: self.docs.get(name, (0, None)) for name in names}

    def commit(self, read: dict, writes: dict) -> bool:
        if any(self.docs.get(name, (0, None))[0] != version for name, (version, _) in read.items()):
            return False
        for name, value in writes.items():
            self.docs[name] = (self.docs.get(name, (0, None))[0] + 1, value)
        return True

    def state(self) -> LedgerState:
        return _state({name: value for name, (_, value) in self.docs.items()})


def _documents(state: LedgerState) -> dict:
    return {**{("balance", key): value for key, value in state.balances.items()},
            **{("hold", key): value for key, value in state.holds.items()},
            **{("transfer", key): value for key, value in state.fingerprints.items()}}


def _state(documents: dict) -> LedgerState:
    part = {kind: {key: value for (k, key), value in documents.items() if k == kind and value is not None}
            for kind in ("balance", "hold", "transfer")}
    return LedgerState(part["balance"], part["hold"], part["transfer"])


def read_step(store: VersionedStore, batch) -> dict:
    seen = footprint(batch)
    names = [("balance", k) for k in seen.balance_keys] + [("hold", h) for h in seen.hold_ids] + [
        ("transfer", t) for t in seen.transfer_ids]
    return store.read(names)


def write_step(store: VersionedStore, batch, read: dict):
    before = _state({name: value for name, (_, value) in read.items()})
    after, results = apply(before, batch)
    changed = {name: value for name, value in _documents(after).items() if _documents(before).get(name) != value}
    return store.commit(read, changed), results


def run_all_reading_first(store: VersionedStore, batches) -> list:
    reads = [read_step(store, batch) for batch in batches]
    outcomes = []
    for batch, read in zip(batches, reads):
        committed, results = write_step(store, batch, read)
        while not committed:  # someone wrote what we read: read again and decide again
            committed, results = write_step(store, batch, read_step(store, batch))
        outcomes.append(results)
    return outcomes


def test_fifty_concurrent_releases_of_one_hold_release_once():
    start = with_hold(60_000)
    hold = start.holds["h1"]
    store = VersionedStore(start)
    batches = [escrow.release(hold, 60_000, f"approval-{n}", fee_bps=1_000) for n in range(50)]

    outcomes = run_all_reading_first(store, batches)

    made = [results for results in outcomes if all(r.status == "created" for r in results)]
    assert len(made) == 1
    assert {results[0].code for results in outcomes if results not in made} == {"hold_fully_released"}
    final = store.state()
    assert final.balance("payee:obi", "NGN").posted == 60_000 - 6_000 - 450
    assert final.balance("escrow:h1", "NGN").available == 0


def test_one_deposit_delivered_a_hundred_times_at_once_credits_once():
    store = VersionedStore(LedgerState())
    deposit = [escrow.confirm_deposit("paystack", "T77", "ada", naira(25_000))]

    outcomes = run_all_reading_first(store, [deposit] * 100)

    assert [results[0].status for results in outcomes].count("created") == 1
    assert {results[0].status for results in outcomes} == {"created", "exists"}
    assert store.state().balance("wallet:ada", "NGN").posted == 25_000
