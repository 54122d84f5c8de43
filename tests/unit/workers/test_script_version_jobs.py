"""Script versions through the real bus: the office uploads, a worker reads (the real parser),
the core records the breakdown, its diff and people's corrections, which survive a new version."""
import pytest

from core import scopes
from core.errors import Rejected
from core.shoot_commands import AddScriptVersion, CorrectBreakdown, RecordBreakdown
from tests.unit.production import open_production
from tests.unit.shoot_fakes import EKO_NIGHTS, EKO_NIGHTS_V2, make_office_bus
from workers.script_reading import read_upload


@pytest.fixture
async def production():
    return await open_production(make_office_bus())


async def upload(production, text: str, intent_id: str = "script_upload:1", by: str | None = None,
                 name: str = "eko.fountain") -> int:
    by = by or production.producer_id
    media = await production.bus.services.media.save(by, "script", "text/plain", text.encode())
    ref = await production.bus.handle(AddScriptVersion(intent_id, production.project_id, by, media.media_id, name))
    return int(ref.split(":")[1])


async def read(production, number: int, text: str, name: str = "eko.fountain") -> None:
    """What the worker does with the job the core queued."""
    assert (production.project_id, number) in production.bus.services.office_work.scripts
    await production.bus.handle(read_upload(production.project_id, number, name, text.encode()))


async def office_doc(production, doc_id: str) -> dict:
    return await production.bus.services.store.get(production.office, doc_id)


async def test_an_upload_becomes_version_one_and_its_breakdown(production):
    number = await upload(production, EKO_NIGHTS)
    assert (await office_doc(production, "script"))["versions"][0]["status"] == "reading"

    await read(production, number, EKO_NIGHTS)

    script, breakdown = await office_doc(production, "script"), await office_doc(production, "breakdown")
    assert (number, script["current"], script["versions"][0]["status"]) == (1, 1, "ready")
    assert [s["set"] for s in breakdown["scenes"]] == ["MARINA", "OBI'S FLAT", "MARINA", "OBI'S FLAT"]
    assert breakdown["version"] == 1
    assert (await office_doc(production, "script_version:1"))["diff"] is None  # nothing to compare with


async def test_a_second_version_records_what_changed(production):
    await read(production, await upload(production, EKO_NIGHTS), EKO_NIGHTS)

    number = await upload(production, EKO_NIGHTS_V2, "script_upload:2")
    await read(production, number, EKO_NIGHTS_V2)

    version = await office_doc(production, "script_version:2")
    assert (version["diff_from"], version["diff"]["removed"], version["diff"]["added"]) == (1, ["4"], ["4"])
    assert (await office_doc(production, "breakdown"))["scenes"][3]["set"] == "BAR BEACH"


async def test_a_correction_survives_the_next_version(production):
    await read(production, await upload(production, EKO_NIGHTS), EKO_NIGHTS)
    correction = {"scene": "1", "field": "elements.props", "add": ["cutlass"]}
    await production.bus.handle(CorrectBreakdown("breakdown_correction:1", production.project_id,
                                                 production.producer_id, correction))
    assert "cutlass" in (await office_doc(production, "breakdown"))["scenes"][0]["elements"]["props"]

    await read(production, await upload(production, EKO_NIGHTS_V2, "script_upload:2"), EKO_NIGHTS_V2)

    breakdown = await office_doc(production, "breakdown")
    assert (breakdown["version"], breakdown["orphaned_corrections"]) == (2, [])
    assert "cutlass" in breakdown["scenes"][0]["elements"]["props"]


async def test_a_correction_to_a_cut_scene_is_kept_and_reported_orphaned(production):
    await read(production, await upload(production, EKO_NIGHTS), EKO_NIGHTS)
    correction = {"scene": "4", "field": "elements.props", "add": ["phone"]}
    await production.bus.handle(CorrectBreakdown("breakdown_correction:1", production.project_id,
                                                 production.producer_id, correction))

    await read(production, await upload(production, EKO_NIGHTS_V2, "script_upload:2"), EKO_NIGHTS_V2)

    [orphan] = (await office_doc(production, "breakdown"))["orphaned_corrections"]
    assert orphan["correction"]["add"] == ["phone"] and "not in this version" in orphan["reason"]
    assert len((await office_doc(production, "breakdown_corrections"))["corrections"]) == 1


async def test_an_unreadable_file_is_refused_with_its_reason_and_the_current_version_stays(production):
    await read(production, await upload(production, EKO_NIGHTS), EKO_NIGHTS)
    junk = "Just some notes about the film, no scenes at all.\n"

    await read(production, await upload(production, junk, "script_upload:2"), junk)

    script = await office_doc(production, "script")
    assert (script["current"], script["versions"][1]["status"]) == (1, "refused")
    assert "scene headings" in script["versions"][1]["reason"]
    assert (await office_doc(production, "breakdown"))["version"] == 1


async def test_a_repeated_answer_from_the_worker_changes_nothing(production):
    number = await upload(production, EKO_NIGHTS)
    await read(production, number, EKO_NIGHTS)
    before = await office_doc(production, "script")

    await production.bus.handle(RecordBreakdown(production.project_id, number, None, "late duplicate"))

    assert await office_doc(production, "script") == before


async def test_an_older_version_read_late_does_not_replace_the_newer_breakdown(production):
    first = await upload(production, EKO_NIGHTS)
    second = await upload(production, EKO_NIGHTS_V2, "script_upload:2")
    await read(production, second, EKO_NIGHTS_V2)

    await read(production, first, EKO_NIGHTS)

    assert (await office_doc(production, "script"))["current"] == 2
    assert (await office_doc(production, "breakdown"))["version"] == 2


async def test_the_same_upload_intent_twice_is_one_version(production):
    await upload(production, EKO_NIGHTS)
    await upload(production, EKO_NIGHTS)

    assert len((await office_doc(production, "script"))["versions"]) == 1


async def test_crew_cannot_upload_scripts(production):
    with pytest.raises(Rejected, match="Only the production office can upload scripts"):
        await upload(production, EKO_NIGHTS, by=production.chidi_id)


async def test_a_script_must_be_ones_own_upload(production):
    media = await production.bus.services.media.save(production.chidi_id, "script", "text/plain", b"INT. X - DAY")

    with pytest.raises(Rejected, match="cannot find your script upload"):
        await production.bus.handle(AddScriptVersion("script_upload:9", production.project_id,
                                                     production.producer_id, media.media_id, "x.fountain"))


async def test_a_correction_to_a_scene_that_is_not_there_is_refused(production):
    await read(production, await upload(production, EKO_NIGHTS), EKO_NIGHTS)

    with pytest.raises(Rejected, match="no scene 99"):
        await production.bus.handle(CorrectBreakdown("breakdown_correction:1", production.project_id,
                                                     production.producer_id,
                                                     {"scene": "99", "field": "day_night", "set": "NIGHT"}))


async def test_the_store_holds_versions_in_the_office_database_only(production):
    await read(production, await upload(production, EKO_NIGHTS), EKO_NIGHTS)

    assert await production.bus.services.store.get(scopes.project_db(production.project_id), "breakdown") is None
