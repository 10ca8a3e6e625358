"""A deliberately hostile HTTP server on 127.0.0.1 for the fetcher's limits.

pytest-httpserver answers through werkzeug, which sends headers in one
piece; a slowloris needs control of every byte, so this is a raw socket
server with one behaviour per path:

- /slow-headers: a status line, then a header one byte every TICK seconds;
- /slow-body: complete headers, then the body one byte every TICK seconds;
- /bomb-double: `Content-Encoding: gzip, gzip`, a few KB that inflate to 256 MiB;
- /bomb-single: `Content-Encoding: gzip`, about a megabyte that inflates to 256 MiB;
- /gzip-page: a small page, gzip-encoded, as a polite server sends it;
- anything else (robots.txt included): 404.
"""

from __future__ import annotations

import gzip
import socketserver
import threading
import time
import zlib
from functools import lru_cache

TICK = 0.2
BOMB_MIB = 256
PAGE = "<html><head><title>简报</title></head><body><p>完成税收20.17亿元，比去年同期13.88亿元增长6.39亿元。</p></body></html>"


@lru_cache(maxsize=1)
def bombs() -> tuple[bytes, bytes]:
    """(one gzip layer, two gzip layers) of BOMB_MIB MiB of zeros."""
    deflate = zlib.compressobj(1, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1 << 20)
    single = b"".join([deflate.compress(zeros) for _ in range(BOMB_MIB)] + [deflate.flush()])
    return single, gzip.compress(single)


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "Connection: close", "", ""]
    return "\r\n".join(lines).encode("ascii")


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ", 2)[1].decode("ascii", "replace")
        try:
            self._answer(path)
        except OSError:
            pass  # the client hung up, as it should when its deadline passes

    def _answer(self, path: str) -> None:
        send = self.request.sendall
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path.startswith("/slow-headers"):
            send(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            for _ in range(int(120 / TICK)):
                send(b"a")
                time.sleep(TICK)
        elif path.startswith("/slow-body"):
            send(_head("200 OK", {**html, "Content-Length": "100000"}))
            for _ in range(int(120 / TICK)):
                send(b"<")
                time.sleep(TICK)
        elif path.startswith("/bomb-"):
            single, double = bombs()
            body = double if path.startswith("/bomb-double") else single
            coding = "gzip, gzip" if path.startswith("/bomb-double") else "gzip"
            send(_head("200 OK", {**html, "Content-Encoding": coding, "Content-Length": str(len(body))}) + body)
        elif path.startswith("/gzip-page"):
            body = gzip.compress(PAGE.encode("utf-8"))
            send(_head("200 OK", {**html, "Content-Encoding": "gzip", "Content-Length": str(len(body))}) + body)
        else:
            send(_head("404 Not Found", {"Content-Length": "0"}))


class HostileServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
