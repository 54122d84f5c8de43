"""Who speaks and who is introduced: character cues without extensions, names in capitals in action."""
import re

# Anything in brackets after a cue is an extension: (V.O.), (O.S.), (CONT'D), (cont'd), (O.C.), (PRE-LAP)...
_EXTENSION = re.compile(r"\s*\([^)]*\)?")
# "(CONT'D)" is often typed without brackets after a name, and Final Draft adds " (MORE)" in exports.
_TRAILING = re.compile(r"\s+(CONT'D|CONT\.|CONTD|MORE)$")


def cue_name(cue: str) -> str:
    """The character a cue belongs to: extensions, dual-dialogue marks and spacing removed."""
    name = _EXTENSION.sub("", cue.replace("\u2019", "'").lstrip("@").rstrip("^"))
    name = " ".join(name.split()).upper()
    return _TRAILING.sub("", name).strip(" :")
