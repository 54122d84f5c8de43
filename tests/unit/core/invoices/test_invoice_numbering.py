"""Numbers run unbroken per series and year: never reused, never skipped, repeatable per document."""
import pytest
from hypothesis import given, settings, strategies as st

from core.errors import Rejected
from core.invoices.numbering import (
    FEE_SERIES, INVOICE_SERIES, RECEIPT_SERIES, format_number, next_number, numbering_year, parse_number,
)


def issue(counter, series, year, times):
    numbers = []
    for _ in range(times):
        number, counter = next_number(counter, series, year)
        numbers.append(number)
    return numbers, counter


def test_the_first_number_of_a_run_is_one_and_the_format_is_fixed():
    number, counter = next_number(None, INVOICE_SERIES, 2026)

    assert number == "NC-INV-2026-000001"
    assert counter["type"] == "invoice_counter" and counter["runs"]["INV-2026"]["last"] == 1


def test_each_series_and_year_runs_on_its_own():
    numbers, counter = issue(None, INVOICE_SERIES, 2026, 3)
    receipt, counter = next_number(counter, RECEIPT_SERIES, 2026)
    next_year, counter = next_number(counter, INVOICE_SERIES, 2027)
    fourth, counter = next_number(counter, INVOICE_SERIES, 2026)

    assert numbers == ["NC-INV-2026-000001", "NC-INV-2026-000002", "NC-INV-2026-000003"]
    assert (receipt, next_year, fourth) == ("NC-RCT-2026-000001", "NC-INV-2027-000001", "NC-INV-2026-000004")


def test_the_counter_passed_in_is_not_changed():
    _, counter = next_number(None, FEE_SERIES, 2026)
    before = {**counter, "runs": dict(counter["runs"])}

    next_number(counter, FEE_SERIES, 2026)

    assert counter == before


def test_a_stored_revision_is_kept_so_the_write_back_can_conflict():
    _, counter = next_number({"_id": "invoice_counter", "_rev": "7-abc", "type": "invoice_counter", "runs": {}},
                             RECEIPT_SERIES, 2026)

    assert counter["_rev"] == "7-abc"


def test_asking_again_for_the_same_transfer_gives_the_same_number_back():
    first, counter = next_number(None, RECEIPT_SERIES, 2026, issued_for="transfer-a")
    again, unchanged = next_number(counter, RECEIPT_SERIES, 2026, issued_for="transfer-a")
    other, _ = next_number(counter, RECEIPT_SERIES, 2026, issued_for="transfer-b")

    assert again == first and unchanged is counter
    assert other == "NC-RCT-2026-000002"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([INVOICE_SERIES, RECEIPT_SERIES, FEE_SERIES]),
                          st.sampled_from([2026, 2027])), max_size=60))
def test_numbers_are_never_reused_nor_skipped(requests):
    counter, issued = None, []
    for series, year in requests:
        number, counter = next_number(counter, series, year)
        issued.append(number)

    assert len(set(issued)) == len(issued)
    runs: dict[tuple[str, int], list[int]] = {}
    for number in issued:
        series, year, sequence = parse_number(number)
        runs.setdefault((series, year), []).append(sequence)
    for sequences in runs.values():
        assert sequences == list(range(1, len(sequences) + 1))


def test_the_year_is_the_year_in_lagos():
    assert numbering_year("2026-12-31T23:30:00+00:00") == 2027
    assert numbering_year("2026-12-31T22:30:00+00:00") == 2026


@pytest.mark.parametrize("series, year", [("XYZ", 2026), ("INV", 1999), ("INV", "2026")])
def test_an_unknown_series_or_a_wrong_year_is_refused(series, year):
    with pytest.raises(Rejected):
        next_number(None, series, year)


@pytest.mark.parametrize("text", ["NC-INV-2026-12", "XX-INV-2026-000001", "NC-ABC-2026-000001", None])
def test_something_that_is_not_a_number_is_refused_in_words(text):
    with pytest.raises(Rejected, match="not a NollyCrew document number"):
        parse_number(text)


def test_a_damaged_counter_or_a_naive_time_is_refused():
    with pytest.raises(Rejected, match="damaged"):
        next_number({"type": "invoice_counter", "runs": {"INV-2026": {"last": "12"}}}, INVOICE_SERIES, 2026)
    with pytest.raises(Rejected, match="no time zone"):
        numbering_year("2026-12-31T23:30:00")


def test_a_number_round_trips():
    assert parse_number(format_number(RECEIPT_SERIES, 2026, 123)) == (RECEIPT_SERIES, 2026, 123)
