"""Reading one HTTP response within limits of time and memory.

httpx's limits are per operation: its read timeout restarts with every byte,
so a server sending one byte a second (slowloris) holds a fetch forever; and
it decodes every Content-Encoding layer a server lists, each small chunk at
once, so 1,827 bytes of `gzip, gzip` become a gigabyte before any size check
can look. Here:

- `Deadline` bounds the whole response. It learns the connection's socket
  from httpcore's documented `trace` extension and shuts it down when time
  is up, which wakes a read blocked on slow headers or a slow body; every
  request asks for `Connection: close`, so each has its own connection.
- `BodyReader` reads the raw (still encoded) bytes and decodes at most one
  layer (gzip or deflate) itself, in steps that never produce more than the
  size limit allows, so memory stays within `max_bytes` whatever the ratio.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Iterable

DECODERS = {
    "gzip": zlib.MAX_WBITS | 16,
    "x-gzip": zlib.MAX_WBITS | 16,
    "deflate": zlib.MAX_WBITS,  # zlib-wrapped, as RFC 9110 says; raw deflate is tried when that fails
}
NO_ENCODING = ("", "identity")


class BodyRefused(Exception):
    """The body breaks a limit; the message says which."""


class Deadline:
    """A response's time limit, enforced by cutting its connection."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends_at = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._guard = threading.Lock()
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True
        self.expired = False

    def trace(self, event: str, info: dict) -> None:
        """httpcore's trace hook: remember each connection this response opens."""
        if event == "connection.connect_tcp.complete":
            sock = info["return_value"].get_extra_info("socket")
            if sock is not None:
                with self._guard:
                    self._sockets.append(sock)
                    if self.expired:
                        self._shutdown(sock)

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.ends_at

    def _cut(self) -> None:
        with self._guard:
            self.expired = True
            for sock in self._sockets:
                self._shutdown(sock)

    @staticmethod
    def _shutdown(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed: nothing left to cut

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()


def content_codings(header: str | None) -> list[str]:
    """The codings a Content-Encoding header lists, in the order applied, identity left out."""
    return [c.strip().lower() for c in (header or "").split(",") if c.strip().lower() not in NO_ENCODING]


class BodyReader:
    """Raw chunks in, decoded bytes out, never more than `limit` of either."""

    def __init__(self, content_encoding: str | None, limit: int):
        codings = content_codings(content_encoding)
        if len(codings) > 1:
            raise BodyRefused(f"Content-Encoding {', '.join(codings)}: more than one layer; only one is decoded")
        if codings and codings[0] not in DECODERS:
            raise BodyRefused(f"unsupported Content-Encoding {codings[0]}")
        self.coding = codings[0] if codings else None
        self.limit = limit
        self._wire = 0
        self._size = 0
        self._parts: list[bytes] = []
        self._decoder = zlib.decompressobj(DECODERS[self.coding]) if self.coding else None
        self._first = True

    def read(self, chunks: Iterable[bytes], deadline: Deadline) -> bytes:
        for chunk in chunks:
            if deadline.passed():
                raise BodyRefused(f"no complete response within the {deadline.seconds:g} s deadline")
            self._wire += len(chunk)
            if self._wire > self.limit:
                raise BodyRefused(f"too large: more than {self.limit} bytes")
            self._feed(chunk)
        if self._decoder is not None:
            self._keep(self._decoder.flush())
        return b"".join(self._parts)

    def _feed(self, data: bytes) -> None:
        if self._decoder is None:
            self._keep(data)
            return
        if self._first and self.coding == "deflate":
            self._first = False
            if len(data) >= 2 and not (data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0):  # raw deflate, as some servers send
                self._decoder = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while data and not self._decoder.eof:
                self._keep(self._decoder.decompress(data, self.limit - self._size + 1))
                data = self._decoder.unconsumed_tail
        except zlib.error as exc:
            raise BodyRefused(f"body does not decode as {self.coding} ({exc})") from exc

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self.limit:
            raise BodyRefused(f"too large: more than {self.limit} bytes once decoded ({self.coding})")
        if data:
            self._parts.append(data)
