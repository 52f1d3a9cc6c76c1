"""Post prepared webhook requests at a steady rate, as Telegram would, from a process of its own.

    python bench/load_post.py REQUESTS RESULTS --rate R --ports P1,P2,... [--connections 40]

REQUESTS holds one JSON string per line (a whole HTTP/1.1 request, latin-1). Each request i is
due at start + i/R (an open loop: a slow server does not slow the schedule down, so waiting
counts as latency), and goes out on the next free keep-alive connection, the connections
spread round-robin over the ports (Telegram opens up to 40). RESULTS gets one JSON object:
`start` (time.monotonic(), the same clock in every process of the machine) and, per request,
its HTTP status (0 when the connection failed).
"""

import argparse
import asyncio
import json
import time
from pathlib import Path


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


async def _connection(port: int, jobs: asyncio.Queue, statuses: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while (job := await jobs.get()) is not None:
            index, raw = job
            try:
                statuses[index] = await _exchange(reader, writer, raw)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                statuses[index] = 0
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
    finally:
        writer.close()


async def post_all(requests: list[bytes], rate: float, ports: list[int], connections: int):
    jobs: asyncio.Queue = asyncio.Queue()
    statuses = [-1] * len(requests)
    start = time.monotonic() + 0.2  # time to open the connections
    workers = [
        asyncio.create_task(_connection(ports[i % len(ports)], jobs, statuses))
        for i in range(connections)
    ]
    for index, raw in enumerate(requests):
        delay = start + index / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        jobs.put_nowait((index, raw))
    for _ in workers:
        jobs.put_nowait(None)
    await asyncio.gather(*workers)
    return start, statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requests", type=Path)
    parser.add_argument("results", type=Path)
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--ports", required=True)
    parser.add_argument("--connections", type=int, default=40)
    args = parser.parse_args()
    lines = args.requests.read_text().splitlines()
    requests = [json.loads(line).encode("latin-1") for line in lines]
    ports = [int(port) for port in args.ports.split(",")]
    start, statuses = asyncio.run(post_all(requests, args.rate, ports, args.connections))
    args.results.write_text(json.dumps({"start": start, "statuses": statuses}))


if __name__ == "__main__":
    main()
