"""Discovery: quick review into named shortlists, side-by-side comparison, team templates."""
from datetime import date

import pytest

from core import commands, scopes
from core.bus import MessageBus
from core.discovery import compare, next_candidate
from core.discovery_commands import (
    INTENT_PARSERS, RemoveFromShortlist, ReviewDecision, SaveTeamTemplate, TemplateMember, UseTeamTemplate,
)
from core.errors import Rejected
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.discovery import DISCOVERY_HANDLERS
from core.intents import _Fields
from core.money import Money
from tests.unit.fakes import make_bus
from tests.unit.production import register

START, END = date(2027, 1, 4), date(2027, 1, 15)


@pytest.fixture
def bus():
    plain = make_bus()
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **DISCOVERY_HANDLERS}, EVENT_HANDLERS)


@pytest.fixture
async def emeka(bus) -> str:
    return await register(bus, "+2348030000003", "Emeka Nwosu")


def decide(production, person_id, decision, intent_id, list_name="shortlist", by=None):
    return production.bus.handle(ReviewDecision(
        intent_id, production.project_id, by or production.producer_id, person_id, decision, list_name))


async def shortlist_of(production, name="shortlist") -> dict:
    return await production.bus.services.store.get(production.office, f"shortlist:{name}")


# --- next_candidate ---------------------------------------------------------------------------

def test_next_candidate_skips_liked_and_passed():
    doc = {"liked": [{"person_id": "a"}], "passed": ["b"]}
    assert next_candidate(["a", "b", "c", "d"], doc) == "c"
    assert next_candidate(["a", "b"], doc) is None
    assert next_candidate(["a", "b"], None) == "a"


# --- quick review ------------------------------------------------------------------------------

async def test_like_and_pass_fill_the_list_and_next_skips_them(production, emeka):
    await decide(production, production.chidi_id, "like", "d:1")
    await decide(production, production.aisha_id, "pass", "d:2")
    doc = await shortlist_of(production)
    assert [e["person_id"] for e in doc["liked"]] == [production.chidi_id]
    assert doc["liked"][0]["by"] == production.producer_id and doc["liked"][0]["name"] == "Chidi Okafor"
    assert doc["passed"] == [production.aisha_id]
    ranked = [production.chidi_id, production.aisha_id, emeka]
    assert next_candidate(ranked, doc) == emeka


async def test_decisions_are_idempotent_even_after_later_ones(production):
    store = production.bus.services.store
    await decide(production, production.chidi_id, "like", "d:1")
    await decide(production, production.chidi_id, "like", "d:1")
    generation = store.generation(production.office, "shortlist:shortlist")
    await decide(production, production.chidi_id, "like", "d:1")
    assert store.generation(production.office, "shortlist:shortlist") == generation
    await decide(production, production.chidi_id, "pass", "d:2")
    await decide(production, production.chidi_id, "like", "d:1")  # a late retry of the first like
    doc = await shortlist_of(production)
    assert doc["liked"] == [] and doc["passed"] == [production.chidi_id]


async def test_liking_twice_keeps_one_entry(production):
    await decide(production, production.chidi_id, "like", "d:1")
    await decide(production, production.chidi_id, "like", "d:2")
    assert len((await shortlist_of(production))["liked"]) == 1


async def test_named_lists_are_separate_and_removal_works(production):
    await decide(production, production.chidi_id, "like", "d:1", list_name="My Lighting Crew")
    await decide(production, production.aisha_id, "like", "d:2")
    crew = await shortlist_of(production, "my-lighting-crew")
    assert [e["person_id"] for e in crew["liked"]] == [production.chidi_id]
    assert [e["person_id"] for e in (await shortlist_of(production))["liked"]] == [production.aisha_id]
    remove = RemoveFromShortlist("r:1", production.project_id, production.producer_id, production.chidi_id,
                                 "my lighting crew")
    await production.bus.handle(remove)
    await production.bus.handle(remove)  # a retry changes nothing and is not refused
    assert (await shortlist_of(production, "my-lighting-crew"))["liked"] == []
    with pytest.raises(Rejected, match="not on the list"):
        await production.bus.handle(RemoveFromShortlist(
            "r:2", production.project_id, production.producer_id, production.chidi_id, "my lighting crew"))
    with pytest.raises(Rejected, match="no list called 'extras'"):
        await production.bus.handle(RemoveFromShortlist(
            "r:3", production.project_id, production.producer_id, production.chidi_id, "extras"))


async def test_review_refusals(production):
    with pytest.raises(Rejected, match="does not let you review"):
        await decide(production, production.aisha_id, "like", "d:1", by=production.chidi_id)
    with pytest.raises(Rejected, match="LIKE"):
        await decide(production, production.aisha_id, "maybe", "d:2")
    with pytest.raises(Rejected, match="not in the directory"):
        await decide(production, "nobody", "like", "d:3")
    assert await shortlist_of(production) is None


async def test_a_unit_manager_may_review(production):
    await production.bus.handle(commands.GrantProjectRole(
        "grant:1", production.project_id, production.producer_id, production.aisha_id, "unit_manager"))
    await decide(production, production.chidi_id, "like", "d:1", by=production.aisha_id)
    assert (await shortlist_of(production))["liked"][0]["by"] == production.aisha_id


# --- compare -----------------------------------------------------------------------------------

def card(name, **fields) -> dict:
    return {"person_id": name.lower(), "name": name, "city": "Lekki", "state": "Lagos", **fields}


def row(table, key):
    return next(r for r in table["rows"] if r["key"] == key)["values"]


def test_compare_marks_shared_skills_and_builds_every_row():
    cards = [
        card("Bisi", crew_roles=["gaffer"], skills=["driving"], verified=True, languages=["english", "yoruba"],
             rate={"amount_minor": 4_000_000, "currency": "NGN", "per": "day"}, rating={"average": 4.7, "count": 20},
             busy_days=["2027-01-05", "2027-02-01"]),
        card("Tunde", crew_roles=["Gaffer"], skills=["rigging"], busy_days=["2027-01-04", "2027-01-15"]),
        card("Ngozi", skills=["rigging", "sewing"], playing_age={"min": 25, "max": 35}),
    ]
    table = compare(cards, "2027-01-04", "2027-01-15")
    assert [p["name"] for p in table["people"]] == ["Bisi", "Tunde", "Ngozi"]
    assert table["shared_skills"] == ["gaffer", "rigging"]
    assert row(table, "skills")[0] == [{"skill": "gaffer", "shared": True}, {"skill": "driving", "shared": False}]
    assert row(table, "rate") == ["₦40,000 per day", "negotiable", "negotiable"]
    assert row(table, "rating")[0] == "4.7 (20 ratings)" and row(table, "rating")[1] == "not yet rated"
    assert row(table, "verified") == ["yes", "no", "no"]
    assert row(table, "busy_days") == [1, 2, 0]
    assert row(table, "playing_age") == ["-", "-", "25-35"]
    assert row(table, "location")[0] == "Lekki, Lagos"


def test_compare_four_without_dates_has_no_busy_row():
    table = compare([card(n) for n in ("A", "B", "C", "D")])
    assert len(table["people"]) == 4
    assert "busy_days" not in [r["key"] for r in table["rows"]]


@pytest.mark.parametrize("count, words", [(1, "at least 2"), (5, "up to 4")])
def test_compare_refuses_too_few_or_too_many(count, words):
    with pytest.raises(Rejected, match=words):
        compare([card(f"P{i}") for i in range(count)])


# --- team templates ----------------------------------------------------------------------------

def lighting_crew(production, emeka) -> SaveTeamTemplate:
    return SaveTeamTemplate("save:1", production.producer_id, "My Lighting Crew", (
        TemplateMember(production.chidi_id, "Gaffer", "lighting", Money(4_500_000, "NGN")),
        TemplateMember(emeka, "Gaffer", "lighting"),
        TemplateMember(production.aisha_id, "Best boy", "lighting"),
    ))


def use(production, intent_id="use:1", **changes) -> UseTeamTemplate:
    fields = {"template_name": "my lighting crew", "start_date": START, "end_date": END, "city": "Lekki",
              "state": "Lagos", "rate": None, **changes}
    return UseTeamTemplate(intent_id, production.project_id, production.producer_id, **fields)


async def test_template_is_saved_in_the_owners_database(production, emeka):
    await production.bus.handle(lighting_crew(production, emeka))
    doc = await production.bus.services.store.get(scopes.user_db(production.producer_id),
                                                  "team_template:my-lighting-crew")
    assert [m["role_title"] for m in doc["members"]] == ["Gaffer", "Gaffer", "Best boy"]
    assert doc["members"][0]["rate"] == {"amount_minor": 4_500_000, "currency": "NGN"}


async def test_only_producers_save_templates(production, emeka):
    with pytest.raises(Rejected, match="for producers"):
        await production.bus.handle(SaveTeamTemplate("save:2", production.chidi_id, "mine", (
            TemplateMember(emeka, "Gaffer", "lighting"),)))


async def test_a_role_without_any_rate_is_refused_before_anything_is_posted(production, emeka):
    bus, store, outbox = production.bus, production.bus.services.store, production.bus.services.outbox
    await bus.handle(lighting_crew(production, emeka))
    before = len(store.docs(scopes.DIRECTORY, "job_post:"))
    with pytest.raises(Rejected, match="Give a rate for Best boy"):
        await bus.handle(use(production, rate=None))  # the gaffers have a saved rate, the best boy none
    assert len(store.docs(scopes.DIRECTORY, "job_post:")) == before
    assert outbox.with_template("team_invitation") == []


async def test_template_use_posts_once_per_role_and_invites_once_on_retry(production, emeka):
    bus, store, outbox = production.bus, production.bus.services.store, production.bus.services.outbox
    await bus.handle(lighting_crew(production, emeka))
    attempts = outbox.attempts
    for _ in range(2):
        await bus.handle(use(production, rate=Money(3_000_000, "NGN")))
    assert outbox.attempts - attempts == 6  # queued on each try, kept once each (the id is derived)
    assert len(outbox.with_template("team_invitation")) == 3
    new = [p for p in store.docs(scopes.DIRECTORY, "job_post:") if p["start_date"] == START.isoformat()]
    assert sorted((p["title"], p["slots"], p["rate"]["amount_minor"]) for p in new) == [
        ("Best boy", 1, 3_000_000), ("Gaffer", 2, 3_000_000)]
    assert len([p for p in store.docs(production.office, "job_post:") if p["start_date"] == START.isoformat()]) == 2
    invitations = outbox.with_template("team_invitation")
    assert sorted(m.person_id for m in invitations) == sorted([production.chidi_id, emeka, production.aisha_id])
    gaffer = next(p for p in new if p["title"] == "Gaffer")
    assert {m.params["code"] for m in invitations if m.person_id == emeka} == {gaffer["code"]}


async def test_template_use_needs_hire_and_an_existing_template(production, emeka):
    await production.bus.handle(lighting_crew(production, emeka))
    with pytest.raises(Rejected, match="does not let you hire a team"):
        await production.bus.handle(UseTeamTemplate(
            "use:x", production.project_id, production.chidi_id, "my lighting crew", START, END,
            rate=Money(3_000_000, "NGN")))
    with pytest.raises(Rejected, match="no team template called"):
        await production.bus.handle(use(production, "use:y", template_name="sound team", rate=Money(1, "NGN")))


# --- intents -----------------------------------------------------------------------------------

def test_intent_parsers_build_the_commands():
    kind, parse = INTENT_PARSERS["shortlist_decision"]
    cmd = parse("i:1", "p1", _Fields({"author": "u1", "person_id": "x", "decision": "like"}))
    assert kind == "office" and cmd == ReviewDecision("i:1", "p1", "u1", "x", "like", "shortlist")
    kind, parse = INTENT_PARSERS["team_template_save"]
    cmd = parse("i:2", "u1", _Fields({"name": "crew", "members": [
        {"person_id": "x", "role_title": "Gaffer", "department": "lighting", "rate_minor": 500}]}))
    assert kind == "user" and cmd.members[0].rate == Money(500, "NGN")
    kind, parse = INTENT_PARSERS["team_template_use"]
    cmd = parse("i:3", "p1", _Fields({"author": "u1", "template_name": "crew", "start_date": "2027-01-04",
                                       "end_date": "2027-01-05"}))
    assert kind == "office" and cmd.rate is None and cmd.start_date == START
    with pytest.raises(ValueError, match="members"):
        INTENT_PARSERS["team_template_save"][1]("i:4", "u1", _Fields({"name": "crew", "members": "x"}))
    assert INTENT_PARSERS["shortlist_removal"][0] == "office"
