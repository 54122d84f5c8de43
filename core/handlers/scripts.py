"""Screenplay versions and their breakdown, in the office database.

Documents: "script" lists the versions (a number each, given in upload order); a worker reads
each upload and its answer lands in "script_version:<n>" (the parse and its diff against the
version before). "breakdown_corrections" keeps what people corrected, apart from any parse, and
"breakdown" is the latest parse with the corrections applied: the one schedules are made from.
"""
from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.events import BreakdownReady
from core.handlers.team import project_roles_of
from core.media import require_own_upload
from core.project_roles import sees_office
from core.script.versions import apply_corrections, check_correction, diff_breakdowns
from core.shoot_commands import AddScriptVersion, CorrectBreakdown, RecordBreakdown

SCRIPT_ID, BREAKDOWN_ID, CORRECTIONS_ID = "script", "breakdown", "breakdown_corrections"
READING, READY, REFUSED = "reading", "ready", "refused"


def version_doc_id(number: int) -> str:
    return f"script_version:{number}"


async def require_office(services: Services, project_id: str, person_id: str, refusal: Rejected) -> None:
    """`refusal` (a whole sentence per action, for the refusals catalog) unless the person is in the office."""
    if not sees_office(await project_roles_of(services, project_id, person_id)):
        raise refusal


async def add_script_version(cmd: AddScriptVersion, services: Services) -> Result:
    await require_office(services, cmd.project_id, cmd.by, Rejected("Only the production office can upload scripts."))
    await require_own_upload(services.media, cmd.by, cmd.upload_id, "script", "script")
    office, now = scopes.office_db(cmd.project_id), services.clock.now().isoformat()
    await services.store.create(office, {"_id": SCRIPT_ID, "type": "script", "versions": [], "current": None})

    def add(script: dict) -> dict | None:
        if any(v["source_intent"] == cmd.intent_id for v in script["versions"]):
            return None
        version = {
            "number": len(script["versions"]) + 1, "file_name": cmd.file_name[:200], "upload_id": cmd.upload_id,
            "uploaded_by": cmd.by, "status": READING, "reason": "", "created_at": now,
            "source_intent": cmd.intent_id,
        }
        return {**script, "versions": [*script["versions"], version]}

    script = await services.store.update(office, SCRIPT_ID, add)
    number = next(v["number"] for v in script["versions"] if v["source_intent"] == cmd.intent_id)
    if services.office_work is None:
        raise RuntimeError("this bus has no office worker to read scripts")
    await services.office_work.read_script(cmd.project_id, number)  # a retry asks again: same job id
    return Result(ref=version_doc_id(number))


async def record_breakdown(cmd: RecordBreakdown, services: Services) -> Result:
    office, now = scopes.office_db(cmd.project_id), services.clock.now().isoformat()
    script = await services.store.get(office, SCRIPT_ID)
    version = _version(script, cmd.number)
    if version["status"] != READING:
        return Result(ref=version_doc_id(cmd.number))  # a worker's retry: already recorded
    if cmd.breakdown is None:
        await _set_status(services, office, cmd.number, REFUSED, cmd.reason, now)
        return Result(ref=version_doc_id(cmd.number))
    previous = await _latest_ready(services, office, script, below=cmd.number)
    changes = diff_breakdowns(previous["breakdown"], cmd.breakdown) if previous else None
    await services.store.create(office, {
        "_id": version_doc_id(cmd.number), "type": "script_version", "number": cmd.number,
        "file_name": version["file_name"], "breakdown": cmd.breakdown,
        "diff": changes, "diff_from": previous["number"] if previous else None, "created_at": now,
    })
    script = await _set_status(services, office, cmd.number, READY, "", now)
    if script["current"] != cmd.number:
        return Result(ref=version_doc_id(cmd.number))  # a newer version was read first: it stays current
    corrected = await _rebuild(services, office, cmd.breakdown, cmd.number, now)
    return Result(ref=version_doc_id(cmd.number), events=[
        BreakdownReady(cmd.project_id, cmd.number, len(corrected["scenes"]), len(corrected["orphaned_corrections"]))
    ])


async def correct_breakdown(cmd: CorrectBreakdown, services: Services) -> Result:
    await require_office(services, cmd.project_id, cmd.by,
                         Rejected("Only the production office can correct the breakdown."))
    check_correction(cmd.correction)
    office, now = scopes.office_db(cmd.project_id), services.clock.now().isoformat()
    current = await services.store.get(office, BREAKDOWN_ID)
    scene_id = str(cmd.correction["scene"])
    scene = next((s for s in (current or {}).get("scenes", []) if s["id"] == scene_id), None)
    if scene is None:
        raise Rejected("There is no scene {scene} in the current breakdown.", scene=scene_id)
    await services.store.create(office, {"_id": CORRECTIONS_ID, "type": "breakdown_corrections", "corrections": []})
    # The heading lets the correction find its scene again when a new draft renumbers scenes.
    entry = {"heading": scene["heading"], **cmd.correction, "scene": scene_id, "version": current["version"],
             "by": cmd.by, "at": now, "source_intent": cmd.intent_id}

    def append(doc: dict) -> dict | None:
        if any(c["source_intent"] == cmd.intent_id for c in doc["corrections"]):
            return None
        return {**doc, "corrections": [*doc["corrections"], entry]}

    await services.store.update(office, CORRECTIONS_ID, append)
    script = await services.store.get(office, SCRIPT_ID)
    latest = await _latest_ready(services, office, script) if script else None
    if latest is not None:
        await _rebuild(services, office, latest["breakdown"], latest["number"], now)
    return Result(ref=CORRECTIONS_ID)


async def _rebuild(services: Services, office: str, parsed: dict, number: int, now: str) -> dict:
    """The breakdown people work from: the parse of version `number` with every correction."""
    corrections = await services.store.get(office, CORRECTIONS_ID)
    corrected, orphaned = apply_corrections(parsed, corrections["corrections"] if corrections else [])
    body = {**corrected, "type": "breakdown", "version": number, "orphaned_corrections": orphaned, "updated_at": now}
    await services.store.create(office, {"_id": BREAKDOWN_ID, **body})

    def replace(doc: dict) -> dict | None:
        kept = {k: doc[k] for k in ("_id", "_rev")}
        if {**body, **kept} == doc:
            return None
        return {**body, **kept}

    return await services.store.update(office, BREAKDOWN_ID, replace)


async def _latest_ready(services: Services, office: str, script: dict, below: int | None = None) -> dict | None:
    ready = [v["number"] for v in script["versions"] if v["status"] == READY and (below is None or v["number"] < below)]
    return await services.store.get(office, version_doc_id(max(ready))) if ready else None


def _version(script: dict | None, number: int) -> dict:
    for version in (script or {}).get("versions", []):
        if version["number"] == number:
            return version
    raise Rejected("There is no script version {number} in this project.", number=number)


async def _set_status(services: Services, office: str, number: int, status: str, reason: str, now: str) -> dict:
    def change(script: dict) -> dict:
        versions = [
            {**v, "status": status, "reason": reason, "read_at": now} if v["number"] == number else v
            for v in script["versions"]
        ]
        current = number if status == READY and number >= (script["current"] or 0) else script["current"]
        return {**script, "versions": versions, "current": current}

    return await services.store.update(office, SCRIPT_ID, change)
