"""The payment gateway port: take a payer's money, check it arrived, give it back, pay crew out.

One interface for Paystack, Flutterwave and Stripe (adapters in workers/gateways/). Every call
that moves money carries a reference we chose before calling, so a retry after a timeout is the
same operation at the provider, never a second one (TigerBeetle's rule: the client picks the id).

Errors are typed by what the caller should do next (courier's rule), not by provider:
GatewayRetryable (try the same call again later), PaymentRefused (the provider said no, with a
reason a person can read), GatewayBadConfig (our keys or account settings are wrong).
"""
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime

from core.errors import Rejected
from core.money import Money

SUCCESS, FAILED, PENDING = "success", "failed", "pending"
PAYMENT_STATUSES = (SUCCESS, FAILED, PENDING)
# Paystack's rule for references (letters, digits, '-', '.', '='), the strictest of the three.
REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.=-]{0,99}")


@dataclass(frozen=True)
class Payer:
    """Who pays. Paystack and Flutterwave insist on an email; adapters make one from the phone."""

    name: str
    email: str | None = None
    phone: str | None = None  # E.164

    def __post_init__(self) -> None:
        if not (self.email or self.phone):
            raise Rejected("We need the payer's email or phone number to start a payment.")


@dataclass(frozen=True)
class VerifiedPayment:
    """What the provider's API (never a webhook body alone) says about one payment."""

    reference: str  # ours
    status: str  # SUCCESS | FAILED | PENDING
    amount: Money  # what the provider actually took, which may differ from what we asked
    paid_at: datetime | None
    gateway_id: str  # the provider's id for the payment (transaction, PaymentIntent)


@dataclass(frozen=True)
class RefundResult:
    refund_reference: str  # ours
    status: str  # SUCCESS (refunded) | PENDING (on its way) | FAILED
    amount: Money
    gateway_id: str


@dataclass(frozen=True)
class BankAccount:
    """A payee's bank account as the bank itself names it (the name to compare with KYC)."""

    bank_code: str
    account_number: str
    account_name: str


@dataclass(frozen=True)
class Recipient:
    """A payee registered at one gateway, ready to receive payouts."""

    gateway: str
    code: str  # Paystack RCP_..., Flutterwave beneficiary id, Stripe connected account acct_...
    name: str
    currency: str
    bank_code: str = ""
    account_number: str = ""


@dataclass(frozen=True)
class PayoutResult:
    transfer_reference: str  # ours: reused on every retry of the same payout
    status: str  # SUCCESS | FAILED | PENDING
    amount: Money
    gateway_id: str


class GatewayError(Exception):
    """Base of every gateway failure; `code` is the provider's own error code or message key."""

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.code = code


class GatewayRetryable(GatewayError):
    """Network down, timeout, provider 5xx or rate limit: the same call may succeed later."""

    def __init__(self, message: str, code: str | None = None, retry_after_s: float = 30.0):
        super().__init__(message, code)
        self.retry_after_s = retry_after_s


class PaymentRefused(GatewayError, Rejected):
    """The provider said no to this request (bad account number, refund too large, unknown
    reference): retrying will not help; `reason` can be shown to the person."""


class GatewayBadConfig(GatewayError):
    """Our keys, base URL or provider account settings are wrong: nothing works until fixed."""


def check_reference(reference: str) -> None:
    if not (isinstance(reference, str) and REFERENCE.fullmatch(reference)):
        raise Rejected("The payment reference {reference} may hold only letters, digits, '-', '.' and '=' "
                       "(at most 100).", reference=repr(reference))


def check_payout_amount(amount: Money) -> None:
    if amount.amount_minor <= 0:
        raise Rejected("A payout must be more than nothing; {amount} is not.", amount=str(amount))


def check_repeat(reference: str, earlier: Money, asked: Money | None) -> None:
    """A reference found already used must have been used for the same amount: a repeat with
    other content is a mistake, never a second operation."""
    if asked is not None and earlier != asked:
        raise PaymentRefused(f"The reference {reference} was already used for {earlier}, not {asked}.")


class PaymentGateway(ABC):
    """One payment provider. Every method is a coroutine; none of them touches the ledger."""

    name: str  # "paystack", "flutterwave", "stripe": also the <gateway> in clearing accounts
    currencies: frozenset[str]

    def check_currency(self, amount: Money) -> None:
        if amount.currency not in self.currencies:
            takes = ", ".join(sorted(self.currencies))
            raise Rejected("{gateway} does not take {currency}; it takes {currencies}.",
                           gateway=self.name.title(), currency=amount.currency, currencies=takes)

    @abstractmethod
    async def start_payment(self, reference: str, amount: Money, payer: Payer, callback_url: str) -> str:
        """The checkout link to hand the payer. `reference` is ours and names this payment for good."""

    @abstractmethod
    async def verify(self, reference: str, gateway_id: str | None = None) -> VerifiedPayment:
        """Ask the provider what became of the payment. A webhook's provider id, when there is one,
        is passed as `gateway_id` so the lookup is exact and needs no search."""

    @abstractmethod
    async def refund(self, reference: str, amount: Money | None, refund_reference: str) -> RefundResult:
        """Give back `amount` (all of it when None) of a successful payment. The same
        refund_reference on a retry finds the first refund instead of making another. Paystack
        and Flutterwave take no idempotency key for refunds: concurrent tries are serialised in
        one process; across processes send each refund as one job (job id = refund_reference)."""

    @abstractmethod
    async def resolve_account(self, bank_code: str, account_number: str) -> BankAccount:
        """The account holder's name as the bank gives it."""

    @abstractmethod
    async def create_recipient(self, name: str, bank_code: str, account_number: str, currency: str) -> Recipient:
        """Register a payee for payouts (the provider de-duplicates the same account)."""

    @abstractmethod
    async def payout(self, transfer_reference: str, recipient: Recipient, amount: Money, reason: str) -> PayoutResult:
        """Send money to a recipient. Reusing transfer_reference on a retry never pays twice."""
