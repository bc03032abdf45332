"""Statements benchmark: every member of a large book into one PDF and into one file each,
pages per second using both cores, against a bare single-process ReportLab loop drawing a
similar page, measured in the same run.

The book is the 5,000-member, ten-year history that `bench/dues_bench.py --keep-books` leaves
(default: /tmp/appbench/dues-history.coopdesk). It is never opened for writing: it is copied to
OUT first, and the copy is opened and closed once for writing, with a private data folder, so
that it is a book this computer's coopdesk knows, as a treasurer's own book is (the workers'
read-only opens then skip SQLite's whole-file quick_check, `coopdesk.known_books`).

Each side runs in a fresh process, the sides alternating, so that neither inherits the other's
memory or warm caches and both meet the same machine:

- ours: `write_statements` for every member the CLI would choose for the period (one combined
  PDF, then one file per member), timed from the call to its return: workers started, the
  book read, statements built, worded, drawn, saved, joined, files renamed into place.
- bare: one process, plain ReportLab: the same fonts (DejaVu Sans and Bold, embedded), the same
  canvas settings, and for each statement pages of the same shape as ours (the same number of
  pages and of table rows on each, as coopdesk's page plan lays them out), each row five
  strings with alternate rows shaded, the first page with its letterhead, address, reference
  block, summary and amount-due box, every page its footer. No book, no data, no words to
  look up: fixed strings. Files are written plainly (ours are written to a temporary file,
  fsynced and renamed).

Targets (issue 5): ours at least 1.5x the bare loop's pages per second (the best run of each
side; the table also gives the median of each round's ratio, ours against the bare run just
before it); peak memory of ours (the sum over its processes, sampled every 50 ms) under 500 MB.

    .venv/bin/python bench/statements_bench.py [BOOK] [--from DATE --to DATE] [--rounds N]

See docs/performance.md, "The statements benchmark".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

DEFAULT_BOOK = Path("/tmp/appbench/dues-history.coopdesk")
SPEEDUP_TARGET = 1.5
MEMORY_TARGET_MIB = 500
SIDES = ("bare-combined", "ours-combined", "bare-files", "ours-files")


# -- the measured sides, each in its own process ---------------------------------------------

def child_ours(args: argparse.Namespace, combined: bool) -> dict[str, Any]:
    from coopdesk.statements.batch import write_statements

    numbers = json.loads((args.out / "numbers.json").read_text())
    target = args.out / ("ours.pdf" if combined else "ours-files")
    remove(target)
    sampler = MemorySampler()
    start = time.perf_counter()
    result = write_statements(args.book, numbers, args.date_from, args.date_to, target,
                              combined=combined, today=args.today, workers=args.workers)
    seconds = time.perf_counter() - start
    sampler.stop()
    return {"seconds": seconds, "pages": result.pages, "statements": result.statements,
            "peak_total_mib": sampler.peak_mib, "peak_bound_mib": sampler.bound_mib,
            "peak_parent_mib": own_peak_mib(), "peak_worker_mib": sampler.child_mib}


def child_bare(args: argparse.Namespace, combined: bool) -> dict[str, Any]:
    """Plain ReportLab drawing pages shaped like ours (see the module's docstring)."""
    from reportlab import rl_config
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    shapes: list[dict[str, Any]] = json.loads((args.out / "shapes.json").read_text())
    size = (shapes[0]["width"] * mm, shapes[0]["height"] * mm) if shapes else (595, 842)
    folder = args.out / "bare-files"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    sampler = MemorySampler()
    start = time.perf_counter()
    rl_config.useA85 = 0  # as coopdesk's canvases
    fonts = Path(__file__).resolve().parent.parent / "coopdesk" / "statements" / "fonts"
    pdfmetrics.registerFont(TTFont("R", str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("B", str(fonts / "DejaVuSans-Bold.ttf")))

    def new_canvas(target: Any) -> Any:
        return Canvas(target, pagesize=size, pageCompression=1, initialFontName="R")

    pages = 0
    canvas = new_canvas(str(args.out / "bare.pdf")) if combined else None
    for index, shape in enumerate(shapes):
        c = canvas if canvas is not None else new_canvas(str(folder / f"{index:05d}.pdf"))
        for page, rows in enumerate(shape["rows"]):
            bare_page(c, size, page == 0, rows, len(shape["rows"]))
            pages += 1
        if canvas is None:
            c.save()
    if canvas is not None:
        canvas.save()
    seconds = time.perf_counter() - start
    sampler.stop()
    return {"seconds": seconds, "pages": pages, "statements": len(shapes),
            "peak_total_mib": sampler.peak_mib, "peak_bound_mib": sampler.bound_mib,
            "peak_parent_mib": own_peak_mib(), "peak_worker_mib": 0}


def bare_page(c: Any, size: tuple[float, float], first: bool, rows: int, pages: int) -> None:
    width, height = size
    left, right = 70.0, width - 57.0
    if first:
        c.setFont("B", 15)
        c.drawString(left, height - 50, "Riverside Food Co-op")
        c.setFont("R", 7.5)
        for k in range(3):
            c.drawRightString(right, height - 40 - 10 * k, "214 Riverside Avenue, Riverside")
        c.drawString(62, height - 190, "Riverside Food Co-op · 214 Riverside Avenue · Riverside")
        c.line(62, height - 192, 250, height - 192)
        c.setFont("R", 9.5)
        for k in range(3):
            c.drawString(62, height - 205 - 12 * k, "Zoë Weiß-Nguyễn, 1433 River Road")
        for k in range(3):
            c.setFont("R", 7.5)
            c.drawString(355, height - 150 - 24 * k, "Statement date")
            c.setFont("R", 9)
            c.drawString(355, height - 161 - 24 * k, "November 15, 2026")
        c.setFont("B", 12.5)
        c.drawString(left, height - 292, "Statement of account")
        c.setFont("R", 9)
        c.drawString(left, height - 312, "This statement shows your dues account from Jan 1 to Dec 31.")
        for k in range(4):
            c.drawString(left, height - 335 - 12.5 * k, "Balance on Dec 31, 2025")
            c.drawRightString(left + 260, height - 335 - 12.5 * k, "$12.00")
        c.drawString(left, height - 388, "Membership  In good standing")
        c.setFillGray(0.94)
        c.rect(left + 290, height - 385, 175, 60, stroke=0, fill=1)
        c.setFillGray(0)
        for k, text in enumerate(("Amount due", "$12.00", "Please pay by December 15, 2026.")):
            c.drawString(left + 298, height - 340 - 15 * k, text)
        c.line(8, height - 297, 22, height - 297)
        c.line(8, height - 595, 22, height - 595)
        top = height - 430
    else:
        c.setFont("B", 9)
        c.drawString(left, height - 57, "Riverside Food Co-op")
        c.setFont("R", 7.5)
        c.drawRightString(right, height - 57, "Statement of account for Zoë, member 42 (continued)")
        top = height - 80
    c.setFillGray(0.94)
    c.rect(left, top - 17, right - left, 17, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont("B", 8.5)
    for k, title in enumerate(("Date", "Description", "Charges", "Credits", "Balance")):
        c.drawString(left + 4 + 95 * k, top - 12, title)
    c.setFont("R", 8.5)
    y = top - 17
    for k in range(rows):
        if k % 2:
            c.setFillGray(0.975)
            c.rect(left, y - 14, right - left, 14, stroke=0, fill=1)
            c.setFillGray(0)
        c.drawString(left + 4, y - 10, "Mar 1, 2026")
        c.drawString(left + 60, y - 10, "Dues for March 2026")
        c.drawRightString(left + 300, y - 10, "$1.00")
        c.drawRightString(left + 370, y - 10, "$1.00")
        c.drawRightString(right - 4, y - 10, f"${k}.00")
        y -= 14
    c.line(left, y, right, y)
    c.setFont("R", 7.5)
    c.line(left, 45, right, 45)
    c.drawString(left, 33, "Riverside Food Co-op · treasurer@riverside.coop")
    c.drawRightString(right, 33, f"Page 1 of {pages}")
    c.showPage()


class MemorySampler:
    """The peak, over time, of the resident memory of this process and all its descendants
    together (`peak_mib`), and the largest peak of any one of the descendants (`child_mib`).

    Read from /proc (VmRSS, VmHWM), not from getrusage: on Linux a process's maximum resident
    size survives exec, so a child started by a large parent would report the parent's.
    """

    def __init__(self, every: float = 0.05) -> None:
        self.peak_mib = 0.0
        self.child_mib = 0.0
        self._peaks: dict[int, int] = {}  # each process's own peak (VmHWM), KiB
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        me = os.getpid()
        while not self._stop.wait(every):
            memory = _tree_memory_kib(me)
            self.peak_mib = max(self.peak_mib, sum(rss for rss, _ in memory.values()) / 1024)
            self.child_mib = max([self.child_mib, *(hwm / 1024 for pid, (_, hwm) in memory.items()
                                                     if pid != me)])
            for pid, (_, hwm) in memory.items():
                self._peaks[pid] = max(hwm, self._peaks.get(pid, 0))

    @property
    def bound_mib(self) -> float:
        """The sum of every process's own peak: what the total can never have exceeded."""
        return sum(self._peaks.values()) / 1024

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _tree_memory_kib(root: int) -> dict[int, tuple[int, int]]:
    """VmRSS and VmHWM of `root` and each of its descendants, by process id."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    memory = {}
    for pid in tree:
        try:
            fields = dict(line.split(":", 1) for line in
                          Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
            memory[pid] = (int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0]))
        except (OSError, KeyError, ValueError):
            continue
    return memory


def own_peak_mib() -> float:
    """This process's peak resident memory since it started (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


# -- setting up and comparing -----------------------------------------------------------------

def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Copy the book, make it known, choose the period and members, lay out the bare pages."""
    from coopdesk.book import Book
    from coopdesk.statements.paging import plan_pages
    from coopdesk.statements.queries import statements_for
    from coopdesk.statements.selection import statement_members
    from coopdesk.statements.wording import statement_text
    from coopdesk.statements.layout import A4_DIN_5008_B

    copy = args.out / "book.coopdesk"
    print(f"copying {args.source} to {copy} ...", flush=True)
    shutil.copyfile(args.source, copy)
    os.chmod(copy, 0o600)
    time.sleep(2.5)  # known_books does not trust a file written in the last 2 s
    Book.open(copy).close()
    with Book.open(copy, read_only=True) as book:
        numbers = book.read(statement_members, args.date_from, args.date_to, today=args.today)
        shapes = []
        for start in range(0, len(numbers), 1000):
            for s in book.read(statements_for, numbers[start:start + 1000], args.date_from,
                               args.date_to, today=args.today):
                text = statement_text(s)
                plan = plan_pages(A4_DIN_5008_B, len(text.rows), len(text.notes), slip=False)
                shapes.append({"rows": [end - begin for begin, end in plan.rows],
                               "width": A4_DIN_5008_B.page_width,
                               "height": A4_DIN_5008_B.page_height})
    (args.out / "numbers.json").write_text(json.dumps(numbers))
    (args.out / "shapes.json").write_text(json.dumps(shapes))
    pages = sum(len(shape["rows"]) for shape in shapes)
    rows = sum(sum(shape["rows"]) for shape in shapes)
    print(f"  {len(numbers):,} statements for {args.date_from} to {args.date_to}: {pages:,} pages, "
          f"{rows:,} table rows", flush=True)
    args.book = copy
    return {"statements": len(numbers), "pages": pages, "rows": rows}


def run_side(args: argparse.Namespace, side: str, data_home: Path) -> dict[str, Any]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    command = [sys.executable, __file__, str(args.book), "--child", side, "--out", str(args.out),
               "--from", args.date_from.isoformat(), "--to", args.date_to.isoformat(),
               "--today", args.today.isoformat()]
    if args.workers:
        command += ["--workers", str(args.workers)]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    rate = result["pages"] / result["seconds"]
    print(f"  {side:<14} {result['seconds']:7.2f} s  {result['pages']:,} pages  {rate:7.1f} pages/s"
          f"  peak {result['peak_total_mib']:.0f} MiB (processes' own peaks: parent "
          f"{result['peak_parent_mib']:.0f}, largest worker {result['peak_worker_mib']:.0f}, "
          f"sum {result['peak_bound_mib']:.0f})", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, nargs="?", default=DEFAULT_BOOK,
                        help=f"the large book (default {DEFAULT_BOOK}); only read")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "statements")
    parser.add_argument("--from", dest="date_from", type=dt.date.fromisoformat,
                        default=dt.date(2025, 1, 1))
    parser.add_argument("--to", dest="date_to", type=dt.date.fromisoformat,
                        default=dt.date(2025, 12, 31))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 1, 5))
    parser.add_argument("--rounds", type=int, default=2, help="runs of each side (default 2)")
    parser.add_argument("--workers", type=int, help="processes for ours (default: one per core)")
    parser.add_argument("--keep", action="store_true", help="keep the copy and the PDFs")
    parser.add_argument("--child", choices=SIDES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        args.book = args.source
        side, kind = args.child.split("-")
        work = child_ours if side == "ours" else child_bare
        print(json.dumps(work(args, combined=kind == "combined")))
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    data_home = Path(tempfile.mkdtemp(prefix="coopdesk-statements-bench-"))
    os.environ["XDG_DATA_HOME"] = str(data_home)  # known_books: a private data folder
    started = time.perf_counter()
    try:
        setup = prepare(args)
        runs: dict[str, list[dict[str, Any]]] = {side: [] for side in SIDES}
        for round_ in range(args.rounds):
            print(f"round {round_ + 1} of {args.rounds}", flush=True)
            for side in SIDES:  # alternating, so that both sides meet the same machine
                runs[side].append(run_side(args, side, data_home))
    finally:
        shutil.rmtree(data_home, ignore_errors=True)
        if not args.keep:
            for name in ("book.coopdesk", "ours.pdf", "bare.pdf", "ours-files", "bare-files"):
                remove(args.out / name)

    missed = 0
    rows = []
    print(f"\n{'output':<10}{'ours pages/s':>14}{'bare pages/s':>14}{'ratio':>8}{'rounds':>8}"
          f"{'target':>8}{'peak MiB':>10}{'target':>8}  result")
    for kind in ("combined", "files"):
        ours = max(runs[f"ours-{kind}"], key=lambda r: r["pages"] / r["seconds"])
        bare = max(runs[f"bare-{kind}"], key=lambda r: r["pages"] / r["seconds"])
        ours_rate, bare_rate = ours["pages"] / ours["seconds"], bare["pages"] / bare["seconds"]
        ratio = ours_rate / bare_rate
        # Each round's ratio (ours against the bare run just before it), for the spread.
        rounds = [(o["pages"] / o["seconds"]) / (b["pages"] / b["seconds"])
                  for o, b in zip(runs[f"ours-{kind}"], runs[f"bare-{kind}"], strict=True)]
        peak = max(r["peak_total_mib"] for r in runs[f"ours-{kind}"])
        passed = ratio >= SPEEDUP_TARGET and peak < MEMORY_TARGET_MIB
        missed += not passed
        print(f"{kind:<10}{ours_rate:>14.1f}{bare_rate:>14.1f}{ratio:>8.2f}"
              f"{statistics.median(rounds):>8.2f}{SPEEDUP_TARGET:>7.1f}x"
              f"{peak:>10.0f}{MEMORY_TARGET_MIB:>8}  {'pass' if passed else 'FAIL'}")
        rows.append({"output": kind, "ours_pages_per_s": ours_rate, "bare_pages_per_s": bare_rate,
                     "ratio": ratio, "round_ratios": rounds, "peak_total_mib": peak,
                     "pass": passed, "ours_best": ours, "bare_best": bare})
    elapsed = time.perf_counter() - started
    print(f"best of {args.rounds} alternating runs each; {setup['statements']:,} statements, "
          f"{setup['pages']:,} pages; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f};"
          f" whole run {elapsed:.0f} s; Python {sys.version.split()[0]}")
    (args.out / "results.json").write_text(json.dumps(
        {"setup": setup, "results": rows, "runs": runs, "cores": os.cpu_count(),
         "load_average": os.getloadavg()}, indent=2, default=str))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
