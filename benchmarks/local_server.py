"""A local HTTP server for the fetching benchmarks, run in its own process:
/slow/N answers a small page after 200 ms; /big/N sends 10,000,000 bytes of text.
Prints its port on the first line; stops when its stdin closes."""

from __future__ import annotations

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = (
    b"<html><head><title>Slow page</title></head>"
    b"<body><article><p>Trade rose 5% in 2025.</p></article></body></html>"
)
LINE = b"Bilateral trade reached $155.6bn in 2025, official customs figures show.\n"
BIG = (LINE * (10_000_000 // len(LINE) + 1))[:10_000_000]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/slow/"):
            time.sleep(0.2)
            body, kind = PAGE, "text/html; charset=utf-8"
        elif self.path.startswith("/big/"):
            body, kind = BIG, "text/plain; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    # the default listen backlog of 5 drops connections when ten arrive at once, and the
    # client's retry a second later would be charged to the code under test
    request_queue_size = 128


def main() -> None:
    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the benchmark closes our stdin
    server.shutdown()


if __name__ == "__main__":
    main()
