"""Quick review into named shortlists, and team templates ("my lighting crew") reused across projects.

A list is "shortlist:<list>" in the project's office: liked people in order (who liked, when) and
passed ones, so "next" (core.discovery.next_candidate) skips both. Each applied intent is
remembered on the list, so a retried decision changes nothing even after later ones.
Using a template posts one job per distinct role through the ordinary post_job path, with as
many places as members in that role, and invites each member by message with the job's code
to APPLY: the booking then follows the usual application, hire or offer path.
"""
from core import scopes
from core.bus import Result, Services
from core.commands import PostJob
from core.discovery import list_slug, liked_ids, slug
from core.discovery_commands import DECISIONS, RemoveFromShortlist, ReviewDecision, SaveTeamTemplate, UseTeamTemplate
from core.errors import Rejected
from core.handlers.hiring import MAX_SLOTS, post_job
from core.handlers.people import person_card
from core.handlers.projects import project_doc
from core.handlers.team import team_member
from core.ids import derived_id, job_code
from core.money import Money
from core.ports import OutboundMessage
from core.project_roles import HIRE, POST_JOBS, may, require

TEMPLATE_NAME_MAX_CHARS = 60


async def review_decision(cmd: ReviewDecision, services: Services) -> Result:
    if cmd.decision not in DECISIONS:
        raise Rejected("Say LIKE to keep this person on the list or PASS to skip them.")
    doc_id, office = await _list_access(services, cmd.project_id, cmd.by, cmd.list_name)
    card = await _directory_person(services, cmd.person_id)
    now = services.clock.now().isoformat()
    await services.store.create(office, {
        "_id": doc_id, "type": "shortlist", "project_id": cmd.project_id, "list_name": list_slug(cmd.list_name),
        "liked": [], "passed": [], "applied": [], "source_intent": "shortlist", "created_at": now,
    })

    def decide(doc: dict) -> dict | None:
        if cmd.intent_id in doc["applied"]:
            return None
        liked = [e for e in doc["liked"] if e["person_id"] != cmd.person_id]
        passed = [p for p in doc["passed"] if p != cmd.person_id]
        if cmd.decision == "like":
            earlier = next((e for e in doc["liked"] if e["person_id"] == cmd.person_id), None)
            # Liking again keeps the first like and its place in the list.
            entry = earlier or {"person_id": cmd.person_id, "name": card.get("name", ""), "by": cmd.by, "at": now}
            liked = doc["liked"] if earlier else [*liked, entry]
        else:
            passed = [*passed, cmd.person_id]
        return {**doc, "liked": liked, "passed": passed, "applied": [*doc["applied"], cmd.intent_id]}

    await services.store.update(office, doc_id, decide)
    return Result(ref=doc_id)


async def remove_from_shortlist(cmd: RemoveFromShortlist, services: Services) -> Result:
    doc_id, office = await _list_access(services, cmd.project_id, cmd.by, cmd.list_name)

    def remove(doc: dict) -> dict | None:
        if cmd.intent_id in doc["applied"]:
            return None
        if cmd.person_id not in liked_ids(doc):
            raise Rejected("That person is not on the list {name}.", name=repr(doc["list_name"]))
        liked = [e for e in doc["liked"] if e["person_id"] != cmd.person_id]
        return {**doc, "liked": liked, "applied": [*doc["applied"], cmd.intent_id]}

    try:
        await services.store.update(office, doc_id, remove)
    except LookupError:
        raise Rejected("This project has no list called {name}.", name=repr(list_slug(cmd.list_name))) from None
    return Result(ref=doc_id)


async def save_team_template(cmd: SaveTeamTemplate, services: Services) -> Result:
    owner = await person_card(services, cmd.owner_id)
    if "producer" not in owner.get("roles", ()):
        raise Rejected("Team templates are for producers: add the producer role to your profile first.")
    name = cmd.name.strip()
    if not 1 <= len(slug(name)) <= TEMPLATE_NAME_MAX_CHARS:
        raise Rejected("Give the team a name of 1 to {limit} letters, e.g. \"my lighting crew\".",
                       limit=TEMPLATE_NAME_MAX_CHARS)
    if not 1 <= len(cmd.members) <= MAX_SLOTS:
        raise Rejected("A team template has 1 to {limit} members.", limit=MAX_SLOTS)
    members = []
    for member in cmd.members:
        if not (member.role_title.strip() and member.department.strip()):
            raise Rejected("Give each member a role (e.g. Gaffer) and a department (e.g. lighting).")
        card = await _directory_person(services, member.person_id)
        members.append({"person_id": member.person_id, "name": card.get("name", ""),
                        "role_title": member.role_title.strip(), "department": member.department.strip(),
                        "rate": member.rate.to_doc() if member.rate else None})
    db, doc_id, now = scopes.user_db(cmd.owner_id), f"team_template:{slug(name)}", services.clock.now().isoformat()
    await services.store.create(db, {"_id": doc_id, "type": "team_template", "owner_id": cmd.owner_id, "name": name,
                                      "members": [], "applied": [], "source_intent": cmd.intent_id, "created_at": now})

    def save(doc: dict) -> dict | None:  # saving under the same name again replaces the team
        if cmd.intent_id in doc["applied"]:
            return None
        return {**doc, "name": name, "members": members, "applied": [*doc["applied"], cmd.intent_id], "saved_at": now}

    await services.store.update(db, doc_id, save)
    return Result(ref=doc_id)


async def use_team_template(cmd: UseTeamTemplate, services: Services) -> Result:
    project = await project_doc(services, cmd.project_id)
    require((await team_member(services, cmd.project_id, cmd.by))[0], HIRE, "hire a team for this project")
    template = await services.store.get(scopes.user_db(cmd.by), f"team_template:{slug(cmd.template_name)}")
    if template is None or not template["members"]:
        raise Rejected("You have no team template called {name}.", name=repr(cmd.template_name))
    roles: dict[tuple[str, str], list[dict]] = {}
    for member in template["members"]:
        roles.setdefault((member["role_title"], member["department"]), []).append(member)
    posts = [_post_for(cmd, title, department, members) for (title, department), members in roles.items()]
    for post, members in zip(posts, roles.values()):
        job_post_id = (await post_job(post, services)).ref
        for member in members:
            await services.outbox.queue(OutboundMessage(
                message_id=f"team_invitation.{job_post_id}.{member['person_id']}",
                person_id=member["person_id"], template="team_invitation",
                params={"project_title": project["title"], "role_title": post.title, "code": job_code(job_post_id),
                        "start_date": post.start_date.isoformat(), "end_date": post.end_date.isoformat(),
                        "rate": str(post.rate), "rate_per": post.rate_per},
            ))
    return Result(ref=derived_id("team_template_use", cmd.intent_id))


def _post_for(cmd: UseTeamTemplate, title: str, department: str, members: list[dict]) -> PostJob:
    """The job post for one role of the template: every rate is checked before anything is posted."""
    saved = next((m["rate"] for m in members if m.get("rate")), None)
    if cmd.rate is None and saved is None:
        raise Rejected("Give a rate for {role}: the template has none saved.", role=title)
    rate = cmd.rate or Money.from_doc(saved)
    return PostJob(
        intent_id=f"{cmd.intent_id}/{slug(title)}.{slug(department)}", project_id=cmd.project_id, posted_by=cmd.by,
        title=title, department=department, start_date=cmd.start_date, end_date=cmd.end_date,
        call_time=cmd.call_time, rate=rate, rate_per=cmd.rate_per, city=cmd.city, state=cmd.state,
        slots=len(members),
    )


async def _list_access(services: Services, project_id: str, by: str, list_name: str) -> tuple[str, str]:
    """The list's doc id and office database, for office people who post jobs or hire."""
    await project_doc(services, project_id)
    roles = (await team_member(services, project_id, by))[0]
    if not (may(roles, POST_JOBS) or may(roles, HIRE)):
        require(roles, HIRE, "review people for this project")
    return f"shortlist:{list_slug(list_name)}", scopes.office_db(project_id)


async def _directory_person(services: Services, person_id: str) -> dict:
    card = await services.store.get(scopes.DIRECTORY, f"person:{person_id}")
    if card is None:
        raise Rejected("That person is not in the directory.")
    return card


DISCOVERY_HANDLERS = {
    ReviewDecision: review_decision,
    RemoveFromShortlist: remove_from_shortlist,
    SaveTeamTemplate: save_team_template,
    UseTeamTemplate: use_team_template,
}
