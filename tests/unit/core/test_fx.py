"""Exchange rates recorded by an admin with their time and source; a conversion of the
producer's wallet through the FX accounts at the latest rate, never from a stale one."""
from datetime import timedelta

import pytest

from core.errors import Rejected
from core.fx_commands import ConvertWallet, RecordFxRate
from core.ledger import accounts
from core.ledger.transfers import Transfer
from core.money import Money
from tests.unit.production import open_production, register
from tests.unit.shoot_fakes import make_office_bus


@pytest.fixture
async def production():
    production = await open_production(make_office_bus())
    production.admin_id = await register(production.bus, "+2348030000009", "Ngozi Admin", ("admin",), "production")
    return production


async def rate(production, value: str = "1530.25", intent_id: str = "fx_rate_record:1", by: str | None = None):
    await production.bus.handle(RecordFxRate(intent_id, by or production.admin_id, "USD", "NGN", value,
                                             "CBN NAFEM window"))


async def fund_usd(production, cents: int) -> None:
    await production.bus.services.ledger.submit([Transfer(
        "stripe:cs_1", accounts.clearing("stripe", "USD"), accounts.wallet(production.producer_id),
        Money(cents, "USD"), "deposit")])


async def convert(production, cents: int, intent_id: str = "wallet_conversion:1") -> None:
    await production.bus.handle(ConvertWallet(intent_id, production.project_id, production.producer_id,
                                              Money(cents, "USD"), "NGN"))


async def balance(production, currency: str) -> int:
    return (await production.bus.services.ledger.balance(accounts.wallet(production.producer_id), currency)).posted


async def test_dollars_become_naira_at_the_latest_rate_rounded_down(production):
    await fund_usd(production, 100_00)
    await rate(production, "1500")
    await rate(production, "1530.25", "fx_rate_record:2")

    await convert(production, 10_01)  # $10.01 at ₦1,530.25 = ₦15,317.8025: 1531780 kobo and a remainder
    await convert(production, 10_01)  # the same intent again: converted once

    assert (await balance(production, "USD"), await balance(production, "NGN")) == (89_99, 1_531_780)


async def test_only_an_admin_records_rates(production):
    with pytest.raises(Rejected, match="Only an admin"):
        await rate(production, by=production.producer_id)


async def test_a_rate_older_than_a_day_is_not_used(production):
    await fund_usd(production, 100_00)
    await rate(production)
    production.bus.services.clock.at += timedelta(days=2)

    with pytest.raises(Rejected, match="record today's first"):
        await convert(production, 10_00)
    assert await balance(production, "USD") == 100_00


async def test_converting_more_than_the_wallet_holds_is_refused(production):
    await fund_usd(production, 5_00)
    await rate(production)

    with pytest.raises(Rejected, match="not enough money available for this; nothing was moved"):
        await convert(production, 10_00)
