"""Sandboxes of the national systems integration talks to: small Flask apps of their own,
real HTTP servers that keep state in SQLite and inject faults on request.

- ``siasn``: BKN's SIASN as its clients see it (``../shared/design/NATIONAL.md``): both tokens
  with expiry, the personnel and reference reads with paging, the three save endpoints with
  SIASN's field names and ``mapData`` answers, the history reads.
- ``pmm``: the teachers' platform, an interface of our own design (NATIONAL.md says none is
  public).

Both are controlled under ``/_sandbox/...`` (faults, seeding, state), served by ``server.py``
(a thread in tests and in ``make run``; ``kinerja integration sandbox`` as a process).
"""
