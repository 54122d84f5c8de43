"""GET /fx/rates: the newest rate an admin recorded, either way round, as naira per unit, for a
signed-in device to show amounts in another currency."""
import uuid

from core.commands import RegisterPerson
from core.fx_commands import RecordFxRate
from tests.integration.people import PASSWORD, auth, person


async def test_rates_come_as_naira_per_unit_whichever_way_they_were_recorded(api, bus):
    admin = await bus.handle(RegisterPerson("+23480" + str(uuid.uuid4().int)[:8], "Test admin", ("admin",),
                                            password=PASSWORD))
    crew = await person(bus)
    await bus.handle(RecordFxRate(f"fx_rate_record:{uuid.uuid4().hex}", admin, "GBP", "NGN", "1950.50", "bureau"))
    await bus.handle(RecordFxRate(f"fx_rate_record:{uuid.uuid4().hex}", admin, "NGN", "EUR", "0.0005", "bank"))

    answer = await api.get("/fx/rates", headers=auth(crew))

    rates = (await answer.json())["rates"]
    assert answer.status == 200
    assert rates["GBP"]["naira_per_unit"] == "1950.500000" and rates["GBP"]["source"] == "bureau"
    assert rates["EUR"]["naira_per_unit"] == "2000.000000"  # 1 / 0.0005
    assert (await api.get("/fx/rates")).status == 401
