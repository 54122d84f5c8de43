"""Reading a scene heading: interior/exterior, the set, and the time of day."""
import re

# Fountain 1.1 prefixes; EXT/INT is not among them, so a Fountain or FDX line starting with it stays
# action (with a warning) - only the PDF reader, which has no other clue, accepts it.
FOUNTAIN_SLUG = re.compile(r"^(INT\.?/EXT|INT/EXT|I/E|INT|EXT|EST)[. ]", re.IGNORECASE)
PRINTED_SLUG = re.compile(r"^(INT\.?/EXT|EXT\.?/INT|INT/EXT|I/E|E/I|INT|EXT|EST)[. ]")
# Text after the place: the last " - " / "--" part, or, in comma-style sluglines, the last comma part.
# En and em dashes count too: word processors turn " - " into them.
_DASH = re.compile(r"\s+[-\u2013\u2014]+\s+|\s*--+\s*|\s*[\u2013\u2014]\s*|\s+-(?=\S)|(?<=\S)-\s+")
_DAY = re.compile(r"\bDAY\b")
_NIGHT = re.compile(r"\bNIGHT\b")


def int_ext_of(heading: str) -> str:
    """INT, EXT or INT/EXT; "" when the heading does not say (a forced heading such as `.BACK IN THE CAR`)."""
    found = PRINTED_SLUG.match(heading.upper() + " ")
    if not found:
        return ""
    prefix = found.group(1).replace(".", "")
    if prefix in ("INT", "EXT"):
        return prefix
    if prefix == "EST":  # an establishing shot is an exterior
        return "EXT"
    return "INT/EXT"


def _place_and_time(rest: str) -> tuple[str, str]:
    parts = [part.strip() for part in _DASH.split(rest)]
    if len(parts) > 1:
        place = parts[:-1]
        while len(place) > 1 and day_night_of(place[-1]) != "OTHER":  # "CAR - NIGHT - [THE STORM]"
            place.pop()
        return " - ".join(place), parts[-1]
    if "," in rest:
        place, _, time = rest.rpartition(",")
        return place.strip(), time.strip()
    return rest.strip(), ""


def day_night_of(time_of_day: str) -> str:
    """DAY or NIGHT only when the heading says so; NIGHT wins ("DAY TO NIGHT" needs night lighting)."""
    upper = time_of_day.upper()
    if _NIGHT.search(upper):
        return "NIGHT"
    if _DAY.search(upper):
        return "DAY"
    return "OTHER"


def read_heading(heading: str) -> dict:
    """The heading parts of a breakdown scene: int_ext, set, time_of_day, day_night."""
    text = " ".join(heading.split())
    int_ext = int_ext_of(text)
    if int_ext:
        rest = PRINTED_SLUG.sub("", text.upper() + " ", count=1).lstrip(". ").strip()
        place, time = _place_and_time(rest)
    else:
        place, time = text.upper(), ""
    return {"int_ext": int_ext, "set": place.upper(), "time_of_day": time.upper(), "day_night": day_night_of(time)}
