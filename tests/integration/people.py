"""People and a project for the security and reliability tests, made through the commands."""
import base64
import uuid

from core.commands import CreateProject, RegisterPerson

PASSWORD = "correct-horse-battery"


def auth(person_id: str, password: str = PASSWORD) -> dict:
    token = base64.b64encode(f"{person_id}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}", "Accept": "application/json"}


async def person(bus, role: str = "crew") -> str:
    phone = "+23480" + str(uuid.uuid4().int)[:8]
    return await bus.handle(RegisterPerson(phone, f"Test {role}", (role,), password=PASSWORD))


async def project_of(bus, producer_id: str) -> str:
    return await bus.handle(CreateProject(f"project_request:{uuid.uuid4().hex}", producer_id, "Test film"))

