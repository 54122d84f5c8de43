"""Onboarding: language first (each named in itself), then actor or crew, department, skills,
day rate, where I am based, and consent to the wording of the version the core knows.

Answers are kept in the flow's memory and sent to the core only after consent, as one profile
update; the actor role is asked for at once so the update's actor fields are accepted."""
from bots.flows.engine import END, Chat, Flow, Reply, State
from bots.flows.words import LANGUAGE_NAMES, fold, naira_minor, number, numbers, whole_message_means, yes_or_no
from core.chat_commands import CONSENT_VERSION
from core.profile_lists import DEPARTMENTS, SKILLS, STATES

TIMEOUT_H = 14 * 24  # people sign up between shoots: two weeks to finish, then start again
CONSENT_INTENT = "chat_consent"
CONSENT_TEMPLATE = "consent_" + CONSENT_VERSION.removeprefix("consent-").replace("-", "_")  # consent_2026_11
LANGUAGE_CODES = tuple(LANGUAGE_NAMES)
# The language a person reads is one they speak: it seeds the profile's languages.
SPOKEN = {"en": "english", "pcm": "pidgin", "yo": "yoruba", "ig": "igbo", "ha": "hausa"}
ROLES = (("label_actor", ("actor",)), ("label_crew", ("crew",)), ("label_actor_and_crew", ("actor", "crew")))
DEPARTMENT_KEYS = tuple(DEPARTMENTS)
ACTOR_SKILLS = tuple(sorted(SKILLS))
MAX_CREW_ROLES, MAX_SKILLS = 5, 20
STATE_BY_WORD = {fold(state): state for state in STATES} | {"abuja": "FCT", "fct abuja": "FCT"}


def said(key: str) -> str:
    """A list value as people read it: "focus_puller" -> "focus puller"."""
    return key.replace("_", " ")


async def _ask_language(chat: Chat) -> Reply:
    """Which language? (asked in all five)"""
    return Reply("onboarding_language", choices=tuple(LANGUAGE_NAMES.values()))


async def _answer_language(chat: Chat) -> Reply | None:
    """A number or a language's name."""
    code = picked_language(chat.text)
    if code is None:
        return None
    return Reply(goto="role", data={**chat.data, "language": code}, language=code)


def picked_language(text: str) -> str | None:
    picked = number(text)
    if picked is not None:
        return LANGUAGE_CODES[picked - 1] if 1 <= picked <= len(LANGUAGE_CODES) else None
    by_name = {fold(name): code for code, name in LANGUAGE_NAMES.items()} | {"pidgin english": "pcm", "naija": "pcm"}
    return by_name.get(fold(text))


async def _ask_role(chat: Chat) -> Reply:
    """Actor, crew or both?"""
    return Reply("onboarding_role", choices=tuple(label for label, _ in ROLES))


async def _answer_role(chat: Chat) -> Reply | None:
    picked = number(chat.text)
    if picked is None or not 1 <= picked <= len(ROLES):
        return None
    roles = ROLES[picked - 1][1]
    # Everyone who writes in is registered as crew; the actor role is asked for now.
    intents = (chat.intent("role_request", role="actor"),) if "actor" in roles else ()
    return Reply(goto="department" if "crew" in roles else "skills", data={**chat.data, "roles": list(roles)},
                 intents=intents)


async def _ask_department(chat: Chat) -> Reply:
    """Which department?"""
    return Reply("onboarding_department", choices=tuple(f"dept_{key}" for key in DEPARTMENT_KEYS))


async def _answer_department(chat: Chat) -> Reply | None:
    picked = number(chat.text)
    if picked is None or not 1 <= picked <= len(DEPARTMENT_KEYS):
        return None
    return Reply(goto="skills", data={**chat.data, "department": DEPARTMENT_KEYS[picked - 1]})


def _skill_keys(data: dict) -> tuple[str, ...]:
    """Crew pick their roles in the department; actors pick skills."""
    return DEPARTMENTS[data["department"]] if data.get("department") else ACTOR_SKILLS


async def _ask_skills(chat: Chat) -> Reply:
    """Which roles or skills? (several numbers, 0 for none)"""
    template = "onboarding_crew_roles" if chat.data.get("department") else "onboarding_skills"
    return Reply(template, choices=tuple(said(key) for key in _skill_keys(chat.data)))


async def _answer_skills(chat: Chat) -> Reply | None:
    keys = _skill_keys(chat.data)
    if chat.text.strip() == "0" or whole_message_means(chat.text, "skip"):
        return Reply(goto="rate", data={**chat.data, "picked": []})
    picked = numbers(chat.text)
    if picked is None or not all(1 <= p <= len(keys) for p in picked):
        return None
    limit = MAX_CREW_ROLES if chat.data.get("department") else MAX_SKILLS
    chosen = list(dict.fromkeys(keys[p - 1] for p in picked))[:limit]
    return Reply(goto="rate", data={**chat.data, "picked": chosen})


async def _ask_rate(chat: Chat) -> Reply:
    """Your usual day rate in naira? (0 to skip)"""
    return Reply("onboarding_rate")


async def _answer_rate(chat: Chat) -> Reply | None:
    if chat.text.strip() == "0" or whole_message_means(chat.text, "skip"):
        return Reply(goto="location", data={**chat.data, "day_rate_minor": None})
    kobo = naira_minor(chat.text)
    return None if kobo is None else Reply(goto="location", data={**chat.data, "day_rate_minor": kobo})


async def _ask_location(chat: Chat) -> Reply:
    """Where are you based? (city, state)"""
    return Reply("onboarding_location")


async def _answer_location(chat: Chat) -> Reply | None:
    found = city_and_state(chat.text)
    return None if found is None else Reply(goto="consent", data={**chat.data, "city": found[0], "state": found[1]})


def city_and_state(text: str) -> tuple[str, str] | None:
    """"Lekki, Lagos" -> ("Lekki", "Lagos"); "Lagos" -> ("", "Lagos"); "Abuja" -> ("Abuja", "FCT")."""
    parts = [part.strip() for part in text.replace("/", ",").split(",") if part.strip()]
    if not parts:
        return None
    city, last = ", ".join(parts[:-1]), fold(parts[-1]).removesuffix(" state")
    if last not in STATE_BY_WORD:  # "Surulere Lagos": the state is the last word or two
        words = parts[-1].split()
        size = next((n for n in (2, 1) if len(words) > n - 1 and fold(" ".join(words[-n:])) in STATE_BY_WORD), 0)
        if not size:
            return None
        city, last = " ".join(words[:-size]), fold(" ".join(words[-size:]))
    if not city and last == "abuja":
        city = "Abuja"  # the city people mean by the FCT
    return city[:60], STATE_BY_WORD[last]


async def _ask_consent(chat: Chat) -> Reply:
    """The consent wording; agree or not."""
    return Reply(CONSENT_TEMPLATE, choices=("label_agree", "label_disagree"))


async def _answer_consent(chat: Chat) -> Reply | None:
    picked, said_ = number(chat.text), yes_or_no(chat.text)
    if picked == 2 or said_ == "no":
        return Reply("consent_declined", goto=END)
    if picked != 1 and said_ != "yes":
        return None
    consent = chat.intent(CONSENT_INTENT, wording_version=CONSENT_VERSION, language=chat.language, agreed=True)
    return Reply("onboarding_done", goto=END, intents=(consent, chat.intent("profile_update", fields=profile_fields(chat.data))))


def profile_fields(data: dict) -> dict:
    fields: dict = {"city": data["city"], "state": data["state"], "languages": [SPOKEN[data.get("language", "en")]]}
    if data.get("department"):
        fields["department"] = data["department"]
        fields["crew_roles"] = data.get("picked", [])
    elif data.get("picked"):
        fields["skills"] = data["picked"]
    if data.get("day_rate_minor"):
        fields["rates"] = {"day": data["day_rate_minor"]}
    return fields


FLOW = Flow("onboarding", "language", {
    "language": State(_ask_language, _answer_language, "onboarding_language"),
    "role": State(_ask_role, _answer_role, "pick_number_help"),
    "department": State(_ask_department, _answer_department, "pick_number_help"),
    "skills": State(_ask_skills, _answer_skills, "pick_numbers_help"),
    "rate": State(_ask_rate, _answer_rate, "onboarding_rate_help"),
    "location": State(_ask_location, _answer_location, "onboarding_location_help"),
    "consent": State(_ask_consent, _answer_consent, "consent_help"),
}, TIMEOUT_H, "label_onboarding")
