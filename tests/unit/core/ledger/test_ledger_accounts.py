import pytest

from core.ledger import accounts
from core.ledger.accounts import Balance, UnknownAccount, account_currency, account_kind, has_floor, within_floor


@pytest.mark.parametrize("account, kind, floored", [
    ("wallet:ada", "wallet", True), ("escrow:h1", "escrow", True), ("payee:obi", "payee", True),
    ("tax:vat_payable", "tax", True), ("tax:wht_payable", "tax", True), ("revenue:p1", "revenue", True),
    ("investor:kemi", "investor", True), ("clearing:paystack:NGN", "clearing", False), ("fx:USD", "fx", False),
    ("platform:fees", "platform", False),
])
def test_kind_and_floor_come_from_the_prefix(account, kind, floored):
    assert account_kind(account) == kind
    assert has_floor(account) is floored


@pytest.mark.parametrize("account", ["", "wallet", "wallet:", "bank:ada", "clearing:paystack", "clearing:paystack:XYZ",
                                     "fx:naira", " wallet:ada", "wallet: ada", None])
def test_names_outside_the_shared_naming_are_refused_in_words(account):
    with pytest.raises(UnknownAccount) as refused:
        account_kind(account)
    assert "account" in refused.value.reason


def test_clearing_and_fx_accounts_are_tied_to_a_currency_others_are_not():
    assert account_currency(accounts.clearing("stripe", "USD")) == "USD"
    assert account_currency(accounts.fx("GHS")) == "GHS"
    assert account_currency(accounts.wallet("ada")) is None


def test_held_money_counts_as_gone_money_arriving_does_not():
    balance = Balance(debits_posted=30, credits_posted=100, debits_pending=50, credits_pending=999)

    assert balance.posted == 70
    assert balance.available == 20
    assert within_floor("wallet:ada", balance)
    assert not within_floor("wallet:ada", balance.plus(Balance(debits_pending=21)))
    assert within_floor("clearing:paystack:NGN", Balance(debits_posted=10**9))


def test_balance_survives_a_document_round_trip():
    balance = Balance(1, 2, 3, 4)

    assert Balance.from_doc(balance.to_doc()) == balance
