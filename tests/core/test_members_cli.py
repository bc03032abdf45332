"""The member register on the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.core.test_cli import run


@pytest.fixture
def members_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    path = tmp_path / "members.coopdesk"
    assert run(capsys, "init", str(path), "--name", "Tool Library")[0] == 0
    book = ("--book", str(path))
    assert run(capsys, *book, "members", "add", "Ada Okafor", "--joined", "2025-03-01", "--class", "worker",
               "--address", "12 Mill Lane", "--address", "Flat 2", "--email", "ada@example.org")[1] == "Added member 1\n"
    assert run(capsys, *book, "members", "add", "Sam Okafor", "--joined", "2025-04-01", "--payer", "1")[0] == 0
    return book


def test_add_list_and_show(members_book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *members_book, "members", "list", "--format", "json")
    rows = json.loads(out)
    assert [(r["number"], r["sort_name"], r["payer_number"], r["status"]) for r in rows] == [
        ("1", "Okafor, Ada", None, "active"), ("2", "Okafor, Sam", "1", "active")]
    code, out, _ = run(capsys, *members_book, "members", "show", "1", "--format", "json")
    (detail,) = json.loads(out)
    assert detail["address_lines"] == ["12 Mill Lane", "Flat 2"] and detail["class_votes"] is True


def test_edit_records_history_and_leave_changes_status(members_book: tuple[str, str],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *members_book, "members", "edit", "2", "--email", "sam@example.org")[0] == 0
    code, out, _ = run(capsys, *members_book, "members", "history", "2", "--format", "json")
    assert [(c["field"], c["after"]) for c in json.loads(out)] == [("created", "2"), ("email", "sam@example.org")]
    assert run(capsys, *members_book, "members", "leave", "2", "--date", "2026-01-31")[0] == 0
    code, out, _ = run(capsys, *members_book, "members", "list", "--as-of", "2026-02-01", "--status", "withdrawn",
                       "--format", "csv")
    assert out.splitlines()[1].startswith("2,Sam Okafor,")


def test_errors_are_one_line(members_book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *members_book, "members", "add", "Bo", "--joined", "2025-01-01", "--number", "1")
    assert code == 1 and err == "coopdesk: member refused: number: member number '1' is already taken\n"
    code, _, err = run(capsys, *members_book, "members", "edit", "9", "--city", "X")
    assert code == 1 and err == "coopdesk: no member with number '9'\n"
    code, _, err = run(capsys, *members_book, "members", "edit", "1")
    assert code == 2 and "nothing to change" in err


def test_classes(members_book: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *members_book, "classes", "add", "Youth", "Youth member")[0] == 0
    code, out, _ = run(capsys, *members_book, "classes", "list", "--format", "json")
    assert json.loads(out)[-1] == {"code": "youth", "name": "Youth member", "votes": False}


def _export(capsys: pytest.CaptureFixture[str], book: tuple[str, str], path: Path) -> list[dict[str, str]]:
    assert run(capsys, *book, "members", "export", str(path))[0] == 0
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_export_holds_what_show_says_of_each_member(members_book: tuple[str, str], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    book = members_book
    for argv in (("members", "add", "Acme Bakery", "--joined", "2025-05-01", "--kind", "organisation",
                  "--language", "fr", "--notes", "Pays by invoice"),
                 ("members", "add", "Bo Lind", "--joined", "2025-06-01", "--class", "consumer"),
                 ("members", "leave", "4", "--date", "2025-12-31"),
                 ("plans", "add", "Monthly", "--amount", "5", "--frequency", "monthly"),
                 ("plans", "assign", "2", "Monthly", "--from", "2025-04-01"),
                 ("dues", "run", "--through", "2025-06")):
        assert run(capsys, *book, *argv)[0] == 0, argv
    rows = _export(capsys, book, tmp_path / "register.csv")
    assert [r["number"] for r in rows] == ["3", "4", "1", "2"]  # in sort-name order
    for row in rows:
        out = io.StringIO(run(capsys, *book, "members", "show", row["number"], "--format", "csv")[1])
        (shown,) = csv.DictReader(out)
        shown_lines = json.loads(run(capsys, *book, "members", "show", row["number"],
                                     "--format", "json")[1])[0]["address_lines"]
        exported_lines = [row.pop(f"address_{n}") for n in (1, 2, 3)]
        assert [line for line in exported_lines if line] == shown_lines
        del shown["address_lines"]
        assert row == shown
    assert {r["number"]: r["status"] for r in rows}["2"] == "pending"  # first dues unpaid


def test_export_reads_the_register_in_the_same_few_queries_however_many_members(
        members_book: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    def queries_to_export() -> int:
        statements.clear()
        event.listen(Engine, "before_cursor_execute", count)
        try:
            _export(capsys, members_book, tmp_path / "register.csv")
        finally:
            event.remove(Engine, "before_cursor_execute", count)
        return len(statements)

    two = queries_to_export()
    for n in range(10):
        assert run(capsys, *members_book, "members", "add", f"Member {n}", "--joined", "2025-01-01",
                   "--class", "worker", "--payer", "1")[0] == 0
    assert queries_to_export() == two


def test_an_exported_register_imports_into_another_book(
        members_book: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "register.csv"
    _export(capsys, members_book, exported)
    other = ("--book", str(tmp_path / "other.coopdesk"))
    assert run(capsys, "init", other[1], "--name", "Successor")[0] == 0
    assert run(capsys, *other, "members", "import", str(exported))[0] == 0
    for number in ("1", "2"):
        before = json.loads(run(capsys, *members_book, "members", "show", number, "--format", "json")[1])[0]
        after = json.loads(run(capsys, *other, "members", "show", number, "--format", "json")[1])[0]
        for field in ("display_name", "sort_name", "address_lines", "email", "join_date",
                      "class_code", "payer_number"):
            assert after[field] == before[field], field
