"""Smile Identity's job result at our door: signature and freshness checked, the person's check
and their directory card moved once, however often it arrives; and the whole round trip
through the adapter and a fake Smile."""
import pytest
from aiohttp.test_utils import TestClient, TestServer

from core import scopes
from core.bus import MessageBus
from core.kyc_commands import SubmitKyc
from tests.fakes.smile_identity import FakeSmileIdentity, job_result
from tests.integration.people import person
from web.app import create_app
from web.kyc import routes as kyc_routes
from workers.kyc_smile import SmileIdentity, SmileRefused, SmileSettings, send_check

PARTNER_ID, API_KEY = "085", "test-smile-api-key"
CALLBACK = "/webhooks/smile-identity"


@pytest.fixture
async def kyc_api(settings, couch, redis):
    app = create_app(settings)
    app[kyc_routes.SMILE_SETTINGS] = SmileSettings(partner_id=PARTNER_ID, api_key=API_KEY)
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
def kyc_bus(bus) -> MessageBus:
    return bus


async def pending_check(kyc_bus) -> tuple[str, str]:
    """(person id, job id) of a fresh person with a NIN check waiting."""
    person_id = await person(kyc_bus)
    job_id = await kyc_bus.handle(SubmitKyc(
        f"kyc_submission:{person_id}", person_id, "NIN", "12345678901",
        "https://media.nollycrew.test/id.jpg", "https://media.nollycrew.test/selfie.jpg",
    ))
    return person_id, job_id


async def state(kyc_bus, person_id) -> tuple[dict, dict, dict]:
    store = kyc_bus.services.store
    return (
        await store.get(scopes.user_db(person_id), "kyc"),
        await store.get(scopes.OPS, f"kyc:{person_id}"),
        await store.get(scopes.DIRECTORY, f"person:{person_id}"),
    )


async def test_a_signed_verified_result_verifies_the_person_once(kyc_api, kyc_bus):
    person_id, job_id = await pending_check(kyc_bus)
    body = job_result(API_KEY, PARTNER_ID, {"job_id": job_id, "user_id": person_id, "job_type": 6}, "0810")
    answer = await kyc_api.post(CALLBACK, json=body)
    assert answer.status == 200
    assert (await answer.json())["recorded"] is True
    check, review, card = await state(kyc_bus, person_id)
    assert (check["status"], review["status"], card["verified"]) == ("verified", "verified", True)
    # The same callback again: answered, and nothing is written.
    assert (await kyc_api.post(CALLBACK, json=body)).status == 200
    assert await state(kyc_bus, person_id) == (check, review, card)


async def test_a_rejection_carries_its_reason(kyc_api, kyc_bus):
    person_id, job_id = await pending_check(kyc_bus)
    body = job_result(API_KEY, PARTNER_ID, {"job_id": job_id, "user_id": person_id, "job_type": 6}, "0811")
    assert (await kyc_api.post(CALLBACK, json=body)).status == 200
    check, _, card = await state(kyc_bus, person_id)
    assert check["status"] == "rejected" and "selfie" in check["reason"]
    assert card["verified"] is False


@pytest.mark.parametrize("signature", ["wrong", "stale"])
async def test_a_wrong_or_stale_signature_gets_403_and_changes_nothing(kyc_api, kyc_bus, signature):
    person_id, job_id = await pending_check(kyc_bus)
    before = await state(kyc_bus, person_id)
    body = job_result(API_KEY, PARTNER_ID, {"job_id": job_id, "user_id": person_id, "job_type": 6}, "0810",
                      signature=signature)
    answer = await kyc_api.post(CALLBACK, json=body)
    assert answer.status == 403
    assert await state(kyc_bus, person_id) == before
    assert before[0]["status"] == "pending"


async def test_a_provisional_result_leaves_the_check_pending(kyc_api, kyc_bus):
    person_id, job_id = await pending_check(kyc_bus)
    before = await state(kyc_bus, person_id)
    body = job_result(API_KEY, PARTNER_ID, {"job_id": job_id, "user_id": person_id, "job_type": 6}, "0814")
    answer = await kyc_api.post(CALLBACK, json=body)
    assert (answer.status, (await answer.json())["recorded"]) == (200, False)
    assert await state(kyc_bus, person_id) == before


async def test_a_malformed_or_unknown_callback_changes_nothing(kyc_api, kyc_bus):
    assert (await kyc_api.post(CALLBACK, data="not json")).status == 400
    body = job_result(API_KEY, PARTNER_ID, {"job_id": "neversent", "user_id": "x", "job_type": 6}, "0810")
    answer = await kyc_api.post(CALLBACK, json=body)
    assert (answer.status, (await answer.json())["ok"]) == (200, False)


@pytest.mark.parametrize("signature, code, status, expected", [
    ("valid", "0810", 200, "verified"),
    ("valid", "1013", 200, "rejected"),
    ("wrong", "0810", 403, "pending"),
])
async def test_the_round_trip_through_a_fake_smile(kyc_api, kyc_bus, signature, code, status, expected):
    person_id, job_id = await pending_check(kyc_bus)
    async with FakeSmileIdentity(PARTNER_ID, API_KEY) as fake:
        fake.result_codes[job_id] = code
        fake.callback_signature = signature
        settings = SmileSettings(partner_id=PARTNER_ID, api_key=API_KEY, api_base=fake.api_base,
                                 callback_url=str(kyc_api.make_url(CALLBACK)))

        async def picture(ref: str) -> bytes:
            return b"\xff\xd8 a jpeg of " + ref.encode()

        reference = await send_check(kyc_bus.services.store, kyc_bus, SmileIdentity(settings, picture), person_id)
        [callback] = await fake.wait_for_callbacks(1)
    assert callback["response_status"] == status
    [job] = fake.jobs.values()
    assert job["prep"]["partner_params"] == {"job_type": 6, "job_id": job_id, "user_id": person_id}
    assert job["info"]["id_info"]["id_number"] == "12345678901"
    store = kyc_bus.services.store
    assert (await store.get(scopes.OPS, f"kyc_job:{job_id}"))["provider_reference"] == reference
    check, _, card = await state(kyc_bus, person_id)
    assert (check["status"], card["verified"]) == (expected, expected == "verified")


async def test_smile_refuses_a_job_signed_with_the_wrong_key(kyc_bus):
    person_id, _ = await pending_check(kyc_bus)
    async with FakeSmileIdentity(PARTNER_ID, API_KEY) as fake:
        settings = SmileSettings(partner_id=PARTNER_ID, api_key="not-the-key", api_base=fake.api_base)
        with pytest.raises(SmileRefused, match="HTTP 403"):
            await send_check(kyc_bus.services.store, kyc_bus, SmileIdentity(settings), person_id)
    assert fake.jobs == {}


async def test_a_check_already_sent_is_not_sent_again(kyc_bus):
    person_id, _ = await pending_check(kyc_bus)
    async with FakeSmileIdentity(PARTNER_ID, API_KEY) as fake:
        fake.default_code = "0814"  # provisional: the check stays pending
        settings = SmileSettings(partner_id=PARTNER_ID, api_key=API_KEY, api_base=fake.api_base,
                                 callback_url=fake.base_url + "/nowhere")

        async def picture(ref: str) -> bytes:
            return b"\xff\xd8"

        provider = SmileIdentity(settings, picture)
        store = kyc_bus.services.store
        assert await send_check(store, kyc_bus, provider, person_id) is not None
        assert await send_check(store, kyc_bus, provider, person_id) is None
    assert len(fake.jobs) == 1


def test_queued_checks_go_to_the_default_queue(redis):
    from rq import Queue

    from workers import queues
    from workers.kyc_smile import queue_check

    queue_check(redis, "p1", "job1")
    [job] = Queue(queues.DEFAULT, connection=redis).get_jobs()
    assert (job.func_name, job.args, job.id) == ("workers.kyc_smile.submit_kyc_check", ("p1",), queues.job_id("kyc", "job1"))
