"""The three documents money produces: an invoice for a deposit, a receipt for a release (gross,
platform fee, VAT on the fee, withholding tax, net) and a receipt for a platform fee.

Every document keeps its amounts as signed lines in integer minor units: a charge is positive,
a deduction negative, and the lines must add up to the total to the kobo or the document is
refused. VAT is 7.5% of the platform fee; the escrow code computes it, and here we only check
that it is that 7.5% rounded to a whole kobo either way (so either rounding rule passes, a
wrong rate does not). Our own vat_on_fee rounds half up.
"""
from core.errors import Rejected
from core.invoices import numbering
from core.invoices.parties import checked_party
from core.money import CURRENCIES, SYMBOLS, Money

VAT_RATE_BP = 750  # basis points: 7.5% VAT, charged on the platform fee only
BP_PER_WHOLE = 10_000
KINDS = {  # kind: (document type, number series, title, total label)
    "deposit": ("invoice", numbering.INVOICE_SERIES, "Invoice: escrow deposit", "Amount due"),
    "release": ("receipt", numbering.RECEIPT_SERIES, "Receipt: payment released", "Net paid to you"),
    "fee": ("receipt", numbering.FEE_SERIES, "Receipt: platform fee", "Total paid"),
}
LINE_TAXES = (None, "vat", "wht")


def deposit_invoice(number: str, issued_at: str, issued_by: dict, issued_to: dict, reference: dict,
                    lines: list[tuple[str, Money]], total: Money) -> dict:
    """The producer's invoice for money to put in escrow; `lines` are (what for, how much)."""
    if not lines:
        raise Rejected("A deposit invoice needs at least one line saying what the deposit is for.")
    for label, amount in lines:
        if not _positive(amount):
            raise Rejected("{line}: the amount must be more than zero.", line=label)
    notes = ["The deposit is held in escrow by NollyCrew and paid out only when the work is approved."]
    return _document("deposit", number, issued_at, issued_by, issued_to, reference,
                     [_line(label, amount) for label, amount in lines], total, notes)


def release_receipt(number: str, issued_at: str, issued_by: dict, issued_to: dict, reference: dict, *,
                    gross: Money, platform_fee: Money, vat: Money, withholding_tax: Money, net: Money,
                    withholding_rate_bp: int | None = None) -> dict:
    """The payee's receipt when escrow is released to them: net = gross - fee - VAT - WHT."""
    if not _positive(gross):
        raise Rejected("The amount released: the amount must be more than zero.")
    if not _not_negative(platform_fee):
        raise Rejected("The platform fee cannot be below zero.")
    if not _not_negative(vat):
        raise Rejected("The VAT cannot be below zero.")
    if not _not_negative(withholding_tax):
        raise Rejected("The withholding tax cannot be below zero.")
    _check_vat(platform_fee, vat)
    wht_label = "Withholding tax deducted"
    if withholding_rate_bp is not None:
        _check_rate(gross, withholding_tax, withholding_rate_bp, vat=False)
        wht_label += f" ({_percent(withholding_rate_bp)} of the gross)"
    lines = [
        _line("Gross amount released from escrow", gross),
        _line("Platform fee", _negated(platform_fee)),
        _line(f"VAT at {_percent(VAT_RATE_BP)} on the platform fee", _negated(vat), tax="vat"),
        _line(wht_label, _negated(withholding_tax), tax="wht"),
    ]
    notes = ["VAT on the platform fee is remitted to the tax authority by NollyCrew."]
    if withholding_tax.amount_minor:
        notes.append("Withholding tax was deducted and is remitted to the tax authority on your behalf; "
                     "keep this receipt to claim the tax credit.")
    return _document("release", number, issued_at, issued_by, issued_to, reference, lines, net, notes)


def fee_receipt(number: str, issued_at: str, issued_by: dict, issued_to: dict, reference: dict, *,
                platform_fee: Money, vat: Money, total: Money) -> dict:
    """NollyCrew's receipt for its fee: the fee, VAT at 7.5% on it, and the two together."""
    if not _positive(platform_fee):
        raise Rejected("The platform fee: the amount must be more than zero.")
    _check_vat(platform_fee, vat)
    lines = [_line("Platform fee", platform_fee), _line(f"VAT at {_percent(VAT_RATE_BP)}", vat, tax="vat")]
    return _document("fee", number, issued_at, issued_by, issued_to, reference, lines, total, [])


def vat_on_fee(platform_fee: Money) -> Money:
    """7.5% of the fee, rounded half up to a whole kobo (fees are never negative)."""
    if not _not_negative(platform_fee):
        raise Rejected("The platform fee cannot be below zero.")
    return Money((platform_fee.amount_minor * VAT_RATE_BP + BP_PER_WHOLE // 2) // BP_PER_WHOLE, platform_fee.currency)


def check_document(document: dict) -> dict:
    """A stored document checked whole again (before printing or sending): its number fits its
    kind, the parties are there, and the lines add up to the total. Returns it unchanged."""
    try:
        return _checked(document)
    except (KeyError, TypeError, AttributeError) as missing:
        raise Rejected("The document is incomplete or damaged ({problem}); it is not issued.",
                       problem=repr(missing)) from None


def _checked(document: dict) -> dict:
    kind = document.get("kind")
    if kind not in KINDS:
        raise Rejected("{kind} is not a kind of invoice or receipt we issue.", kind=repr(kind))
    doc_type, series, _, _ = KINDS[kind]
    if document.get("type") != doc_type:
        raise Rejected("A {kind} document is a {doc_type}, not a {given_type}.",
                       kind=kind, doc_type=doc_type, given_type=repr(document.get("type")))
    number_series, _, _ = numbering.parse_number(document.get("number"))
    if number_series != series:
        raise Rejected("A {kind} document is numbered in the {series} series, not {given_series}.",
                       kind=kind, series=series, given_series=number_series)
    numbering.numbering_year(document.get("issued_at"))
    checked_party(document.get("issued_by"), "issuer")
    checked_party(document.get("issued_to"), "recipient")
    total = Money.from_doc(document["total"])
    lines = document.get("lines") or []
    for line in lines:
        Money(line["amount_minor"], total.currency)
        if not isinstance(line.get("label"), str) or not line["label"].strip():
            raise Rejected("Every line on a document says what it is for.")
        if line.get("tax") not in LINE_TAXES:
            raise Rejected("{tax} is not a tax we put on documents.", tax=repr(line.get("tax")))
    if document.get("currency") != total.currency:
        raise Rejected("The document's currency and its total's currency differ.")
    added = sum(line["amount_minor"] for line in lines)
    if added != total.amount_minor:
        raise Rejected("The lines add up to {added} but the total says {total}; the document is not issued.",
                       added=money_text(added, total.currency), total=money_text(total.amount_minor, total.currency))
    if total.amount_minor < 0:
        raise Rejected("A document's total cannot be below zero.")
    return document


def money_text(amount_minor: int, currency: str) -> str:
    """Always with its minor units, as accounts are printed: "₦540,000.00", "-₦4,050.00"."""
    major, minor = divmod(abs(amount_minor), 10 ** CURRENCIES[currency])
    return f"{'-' if amount_minor < 0 else ''}{SYMBOLS[currency]}{major:,}.{minor:0{CURRENCIES[currency]}d}"


def _document(kind: str, number: str, issued_at: str, issued_by: dict, issued_to: dict, reference: dict,
              lines: list[dict], total: Money, notes: list[str]) -> dict:
    doc_type, _, title, total_label = KINDS[kind]
    currencies = {line["currency"] for line in lines} | {total.currency}
    if len(currencies) != 1:
        raise Rejected("One document is in one currency; this one mixes {currencies}.",
                       currencies=", ".join(sorted(currencies)))
    if not isinstance(reference, dict) or not all(isinstance(v, str) for v in reference.values()):
        raise Rejected("The document's reference is a set of ids, such as the transfer and the booking.")
    document = {
        "_id": f"{doc_type}:{number}", "type": doc_type, "kind": kind, "title": title, "number": number,
        "issued_at": issued_at, "currency": total.currency, "issued_by": issued_by, "issued_to": issued_to,
        "reference": dict(reference),
        "lines": [{k: v for k, v in line.items() if k != "currency"} for line in lines],
        "total": total.to_doc(), "total_label": total_label, "notes": notes,
    }
    return check_document(document)


def _line(label: str, amount: Money, tax: str | None = None) -> dict:
    if not isinstance(label, str) or not label.strip():
        raise Rejected("Every line on a document says what it is for.")
    return {"label": label.strip(), "amount_minor": amount.amount_minor, "currency": amount.currency, "tax": tax}


def _check_vat(platform_fee: Money, vat: Money) -> None:
    _check_rate(platform_fee, vat, VAT_RATE_BP, vat=True)


def _check_rate(base: Money, tax: Money, rate_bp: int, vat: bool) -> None:
    """The tax (VAT, or else withholding tax) is the rate of the base to within one kobo, whichever
    way it was rounded."""
    if type(rate_bp) is not int or not 0 <= rate_bp <= BP_PER_WHOLE:
        raise Rejected("A VAT rate is between 0 and 10000 basis points." if vat else
                       "A withholding tax rate is between 0 and 10000 basis points.")
    if base.currency != tax.currency:
        raise Rejected("The VAT is in {currency} but what it is charged on is in {base_currency}." if vat else
                       "The withholding tax is in {currency} but what it is charged on is in {base_currency}.",
                       currency=tax.currency, base_currency=base.currency)
    exact_times_whole = base.amount_minor * rate_bp
    if abs(tax.amount_minor * BP_PER_WHOLE - exact_times_whole) >= BP_PER_WHOLE:
        raise Rejected("The VAT of {tax} is not {rate} of {base}." if vat else
                       "The withholding tax of {tax} is not {rate} of {base}.",
                       tax=str(tax), rate=_percent(rate_bp), base=str(base))


def _positive(amount: Money) -> bool:
    return isinstance(amount, Money) and amount.amount_minor > 0


def _not_negative(amount: Money) -> bool:
    return isinstance(amount, Money) and amount.amount_minor >= 0


def _negated(amount: Money) -> Money:
    return Money(-amount.amount_minor, amount.currency)


def _percent(rate_bp: int) -> str:
    whole, hundredths = divmod(rate_bp, 100)
    return f"{whole}%" if not hundredths else f"{whole}.{hundredths:02d}".rstrip("0") + "%"
