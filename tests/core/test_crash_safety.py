"""Every write is one transaction: a process killed at any moment loses nothing it committed."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.ledger import queries

# The child posts one entry per transaction and prints its id only after commit returned.
CHILD = r"""
import datetime as dt, sys
from coopdesk.book import Book
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.money import Money
book = Book.open(sys.argv[1])
n = 0
while True:
    n += 1
    amount = Money.from_minor(n, "USD")
    spec = EntrySpec(dt.date(2026, 1, 1 + n % 28), (PostingSpec("5000", amount), PostingSpec("1010", -amount)),
                     memo=f"crash test {n}")
    (entry_id,) = book.run(post_specs, [spec]).result
    print(entry_id, flush=True)
"""

ROUNDS = 20


def test_killing_the_writer_at_random_moments_loses_no_committed_entry(tmp_path: Path) -> None:
    path = tmp_path / "crash.coopdesk"
    Book.create(path, name="Crash Co-op").close()
    rng = random.Random(20261126)
    committed: set[int] = set()
    for round_no in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        printed: list[int] = []
        reader = threading.Thread(target=_collect, args=(child, printed))
        reader.start()
        while not printed and child.poll() is None:  # let it get going, then kill it mid-stream
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join()
        assert child.stderr is not None
        errors = child.stderr.read()
        child.stderr.close()
        assert printed, f"round {round_no}: the child posted nothing ({errors.strip()})"
        committed.update(printed)
        with Book.open(path) as book:  # also takes over the dead child's lock
            problems = [p for r in book.read(run_checks) for p in r.problems]
            assert problems == [], f"round {round_no}: {problems}"
            in_book = {row.entry_id for row in book.read(queries.register, "5000")}
        assert committed <= in_book, f"round {round_no}: lost {sorted(committed - in_book)}"
    assert len(committed) > ROUNDS


def _collect(child: subprocess.Popen[str], printed: list[int]) -> None:
    assert child.stdout is not None
    for line in child.stdout:
        printed.append(int(line))
    child.stdout.close()
