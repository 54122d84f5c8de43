"""Invoice and receipt numbers: "NC-INV-2026-000123", one unbroken run per series and year.

The run lives in one counter document the caller reads, passes in and writes back with its
revision (read-modify-write, retried on a 409 conflict). Two writers racing for the same
number therefore cannot both store it: the loser reads the new counter and takes the next one.
That is what keeps numbers from being reused. To keep them from being skipped when a writer
dies after storing the counter but before storing the document, each run remembers what its
last number was issued for: asking again for the same thing gives the same number back.
"""
import re

from core.errors import Rejected
from core.moments import ISSUE_TIME, LAGOS, aware_moment

NUMBER_PREFIX = "NC"
SEQUENCE_DIGITS = 6
COUNTER_DOC_ID = "invoice_counter"
# Deposit invoices, release receipts and fee receipts (the VAT document for the platform fee)
# each run their own sequence, as a tax inspector expects of separate document types.
INVOICE_SERIES, RECEIPT_SERIES, FEE_SERIES = "INV", "RCT", "FEE"
SERIES = (INVOICE_SERIES, RECEIPT_SERIES, FEE_SERIES)
FIRST_YEAR, LAST_YEAR = 2020, 2199
NUMBER_PATTERN = re.compile(rf"^{NUMBER_PREFIX}-([A-Z]{{3}})-(\d{{4}})-(\d{{{SEQUENCE_DIGITS},}})$")


def next_number(counter_doc: dict | None, series: str, year: int,
                issued_for: str | None = None) -> tuple[str, dict]:
    """(the next number in `series` for `year`, the counter document to store in its place).

    `counter_doc` is None before the first number is ever issued. `issued_for` (say the
    transfer id the document is for) makes the call repeatable: if the run's last number went
    to the same thing, that number comes back and the counter is returned unchanged."""
    _check_series_and_year(series, year)
    counter = _checked_counter(counter_doc)
    key = f"{series}-{year}"
    run = counter["runs"].get(key, {"last": 0, "last_issued_for": None})
    if issued_for is not None and run["last"] and run.get("last_issued_for") == issued_for:
        return format_number(series, year, run["last"]), counter
    sequence = run["last"] + 1
    if sequence >= 10 ** SEQUENCE_DIGITS:
        # The format widens rather than wrapping round; sorting by text then breaks, so say so.
        raise Rejected("The {series} series for {year} has used all {count} numbers.",
                       series=series, year=year, count=f"{10 ** SEQUENCE_DIGITS - 1:,}")
    runs = {**counter["runs"], key: {"last": sequence, "last_issued_for": issued_for}}
    return format_number(series, year, sequence), {**counter, "runs": runs}


def format_number(series: str, year: int, sequence: int) -> str:
    _check_series_and_year(series, year)
    if type(sequence) is not int or sequence < 1:
        raise Rejected("Document numbers start at 1.")
    return f"{NUMBER_PREFIX}-{series}-{year}-{sequence:0{SEQUENCE_DIGITS}d}"


def parse_number(number: str) -> tuple[str, int, int]:
    """(series, year, sequence) of a number such as "NC-RCT-2026-000042"."""
    match = NUMBER_PATTERN.match(number if isinstance(number, str) else "")
    if not match or match.group(1) not in SERIES:
        raise Rejected("{number} is not a NollyCrew document number (like NC-INV-2026-000123).", number=repr(number))
    return match.group(1), int(match.group(2)), int(match.group(3))


def numbering_year(issued_at: str) -> int:
    """The year a document issued at this moment is numbered in: the year in Lagos, so a receipt
    issued at 00:30 on 1 January in Lagos (23:30 UTC the day before) starts the new run."""
    return aware_moment(issued_at, ISSUE_TIME).astimezone(LAGOS).year


def _check_series_and_year(series: str, year: int) -> None:
    if series not in SERIES:
        raise Rejected("There is no document series {series}; use one of {known}.",
                       series=repr(series), known=", ".join(SERIES))
    if type(year) is not int or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Rejected("{year} is not a year documents can be numbered in.", year=repr(year))


def _checked_counter(counter_doc: dict | None) -> dict:
    if counter_doc is None:
        return {"_id": COUNTER_DOC_ID, "type": "invoice_counter", "runs": {}}
    if counter_doc.get("type") != "invoice_counter" or not isinstance(counter_doc.get("runs"), dict):
        raise Rejected("That is not the invoice counter document.")
    for key, run in counter_doc["runs"].items():
        if type(run.get("last")) is not int or run["last"] < 0:
            raise Rejected("The invoice counter for {run} is damaged; it needs a whole number.", run=key)
    return counter_doc
