"""Profile updates per role: public fields to the directory, private ones stay in the person's own
database, and every refusal names the field at fault."""
import pytest

from core import scopes
from core.errors import Rejected
from core.profile_commands import UpdateProfile
from core.profiles import read_update, split_update
from tests.unit.production import register
from tests.unit.profiles_fakes import make_profile_bus

# The directory schema of the common brief: nothing else may appear on a person's public card.
DIRECTORY_SCHEMA = {
    "_id", "_rev", "type", "person_id", "name", "roles", "verified", "headline", "city", "state",
    "department", "crew_roles", "skills", "languages", "rate", "playing_age", "gender", "rating",
    "busy_days", "phone", "created_at", "updated_at",
    # the showcase
    "bio", "headshots", "showreel_urls", "voice_clip_urls", "credits", "roles_played", "dialects",
    "height_cm", "portfolio_urls", "certifications", "equipment_owned", "company", "past_productions",
    "investment_interests", "past_investments",
}
HEADSHOT = "https://media.nollycrew.ng/headshots/ada-1.jpg"
ACTOR = {
    "name": "Adaeze Nwosu", "headline": "Lead actress, Yoruba and Igbo", "city": "Surulere", "state": "Lagos",
    "gender": "female", "languages": ["english", "igbo", "yoruba"], "email": "ada@example.ng",
    "bio": "Trained at the National Theatre.", "headshots": [HEADSHOT, "a1b2c3d4e5f6"],
    "showreel_urls": ["https://youtu.be/abc123"], "voice_clip_urls": ["https://soundcloud.com/ada/clip"],
    "cv_url": "https://ada.example.ng/cv.pdf",
    "credits": [{"title": "Ojuelegba Nights", "role": "Ronke", "year": 2025, "company": "Eko Films"}],
    "roles_played": ["market woman", "lawyer"], "dialects": ["Onitsha Igbo"],
    "playing_age": {"min": 25, "max": 35}, "height_cm": 168, "skills": ["dance", "horse_riding"],
    "agency": {"name": "Lagos Talent", "email": "desk@lagostalent.ng"}, "rates": {"day": 15_000_000},
}
CREW = {
    "headline": "Gaffer, 12 years, own generator", "city": "Lekki", "state": "Lagos", "department": "lighting",
    "crew_roles": ["gaffer", "generator_operator"], "skills": ["driving"],
    "portfolio_urls": ["https://vimeo.com/chidi"], "certifications": ["Electrical safety (NSE)"],
    "equipment_owned": ["2.5kW HMI", "20kVA generator"], "rates": {"hour": 600_000, "day": 4_500_000},
}
PRODUCER = {"company": "Eko Films Ltd", "past_productions": [{"title": "Ojuelegba Nights", "year": 2025}]}
INVESTOR = {"company": "Marina Capital", "investment_interests": ["thriller"],
            "past_investments": [{"title": "King of Boys 4", "year": 2024}]}


@pytest.fixture
def bus():
    return make_profile_bus()


async def person(bus, roles, department="", phone="+2348030000009") -> str:
    return await register(bus, phone, "Test Person", roles, department)


async def update(bus, person_id, fields, intent_id="profile_update:1") -> str:
    return await bus.handle(UpdateProfile(intent_id, person_id, fields))


async def docs(bus, person_id) -> tuple[dict, dict]:
    store = bus.services.store
    card = await store.get(scopes.DIRECTORY, f"person:{person_id}")
    return card, await store.get(scopes.user_db(person_id), "profile")


async def test_an_actor_profile_splits_into_public_card_and_private_profile(bus):
    ada = await person(bus, ("actor",))

    assert await update(bus, ada, ACTOR) == ada

    card, profile = await docs(bus, ada)
    assert set(card) <= DIRECTORY_SCHEMA
    assert (card["name"], card["state"], card["languages"]) == ("Adaeze Nwosu", "Lagos", ["english", "igbo", "yoruba"])
    assert card["playing_age"] == {"min": 25, "max": 35}
    assert card["rate"] == {"amount_minor": 15_000_000, "currency": "NGN", "per": "day"}
    assert "phone" not in card  # nobody chose to show it
    # The showcase is public: casting directors judge by it.
    assert card["headshots"] == [HEADSHOT, "a1b2c3d4e5f6"] and card["height_cm"] == 168
    assert "headshots" not in profile and "agency" not in card
    assert profile["agency"] == {"name": "Lagos Talent", "email": "desk@lagostalent.ng"}
    assert profile["phone"] == "+2348030000009"  # RegisterPerson's fields are kept


@pytest.mark.parametrize(
    "roles, department, fields, public",
    [
        (("crew",), "lighting", CREW, {"crew_roles": ["gaffer", "generator_operator"],
                                      "rate": {"amount_minor": 4_500_000, "currency": "NGN", "per": "day"}}),
        (("producer",), "production", PRODUCER, {}),
        (("investor",), "", INVESTOR, {}),
        (("actor", "crew"), "camera", {"playing_age": {"min": 18, "max": 24}, "crew_roles": ["focus_puller"]},
         {"playing_age": {"min": 18, "max": 24}, "crew_roles": ["focus_puller"]}),
    ],
)
async def test_each_role_keeps_its_private_fields_off_the_directory(bus, roles, department, fields, public):
    someone = await person(bus, roles, department)

    await update(bus, someone, fields)

    card, profile = await docs(bus, someone)
    assert set(card) <= DIRECTORY_SCHEMA
    assert {name: card[name] for name in public} == public
    for name in set(fields) - DIRECTORY_SCHEMA - {"rates"}:
        assert profile[name] is not None and name not in card


async def test_an_update_keeps_the_fields_it_does_not_change(bus):
    ada = await person(bus, ("actor",))
    await update(bus, ada, ACTOR)

    await update(bus, ada, {"headline": "Now also a voice artist", "skills": ["voice_over"]}, "profile_update:2")

    card, profile = await docs(bus, ada)
    assert (card["headline"], card["skills"], card["city"]) == ("Now also a voice artist", ["voice_over"], "Surulere")
    assert card["height_cm"] == 168


async def test_a_retried_update_writes_nothing_new(bus):
    ada = await person(bus, ("actor",))
    await update(bus, ada, ACTOR)
    store = bus.services.store
    before = (store.generation(scopes.DIRECTORY, f"person:{ada}"), store.generation(scopes.user_db(ada), "profile"))

    await update(bus, ada, ACTOR)

    after = (store.generation(scopes.DIRECTORY, f"person:{ada}"), store.generation(scopes.user_db(ada), "profile"))
    assert after == before


@pytest.mark.parametrize(
    "visibility, shown", [("everyone", True), ("productions_i_work_on", False), ("nobody", False)]
)
async def test_only_everyone_puts_the_phone_on_the_directory(bus, visibility, shown):
    chidi = await person(bus, ("crew",), "lighting")

    await update(bus, chidi, {"phone_visibility": visibility})

    card, profile = await docs(bus, chidi)
    assert ("phone" in card) is shown
    assert card.get("phone", "+2348030000009") == "+2348030000009"
    assert profile["phone_visibility"] == visibility


async def test_the_chat_language_is_kept_on_the_private_profile_only(bus):
    chidi = await person(bus, ("crew",), "lighting")

    await update(bus, chidi, {"chat_language": "yo"})

    card, profile = await docs(bus, chidi)
    assert profile["chat_language"] == "yo" and "chat_language" not in card


async def test_hiding_the_phone_again_takes_it_off_the_directory(bus):
    chidi = await person(bus, ("crew",), "lighting")
    await update(bus, chidi, {"phone_visibility": "everyone"})

    await update(bus, chidi, {"phone_visibility": "nobody"}, "profile_update:2")

    card, _ = await docs(bus, chidi)
    assert "phone" not in card


async def test_changing_department_drops_the_roles_of_the_old_one(bus):
    chidi = await person(bus, ("crew",), "lighting")
    await update(bus, chidi, {"crew_roles": ["gaffer"]})

    await update(bus, chidi, {"department": "grip"}, "profile_update:2")

    card, _ = await docs(bus, chidi)
    assert (card["department"], card["crew_roles"]) == ("grip", [])


LONG = "x" * 200
REFUSALS = [
    (("actor",), {"playing_age": {"min": 0, "max": 30}}, "playing_age.min"),
    (("actor",), {"playing_age": {"min": 20, "max": 101}}, "playing_age.max"),
    (("actor",), {"playing_age": {"min": 40, "max": 30}}, "playing_age"),
    (("actor",), {"height_cm": 49}, "height_cm"),
    (("actor",), {"height_cm": 251}, "height_cm"),
    (("actor",), {"height_cm": "170"}, "height_cm"),
    (("actor",), {"rates": {"day": 0}}, "rates.day"),
    (("actor",), {"rates": {"day": 45000.5}}, "rates.day"),
    (("actor",), {"rates": {"week": 100}}, "rates.week"),
    (("actor",), {"rates": {}}, "rates"),
    (("actor",), {"showreel_urls": ["http://youtu.be/abc"]}, "showreel_urls.0"),
    (("actor",), {"headshots": ["javascript:alert(1)"]}, "headshots.0"),
    (("actor",), {"headshots": [HEADSHOT] * 11}, "headshots"),
    (("actor",), {"cv_url": "ftp://cv.example/cv.pdf"}, "cv_url"),
    (("actor",), {"skills": ["flying"]}, "skills.0"),
    (("actor",), {"languages": ["klingon"]}, "languages.0"),
    (("actor",), {"credits": [{"role": "Ronke"}]}, "credits.0.title"),
    (("actor",), {"department": "camera"}, "department"),
    (("actor",), {"name": ""}, "name"),
    (("actor",), {"name": None}, "name"),
    (("actor",), {"headline": LONG}, "headline"),
    (("actor",), {"state": "Texas"}, "state"),
    (("actor",), {"phone_visibility": "friends"}, "phone_visibility"),
    (("crew",), {"chat_language": "fr"}, "chat_language"),
    (("actor",), {"verified": True}, "verified"),
    (("actor",), {"busy_days": []}, "busy_days"),
    (("crew",), {"crew_roles": ["focus_puller"]}, "crew_roles"),  # they are in lighting
    (("crew",), {"department": "catering"}, "department"),
    (("crew",), {"crew_roles": ["gaffer"] * 6}, "crew_roles"),
    (("crew",), {"portfolio_urls": ["vimeo.com/chidi"]}, "portfolio_urls.0"),
    (("crew",), {"equipment_owned": [""]}, "equipment_owned.0"),
    (("crew",), {"playing_age": {"min": 20, "max": 30}}, "playing_age"),
    (("producer",), {"past_productions": [{"title": "X", "year": 1800}]}, "past_productions.0.year"),
    (("producer",), {"headshots": [HEADSHOT]}, "headshots"),
    (("investor",), {"investment_interests": ["a"] * 11}, "investment_interests"),
]


@pytest.mark.parametrize("roles, fields, field", REFUSALS, ids=[refusal[2] for refusal in REFUSALS])
async def test_a_bad_update_is_refused_naming_the_field_and_writes_nothing(bus, roles, fields, field):
    someone = await person(bus, roles, "lighting" if "crew" in roles else "")
    card_before, profile_before = await docs(bus, someone)

    with pytest.raises(Rejected) as refusal:
        await update(bus, someone, fields)

    assert refusal.value.reason.startswith(field)
    assert await docs(bus, someone) == (card_before, profile_before)


async def test_an_empty_update_is_refused(bus):
    with pytest.raises(Rejected, match="at least one field"):
        await update(bus, await person(bus, ("crew",), "lighting"), {})


async def test_someone_not_registered_cannot_update_a_profile(bus):
    with pytest.raises(Rejected, match="do not know you"):
        await update(bus, "abcdef123456", {"headline": "Hello"})


def test_the_public_rate_is_the_day_rate_when_there_is_one():
    checked = read_update({"rates": {"hour": 600_000, "job": 9_000_000}}, {"crew"}, "lighting")

    public, private = split_update(checked, "+2348030000001")

    assert public == {"rate": {"amount_minor": 600_000, "currency": "NGN", "per": "hour"}}
    assert private == {"rates": {"hour": 600_000, "job": 9_000_000}}


def test_clearing_the_rates_clears_the_public_rate():
    public, private = split_update(read_update({"rates": None}, {"actor"}), "+2348030000001")

    assert (public, private) == ({"rate": None}, {"rates": None})
