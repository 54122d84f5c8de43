import pytest

from core.errors import Rejected
from core.ledger.transfers import PENDING, Transfer, fingerprint, linked
from core.money import Money
from tests.unit.core.ledger.ledger_books import naira


def a_transfer(**changes) -> Transfer:
    fields = dict(id="t1", debit="wallet:ada", credit="payee:obi", amount=naira(5_000), code="crew_pay",
                  user_data={"booking_id": "b1"})
    return Transfer(**{**fields, **changes})


def test_the_fingerprint_is_the_same_for_the_same_content():
    assert fingerprint(a_transfer()) == fingerprint(a_transfer(user_data=(("booking_id", "b1"),)))


@pytest.mark.parametrize("change", [
    {"amount": naira(5_001)}, {"amount": Money(5_000, "USD")}, {"credit": "payee:kemi"}, {"code": "refund"},
    {"user_data": {"booking_id": "b2"}}, {"linked": True}, {"kind": PENDING},
])
def test_any_change_of_content_changes_the_fingerprint(change):
    assert fingerprint(a_transfer(**change)) != fingerprint(a_transfer())


def test_a_transfer_survives_a_document_round_trip():
    transfer = a_transfer(kind=PENDING, expires_at="2026-12-01T09:00:00+01:00", linked=True)

    assert Transfer.from_doc(transfer.to_doc()) == transfer
    assert transfer.to_doc()["type"] == "ledger_transfer"


@pytest.mark.parametrize("change, words", [
    ({"id": ""}, "idempotency key"), ({"kind": "reversal"}, "not a kind"), ({"amount": 5_000}, "must be Money"),
    ({"debit": None}, "are text"), ({"linked": "yes"}, "true or false"),
])
def test_a_malformed_transfer_is_refused_when_built(change, words):
    with pytest.raises(Rejected) as refused:
        a_transfer(**change)
    assert words in refused.value.reason


def test_linked_chains_every_transfer_but_the_last():
    chain = linked([a_transfer(id="a"), a_transfer(id="b", linked=True), a_transfer(id="c", linked=True)])

    assert [t.linked for t in chain] == [True, True, False]
    assert [t.id for t in chain] == ["a", "b", "c"]
