"""Job functions by name, and the context a running job reports its progress through.

    registry = JobRegistry()

    @registry.task("laporan.rekap_predikat")
    def rekap_predikat(ctx: JobContext, *, periode_id: str) -> dict:
        rows = load(periode_id)
        ctx.set_total(len(rows))
        for batch in chunks(rows, 500):
            write(batch)
            ctx.advance(len(batch))
        return {"file": "..."}

A job function takes the context and its params as keywords, returns JSON-able ``hasil``, and
raises to fail. It may be run again after a worker was lost, so it must be safe to rerun.
"""
from __future__ import annotations

import time
from typing import Any, Callable

ProgressSink = Callable[[int, "int | None", int], None]  # (selesai, total, progres)
JobFunction = Callable[..., Any]


class UnknownJob(LookupError):
    """No job function is registered under that name."""


class JobRegistry:
    def __init__(self) -> None:
        self._functions: dict[str, JobFunction] = {}

    def task(self, name: str) -> Callable[[JobFunction], JobFunction]:
        """Register the decorated function as the job ``name``; the function is unchanged."""
        def register(fn: JobFunction) -> JobFunction:
            if name in self._functions:
                raise ValueError(f"job {name!r} is already registered")
            self._functions[name] = fn
            return fn
        return register

    def get(self, name: str) -> JobFunction:
        try:
            return self._functions[name]
        except KeyError:
            raise UnknownJob(name) from None

    def names(self) -> list[str]:
        return sorted(self._functions)

    def __contains__(self, name: object) -> bool:
        return name in self._functions


class JobContext:
    """What a job function sees: its id, params, and where it reports progress.

    Progress is written when the whole percentage changes (at most 101 writes for a job with a
    known total, however many rows it has) or, while the total is unknown, at most once per
    ``min_interval`` seconds. ``sink`` does the writing; tests of job functions can pass their
    own or none.
    """

    def __init__(self, job_id: str, params: dict[str, Any], *, jenis: str = "",
                 instansi_id: str | None = None, dibuat_oleh: str | None = None,
                 sink: ProgressSink | None = None, min_interval: float = 1.0) -> None:
        self.job_id = job_id
        self.params = params
        self.jenis = jenis
        self.instansi_id = instansi_id
        self.dibuat_oleh = dibuat_oleh
        self.total: int | None = None
        self.done = 0
        self._sink = sink
        self._min_interval = min_interval
        self._written_progres = -1
        self._written_at: float | None = None

    @property
    def progres(self) -> int:
        """Whole percent done, 0-100 (0 while the total is unknown)."""
        if not self.total:
            return 0
        return max(0, min(100, self.done * 100 // self.total))

    def set_total(self, total: int) -> None:
        if total < 0:
            raise ValueError("total must not be negative")
        self.total = total
        self._report(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._report()

    def progress(self, done: int, total: int | None = None) -> None:
        if total is not None and total != self.total:
            self.total = total
            self.done = done
            self._report(force=True)
            return
        self.done = done
        self._report()

    def _report(self, *, force: bool = False) -> None:
        if self._sink is None:
            return
        progres = self.progres
        if not force:
            if self.total:
                if progres == self._written_progres:
                    return
            elif (self._written_at is not None
                  and time.monotonic() - self._written_at < self._min_interval):
                return
        self._sink(self.done, self.total, progres)
        self._written_progres = progres
        self._written_at = time.monotonic()
