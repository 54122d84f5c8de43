"""What every fake gateway server shares: an aiohttp app on a loopback port, started and
stopped by the test (`async with FakeX(...) as fake`), with the address it got."""
import asyncio
import signal
from abc import ABC, abstractmethod

from aiohttp import web


class LoopbackServer(ABC):
    API_PATH = ""  # where the provider's API lives under the root (Flutterwave: /v3)

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self._host, self._port = host, port
        self.root_url = self.base_url = ""
        self._runner: web.AppRunner | None = None

    @abstractmethod
    def application(self) -> web.Application:
        """The fake's routes, with the fake itself reachable from them."""

    async def start(self):
        self._runner = web.AppRunner(self.application(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._host, self._port).start()
        self.root_url = f"http://{self._host}:{self._runner.addresses[0][1]}"
        self.base_url = self.root_url + self.API_PATH
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self):
        return await self.start()

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()


def lost(fake, request: web.Request, answer: web.StreamResponse) -> web.StreamResponse:
    """The fake's `lose_next` switch: a POST carried out whose answer never arrives (502)."""
    if request.method == "POST" and fake.lose_next > 0:
        fake.lose_next -= 1
        return web.Response(status=502, text="Bad Gateway")
    return answer


async def serve_until_signalled(fake: LoopbackServer, name: str) -> None:
    """Run the fake as its own process until SIGINT or SIGTERM, saying where it listens."""
    async with fake:
        stopping = asyncio.Event()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(signal_number, stopping.set)
        print(f"fake {name} listening on {fake.base_url}", flush=True)
        await stopping.wait()
