"""Serving a sandbox: a real HTTP server on a thread (tests, ``make run``, the benchmark) or
in the foreground (``kinerja integration sandbox siasn|pmm``, a container of its own)."""
from __future__ import annotations

import dataclasses
import threading

from werkzeug.serving import WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:  # one line per call would drown the logs
        pass


@dataclasses.dataclass
class Running:
    url: str
    app: object
    server: object
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


def serve_in_thread(app, *, host: str = "127.0.0.1", port: int = 0) -> Running:
    """Serve ``app`` on a daemon thread (port 0: any free port); answers keep-alive
    connections, one thread per connection."""
    server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="kinerja-sandbox", daemon=True)
    thread.start()
    return Running(f"http://{host}:{server.server_port}", app, server, thread)


def serve_forever(app, *, host: str, port: int) -> None:
    server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
