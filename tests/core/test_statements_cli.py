"""`coopdesk statements` on the command line."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from coopdesk.book import Book
from coopdesk.cli.statements_command import ProgressBar
from tests.core.test_cli import run
from tests.core.test_statements_data import build_coop

PERIOD = ("--from", "2026-02-01", "--to", "2026-07-31", "--date", "2026-08-05")


@pytest.fixture
def coop_path(tmp_path: Path) -> Path:
    path = tmp_path / "coop.coopdesk"
    with Book.create(path, name="Riverside Food Co-op") as book:
        build_coop(book)
    return path


def test_one_combined_pdf_for_everyone(coop_path: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "july.pdf"
    code, stdout, stderr = run(capsys, "--book", str(coop_path), "statements", *PERIOD, "--out", str(out),
                               "--duplex", "--slip", "--paper", "letter")
    assert code == 0, stderr
    pages = len(PdfReader(out).pages)
    assert stdout.strip() == f"Wrote 6 statement(s), {pages} page(s): {out}"
    assert pages % 2 == 0 and stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert stderr == ""  # no progress bar when stderr is not a terminal
    width = PdfReader(out).pages[0].mediabox.width
    assert round(float(width)) == 612  # US Letter


def test_one_file_per_member_in_a_folder(coop_path: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "statements"
    code, stdout, _ = run(capsys, "--book", str(coop_path), "statements", *PERIOD, "--members", "2, 3",
                          "--out", f"{out}/")
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["2-Chloe-Lefevre.pdf", "3-Jurgen-Muller.pdf"]
    assert stdout.strip() == f"Wrote 2 statement(s), 2 page(s): 2 files in {out}"
    code, stdout, _ = run(capsys, "--book", str(coop_path), "statements", *PERIOD, "--members", "1",
                          "--out", f"{tmp_path / 'folder.pdf'}/")
    assert code == 0 and (tmp_path / "folder.pdf" / "1-Ada-Okafor.pdf").is_file()


def test_members_in_arrears_only(coop_path: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "arrears"
    code, stdout, _ = run(capsys, "--book", str(coop_path), "statements", *PERIOD, "--status", "arrears",
                          "--out", str(out))
    assert code == 0 and "Wrote 4 statement(s)" in stdout
    assert sorted(p.name.split("-")[0] for p in out.iterdir()) == ["1", "3", "4", "6"]


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2026-07-31", "--to", "2026-02-01", "--date", "2026-08-05"), "ends (2026-02-01) before it starts"),
    (("--from", "2026-02-01", "--to", "2026-09-30", "--date", "2026-08-05"), "cannot cover days after it"),
    ((*PERIOD, "--members", "1,99"), "no member with number '99'"),
    ((*PERIOD, "--members", " , "), "name at least one member number"),
])
def test_refusals_are_one_line(coop_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               args: tuple[str, ...], message: str) -> None:
    code, _, stderr = run(capsys, "--book", str(coop_path), "statements", *args,
                          "--out", str(tmp_path / "x.pdf"))
    assert code != 0 and message in stderr and len(stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_members_and_status_do_not_go_together(coop_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(capsys, "--book", str(coop_path), "statements", *PERIOD, "--members", "1",
            "--status", "lapsed", "--out", str(tmp_path / "x.pdf"))
    assert stopped.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_a_pdf_name_that_is_a_folder_is_refused(coop_path: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "odd.pdf").mkdir()
    code, _, stderr = run(capsys, "--book", str(coop_path), "statements", *PERIOD, "--members", "1",
                          "--out", str(tmp_path / "odd.pdf" / "inner" / "x.pdf"))
    assert code != 0 and "no such folder" in stderr


def test_the_progress_bar_is_drawn_on_a_terminal_only() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    bar = ProgressBar(shown)
    for done in range(0, 11):
        bar(done, 10)
    bar.finish()
    assert shown.getvalue().startswith("\rStatements [") and shown.getvalue().endswith("] 10/10\n")
    quiet = io.StringIO()
    silent = ProgressBar(quiet)
    silent(5, 10)
    silent.finish()
    assert quiet.getvalue() == ""
