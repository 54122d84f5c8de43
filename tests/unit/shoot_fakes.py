"""What the script-to-shoot-day tests share: a media store and an office worker in memory, a
short Lagos screenplay and the shoot plan that goes with it."""
import hashlib

from core.bus import MessageBus, Services
from core.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from core.media import MediaStore, StoredMedia
from core.ports import OfficeWork
from tests.unit.fakes import FixedClock, MemoryOutbox, MemorySpaces, MemoryStore
from tests.unit.ledger_fakes import MemoryLedger, RecordingPaymentJobs


class MemoryMedia(MediaStore):
    def __init__(self):
        self.files: dict[str, tuple[StoredMedia, bytes]] = {}

    async def save(self, owner_id, kind, content_type, data):
        media_id = hashlib.sha256(owner_id.encode() + data).hexdigest()[:32]
        stored = StoredMedia(media_id, owner_id, kind, content_type, len(data))
        self.files[media_id] = (stored, data)
        return stored

    async def load(self, media_id):
        return self.files.get(media_id)

    async def describe(self, media_id):
        found = self.files.get(media_id)
        return found[0] if found else None


class RecordingOfficeWork(OfficeWork):
    """Remembers what the core asked a worker to do; the test then does it."""

    def __init__(self):
        self.scripts: list[tuple[str, int]] = []
        self.schedules: list[tuple[str, int, int]] = []

    async def read_script(self, project_id, number):
        self.scripts.append((project_id, number))

    async def solve_schedule(self, project_id, number, limit_s):
        self.schedules.append((project_id, number, limit_s))


def make_office_bus() -> MessageBus:
    """A bus with every office port in memory: media, office worker, ledger and payment worker."""
    services = Services(
        store=MemoryStore(), spaces=MemorySpaces(), outbox=MemoryOutbox(), clock=FixedClock(),
        media=MemoryMedia(), office_work=RecordingOfficeWork(), ledger=MemoryLedger(),
        payment_jobs=RecordingPaymentJobs(),
    )
    return MessageBus(services, COMMAND_HANDLERS, EVENT_HANDLERS)


EKO_NIGHTS = """Title: Eko Nights
Author: Test Writer

EXT. MARINA - NIGHT

ADA waits by the water. A danfo bus rattles past.

ADA
Where is he?

INT. OBI'S FLAT - DAY

OBI counts money on a plastic table.

OBI
Not enough. Never enough.

EXT. MARINA - DAY

Ada and Obi walk along the water.

ADA
You came.

OBI (V.O.)
I always come.

INT. OBI'S FLAT - NIGHT

Obi sleeps. His phone buzzes.

OBI
Hello?
"""

EKO_NIGHTS_V2 = EKO_NIGHTS.replace("""INT. OBI'S FLAT - NIGHT

Obi sleeps. His phone buzzes.

OBI
Hello?
""", """EXT. BAR BEACH - DAY

Ada runs along the sand.

ADA
Obi!
""")

PLAN = {
    "production": {"title": "Eko Nights", "timezone": "Africa/Lagos", "start_date": "2026-12-01", "shoot_days": 3},
    "working_day": {"standard_hours": 12, "max_hours": 14, "default_call": "06:00", "latest_wrap": "02:00",
                    "turnaround_hours": 10},
    "cast": [
        {"id": "cast-ada", "person_id": "aaaaaaaaaaaa", "name": "Funke Adeyemi", "characters": ["ADA"],
         "daily_rate_minor": 30_000_000, "phone": "+2348030000003", "makeup_minutes": 45},
        {"id": "cast-obi", "person_id": "bbbbbbbbbbbb", "name": "Kunle Ade", "characters": ["OBI"],
         "daily_rate_minor": 20_000_000, "unavailable": ["2026-12-02"]},
    ],
    "locations": [
        {"id": "loc-marina", "name": "Marina waterfront", "address": "Marina Road, Lagos Island",
         "latitude": 6.4494, "longitude": 3.3908, "sets": ["MARINA", "BAR BEACH"],
         "nearest_hospital": {"name": "Lagos Island General Hospital", "address": "Broad St", "phone": "+2341000"}},
        {"id": "loc-flat", "name": "Surulere flat", "address": "12 Adelabu St, Surulere",
         "latitude": 6.4969, "longitude": 3.3573, "sets": ["OBI'S FLAT"]},
    ],
    "contacts": {"producer": {"name": "Funke Adeyemi", "phone": "+2348030000000"},
                 "first_ad": {"name": "Tayo Bello", "phone": "+2348030000009"}},
    "crew": [{"person_id": "cccccccccccc", "name": "Chidi Okafor", "department": "lighting/grip",
              "role": "Gaffer", "phone": "+2348030000001", "call_offset_minutes": -30}],
}
