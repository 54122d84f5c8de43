"""A TCP proxy on loopback that behaves like a slow mobile link: a bandwidth and a round-trip time.

Each direction is one shared pipe of `rate_bps` for all connections through the proxy (a phone has
one radio link, not one per socket). A chunk waits for the pipe, takes len*8/rate seconds to
serialise, then half the round trip to arrive; chunks of one connection arrive in the order sent.
A new connection's first bytes also wait one round trip for the TCP handshake. Byte counts are
TCP payload only, without TCP/IP headers. Not modelled: TCP slow start and windows (the proxy reads
as fast as the loopback sender writes, so a big answer queues in front of later small ones, as in
a modem's buffer) and packet loss.

    async with ThrottledLink(5984, rate_bps=400_000, rtt_s=0.4) as link:
        ...  # talk to 127.0.0.1:link.port
        print(link.bytes_up, link.bytes_down)

    python -m bench.throttle --target 5984 --rate-bps 400000 --rtt-ms 400
"""
import argparse
import asyncio
import signal
import time

# About one Ethernet frame's payload: bytes arrive packet by packet, not a read buffer at once.
SEGMENT_BYTES = 1448
READ_BYTES = 65536


class Pipe:
    """One direction of the link: when the next byte can start serialising, and how many went."""

    def __init__(self, rate_bps: int, one_way_delay_s: float):
        self.rate_bps = rate_bps
        self.one_way_delay_s = one_way_delay_s
        self.free_at = 0.0
        self.bytes = 0

    def arrival(self, size: int, ready_at: float) -> float:
        """Book the pipe for `size` bytes offered at `ready_at`; return when they reach the far end."""
        start = max(ready_at, self.free_at)
        self.free_at = start + size * 8 / self.rate_bps
        self.bytes += size
        return self.free_at + self.one_way_delay_s


class ThrottledLink:
    def __init__(self, target_port: int, rate_bps: int, rtt_s: float,
                 target_host: str = "127.0.0.1", port: int = 0):
        self.target_host = target_host
        self.target_port = target_port
        self.rtt_s = rtt_s
        self.up = Pipe(rate_bps, rtt_s / 2)
        self.down = Pipe(rate_bps, rtt_s / 2)
        self.port = port
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task] = set()

    @property
    def bytes_up(self) -> int:
        return self.up.bytes

    @property
    def bytes_down(self) -> int:
        return self.down.bytes

    async def __aenter__(self) -> "ThrottledLink":
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc_info) -> None:
        self._server.close()
        for handler in list(self._handlers):
            handler.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        await self._server.wait_closed()

    def _accept(self, client_reader, client_writer) -> None:
        # Our own task, not asyncio's callback task: cancelling that one at close logs a traceback.
        handler = asyncio.create_task(self._connection(client_reader, client_writer))
        self._handlers.add(handler)
        handler.add_done_callback(self._handlers.discard)

    async def _connection(self, client_reader, client_writer) -> None:
        self.connections += 1
        handshake_done_at = time.monotonic() + self.rtt_s
        try:
            server_reader, server_writer = await asyncio.open_connection(
                self.target_host, self.target_port)
        except OSError:
            client_writer.close()
            raise
        try:
            await asyncio.gather(
                _forward(client_reader, server_writer, self.up, handshake_done_at),
                _forward(server_reader, client_writer, self.down, handshake_done_at),
            )
        finally:
            for writer in (client_writer, server_writer):
                writer.close()


async def _forward(reader, writer, pipe: Pipe, not_before: float) -> None:
    """Read as fast as the sender writes; deliver each segment at its arrival time, in order.

    The end of the stream (FIN) travels too: it arrives after the last segment, one-way delay later.
    """
    arrivals: asyncio.Queue = asyncio.Queue()

    async def deliver():
        while True:
            arrive_at, segment = await arrivals.get()
            await asyncio.sleep(max(0.0, arrive_at - time.monotonic()))
            if segment is None:
                break
            writer.write(segment)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()

    delivery = asyncio.create_task(deliver())
    try:
        while data := await reader.read(READ_BYTES):
            now = max(time.monotonic(), not_before)
            for offset in range(0, len(data), SEGMENT_BYTES):
                segment = data[offset:offset + SEGMENT_BYTES]
                arrivals.put_nowait((pipe.arrival(len(segment), now), segment))
        arrivals.put_nowait((pipe.arrival(0, time.monotonic()), None))
        await delivery
    except OSError:
        pass  # a peer reset or already went away (ENOTCONN on the half-close): this direction is over
    finally:
        delivery.cancel()


async def _serve(args) -> None:
    async with ThrottledLink(args.target, args.rate_bps, args.rtt_ms / 1000, port=args.port) as link:
        print(f"127.0.0.1:{link.port} -> 127.0.0.1:{args.target} "
              f"at {args.rate_bps} bit/s, {args.rtt_ms:g} ms round trip; Ctrl-C to stop", flush=True)
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(signum, stop.set)
        await stop.wait()
        print(f"up {link.bytes_up} B, down {link.bytes_down} B, {link.connections} connections", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", type=int, required=True, help="port on 127.0.0.1 to forward to")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: any free)")
    parser.add_argument("--rate-bps", type=int, default=400_000)
    parser.add_argument("--rtt-ms", type=float, default=400)
    asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
