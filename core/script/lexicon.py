"""Keyword lists a breakdown reads action lines with, one per breakdown category.

Matched case-insensitively on whole words, plural "s"/"es" allowed. Kept short and concrete: a word
that is a prop in one script and a verb in another ("fire", "ring") stays out unless it is nearly always
the thing itself. Nigerian production words (danfo, okada, keke, agbada, gele) are in on purpose.
"""

CATEGORIES = (
    "cast", "extras", "props", "wardrobe", "makeup", "vehicles", "animals", "stunts",
    "special_effects", "visual_effects", "sound", "special_equipment",
)

LEXICON: dict[str, tuple[str, ...]] = {
    "extras": (
        "crowd", "passer-by", "passersby", "passers-by", "onlooker", "pedestrian", "bystander", "townsfolk",
        "villager", "student", "soldier", "customer", "diner", "patron", "guest", "wedding guest", "dancer",
        "mourner", "worshipper", "congregation", "spectator", "audience", "market women", "traders",
        "hawker", "commuter", "protester", "reporter", "partygoer", "fans", "choir", "classmates", "prisoner",
    ),
    "props": (
        "machete", "cutlass", "gun", "pistol", "rifle", "shotgun", "revolver", "knife", "sword", "spear",
        "phone", "cell phone", "cellphone", "mobile phone", "telephone", "laptop", "computer", "camera",
        "briefcase", "suitcase", "bag", "handbag", "envelope", "letter", "birthday card", "photo",
        "photograph", "newspaper", "book", "notebook", "bible", "koran", "rosary", "money", "cash", "naira",
        "wallet", "bottle", "glass", "cup", "mug", "plate", "tray", "calabash", "kola nut", "palm wine",
        "cigarette", "lighter", "key", "necklace", "umbrella", "torch", "flashlight",
        "lantern", "candle", "radio", "television", "remote", "fishing rod", "fish hook", "lure", "guitar",
        "keyboard", "headphones", "map", "ledger", "document", "contract", "passport", "cheque",
        "printer", "binder", "folder", "pen", "paintbrush", "canvas", "easel", "rope", "shovel", "axe",
        "hammer", "bucket", "mat", "broom", "pot", "basket", "jerrycan", "generator", "coffin", "wreath",
        "trophy", "ball", "football", "handcuffs", "badge", "syringe", "pills", "drip",
    ),
    "wardrobe": (
        "agbada", "gele", "aso oke", "aso ebi", "wrapper", "ankara", "kaftan", "buba", "iro", "dashiki",
        "suit", "tuxedo", "uniform", "wedding dress", "gown", "dress", "robe", "bathrobe", "pyjamas",
        "jersey", "apron", "hat", "cap", "helmet", "veil", "hijab", "scarf", "sunglasses", "boots",
        "sandals", "slippers", "overalls", "lab coat", "costume", "mask", "jacket", "raincoat",
    ),
    "makeup": (
        "blood", "bloody", "bleeding", "wound", "scar", "bruise", "bruised", "cut lip", "black eye", "sweat",
        "sweating", "tears", "tattoo", "tribal marks", "wig", "beard", "moustache", "bald", "makeup",
        "make-up", "prosthetic", "burns",
    ),
    "vehicles": (
        "car", "danfo", "okada", "keke", "keke napep", "bus", "truck", "lorry", "taxi", "cab", "motorcycle",
        "motorbike", "bicycle", "van", "jeep", "suv", "land rover", "landcruiser", "volkswagen", "boat",
        "canoe", "ferry", "ambulance", "police car", "patrol car", "train", "airplane", "plane",
        "helicopter", "tractor", "limousine", "pickup", "trailer", "wagon", "carriage",
    ),
    "animals": (
        "dog", "cat", "goat", "chicken", "hen", "rooster", "cow", "bull", "horse", "donkey",
        "camel", "fish", "catfish", "bird", "parrot", "snake", "python", "lizard", "monkey", "elephant",
        "wolf", "pig", "sheep", "duck", "tortoise", "crocodile", "spider", "bees", "mosquito",
    ),
    "stunts": (
        "fight", "fights", "fighting", "punch", "punches", "kick", "slap", "slaps", "tackle", "wrestle",
        "falls", "jumps", "leaps", "dives", "crash", "crashes", "chase", "chases", "stab", "stabs",
        "shoots", "shot dead", "thrown", "hit by", "struggle", "brawl", "hangs from", "tumbles",
    ),
    "special_effects": (
        "explosion", "explodes", "fire", "flames", "burning", "smoke", "fog", "mist", "rain", "storm",
        "lightning", "thunder", "snow", "gunfire", "gunshot", "bullet hole", "sparks", "squib",
        "flood", "dust", "shatters", "breakaway",
    ),
    "visual_effects": (
        "cgi", "vfx", "green screen", "transforms", "vanishes", "disappears", "materializes", "glows",
        "ghost", "spirit", "magic", "levitates", "giant", "monster", "witch", "juju", "supernatural",
        "split screen", "superimposed", "super:",
    ),
    "sound": (
        "music", "song", "sings", "singing", "ringtone", "rings", "ringing", "knock", "knocks", "knocking",
        "scream", "screams", "siren", "horn", "honks", "bang", "alarm", "doorbell", "applause", "drums",
        "talking drum", "gong", "whistle", "radio plays", "v.o.", "voice over", "playback",
    ),
    "special_equipment": (
        "crane", "drone", "aerial", "steadicam", "underwater", "helicopter shot", "dolly", "tracking shot",
        "car mount", "process shot", "rain machine", "wind machine", "jib", "time-lapse", "slow motion",
    ),
}

# Fountain note tags ([[prop: cutlass]]) and their breakdown category.
NOTE_TAGS = {
    "cast": "cast", "extra": "extras", "extras": "extras", "background": "extras",
    "prop": "props", "props": "props", "wardrobe": "wardrobe", "costume": "wardrobe",
    "makeup": "makeup", "make-up": "makeup", "hair": "makeup", "vehicle": "vehicles", "vehicles": "vehicles",
    "animal": "animals", "animals": "animals", "stunt": "stunts", "stunts": "stunts",
    "sfx": "special_effects", "special effects": "special_effects", "special_effects": "special_effects",
    "vfx": "visual_effects", "visual effects": "visual_effects", "visual_effects": "visual_effects",
    "sound": "sound", "music": "sound", "equipment": "special_equipment",
    "special equipment": "special_equipment", "special_equipment": "special_equipment",
}

# People words: a capitalised run in action ending in one of these is a person being introduced.
PEOPLE = {
    "MAN", "MEN", "WOMAN", "WOMEN", "BOY", "GIRL", "KID", "CHILD", "BABY", "MOTHER", "FATHER", "MAMA",
    "PAPA", "UNCLE", "AUNTIE", "AUNT", "OFFICER", "POLICEMAN", "GUARD", "SOLDIER", "DOCTOR", "NURSE",
    "DRIVER", "WAITER", "WAITRESS", "MAILMAN", "CLERK", "TELLER", "CASHIER", "PRIEST", "PASTOR", "IMAM",
    "CHIEF", "KING", "QUEEN", "BRIDE", "GROOM", "TEACHER", "STUDENT", "FARMER", "TRADER", "HAWKER",
    "BARTENDER", "SECRETARY", "RECEPTIONIST", "LANDLORD", "MAYOR", "SHERIFF", "JUDGE", "LAWYER", "BOSS",
    "THUG", "THUGS", "GANG", "HUNTER", "FISHERMAN", "MAID", "BUTLER", "GIRLS", "BOYS", "KIDS",
    "CHILDREN", "PROGRAMMER", "DEALER", "SALESMAN", "AGENT", "DETECTIVE", "INSPECTOR", "SERGEANT",
}
# A group named in capitals ("THUGS", "SCHOOL KIDS") is background, not cast.
GROUPS = {"MEN", "WOMEN", "KIDS", "CHILDREN", "BOYS", "GIRLS", "THUGS", "GANG", "GUARDS", "SOLDIERS", "CROWD"}
# Capitalised words in action that are screenplay furniture, never a person.
NOT_PEOPLE = {
    "CONTINUOUS", "CONTINUED", "CONT'D", "V.O.", "O.S.", "O.C.", "FADE", "FADE IN", "FADE OUT", "CUT TO",
    "THE END", "POV", "CLOSE", "CLOSE ON", "CLOSE UP", "ANGLE", "ANGLE ON", "INSERT", "BACK TO", "SUPER",
    "TITLE", "FLASHBACK", "INTERCUT", "MONTAGE", "SERIES OF SHOTS", "LATER", "OK", "TV", "CD", "DVD",
    "INT", "EXT", "BACK TO SCENE", "END FLASHBACK", "END OF FLASHBACK", "WIDE", "ESTABLISHING", "MOS",
}
