"""How a release is split: platform fee, VAT on the fee, withholding tax, and the payee's net pay.

Rates are integer basis points (1 bp = 0.01 %), never floats. Rounding, each to the kobo or cent:
- platform fee: rounded down, so the platform never rounds in its own favour;
- VAT (7.5 % of the fee) and withholding tax: rounded half up, as tax is computed on invoices;
- the payee's net is what is left, so the four parts always add up to the gross exactly.
Who bears what: the crew member (payee) pays the platform's commission and the VAT on it; both come
out of the gross. Withholding tax applies only when the producer paying is a company or registered
business that must deduct tax at source (Nigeria's withholding regulations); the booking then says
the rate that fits the payee (individual or company) and the service; a private individual hiring
crew deducts nothing (rate 0). It is charged on the gross and held for the tax authority in
tax:wht_payable; the payee gets a credit note for it."""
from dataclasses import dataclass

from core.errors import Rejected

BPS_PER_WHOLE = 10_000
VAT_ON_FEE_BPS = 750  # Nigeria's VAT, 7.5 %


@dataclass(frozen=True)
class ReleaseSplit:
    gross_minor: int
    fee_minor: int
    vat_minor: int
    withholding_minor: int
    net_minor: int


def split_release(gross_minor: int, fee_bps: int, withholding_bps: int = 0) -> ReleaseSplit:
    """The parts of releasing `gross_minor` to a payee; refuses rates outside 0..100 %."""
    if not _basis_points(fee_bps):
        raise Rejected("The platform fee rate is a whole number of basis points from 0 to 10000, not {rate}.",
                       rate=repr(fee_bps))
    if not _basis_points(withholding_bps):
        raise Rejected("The withholding tax rate is a whole number of basis points from 0 to 10000, not {rate}.",
                       rate=repr(withholding_bps))
    if type(gross_minor) is not int or gross_minor <= 0:
        raise Rejected("A release is a positive whole number of kobo or cents, not {amount}.", amount=repr(gross_minor))
    fee = gross_minor * fee_bps // BPS_PER_WHOLE
    vat = _half_up(fee * VAT_ON_FEE_BPS, BPS_PER_WHOLE)
    withholding = _half_up(gross_minor * withholding_bps, BPS_PER_WHOLE)
    net = gross_minor - fee - vat - withholding
    if net < 0:
        raise Rejected("A fee of {fee_bp} bp with VAT and withholding of {withholding_bp} bp would take more than "
                       "the whole release; check the rates on the booking.",
                       fee_bp=fee_bps, withholding_bp=withholding_bps)
    return ReleaseSplit(gross_minor, fee, vat, withholding, net)


def _basis_points(bps) -> bool:
    return type(bps) is int and 0 <= bps <= BPS_PER_WHOLE


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest whole, halves up (both non-negative)."""
    return (2 * numerator + denominator) // (2 * denominator)
