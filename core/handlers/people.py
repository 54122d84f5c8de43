"""A person: their number, their CouchDB account, their own database, their public profile."""
from core import scopes
from core.bus import Result, Services
from core.commands import RegisterPerson, TakeOnRole
from core.errors import Rejected
from core.ids import new_id
from core.phones import to_e164

PERSON_ROLES = {"actor", "crew", "producer", "investor", "admin"}
BASE_ROLE = "person"  # every signed-in person has it; it opens the directory
REGISTERED = "registered_at"  # on the phone index, once every document of the person is written


async def register_person(cmd: RegisterPerson, services: Services) -> Result:
    """Idempotent by phone number: the first writer of the phone index wins."""
    phone = to_e164(cmd.phone)
    unknown = set(cmd.roles) - PERSON_ROLES
    if unknown:
        raise Rejected("Unknown role: {roles}.", roles=", ".join(sorted(unknown)))
    store, now = services.store, services.clock.now().isoformat()
    index = await store.create(
        scopes.OPS,
        {"_id": f"phone:{phone}", "type": "phone_index", "person_id": new_id(), "created_at": now},
    )
    person_id = index["person_id"]
    await services.spaces.ensure_person(person_id, [BASE_ROLE, *cmd.roles], cmd.password)
    await store.create(
        scopes.user_db(person_id),
        {
            "_id": "profile",
            "type": "profile",
            "person_id": person_id,
            "phone": phone,
            "language": cmd.language,
            "created_at": now,
        },
    )
    await store.create(
        scopes.DIRECTORY,
        {
            "_id": f"person:{person_id}",
            "type": "person",
            "person_id": person_id,
            "name": cmd.name,
            "roles": sorted(cmd.roles),
            "department": cmd.department,
            "verified": False,
            "created_at": now,
        },
    )
    # Last, on the index: the registration is whole, so a chat message from this number needs
    # no other read to know it (workers/inbound.py). A run cut short before here is made whole
    # by the next registration of the number, which changes nothing else.
    await store.update(scopes.OPS, index["_id"], lambda doc: None if doc.get(REGISTERED) else {**doc, REGISTERED: now},
                       current=index)
    return Result(ref=person_id)


async def person_card(services: Services, person_id: str) -> dict:
    """The public profile, or a refusal the person can read."""
    card = await services.store.get(scopes.DIRECTORY, f"person:{person_id}")
    if card is None:
        raise Rejected("We do not know you yet. Send HI to our WhatsApp number to sign up.")
    return card


# Roles a person may take on themselves; admin is given, never taken.
SELF_SERVICE_ROLES = {"actor", "crew", "producer", "investor"}


async def take_on_role(cmd: TakeOnRole, services: Services) -> Result:
    """The upgrade path: a role added to the card and the CouchDB account. (Crew become
    verified crew through the identity check, core/handlers/kyc.py, not here.)"""
    if cmd.role not in SELF_SERVICE_ROLES:
        raise Rejected("You can take on the roles {roles}.", roles=", ".join(sorted(SELF_SERVICE_ROLES)))
    card = await person_card(services, cmd.person_id)
    if cmd.role not in card["roles"]:
        now = services.clock.now().isoformat()

        def add(doc: dict) -> dict | None:
            if cmd.role in doc["roles"]:
                return None
            return {**doc, "roles": sorted({*doc["roles"], cmd.role}), "updated_at": now}

        await services.store.update(scopes.DIRECTORY, f"person:{cmd.person_id}", add, current=card)
    await services.spaces.grant_roles(cmd.person_id, [cmd.role])
    return Result(ref=cmd.person_id)
