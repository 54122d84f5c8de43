"""The unit bus with the profile and availability handlers (the registry lists them too)."""
from core.bus import MessageBus
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.handlers.availability import set_availability
from core.handlers.profiles import update_profile
from core.profile_commands import SetAvailability, UpdateProfile
from tests.unit.fakes import make_bus

PROFILE_HANDLERS = {UpdateProfile: update_profile, SetAvailability: set_availability}


def make_profile_bus(**adapters) -> MessageBus:
    plain = make_bus(**adapters)
    return MessageBus(plain.services, {**COMMAND_HANDLERS, **PROFILE_HANDLERS}, EVENT_HANDLERS)
