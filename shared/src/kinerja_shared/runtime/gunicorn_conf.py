"""Gunicorn settings for a Kinerja web process: Prometheus metrics over all workers.

    gunicorn -c python:kinerja_shared.runtime.gunicorn_conf --bind 0.0.0.0:8000 --workers 2 \\
        'kinerja_shared.runtime.wsgi:create_app("skp")'

Each gunicorn worker is a process of its own, and a scrape of ``/metrics`` reaches one of them.
prometheus_client's multiprocess mode makes every worker write its values to files in
``PROMETHEUS_MULTIPROC_DIR`` and ``/metrics`` merge them (kinerja_shared.web.metrics). This
module does the server's part of it:

- ``PROMETHEUS_MULTIPROC_DIR`` is set before any worker starts (workers inherit it). When the
  environment does not give it, a private directory is made under the temporary directory
  and removed when the server exits. Production sets it to a directory of its own on a
  tmpfs / emptyDir volume (docker-compose.yml, deploy/k8s/), which also works with a
  read-only root filesystem.
- ``on_starting``: the directory is created if missing and emptied (the values of an earlier
  run must not be added to this one's). One directory per gunicorn server, then: two servers
  sharing one would wipe and mix each other's values.
- ``child_exit``: a worker that has exited (stopped, killed, timed out, recycled) is marked
  dead, so its ``live*`` gauges disappear; its counters and histograms stay in the sums, as
  counts of requests that did happen.

A configuration reload (HUP) keeps the directory and the counts. A binary upgrade (USR2) is not
supported: the new master would empty the directory under the old workers; containers are
replaced instead.

Only hooks are defined here; every other setting comes from the command line and
``GUNICORN_CMD_ARGS``. (Gunicorn reads each module-level name that matches a setting, so the
helpers' names start with an underscore.)
"""
from __future__ import annotations

import os as _os
import shutil as _shutil
import tempfile as _tempfile

_ENV = "PROMETHEUS_MULTIPROC_DIR"


def _metrics_dir() -> tuple[str, bool]:
    """The directory, and whether this module made it up (and so removes it on exit)."""
    given = _os.environ.get(_ENV)
    if given:
        return given, False
    made = _tempfile.mkdtemp(prefix="kinerja-metrics-")
    # at import, in the master: before a worker (or a --preload app) imports prometheus_client
    _os.environ[_ENV] = made
    return made, True


_DIR, _PRIVATE = _metrics_dir()


def _empty(path: str) -> None:
    """Create ``path`` if needed and remove what is inside (it may be a mount point, so the
    directory itself stays)."""
    _os.makedirs(path, exist_ok=True)
    with _os.scandir(path) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _shutil.rmtree(entry.path)
            else:
                _os.unlink(entry.path)


def on_starting(server) -> None:
    _empty(_DIR)
    server.log.info("Prometheus multiprocess metrics in %s", _DIR)


def child_exit(server, worker) -> None:
    from prometheus_client.multiprocess import mark_process_dead

    mark_process_dead(worker.pid, _DIR)


def on_exit(server) -> None:
    if _PRIVATE:
        _shutil.rmtree(_DIR, ignore_errors=True)
