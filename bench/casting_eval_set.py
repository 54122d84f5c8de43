"""A generated evaluation set for casting recommendations: actors' directory documents and parts,
with the good matches of each part known.

Every actor is one of a dozen kinds (market comic, army officer, preacher...) and describes
themselves in that kind's words; every part is written in other words for the same kind, the way
a casting director and an actor would say it differently. A good match for a part is an actor of
its kind who also passes its hard filters (gender, playing age, language, state, free on the
dates); a dozen such are planted for each part, among actors of every kind and among actors of
its kind who fail a filter.
"""
import random
from datetime import date, timedelta

SHOOT_START = date(2027, 2, 1)
SHOOT_DAYS = 10
PLANTED_PER_PART = 12
DECOYS_PER_GOOD = 3  # actors of another kind who pass all of a part's filters, per planted match
NEAR_MISSES = 4
PART_RATE_MINOR = 180_000_00  # what every part pays a day: dearer actors are filtered out
FEMALE_FIRST = ("Adaeze", "Funke", "Ngozi", "Aisha", "Chioma", "Bisi", "Zainab", "Amaka", "Yetunde", "Halima",
                "Ifeoma", "Kemi", "Hauwa", "Nneka", "Titilayo", "Efe", "Ebiere", "Omotola", "Uche", "Folake")
MALE_FIRST = ("Chinedu", "Tunde", "Musa", "Emeka", "Segun", "Ibrahim", "Obinna", "Femi", "Yakubu", "Ikenna",
              "Babatunde", "Suleiman", "Nnamdi", "Kunle", "Aliyu", "Osaze", "Tamuno", "Efosa", "Dapo", "Uzo")
SURNAMES = ("Okafor", "Adeyemi", "Bello", "Eze", "Ogunleye", "Abubakar", "Nwosu", "Balogun", "Danjuma", "Okonkwo",
            "Adebayo", "Ibekwe", "Olawale", "Usman", "Obi", "Akande", "Ekwueme", "Lawal", "Ighodaro", "Amadi")
PLACES = (("Lagos", "Lagos"), ("Lagos", "Ikeja"), ("Enugu", "Enugu"), ("Kano", "Kano"), ("FCT", "Abuja"),
          ("Oyo", "Ibadan"), ("Rivers", "Port Harcourt"), ("Anambra", "Onitsha"), ("Edo", "Benin City"))
LANGUAGE_SETS = (("english", "yoruba"), ("english", "igbo"), ("english", "hausa"), ("english", "pidgin"),
                 ("english", "yoruba", "pidgin"), ("english", "igbo", "pidgin"), ("english",), ("english", "edo"))
GENERIC = ("Graduate of theatre arts from the University of Lagos", "Trained at a film academy in Surulere",
           "Has featured in more than twenty Nollywood films", "Also works on radio drama",
           "Started acting in secondary school plays", "Member of the Actors Guild of Nigeria",
           "Available for travel across the country", "Holds a diploma in mass communication")
# kind: (the part's name, its description, its filters, the actors' own phrases, parts they list, skills)
KINDS = {
    "market_comic": ("Iya Basira", "A loud, cheerful woman who sells pepper and tomatoes at Oyingbo and keeps the "
                     "whole street laughing with her jokes and gossip.",
                     {"gender": "female", "age": (35, 55), "languages": ("yoruba",), "state": "Lagos"},
                     ("Known for funny roles as a fish seller at Mile 12", "Brings humour and quick wit to hawkers",
                      "Audiences love her as the noisy trader in stall scenes", "Stand-up comedian and skit maker",
                      "Plays bargaining shop women with perfect timing", "Famous for hilarious buka owner skits"),
                     ("Fish seller", "Provision shop owner", "Mama Put", "Comic hawker"), ("comedy", "improvisation")),
    "army_officer": ("Colonel Danjuma", "A strict commander of a barracks who rules his soldiers with harsh "
                     "discipline and fears nothing.",
                     {"gender": "male", "age": (40, 60), "languages": ("hausa",), "state": "FCT"},
                     ("Often cast as generals and police chiefs in war dramas",
                      "Former cadet with a commanding presence",
                      "Plays uniformed men who bark orders", "Trained in weapons handling for military films",
                      "Known for tough officers in Biafra war epics", "Brings authority to security chiefs"),
                     ("Army general", "Police commissioner", "Military governor", "Sergeant"),
                     ("martial_arts", "boxing")),
    "preacher": ("Pastor Emeka", "A charismatic church minister who preaches fire and brimstone and casts out "
                 "demons during night vigils.",
                 {"gender": "male", "age": (30, 50), "languages": ("igbo",), "state": "Enugu"},
                 ("Has played clergymen in faith-based films", "Powerful voice, at home with sermons and prayer scenes",
                  "Sings in a choir and leads worship", "Cast as a reverend in Christian movies",
                  "Plays evangelists and crusade speakers", "Known for deliverance scenes in gospel films"),
                 ("Reverend", "Evangelist", "Bishop", "Prophet"), ("singing", "mc_hosting")),
    "traditional_ruler": ("Igwe Obiora", "An elderly king of the village, wise and proud, who settles quarrels "
                          "between families in his palace.",
                          {"gender": "male", "age": (55, 75), "languages": ("igbo",), "state": "Anambra"},
                          ("Regal bearing, often cast as a monarch and chief",
                           "Plays elders and royal fathers in epics",
                           "Known for traditional title holders in period films", "Deep voice suited to a throne room",
                           "Cast as a custodian of culture in many films", "Plays Obas and Emirs with dignity"),
                          ("Oba", "Emir", "Chief priest", "Village head"), ("drumming",)),
    "student_romance": ("Tolu", "A shy university undergraduate who falls in love for the first time and "
                        "struggles with exams and her strict parents.",
                        {"gender": "female", "age": (18, 25), "languages": ("yoruba",), "state": "Oyo"},
                        ("Campus drama regular who plays young lovers", "Plays teenagers and fresh graduates",
                         "Known for sweet romantic leads in youth series", "Brings innocence to coming-of-age stories",
                         "Starred as a hostel girl in a web series", "Plays school girls and first dates"),
                        ("Student", "Young bride", "Campus queen", "Corper"), ("dance", "singing")),
    "corrupt_politician": ("Senator Bello", "A smooth-talking lawmaker who buys votes, makes promises he breaks "
                           "and hides stolen public funds abroad.",
                           {"gender": "male", "age": (45, 65), "languages": ("english",), "state": "FCT"},
                           ("Has played governors and crooked officials", "Known for scheming godfathers in thrillers",
                            "Plays rich men in agbada with hidden agendas", "Cast as a minister caught in scandal",
                            "Brings menace to power-hungry chairmen", "Plays campaign bosses and party leaders"),
                           ("Governor", "Commissioner", "Godfather", "Council chairman"), ("mc_hosting",)),
    "doctor": ("Dr Amaka", "A calm surgeon at a busy teaching hospital who works long night shifts and saves "
               "lives in the emergency ward.",
               {"gender": "female", "age": (28, 45), "languages": ("igbo",), "state": "Lagos"},
               ("Played a nurse in a medical series", "Trained in first aid and portrays physicians",
                "Known for clinic and ward scenes", "Cast as a medical consultant in a hospital drama",
                "Plays caregivers and midwives", "Studied nursing before acting"),
               ("Nurse", "Physician", "Midwife", "Pharmacist"), ("sign_language",)),
    "street_tough": ("Scorpion", "A dangerous thug from Ajegunle who controls the motor park with his gang and "
                     "settles every argument with violence.",
                     {"gender": "male", "age": (20, 35), "languages": ("pidgin",), "state": "Lagos"},
                     ("Plays gang leaders and touts", "Trained in boxing and fight choreography",
                      "Known for area boy roles in crime films", "Brings raw energy to cult members",
                      "Cast as a bus conductor turned robber", "Plays hoodlums and bouncers"),
                     ("Area boy", "Cultist", "Armed robber", "Bouncer"), ("stunts", "boxing", "stage_combat")),
    "mother_in_law": ("Mama Nkechi", "A meddling mother who cannot stand her son's new wife and schemes to "
                      "send her packing from the family house.",
                      {"gender": "female", "age": (50, 70), "languages": ("igbo",), "state": "Enugu"},
                      ("Known for wicked in-law roles in family dramas", "Plays jealous matriarchs",
                       "Cast as the scheming aunty in marriage stories", "Famous for quarrelsome widow roles",
                       "Plays overbearing mothers in home videos", "Brings bite to difficult grandmothers"),
                      ("Mother-in-law", "Aunty", "Widow", "Matriarch"), ("improvisation",)),
    "herbalist": ("Baba Ifa", "A native doctor who reads the oracle, mixes charms from roots and leaves and "
                  "speaks with the spirits in his shrine.",
                  {"gender": "male", "age": (45, 70), "languages": ("yoruba",), "state": "Oyo"},
                  ("Plays dibia and babalawo roles in epics", "Known for incantations in Yoruba films",
                   "Cast as a juju man in thrillers", "Brings mystery to priests of the gods",
                   "Plays soothsayers and diviners", "At home with ritual scenes and chants"),
                  ("Babalawo", "Soothsayer", "Dibia", "Chief priest"), ("drumming",)),
}


def _person(rng: random.Random, number: int, kind: str, **fixed) -> dict:
    _, _, _, phrases, parts, skills = KINDS[kind]
    gender = fixed.get("gender") or rng.choice(("female", "male"))
    first = rng.choice(FEMALE_FIRST if gender == "female" else MALE_FIRST)
    state, city = fixed.get("place") or rng.choice(PLACES)
    low = fixed.get("age_min", rng.randrange(18, 66))
    languages = fixed.get("languages") or rng.choice(LANGUAGE_SETS)
    bio = ". ".join([*rng.sample(phrases, 2), rng.choice(GENERIC)]) + "."
    person_id = f"eval{number:05d}"
    return {
        "_id": f"person:{person_id}", "_rev": "1-eval", "type": "person", "person_id": person_id, "roles": ["actor"],
        "name": f"{first} {rng.choice(SURNAMES)}", "headline": f"Actor, {city}", "bio": bio, "gender": gender,
        "state": state, "city": city, "languages": list(languages), "playing_age": {"min": low, "max": low + 10},
        "skills": rng.sample(skills, min(len(skills), rng.randrange(1, 3))), "roles_played": rng.sample(parts, 2),
        "rate": {"amount_minor": fixed.get("rate_minor") or rng.randrange(20, 200) * 1_000_00, "currency": "NGN",
                 "per": "day"},
        "busy_days": fixed.get("busy_days", []), "kind": kind,
    }


def _fits(doc: dict, filters: dict) -> bool:
    low, high = filters["age"]
    age = doc["playing_age"]
    return (doc["gender"] == filters["gender"] and doc["rate"]["amount_minor"] <= PART_RATE_MINOR
            and doc["state"] == filters["state"] and not doc["busy_days"]
            and set(filters["languages"]) <= set(doc["languages"]) and age["min"] <= high and age["max"] >= low)


def evaluation_set(people: int, seed: int) -> tuple[list[dict], list[dict]]:
    """(actors' directory documents, parts as casting calls with "good_matches": their person ids)."""
    rng = random.Random(seed)
    kinds = sorted(KINDS)
    shoot = [(SHOOT_START + timedelta(days=d)).isoformat() for d in range(SHOOT_DAYS)]
    docs = []
    for number in range(people):
        busy = rng.sample(shoot, 2) if rng.random() < 0.1 else []
        docs.append(_person(rng, number, kinds[number % len(kinds)], busy_days=busy))
    for kind in kinds:
        filters = KINDS[kind][2]
        place = next(p for p in PLACES if p[0] == filters["state"])
        others = [other for other in kinds if other != kind]
        # The planted good matches; near misses of the right kind that fail one filter each; and
        # actors of other kinds who pass every filter, so the filters alone cannot find the part.
        for planted in range(PLANTED_PER_PART * (1 + DECOYS_PER_GOOD) + NEAR_MISSES):
            fixed = {"gender": filters["gender"], "place": place, "age_min": filters["age"][0] + rng.randrange(0, 6),
                     "languages": tuple(dict.fromkeys(("english", *filters["languages"]))),
                     "rate_minor": rng.randrange(20, 180) * 1_000_00}
            if planted < PLANTED_PER_PART:
                docs.append(_person(rng, len(docs), kind, **fixed))
            elif planted < PLANTED_PER_PART + NEAR_MISSES:
                fixed["busy_days" if planted % 2 else "place"] = shoot[:3] if planted % 2 else PLACES[-1]
                docs.append(_person(rng, len(docs), kind, **fixed))
            else:
                docs.append(_person(rng, len(docs), rng.choice(others), **fixed))
    parts = []
    for kind in kinds:
        name, description, filters, *_ = KINDS[kind]
        parts.append({
            "role_name": name, "character_description": description, "gender": filters["gender"],
            "playing_age": {"min": filters["age"][0], "max": filters["age"][1]},
            "languages": list(filters["languages"]),
            "location": {"state": filters["state"], "city": ""},
            "rate": {"amount_minor": PART_RATE_MINOR, "currency": "NGN"}, "rate_per": "day",
            "start_date": shoot[0], "end_date": shoot[-1],
            "kind": kind,
            "good_matches": sorted(d["person_id"] for d in docs if d["kind"] == kind and _fits(d, filters)),
        })
    return docs, parts


def precision_at(ranked: list[str], good: set[str], k: int = 10) -> float:
    """The share of the first k that are good matches; fewer than k good ones caps what is possible."""
    return sum(1 for person_id in ranked[:k] if person_id in good) / k
