"""A person updates their profile: public fields go to the directory, the rest stay in their own
database (doc "profile"), which only they and the core can read.

Phone visibility, kept simple: only "everyone" puts the number on the directory. The choice
"productions_i_work_on" is stored for the contact sheets of projects (not built yet) to read; until
then it shows the number to nobody new.
"""
from core import scopes
from core.bus import Result, Services
from core.errors import Rejected
from core.handlers.people import person_card
from core.media import require_own_upload
from core.profile_commands import UpdateProfile
from core.profile_lists import DEPARTMENTS
from core.profiles import read_update, split_update

PROFILE_DOC_ID = "profile"


async def update_profile(cmd: UpdateProfile, services: Services) -> Result:
    card = await person_card(services, cmd.person_id)
    update = read_update(cmd.fields, card.get("roles", ()), card.get("department", ""))
    for ref in getattr(update, "headshots", None) or ():
        await require_own_upload(services.media, cmd.person_id, ref, "headshot", "headshot")
    own_db = scopes.user_db(cmd.person_id)
    profile = await services.store.get(own_db, PROFILE_DOC_ID)
    if profile is None:
        raise Rejected("We do not know you yet. Send HI to our WhatsApp number to sign up.")
    public, private = split_update(update, profile["phone"])
    now = services.clock.now().isoformat()
    await services.store.update(own_db, PROFILE_DOC_ID, _changed(private, now), current=profile)
    await services.store.update(scopes.DIRECTORY, f"person:{cmd.person_id}", _public_change(public, now), current=card)
    return Result(ref=cmd.person_id)


def _changed(fields: dict, now: str):
    """Set `fields`, keep the rest; a retry that changes nothing writes nothing."""

    def change(doc: dict) -> dict | None:
        if all(doc.get(name, _MISSING) == value for name, value in fields.items()):
            return None
        return {**doc, **fields, "updated_at": now}

    return change


def _public_change(public: dict, now: str):
    fields = dict(public)
    hide_phone = "phone" in fields and fields["phone"] is None
    if hide_phone:
        del fields["phone"]

    def change(card: dict) -> dict | None:
        wanted = dict(fields)
        if "department" in wanted and "crew_roles" not in wanted:
            # Roles of the old department do not carry over to the new one.
            roles = DEPARTMENTS.get(wanted["department"], ())
            wanted["crew_roles"] = [role for role in card.get("crew_roles", []) if role in roles]
        updated = _changed(wanted, now)(card)
        if hide_phone and "phone" in card:
            updated = {key: value for key, value in (updated or card).items() if key != "phone"}
            updated["updated_at"] = now
        return updated

    return change


_MISSING = object()
