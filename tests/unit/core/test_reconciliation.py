"""Reconciliation, pure: the ledger's deposits and payouts per reference against the gateway's
word, every difference listed in words, and agreement listed as nothing."""
from datetime import date

from core.handlers.payouts import PAYOUT_CODE, RESERVE_CODE, REVERSAL_CODE, VOID_CODE
from core.ledger.escrow import confirm_deposit
from core.ledger.transfers import PENDING as HOLD, POST_PENDING, VOID_PENDING, Transfer
from core.money import Money
from core.payments import FAILED, PENDING, SUCCESS
from core.reconciliation import (AMOUNT_DIFFERS, MISSING_AT_GATEWAY, MISSING_IN_LEDGER, PAYMENT, PAYOUT,
                                 STATUS_DIFFERS, Fact, differences, ledger_facts, report_doc)

NAIRA = Money(45_000_000, "NGN")


def payout_step(reference: str, code: str, kind: str, suffix: str, amount: Money = NAIRA) -> Transfer:
    debit, credit = "payee:chidi", "clearing:paystack:NGN"
    if code == REVERSAL_CODE:
        debit, credit = credit, debit
    return Transfer(f"{reference}{suffix}", debit, credit, amount, code, kind=kind,
                    pending_id=f"{reference}/reserve" if kind in (POST_PENDING, VOID_PENDING) else "",
                    user_data={"reference": reference, "gateway": "paystack"})


def at_gateway(kind: str, reference: str, status: str, amount: Money = NAIRA) -> Fact:
    return Fact(kind, "paystack", reference, status, amount)


def test_deposits_and_payouts_are_read_back_from_the_transfers_at_their_furthest_step():
    transfers = [
        confirm_deposit("paystack", "ncdeposit1", "funke", NAIRA),
        Transfer("paystack:ivpledge1", "clearing:paystack:NGN", "wallet:funke", NAIRA, "investor_contribution"),
        payout_step("popaid", PAYOUT_CODE, POST_PENDING, ""),  # out of order on purpose
        payout_step("popaid", RESERVE_CODE, HOLD, "/reserve"),
        payout_step("posending", RESERVE_CODE, HOLD, "/reserve"),
        payout_step("pofailed", RESERVE_CODE, HOLD, "/reserve"),
        payout_step("pofailed", VOID_CODE, VOID_PENDING, "/void"),
        payout_step("poback", RESERVE_CODE, HOLD, "/reserve"),
        payout_step("poback", PAYOUT_CODE, POST_PENDING, ""),
        payout_step("poback", REVERSAL_CODE, "posted", "/reversed"),
    ]
    facts = ledger_facts(transfers)

    statuses = {reference: fact.status for (_, _, reference), fact in facts.items()}
    assert statuses == {"ncdeposit1": SUCCESS, "ivpledge1": SUCCESS, "popaid": SUCCESS, "posending": PENDING, "pofailed": FAILED,
                        "poback": FAILED}
    assert facts[(PAYMENT, "paystack", "ncdeposit1")].amount == NAIRA


def test_agreement_gives_no_difference():
    ledger = ledger_facts([confirm_deposit("paystack", "ncdeposit1", "funke", NAIRA),
                           payout_step("pofailed", RESERVE_CODE, HOLD, "/reserve"),
                           payout_step("pofailed", VOID_CODE, VOID_PENDING, "/void")])
    gateway = {(PAYMENT, "paystack", "ncdeposit1"): at_gateway(PAYMENT, "ncdeposit1", SUCCESS),
               (PAYOUT, "paystack", "pofailed"): None,  # refused before it was made: nothing to find
               (PAYMENT, "paystack", "ncunpaid"): at_gateway(PAYMENT, "ncunpaid", PENDING)}

    assert differences(ledger, gateway) == []


def test_every_kind_of_difference_is_listed_in_words():
    ledger = ledger_facts([
        confirm_deposit("paystack", "ncshort", "funke", NAIRA),
        confirm_deposit("paystack", "ncghost", "funke", NAIRA),
        payout_step("postuck", RESERVE_CODE, HOLD, "/reserve"),
    ])
    gateway = {
        (PAYMENT, "paystack", "ncshort"): at_gateway(PAYMENT, "ncshort", SUCCESS, Money(4_500_000, "NGN")),
        (PAYMENT, "paystack", "ncghost"): None,
        (PAYOUT, "paystack", "postuck"): at_gateway(PAYOUT, "postuck", SUCCESS),
        (PAYMENT, "paystack", "ncmissed"): at_gateway(PAYMENT, "ncmissed", SUCCESS),
    }

    found = {(d.reference, d.what): d.words for d in differences(ledger, gateway)}

    assert set(found) == {("ncshort", AMOUNT_DIFFERS), ("ncghost", MISSING_AT_GATEWAY),
                          ("postuck", STATUS_DIFFERS), ("ncmissed", MISSING_IN_LEDGER)}
    assert found[("ncshort", AMOUNT_DIFFERS)] == ("Payment ncshort at Paystack: the ledger has ₦450,000, "
                                                  "the gateway ₦45,000.")
    assert "no record of it" in found[("ncmissed", MISSING_IN_LEDGER)]
    assert "pending" in found[("postuck", STATUS_DIFFERS)] and "success" in found[("postuck", STATUS_DIFFERS)]


def test_references_the_job_did_not_ask_about_are_not_called_missing():
    ledger = ledger_facts([confirm_deposit("paystack", "ncdeposit1", "funke", NAIRA)])
    assert differences(ledger, {}) == []


def test_the_report_names_the_day_and_says_whether_it_is_clean():
    ledger = ledger_facts([confirm_deposit("paystack", "ncghost", "funke", NAIRA)])
    found = differences(ledger, {(PAYMENT, "paystack", "ncghost"): None})

    doc = report_doc(date(2026, 11, 28), 1, found)

    assert (doc["_id"], doc["type"], doc["clean"]) == ("reconciliation:2026-11-28", "reconciliation", False)
    assert doc["differences"][0]["what"] == MISSING_AT_GATEWAY
    assert report_doc(date(2026, 11, 28), 1, [])["clean"] is True
