"""The standard lists a profile chooses from: departments and their roles, skills, languages, states.

Fixed lists (not free text) so that a producer searching for "focus_puller in Lagos" finds everyone
who is one. Values are snake_case keys; apps show them translated.
"""

DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "camera": (
        "director_of_photography", "camera_operator", "focus_puller", "clapper_loader",
        "digital_imaging_technician", "drone_operator", "steadicam_operator",
    ),
    "lighting": ("gaffer", "best_boy_electric", "electrician", "generator_operator"),
    "grip": ("key_grip", "best_boy_grip", "dolly_grip", "grip"),
    "sound": ("production_sound_mixer", "boom_operator", "sound_assistant"),
    "art": ("production_designer", "art_director", "set_decorator", "props_master", "set_carpenter"),
    "costume": ("costume_designer", "wardrobe_supervisor", "costume_assistant"),
    "makeup": ("makeup_artist", "hair_stylist", "special_effects_makeup_artist"),
    "production": (
        "line_producer", "production_manager", "production_coordinator", "first_assistant_director",
        "second_assistant_director", "script_supervisor", "location_manager", "production_assistant",
        "driver", "caterer",
    ),
    "post_production": ("editor", "assistant_editor", "colourist", "sound_mixer", "sound_designer", "vfx_artist"),
}

SKILLS = frozenset({
    "stunts", "stage_combat", "martial_arts", "dance", "singing", "horse_riding", "swimming",
    "driving", "motorcycle_riding", "acrobatics", "boxing", "football", "drumming", "guitar",
    "piano", "comedy", "improvisation", "voice_over", "mc_hosting", "sign_language",
})

LANGUAGES = frozenset({
    "english", "yoruba", "igbo", "hausa", "pidgin", "edo", "efik", "ibibio", "ijaw", "tiv",
    "urhobo", "itsekiri", "isoko", "nupe", "kanuri", "fulfulde", "idoma", "igala", "french",
    "arabic", "twi", "swahili", "zulu",
})

STATES = frozenset({
    "Abia", "Adamawa", "Akwa Ibom", "Anambra", "Bauchi", "Bayelsa", "Benue", "Borno",
    "Cross River", "Delta", "Ebonyi", "Edo", "Ekiti", "Enugu", "Gombe", "Imo", "Jigawa",
    "Kaduna", "Kano", "Katsina", "Kebbi", "Kogi", "Kwara", "Lagos", "Nasarawa", "Niger",
    "Ogun", "Ondo", "Osun", "Oyo", "Plateau", "Rivers", "Sokoto", "Taraba", "Yobe", "Zamfara",
    "FCT",
})

PHONE_VISIBILITY = ("nobody", "productions_i_work_on", "everyone")
RATE_PERIODS = ("day", "hour", "job")  # the order the public rate is chosen in
